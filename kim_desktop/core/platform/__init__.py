"""The machine: folders, logs, private file writing, the machine-wide policy."""
