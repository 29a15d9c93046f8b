"""The printed copy of a client's data (Auskunft nach Art. 15 DSGVO, issue 6): everything
stored about the client, the information Art. 15 Abs. 1 requires (wording in
``core/casefile/data/texts/access.*.json``), what the machine-readable JSON copy holds, and
the date of issue. German, or German with the client's language below each fixed text
(``bilingual.py``); the records themselves are printed as stored, in German. Deterministic in
invariant mode."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core import interchange
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.document_texts import GERMAN, Texts
from kim_desktop.core.documents.access_copy import (
    AccessCopy,
    AccessCopyData,
    CaseCopy,
    Line,
    Listing,
)
from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.reports.bilingual import Bilingual, multiline
from kim_desktop.reports.consent import PAGE_WIDTH, signature_lines, years_text
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    RULE,
    document_styles,
    escape,
    fact_table_style,
    german_date,
    write_document,
)

# Column widths (mm) of each listing, by its title; None takes the rest of the line.
DATE = 19.0
STEPS = "steps"  # the goals' agreed steps: headed by the text key steps_heading
WIDTHS: dict[str, tuple[float | None, ...]] = {
    "Einwilligungen": (None, 40, DATE, DATE + 2, 18, 16),
    "Verlauf der Phasen": (DATE, 40, 40, None),
    "Termine": (DATE, 30, 16, 20, None, 30),
    "Einschätzungen nach Lebensbereichen": (DATE, None),
    "Ziele": (9, 28, None, DATE + 2, DATE, DATE, 22),
    STEPS: (11, 14, None, 38, DATE + 2, DATE + 3),
    "Vermittlungen": (DATE, 36, None, 40, 30),
}


def _widths(title: str, count: int) -> list[float]:
    chosen = WIDTHS.get(title, (None,) * count)
    fixed = sum(w * mm for w in chosen if w is not None)
    flexible = (PAGE_WIDTH - fixed) / max(1, sum(w is None for w in chosen))
    return [flexible if w is None else w * mm for w in chosen]


def load_texts(language: str = GERMAN, texts: Texts = document_texts.BUILT_IN) -> dict[str, Any]:
    """The wording of the copy in ``language``; ValueError for a language without a text."""
    return texts.get("access", language)


def german_years(years: int) -> str:
    """A retention period as a German text writes it: "drei Jahre", "15 Jahre"."""
    return years_text(load_texts(), years)


def _multiline(text: str) -> str:
    return multiline(text)


class _Copy:
    def __init__(self, data: AccessCopyData, language: str, texts: Texts) -> None:
        self.data = data
        self.s = document_styles()
        self.b = Bilingual("access", language, self.s, texts)
        self.texts = self.b.de

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def facts(self, rows: tuple[tuple[str, str], ...], boxed: bool = False) -> Table:
        table = Table(
            [
                [self.p(escape(label), "head"), self.p(_multiline(value), "cell")]
                for label, value in rows
            ],
            colWidths=[48 * mm, PAGE_WIDTH - 48 * mm],
            hAlign="LEFT",
        )
        table.setStyle(fact_table_style(boxed))
        return table

    def notes(self, title: str, text: str | None) -> list[Flowable]:
        if not text:
            return []
        return [self.p(escape(title), "h3"), self.p(_multiline(text), "cell")]

    def listing(self, listing: Listing) -> list[Flowable]:
        heading = self.p(f"{escape(listing.title)} ({len(listing.lines)})", "h3")
        if not listing.lines:
            return [heading, self.p(escape(self.b.get("no_entries")), "cell")]
        head = [self.p(escape(c), "head") for c in listing.columns]
        return [heading, self.table(listing.title, head, listing.lines)]

    def steps(self, lines: tuple[Line, ...]) -> list[Flowable]:
        """The goals' agreed steps: heading and column labels in both languages, the steps
        as stored."""
        b, count = self.b, f" ({len(lines)})"
        other = None if b.other is None else str(b.other["steps_heading"]) + count
        heading = b.pair(b.get("steps_heading") + count, other, "h3")
        if not lines:
            return [*heading, *b.text("no_entries", "cell")]
        labels = b.de["steps_columns"]
        others = b.other["steps_columns"] if b.other is not None else [None] * len(labels)
        head = [b.pair(de, theirs, "head") for de, theirs in zip(labels, others, strict=True)]
        return [*heading, self.table(STEPS, head, lines)]

    def table(self, title: str, head: list[Any], lines: tuple[Line, ...]) -> Table:
        """The rows of a listing under the header cells ``head``; widths by ``title``."""
        columns = len(head)
        widths = _widths(title, columns)
        body: list[list[Any]] = [head]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for line in lines:
            body.append([self.p(_multiline(cell), "cell") for cell in line.cells])
            if line.note:
                row = len(body)
                body.append([self.p("Notiz: " + _multiline(line.note), "note")])
                body[-1] += [""] * (columns - 1)
                commands.append(("SPAN", (0, row), (-1, row)))
            commands.append(("LINEBELOW", (0, len(body) - 1), (-1, len(body) - 1), 0.25, RULE))
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table

    def bilingual_facts(self, rows: list[tuple[str, str | None, str, str | None]]) -> Table:
        """Label/value rows with each fixed text in both languages: (label, its translation,
        value, its translation); a value without translation is data, printed once."""
        b = self.b
        body = [
            [b.pair(label, other_label, "head"), b.pair(value, other_value, "cell")]
            for label, other_label, value, other_value in rows
        ]
        table = Table(body, colWidths=[48 * mm, PAGE_WIDTH - 48 * mm], hAlign="LEFT")
        table.setStyle(fact_table_style(False))
        return table

    def header(self) -> list[Flowable]:
        data, texts, b = self.data, self.texts, self.b
        birth = dict(data.personal).get("Geburtsdatum", "–")
        rows = [
            (b.get("person_label"), self.other("person_label"), data.client_name),
            (b.get("birth_label"), self.other("birth_label"), birth),
            (b.get("issued_on_label"), self.other("issued_on_label"), german_date(data.issued_on)),
            (
                b.get("issued_by_label"),
                self.other("issued_by_label"),
                data.case_manager or "Case Management",
            ),
        ]
        table = Table(
            [
                [b.pair(label, other, "head"), self.p(_multiline(value), "cell")]
                for label, other, value in rows
            ],
            colWidths=[48 * mm, PAGE_WIDTH - 48 * mm],
            hAlign="LEFT",
        )
        table.setStyle(fact_table_style(True))
        kicker = data.controller.splitlines()[0] if data.controller else texts["default_kicker"]
        out: list[Flowable] = [
            self.p(escape(kicker), "kicker"),
            Spacer(1, 1.5 * mm),
            *b.text("title", "title"),
            *b.text("subtitle", "subtitle"),
            Spacer(1, 3 * mm),
            table,
            Spacer(1, 3 * mm),
            *b.text("intro"),
        ]
        if b.other is not None:  # the records below are as stored: say so in their language
            out += b.text("records_note", "note")
        return out

    def other(self, key: str) -> str | None:
        return None if self.b.other is None else str(self.b.other[key])

    def numbered(
        self, number: str, key: str, style: str = "h1", suffix: str = ""
    ) -> list[Flowable]:
        other = self.other(key)
        return self.b.pair(
            f"{number} {self.b.get(key)}{suffix}",
            None if other is None else f"{number} {other}{suffix}",
            style,
        )

    def case(self, number: int, case: CaseCopy) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(f"1.3.{number} {escape(case.title)}", "h2"),
            self.facts(case.facts),
            *self.notes("Notizen zum Fall", case.notes),
        ]
        for listing in case.listings:
            out += self.listing(listing)
            if listing.title == "Ziele" and case.has_goals:
                out += self.steps(case.steps)  # under the goals they belong to
        return out

    def stored(self) -> list[Flowable]:
        data = self.data
        out: list[Flowable] = [
            *self.numbered("1", "stored_heading"),
            *self.numbered("1.1", "personal_heading", "h2"),
            self.facts(data.personal),
            *self.notes(self.b.get("notes_heading"), data.client_notes),
            *self.numbered("1.2", "consents_heading", "h2"),
        ]
        out += self.listing(data.consents)[1:]  # the h2 already names it
        out += self.numbered("1.3", "cases_heading", "h2", f" ({len(data.cases)})")
        if not data.cases:
            out += self.b.text("no_cases", "cell")
        for number, case in enumerate(data.cases, start=1):
            out += self.case(number, case)
        return out

    def information(self) -> list[Flowable]:
        data, b = self.data, self.b

        def filled(texts: dict[str, Any]) -> dict[str, str]:
            # Never invented: without a configured controller or DPO a line to fill in by hand.
            missing = f"{texts['not_configured']}\n\n{texts['blank_line']}"
            return {
                "controller": data.controller or missing,
                "dpo": data.dpo or missing,
                "recipients": ", ".join(data.recipients) or texts["no_recipients"],
                "sources": "\n".join(f"– {source}" for source in data.sources),
                "retention": years_text(texts, data.retention_years),
            }

        fill_de = filled(b.de)
        fill_other = filled(b.other) if b.other is not None else {}
        rows: list[tuple[str, str | None, str, str | None]] = []
        for index, (label, text) in enumerate(b.de["information"]):
            other_label = other_text = None
            if b.other is not None:
                other_label, template = b.other["information"][index]
                # a value that is only data (the controller's address) is printed once
                name = template.strip("{}")
                data_only = name in fill_other and fill_other[name] == fill_de[name]
                other_text = None if data_only else template.format(**fill_other)
            rows.append((label, other_label, text.format(**fill_de), other_text))
        if data.withheld:
            rows.append(
                (
                    b.get("withheld_heading"),
                    self.other("withheld_heading"),
                    b.get("withheld").format(count=data.withheld),
                    None if b.other is None else b.other["withheld"].format(count=data.withheld),
                )
            )
        return [*self.numbered("2", "information_heading"), self.bilingual_facts(rows)]

    def machine(self) -> list[Flowable]:
        counts = "; ".join(f"{kind}: {count}" for kind, count in self.data.record_counts)
        return [
            *self.numbered("3", "machine_heading"),
            *self.b.pair(
                f"{self.b.get('machine')} {counts}.",
                # the record kinds are German words: listed once, in the German text
                None if self.b.other is None else str(self.b.other["machine"]),
            ),
        ]

    def signatures(self) -> list[Flowable]:
        captions = ("place_date", "issuer_signature", "received_signature")
        return [
            KeepTogether(
                [
                    Spacer(1, 6 * mm),
                    signature_lines([self.b.text(c, "caption") for c in captions]),
                ]
            )
        ]

    def story(self) -> list[Flowable]:
        return [
            *self.header(),
            *self.stored(),
            *self.information(),
            *self.machine(),
            *self.signatures(),
        ]


def metadata(data: AccessCopyData) -> dict[str, str]:
    texts = load_texts()
    return {
        "title": f"{texts['title']}: {texts['subtitle']} ({german_date(data.issued_on)})",
        "author": data.case_manager or "Kommunales Integrationsmanagement",
        "subject": "Auskunft der betroffenen Person nach Art. 15 DSGVO",
        "keywords": "KIM, Auskunft, Art. 15 DSGVO, Case Management",
    }


def build_access_copy(
    data: AccessCopyData,
    out: Path | io.BytesIO,
    invariant: bool = True,
    language: str = GERMAN,
    texts: Texts = document_texts.BUILT_IN,
) -> int:
    """Write the copy to ``out`` (a path that must not exist yet, or a buffer), in German or
    German with ``language`` below; returns the number of pages. ValueError for a language
    without a text."""
    copy = _Copy(data, language, texts)
    footer = f"KIM-Auskunft nach Art. 15 DSGVO · ausgestellt am {german_date(data.issued_on)}"
    if language != GERMAN:
        footer += f" · {copy.b.version()}"
    return write_document(copy.story(), out, metadata(data), footer, data.issued_on, invariant)


def write_copy(
    copy: AccessCopy,
    pdf: Path,
    json_out: Path,
    invariant: bool = True,
    replace: bool = False,
    language: str = GERMAN,
    texts: Texts = document_texts.BUILT_IN,
) -> int:
    """Write both halves, or neither: the PDF is laid out first, then the JSON and the PDF are
    written (the JSON is removed again when the PDF cannot be). Without ``replace`` neither
    file may exist yet (UsageError); with it, an existing PDF and an earlier interchange
    export are replaced. Returns the number of pages."""
    if pdf.resolve() == json_out.resolve():
        raise UsageError(f"{pdf}: the PDF and the JSON copy need two different names.")
    if not replace:
        for out in (pdf, json_out):
            if out.exists():
                raise UsageError(f"{out}: the file already exists; choose another name.")
    buffer = io.BytesIO()
    pages = build_access_copy(copy.data, buffer, invariant, language, texts)
    interchange.write_json(copy.document, json_out)
    try:
        replace_privately(pdf, buffer.getvalue())
    except BaseException:
        json_out.unlink(missing_ok=True)
        raise
    return pages
