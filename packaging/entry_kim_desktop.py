"""Frozen entry point of ``kim-desktop`` (PyInstaller)."""

from kim_desktop.gui.app import main

raise SystemExit(main())
