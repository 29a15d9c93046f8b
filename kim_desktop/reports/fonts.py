"""The embedded font: DejaVu Sans in four faces, registered once as one reportlab family so
that ``<b>`` and ``<i>`` in paragraphs pick the right face. The files ship as package data
(``kim_desktop/reports/fonts/``, licence in ``LICENSE-DejaVu.txt``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FACES: dict[str, tuple[Literal[0, 1], Literal[0, 1]]] = {
    REGULAR: (0, 0),
    BOLD: (1, 0),
    ITALIC: (0, 1),
    BOLD_ITALIC: (1, 1),
}


@cache
def register() -> str:
    """Register the four faces (idempotent); returns the family name."""
    folder = resources.files("kim_desktop.reports").joinpath("fonts")
    for name, (bold, italic) in _FACES.items():
        with resources.as_file(folder.joinpath(f"{name}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(FAMILY, bold, italic, name)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY
