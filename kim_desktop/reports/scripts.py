"""Right-to-left text (Arabic, Persian) in the printed documents (docs/document-texts.md).

reportlab 5 shapes text with HarfBuzz (``uharfbuzz``) when a paragraph style asks for it
(``shaping=1``): every word is shaped by the font's own rules, so letters take their joining
forms, lam-alef becomes its ligature and Persian letters and the zero-width non-joiner come
out as the font intends. reportlab's own bidi line layout needs ``rlbidi``, which is not on
PyPI for us; the order of the words is therefore worked out here: a paragraph is broken
into lines in reading (logical) order by the shaped widths of its words, and each line's
words are then laid out right to left, where a run of left-to-right words (a German name,
"Art. 6 DSGVO", a date) keeps its own order, as the Unicode bidi algorithm does. Words in
the Arabic script use Noto Sans Arabic, all others DejaVu Sans; digits stay European, as
in the dates and article numbers beside them in the German column."""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from kim_desktop.reports import fonts
from kim_desktop.reports.page import escape

BULLET = "•"


def _guard_rise() -> None:
    """reportlab 5.1 raises IndexError when a line starts with a shaped mark that HarfBuzz
    lifts (a tanwin over a line's first letter): ``setRise`` reads the last code of a still
    empty text object. An empty first entry is harmless in the page content."""
    if getattr(PDFTextObject.setRise, "_kim_guarded", False):
        return
    original = PDFTextObject.setRise

    def set_rise(self: PDFTextObject, rise: float) -> None:
        code = self._code  # type: ignore[attr-defined]
        if not code:
            code.append("")
        original(self, rise)

    set_rise._kim_guarded = True  # type: ignore[attr-defined]
    PDFTextObject.setRise = set_rise  # type: ignore[method-assign]


_guard_rise()


def _kind(word: str) -> str:
    """The bidi class of a word: R (right to left), L, EN (a number) or N (neutral)."""
    classes = {unicodedata.bidirectional(ch) for ch in word}
    if classes & {"R", "AL"}:
        return "R"
    if "L" in classes:
        return "L"
    if classes & {"EN", "AN"}:
        return "EN"
    return "N"


def _arabic(text: str) -> bool:
    """Whether Noto Sans Arabic prints ``text`` (the Arabic script and its punctuation)."""
    return any(0x600 <= ord(ch) <= 0x8FF or 0xFB50 <= ord(ch) <= 0xFEFC for ch in text)


def is_rtl(text: str) -> bool:
    """Whether ``text`` reads right to left (its first strong letter is Arabic or Hebrew)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_GLUE = ("L", "R", "AL", "EN", "AN", "NSM")  # what stays inside a word


def _tokens(word: str) -> list[str]:
    """A word split into its punctuation in front, its core and its punctuation behind
    (brackets and full stops take the direction of their surroundings, not the word's)."""
    start, end = 0, len(word)
    while start < end and unicodedata.bidirectional(word[start]) not in _GLUE:
        start += 1
    while end > start and unicodedata.bidirectional(word[end - 1]) not in _GLUE:
        end -= 1
    core = [word[start:end]] if end > start else []
    return [*word[:start], *core, *word[end:]]


def visual_order(words: list[str]) -> list[tuple[str, str, int]]:
    """The pieces of one line of a right-to-left paragraph from left to right, each as
    (text, direction R or L, index of its word): right-to-left pieces in reverse, a run of
    left-to-right words (with the numbers and signs inside it or a number right after it)
    kept in its own order, as the Unicode bidi algorithm lays them out."""
    pieces = [(token, index) for index, word in enumerate(words) for token in _tokens(word)]
    kinds = [_kind(token) for token, _ in pieces]
    strong = [k if k in ("R", "L") else None for k in kinds]
    resolved: list[str] = []
    for index, kind in enumerate(kinds):
        if kind in ("R", "L"):
            resolved.append(kind)
            continue
        before = next((s for s in reversed(strong[:index]) if s), "R")
        after = next((s for s in strong[index + 1 :] if s), "R")
        if kind == "EN":  # a number takes the direction of the letters before it
            resolved.append("L" if before == "L" else "R")
        else:  # a sign between two left-to-right words belongs to them
            resolved.append("L" if before == after == "L" else "R")
    units: list[list[tuple[str, str, int]]] = []
    for (token, word), kind in zip(pieces, resolved, strict=True):
        if kind == "L" and units and units[-1][0][1] == "L":
            units[-1].append((token, kind, word))
        else:
            units.append([(token, kind, word)])
    return [piece for unit in reversed(units) for piece in unit]


class RtlParagraph(Flowable):
    """A right-aligned paragraph of right-to-left text, shaped; ``text`` is plain (no
    markup), ``bullet`` puts a bullet at its right edge."""

    def __init__(self, text: str, style: ParagraphStyle, bullet: bool = False) -> None:
        super().__init__()
        fonts.register()
        self.text = f"{BULLET} {text}" if bullet else text
        self.latin = style.fontName
        self.arabic = fonts.arabic_face(style.fontName)
        self.style = ParagraphStyle(
            f"{style.name}-rtl",
            parent=style,
            fontName=self.arabic,
            alignment=TA_RIGHT,
            shaping=1,
            leftIndent=0,
            firstLineIndent=0,
            bulletIndent=0,
        )
        self._para: Paragraph | None = None

    def _width(self, word: str) -> float:
        size = self.style.fontSize
        if _kind(word) == "R":
            shaped: Any = shapeStr(word, self.arabic, size)
            glyphs = getattr(shaped, "__shapeData__", None)
            if glyphs is None:  # nothing to shape (a lone letter or sign)
                return float(stringWidth(word, self.arabic, size))
            return float(sum(glyph.x_advance for glyph in glyphs)) * size / 1000
        return float(stringWidth(word, self.latin, size))

    def _markup(self, width: float) -> str:
        size = self.style.fontSize
        space = max(stringWidth(" ", self.latin, size), stringWidth(" ", self.arabic, size))
        limit = width * 0.98 - self.style.rightIndent  # reportlab must not wrap again
        lines: list[list[str]] = []
        for logical in self.text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in logical.split():
                width_of = self._width(word)
                if line and used + space + width_of > limit:
                    lines.append(line)
                    line, used = [], 0.0
                used += width_of + (space if line else 0)
                line.append(word)
            lines.append(line)
        return "<br/>".join(self._line(line) for line in lines)

    def _line(self, words: list[str]) -> str:
        # reportlab shapes a word (text between spaces) with one font: a sign that Noto Sans
        # Arabic lacks (a bracket, a slash) beside Arabic letters is set apart as a word of
        # its own rather than printed as a box.
        font: Any = pdfmetrics.getFont(self.arabic)  # a TTFont; the stubs say Font
        covered = font.face.charToGlyph
        arabic_words = {index for index, word in enumerate(words) if _arabic(word)}
        groups: list[tuple[tuple[int, str], list[tuple[str, str]]]] = []
        for text, direction, word in visual_order(words):
            if direction == "R" and _kind(text) == "N":
                text = text.translate(MIRRORED)  # a bracket in right-to-left text
            in_noto = (
                word in arabic_words
                and _kind(text) == "N"  # digits stay in DejaVu: never inside a shaped RTL run
                and all(ord(ch) in covered for ch in text)
            )
            face = self.arabic if _arabic(text) or in_noto else self.latin
            if groups and groups[-1][0] == (word, face):
                groups[-1][1].append((text, direction))
            else:
                groups.append(((word, face), [(text, direction)]))
        out: list[str] = []
        for (_word, face), pieces in groups:
            if face == self.arabic:  # one shaped word: HarfBuzz orders its letters itself
                pieces = pieces[::-1]
            text = "".join(piece for piece, _direction in pieces)
            out.append(f'<font face="{face}">{escape(text)}</font>')
        return " ".join(out)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._para = Paragraph(self._markup(avail_width), self.style)
        width, height = self._para.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._para is not None
        parts: list[Flowable] = self._para.split(avail_width, avail_height)
        return parts

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        assert self._para is not None
        self._para.drawOn(self.canv, 0, 0)


def paragraph(text: str, style: ParagraphStyle, rtl: bool, bullet: bool = False) -> Flowable:
    """A paragraph of plain ``text`` in a language's direction."""
    if rtl:
        return RtlParagraph(text, style, bullet)
    if bullet:
        return Paragraph(escape(text), style, bulletText=BULLET)
    return Paragraph(escape(text), style)
