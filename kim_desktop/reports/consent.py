"""The consent form (issue 6): "Einwilligung in die Datenverarbeitung im Case Management" and,
for chosen recipients, "Schweigepflichtentbindung / Einwilligung in die Datenübermittlung",
pre-filled with the client's name and birth date, German on the left and a second language on
the right.

What a data-protection officer asks of it (issue 16): the controller with its address and
the data-protection officer's contact from the district configuration (a line to fill in
where it names none, never an invented one); that counselling does not depend on consent
(Art. 7(4) GDPR); a separate tick box for health data (Art. 9); withdrawal in plain words;
one tick box per named recipient organisation; lines for an interpreter and a legal
representative.

The wording lives in data files, ``core/casefile/data/texts/consent.<language>.json`` (one per
language, the same keys in each; a district configuration may add or replace languages:
``core/casefile/document_texts.py``). Right-to-left languages are shaped and laid out by
``scripts.py``. Recipient names are the labels of the referral-target catalogue in each
language. Deterministic in invariant mode (the date of issue comes from the caller)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.document_texts import Texts
from kim_desktop.core.documents.document_data import ConsentFormData, Recipient
from kim_desktop.reports import fonts, scripts
from kim_desktop.reports.bilingual import multiline
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    INK,
    RULE,
    escape,
    german_date,
    write_document,
)

GERMAN = "de"
PAGE_WIDTH = 170 * mm - 12  # the frame's width inside its padding
BLANK = "______________________"
BOX = 3.6 * mm  # a tick box's side
BOX_COLUMN = 7 * mm  # the column tick boxes stand in, left of the texts
GERMAN_COLUMN = PAGE_WIDTH / 2 - 2 * mm  # the German column of the two-language body


# -- texts -----------------------------------------------------------------------------------


def available_languages(texts: Texts = document_texts.BUILT_IN) -> tuple[str, ...]:
    """The languages with a consent text, German first."""
    return texts.languages("consent")


def load_texts(language: str, texts: Texts = document_texts.BUILT_IN) -> dict[str, Any]:
    """The consent wording in one language; ValueError for a language without a text."""
    return texts.get("consent", language)


# -- styles ----------------------------------------------------------------------------------


def years_text(texts: dict[str, Any], years: int) -> str:
    """A retention period as the language writes it: "drei Jahre", "three years", "15 Jahre"."""
    forms = texts["retention_years"]
    return str(forms["words"].get(str(years)) or forms["other"].format(n=years))


def _styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle(
        "body", fontName=family, fontSize=8.3, leading=10.6, textColor=INK, spaceAfter=1.5
    )
    return {
        "body": base,
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=8, bulletIndent=0, bulletFontName=family
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName=fonts.BOLD),
        "head": ParagraphStyle(
            "head", parent=base, fontName=fonts.BOLD, fontSize=9, leading=11.5, textColor=ACCENT
        ),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=9, leading=12, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=13.5, leading=17, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=fonts.ITALIC, fontSize=10.5, leading=13.5
        ),
        "label": ParagraphStyle("label", parent=base, fontSize=7.5, leading=9.5),
        "value": ParagraphStyle("value", parent=base, fontName=fonts.BOLD, fontSize=10),
        "caption": ParagraphStyle("caption", parent=base, fontSize=7, leading=8.8),
    }


class _Form:
    def __init__(self, data: ConsentFormData, texts: Texts) -> None:
        self.data = data
        self.s = _styles()
        self.de = load_texts(GERMAN, texts)
        self.bilingual = data.language != GERMAN
        self.other = load_texts(data.language, texts)
        self.rtl = scripts.is_rtl(self.other["title"])
        # The deletion promise names the district's retention years, in each language.
        self.fill_de = {"retention": years_text(self.de, data.retention_years)}
        self.fill_other = {"retention": years_text(self.other, data.retention_years)}

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def o(self, text: str, style: str = "body", bullet: bool = False) -> Flowable:
        """A paragraph of plain text in the second language, in its direction."""
        return scripts.paragraph(text, self.s[style], self.rtl, bullet)

    def caption(self, key: str) -> list[Flowable]:
        """A signature caption: German, the second language below it."""
        out: list[Flowable] = [self.p(escape(self.de[key]), "caption")]
        if self.bilingual:
            out.append(self.o(self.other[key], "caption"))
        return out

    def both(self, key: str, joiner: str = " / ") -> str:
        """A short text in German and the second language (left to right only)."""
        if not self.bilingual or self.rtl:
            return str(self.de[key])
        return f"{self.de[key]}{joiner}{self.other[key]}"

    def label(self, key: str) -> list[Flowable]:
        """A label in German with the second language beside it (or below, right to left)."""
        if self.rtl and self.bilingual:
            return [self.p(escape(self.de[key]), "label"), self.o(self.other[key], "label")]
        return [self.p(escape(self.both(key)), "label")]

    # rows of the two-column body: German left, second language right
    def columns(self, rows: list[tuple[Flowable, Flowable]]) -> Table:
        if self.bilingual:
            body = [list(row) for row in rows]
            widths = [PAGE_WIDTH / 2 - 2 * mm, PAGE_WIDTH / 2 + 2 * mm]
        else:
            body = [[row[0]] for row in rows]
            widths = [PAGE_WIDTH]
        table = Table(body, colWidths=widths, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ]
        if self.bilingual:
            commands += [
                ("LINEBEFORE", (1, 0), (1, -1), 0.4, RULE),
                ("LEFTPADDING", (1, 0), (1, -1), 4 * mm),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def row(self, key: str, style: str = "body") -> tuple[Flowable, Flowable]:
        return (
            self.p(escape(self.de[key]), style),
            self.o(self.other[key], style),
        )

    def list_rows(self, key: str, style: str = "body") -> list[tuple[Flowable, Flowable]]:
        rows: list[tuple[Flowable, Flowable]] = []
        for de_template, other_template in zip(self.de[key], self.other[key], strict=False):
            de_text = de_template.format(**self.fill_de)
            other_text = other_template.format(**self.fill_other)
            bullet = style == "bullet"
            rows.append(
                (
                    self.bullet(de_text) if bullet else self.p(escape(de_text), style),
                    self.o(other_text, style, bullet),
                )
            )
        return rows

    def bullet(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.s["bullet"], bulletText="•")

    # -- sections ------------------------------------------------------------------------

    def header(self, title_key: str) -> list[Flowable]:
        kicker = "Kommunales Integrationsmanagement (KIM)"
        if self.data.municipality:
            kicker = f"{self.data.municipality} · {kicker}"
        out: list[Flowable] = [
            self.p(escape(kicker), "kicker"),
            Spacer(1, 1.5 * mm),
            self.p(escape(self.de[title_key]), "title"),
        ]
        if self.bilingual:
            out.append(self.o(self.other[title_key], "subtitle"))
        out.append(Spacer(1, 3 * mm))
        return out

    def person(self) -> Table:
        data = self.data
        # Never invented: without a configured controller or DPO a line to fill in by hand.
        blank = f"{BLANK}{BLANK}<br/><br/>{BLANK}{BLANK}"
        cells = [
            ("name_label", escape(data.client_name)),
            ("birth_label", german_date(data.birth_date)),
            ("controller_label", multiline(data.controller) if data.controller else blank),
            ("dpo_label", multiline(data.dpo) if data.dpo else blank),
            ("case_manager_label", escape(data.case_manager)),
        ]
        body = [
            [self.label(key), self.p(value, "value" if i < 2 else "body")]
            for i, (key, value) in enumerate(cells)
        ]
        table = Table(body, colWidths=[58 * mm, PAGE_WIDTH - 58 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.white),
                    ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        return table

    def signatures(self) -> Flowable:
        captions = ("place_date", "client_signature", "case_manager_signature")
        return KeepTogether(
            [
                Spacer(1, 2 * mm),
                signature_lines([self.caption(key) for key in captions]),
            ]
        )

    def ticks(self, rows: list[tuple[Flowable, Flowable]]) -> Table:
        """Rows with one tick box each, left of both languages: one box per consent, so
        nobody ticks a language instead of a choice; the column rule stays in line with
        ``columns``."""
        if self.bilingual:
            body = [[TickBox(), de, other] for de, other in rows]
            widths = [BOX_COLUMN, GERMAN_COLUMN - BOX_COLUMN, PAGE_WIDTH - GERMAN_COLUMN]
        else:
            body = [[TickBox(), de] for de, _other in rows]
            widths = [BOX_COLUMN, PAGE_WIDTH - BOX_COLUMN]
        table = Table(body, colWidths=widths, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (1, 0), (1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ]
        if self.bilingual:
            commands += [
                ("LINEBEFORE", (2, 0), (2, -1), 0.4, RULE),
                ("LEFTPADDING", (2, 0), (2, -1), 4 * mm),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def consent_section(self) -> list[Flowable]:
        rows: list[tuple[Flowable, Flowable]] = [
            (self.p(escape(d)), self.o(o))
            for d, o in zip(self.de["intro"], self.other["intro"], strict=False)
        ]
        rows.append(self.row("voluntary", "bold"))
        rows.append(self.row("purposes_heading", "head"))
        rows += self.list_rows("purposes", "bullet")
        rows.append(self.row("data_heading", "head"))
        rows.append(self.row("data"))
        rows.append(self.row("health_heading", "head"))
        health = [self.row("health_consent", "bold")]
        note = [self.row("health_note")]
        withdrawal: list[tuple[Flowable, Flowable]] = [self.row("withdrawal_heading", "head")]
        withdrawal += self.list_rows("withdrawal", "bullet")
        withdrawal.append(self.row("rights_heading", "head"))
        withdrawal += self.list_rows("rights", "bullet")
        withdrawal.append(self.row("declaration", "bold"))
        return [
            self.columns(rows),
            KeepTogether([self.ticks(health), self.columns(note)]),
            self.columns(withdrawal),
            self.signatures(),
        ]

    def recipient_row(self, recipient: Recipient) -> tuple[Flowable, Flowable]:
        """A recipient: the organisation in bold with its category, or the category and a
        line to write the organisation's name on."""

        def one(texts: dict[str, Any], label: str, rtl: bool) -> Flowable:
            blank = f"{texts['organisation_blank']} {BLANK}"
            if rtl:  # one line each: a Latin name in brackets inside Arabic text would be
                # reordered; and shaped text carries no bold
                return self.o(f"{recipient.organisation or blank}\n{label}")
            if recipient.organisation:
                return self.p(f"<b>{escape(recipient.organisation)}</b> ({escape(label)})")
            return self.p(escape(f"{label}. {blank}"))

        return (
            one(self.de, recipient.de, False),
            one(self.other, recipient.other, self.rtl),
        )

    def transfer_section(self) -> list[Flowable]:
        rows: list[tuple[Flowable, Flowable]] = []
        if self.data.kind != "data_transfer":  # else it is the form's title already
            rows.append(self.row("transfer_title", "head"))
        rows.append(self.row("transfer_intro"))
        rows.append(self.row("transfer_tick", "bold"))
        points = self.list_rows("transfer_points", "bullet")
        return [
            Spacer(1, 4 * mm),
            self.columns(rows),
            self.ticks([self.recipient_row(r) for r in self.data.recipients]),
            self.columns(points),
            self.signatures(),
        ]

    def helpers_section(self) -> list[Flowable]:
        """Lines for an interpreter (name, language, signature) and a legal representative
        (name, signature): for the whole form, filled in only where they took part."""
        out: list[Flowable] = [Spacer(1, 5 * mm)]
        parts = (
            ("interpreter", ("interpreter_name", "interpreter_language", "interpreter_signature")),
            ("guardian", ("guardian_name", "", "guardian_signature")),
        )
        for part, captions in parts:
            text = self.columns(
                [self.row(f"{part}_heading", "head"), self.row(f"{part}_text", "caption")]
            )
            slots = [self.caption(key) if key else "" for key in captions]
            lines = signature_lines(slots, first=62 * mm)
            out.append(KeepTogether([text, lines, Spacer(1, 3 * mm)]))
        return out

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        if self.data.kind == "data_transfer":
            out += self.header("transfer_title")
            out.append(self.person())
            out.append(Spacer(1, 3 * mm))
            out += self.transfer_section()[1:]
        else:
            out += self.header("title")
            out.append(self.person())
            out.append(Spacer(1, 3 * mm))
            out += self.consent_section()
            if self.data.recipients:
                out += self.transfer_section()
        return out + self.helpers_section()

    def footer(self) -> str:
        version = self.both("form_version")
        wording = f"Text {self.de['version']}"
        if self.bilingual:
            wording += f", {self.data.language} {self.other['version']}"
        return (
            f"KIM-Einwilligung · {version} {self.data.form_version} · {wording} · "
            f"Stand {german_date(self.data.issued_on)}"
        )


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return BOX, BOX

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, BOX, BOX, stroke=1, fill=0)


def signature_lines(
    captions: list[Any], width: float = PAGE_WIDTH, first: float = 42 * mm
) -> Table:
    """Three lines to write on (by default place/date, then two signatures; ``first`` is the
    first one's width) with captions below; an empty caption leaves its slot without a
    line."""
    gap = 6 * mm
    rest = (width - first - 2 * gap) / 2
    widths = [first, gap, rest, gap, rest]
    row: list[Any] = [captions[0], "", captions[1], "", captions[2]]
    table = Table([[""] * 5, row], colWidths=widths, rowHeights=[12 * mm, None], hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    # A slot without a caption (an empty string) gets no line: nobody signs there.
    commands += [
        ("LINEBELOW", (col, 0), (col, 0), 0.6, INK)
        for col in (0, 2, 4)
        if not (isinstance(row[col], str) and row[col] == "")
    ]
    table.setStyle(TableStyle(commands))
    return table


def metadata(data: ConsentFormData) -> dict[str, str]:
    de = load_texts(GERMAN)
    title = de["title"] if data.kind != "data_transfer" else de["transfer_title"]
    return {
        "title": f"{title} (Formular {data.form_version})",
        "author": data.case_manager or "Kommunales Integrationsmanagement",
        "subject": "Einwilligung nach Art. 6 Abs. 1 Buchst. a, Art. 7 und Art. 9 Abs. 2 "
        "Buchst. a DSGVO",
    }


def build_consent_form(
    data: ConsentFormData,
    out: Path | io.BytesIO,
    invariant: bool = True,
    texts: Texts = document_texts.BUILT_IN,
) -> int:
    """Write the form to ``out`` (a path that must not exist yet, or a buffer); returns the
    number of pages. ``texts``: the texts in force (a district's with the built-in ones).
    ValueError for a language without a text."""
    form = _Form(data, texts)
    meta = {**metadata(data), "keywords": "KIM, Einwilligung, DSGVO, Schweigepflichtentbindung"}
    return write_document(form.story(), out, meta, form.footer(), data.issued_on, invariant)
