"""The printed copy of a client's data (Auskunft nach Art. 15 DSGVO, issue 6): everything
stored about the client, the information Art. 15 Abs. 1 requires (wording in
``texts/access.de.json``), what the machine-readable JSON copy holds, and the date of issue.
German; deterministic in invariant mode."""

from __future__ import annotations

import io
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core import interchange
from kim_desktop.core.documents.access_copy import AccessCopy, AccessCopyData, CaseCopy, Listing
from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.reports.consent import PAGE_WIDTH, signature_lines
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
WIDTHS: dict[str, tuple[float | None, ...]] = {
    "Einwilligungen": (None, 40, DATE, DATE + 2, 18, 16),
    "Verlauf der Phasen": (DATE, 40, 40, None),
    "Termine": (DATE, 30, 16, 20, None, 30),
    "Einschätzungen nach Lebensbereichen": (DATE, None),
    "Ziele": (30, None, DATE + 2, DATE, DATE, 24),
    "Vermittlungen": (DATE, 36, None, 40, 30),
}


def _widths(title: str, count: int) -> list[float]:
    chosen = WIDTHS.get(title, (None,) * count)
    fixed = sum(w * mm for w in chosen if w is not None)
    flexible = (PAGE_WIDTH - fixed) / max(1, sum(w is None for w in chosen))
    return [flexible if w is None else w * mm for w in chosen]


@cache
def load_texts() -> dict[str, Any]:
    raw = resources.files("kim_desktop.reports").joinpath("texts/access.de.json")
    texts: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return texts


_YEAR_WORDS = {
    1: "ein Jahr",
    2: "zwei Jahre",
    3: "drei Jahre",
    4: "vier Jahre",
    5: "fünf Jahre",
    6: "sechs Jahre",
    7: "sieben Jahre",
    8: "acht Jahre",
    9: "neun Jahre",
    10: "zehn Jahre",
    11: "elf Jahre",
    12: "zwölf Jahre",
}


def german_years(years: int) -> str:
    """A retention period as a German text writes it: "drei Jahre", "15 Jahre"."""
    return _YEAR_WORDS.get(years, f"{years} Jahre")


def _multiline(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())


class _Copy:
    def __init__(self, data: AccessCopyData) -> None:
        self.data = data
        self.s = document_styles()
        self.texts = load_texts()

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
            return [heading, self.p("Keine Einträge.", "cell")]
        widths = _widths(listing.title, len(listing.columns))
        body: list[list[Any]] = [[self.p(escape(c), "head") for c in listing.columns]]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for line in listing.lines:
            body.append([self.p(_multiline(cell), "cell") for cell in line.cells])
            if line.note:
                row = len(body)
                body.append([self.p("Notiz: " + _multiline(line.note), "note")])
                body[-1] += [""] * (len(listing.columns) - 1)
                commands.append(("SPAN", (0, row), (-1, row)))
            commands.append(("LINEBELOW", (0, len(body) - 1), (-1, len(body) - 1), 0.25, RULE))
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return [heading, table]

    def header(self) -> list[Flowable]:
        data, texts = self.data, self.texts
        birth = dict(data.personal).get("Geburtsdatum", "–")
        rows = (
            ("Betroffene Person", data.client_name),
            ("Geburtsdatum", birth),
            ("Ausgestellt am", german_date(data.issued_on)),
            ("Ausgestellt von", data.case_manager or "Case Management"),
        )
        kicker = data.controller.splitlines()[0] if data.controller else texts["default_kicker"]
        return [
            self.p(escape(kicker), "kicker"),
            Spacer(1, 1.5 * mm),
            self.p(escape(texts["title"]), "title"),
            self.p(escape(texts["subtitle"]), "subtitle"),
            Spacer(1, 3 * mm),
            self.facts(rows, boxed=True),
            Spacer(1, 3 * mm),
            self.p(escape(texts["intro"])),
        ]

    def case(self, number: int, case: CaseCopy) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(f"1.3.{number} {escape(case.title)}", "h2"),
            self.facts(case.facts),
            *self.notes("Notizen zum Fall", case.notes),
        ]
        for listing in case.listings:
            out += self.listing(listing)
        return out

    def stored(self) -> list[Flowable]:
        data = self.data
        out: list[Flowable] = [
            self.p("1 Gespeicherte Daten", "h1"),
            self.p("1.1 Angaben zu Ihrer Person", "h2"),
            self.facts(data.personal),
            *self.notes("Notizen", data.client_notes),
            self.p("1.2 Einwilligungen", "h2"),
        ]
        out += self.listing(data.consents)[1:]  # the h2 already names it
        out.append(self.p(f"1.3 Fälle ({len(data.cases)})", "h2"))
        if not data.cases:
            out.append(self.p("Sie sind keinem Fall zugeordnet.", "cell"))
        for number, case in enumerate(data.cases, start=1):
            out += self.case(number, case)
        return out

    def information(self) -> list[Flowable]:
        texts = self.texts
        data = self.data
        recipients = ", ".join(data.recipients) or texts["no_recipients"]
        # Never invented: without a configured controller or DPO a line to fill in by hand.
        missing = f"{texts['not_configured']}\n\n{texts['blank_line']}"
        fill = {
            "controller": data.controller or missing,
            "dpo": data.dpo or missing,
            "recipients": recipients,
            "sources": "\n".join(f"– {source}" for source in data.sources),
            "retention": german_years(data.retention_years),
        }
        rows = tuple((label, text.format(**fill)) for label, text in texts["information"])
        if data.withheld:
            rows += ((texts["withheld_heading"], texts["withheld"].format(count=data.withheld)),)
        return [self.p("2 " + escape(texts["information_heading"]), "h1"), self.facts(rows)]

    def machine(self) -> list[Flowable]:
        texts = self.texts
        counts = "; ".join(f"{escape(kind)}: {count}" for kind, count in self.data.record_counts)
        return [
            self.p("3 " + escape(texts["machine_heading"]), "h1"),
            self.p(escape(texts["machine"]) + " " + counts + "."),
        ]

    def signatures(self) -> list[Flowable]:
        captions = (
            "Ort, Datum",
            self.texts["issuer_signature"],
            "Erhalten: Unterschrift der betroffenen Person",
        )
        return [
            KeepTogether(
                [
                    Spacer(1, 6 * mm),
                    signature_lines([self.p(escape(c), "caption") for c in captions]),
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


def build_access_copy(data: AccessCopyData, out: Path | io.BytesIO, invariant: bool = True) -> int:
    """Write the copy to ``out`` (a path that must not exist yet, or a buffer); returns the
    number of pages."""
    footer = f"KIM-Auskunft nach Art. 15 DSGVO · ausgestellt am {german_date(data.issued_on)}"
    return write_document(
        _Copy(data).story(), out, metadata(data), footer, data.issued_on, invariant
    )


def write_copy(
    copy: AccessCopy, pdf: Path, json_out: Path, invariant: bool = True, replace: bool = False
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
    pages = build_access_copy(copy.data, buffer, invariant)
    interchange.write_json(copy.document, json_out)
    try:
        replace_privately(pdf, buffer.getvalue())
    except BaseException:
        json_out.unlink(missing_ok=True)
        raise
    return pages
