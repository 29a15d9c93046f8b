"""The desktop program (PySide6). Thin: every read and write goes through kim_desktop.core."""
