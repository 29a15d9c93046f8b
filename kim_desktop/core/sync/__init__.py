"""Keys, district configuration, sync bundles."""
