"""Printable documents (reportlab). They take plain data from ``kim_desktop.core`` and never
open the database or import Qt (DESIGN.md section 3)."""
