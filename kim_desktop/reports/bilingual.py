"""German beside a second language in the goal agreement and the Art. 15 copy: every fixed
text of the document in German, the client's language right below it (in a muted colour,
right-aligned and shaped when it reads right to left). The wording comes from the texts in
force (``core/casefile/document_texts.py``); the consent form sets its two languages in
columns instead (``consent.py``)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.document_texts import GERMAN, Texts
from kim_desktop.reports import scripts
from kim_desktop.reports.page import escape

SECOND = colors.HexColor("#4a4a4a")


def multiline(text: str) -> str:
    """Plain text as paragraph markup, its line breaks kept."""
    return "<br/>".join(escape(line) for line in text.splitlines())


class Bilingual:
    """The texts of ``document`` in German and ``language`` (German alone for "de")."""

    def __init__(
        self,
        document: str,
        language: str,
        styles: dict[str, ParagraphStyle],
        texts: Texts = document_texts.BUILT_IN,
    ) -> None:
        self.de = texts.get(document, GERMAN)
        self.language = language
        self.other: dict[str, Any] | None = (
            texts.get(document, language) if language != GERMAN else None
        )
        self.rtl = self.other is not None and scripts.is_rtl(self.other["title"])
        self.styles = styles
        self._second: dict[str, ParagraphStyle] = {}

    def second_style(self, style: str) -> ParagraphStyle:
        if style not in self._second:
            parent = self.styles[style]
            self._second[style] = ParagraphStyle(
                f"{parent.name}-second",
                parent=parent,
                textColor=SECOND,
                spaceBefore=0,
                keepWithNext=getattr(parent, "keepWithNext", 0),
            )
        return self._second[style]

    def pair(self, de: str, other: str | None, style: str = "body") -> list[Flowable]:
        """A German text and its translation below it, both plain text (lines kept)."""
        first = self.styles[style]
        if other is None:
            return [Paragraph(multiline(de), first)]
        # the German line keeps with its translation; the space after goes below the pair
        top = ParagraphStyle(f"{first.name}-top", parent=first, spaceAfter=0, keepWithNext=1)
        second = self.second_style(style)
        if self.rtl:
            return [Paragraph(multiline(de), top), scripts.RtlParagraph(other, second)]
        return [Paragraph(multiline(de), top), Paragraph(multiline(other), second)]

    def text(self, key: str, style: str = "body", **fill: str) -> list[Flowable]:
        """The text under ``key`` in both languages, placeholders filled in."""
        other = self.other[key].format(**fill) if self.other is not None else None
        return self.pair(self.de[key].format(**fill), other, style)

    def get(self, key: str) -> str:
        return str(self.de[key])

    def version(self) -> str:
        """The text versions for the footer: "Text 1" or "Text 1, ar 1"."""
        out = f"Text {self.de['version']}"
        if self.other is not None:
            out += f", {self.language} {self.other['version']}"
        return out
