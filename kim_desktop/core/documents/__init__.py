"""The plain data that documents print."""
