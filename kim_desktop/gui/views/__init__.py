"""The main window's views; each one is a CaseFileView."""
