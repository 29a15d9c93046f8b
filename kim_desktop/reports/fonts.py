"""The embedded fonts: DejaVu Sans in four faces (Latin, Greek, Cyrillic), registered once as
one reportlab family so that ``<b>`` and ``<i>`` in paragraphs pick the right face, and Noto
Sans Arabic in two (Arabic and Persian, shaped by HarfBuzz: ``reports/scripts.py``). The
files ship as package data (``kim_desktop/reports/fonts/``, licences in
``LICENSE-DejaVu.txt`` and ``LICENSE-Noto.txt``); reportlab embeds the glyphs used, subset."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
ARABIC = "NotoSansArabic-Regular"
ARABIC_BOLD = "NotoSansArabic-Bold"
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
    for name in (ARABIC, ARABIC_BOLD):
        with resources.as_file(folder.joinpath(f"{name}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # A table cell holding a plain string (an empty signature line) is set in the cell
    # style's font, Helvetica unless told: it would be the one font not embedded.
    CellStyle.fontname = REGULAR
    return FAMILY


def arabic_face(font_name: str) -> str:
    """The Noto Sans Arabic face for a paragraph style's DejaVu face (no italic: Arabic
    script has none)."""
    return ARABIC_BOLD if font_name in (BOLD, BOLD_ITALIC) else ARABIC
