"""Frozen entry point of ``kim`` (PyInstaller)."""

from kim_desktop.cli import main

raise SystemExit(main())
