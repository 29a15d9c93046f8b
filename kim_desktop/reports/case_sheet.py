"""The pseudonymised case sheet (Fallbesprechungsbogen, issue 16): one case's course for
collegial case consultation, laid out from ``core/documents/case_sheet.CaseSheetData``.
German; deterministic in invariant mode. The PDF carries no date: its creation date is a
fixed day (``CREATION_DATE``), since the date of issue would turn the weeks back into dates;
its author is the program, not the case manager."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.documents.case_sheet import RATING_WORDS, CaseSheetData, Row
from kim_desktop.reports import fonts
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    RULE,
    document_styles,
    escape,
    fact_table_style,
    write_document,
)

TITLE = "Fallbesprechungsbogen (pseudonymisiert)"
CREATION_DATE = dt.date(2000, 1, 1)
PAGE_WIDTH = 170 * mm - 12  # the frame's width inside its padding
# Lines below a row (its note, a goal's steps) kept on one page with it, at most.
KEPT_TOGETHER = 8
# Assessments side by side per table; more continue in a second table below.
ASSESSMENT_COLUMNS = 6
_RATING_FILL = {
    0: None,
    1: "#eef3f8",
    2: "#d3e0ee",
    3: "#b3c9e1",
}


def _multiline(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())


def _widths(chosen: tuple[float | None, ...]) -> list[float]:
    fixed = sum(w * mm for w in chosen if w is not None)
    flexible = (PAGE_WIDTH - fixed) / max(1, sum(w is None for w in chosen))
    return [flexible if w is None else w * mm for w in chosen]


def left_out_text(data: CaseSheetData) -> str:
    """The line that says what the sheet leaves out, and why."""
    if data.passages == 0:
        free = "Der Fall enthält keinen Freitext."
    elif data.released == 0:
        free = (
            f"Freitext (Notizen, Ziele und ihre Schritte): keine der {data.passages} Passagen "
            "aufgenommen, da nicht zur Weitergabe freigegeben."
        )
    else:
        free = (
            f"Freitext: {data.released} von {data.passages} Passagen nach Prüfung durch das "
            "Case Management freigegeben; Namen der Personen im Fall sind durch ihre "
            "Bezeichnung ersetzt, Daten, Nummern und Kontaktangaben entfernt."
        )
    place = "" if data.municipality_shown else ", Kommune"
    return (
        "Weggelassen, damit die Personen nicht erkannt werden: Namen, Geburtsdaten, "
        "Anschriften, Telefonnummern, E-Mail-Adressen, Staatsangehörigkeit, Sprachen, "
        f"Kennungen der Fallakte, Kalenderdaten (stattdessen Wochen ab Eröffnung){place}, "
        f"Namen vermittelnder Organisationen. {free}"
    )


class _Sheet:
    def __init__(self, data: CaseSheetData) -> None:
        self.data = data
        self.s = document_styles()
        # A listing's heading stays with its table by a conditional page break instead of
        # keepWithNext, which would push a long table whole onto the next page.
        self.s["listing"] = ParagraphStyle("listing", parent=self.s["h2"], keepWithNext=0)
        self.s["rating"] = ParagraphStyle("rating", parent=self.s["cell"], alignment=TA_CENTER)
        self.s["step"] = ParagraphStyle("step", parent=self.s["cell"], leftIndent=4 * mm)

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def facts(self, rows: tuple[tuple[str, str], ...], boxed: bool = False) -> Table:
        table = Table(
            [[self.p(escape(k), "head"), self.p(_multiline(v), "cell")] for k, v in rows],
            colWidths=[44 * mm, PAGE_WIDTH - 44 * mm],
            hAlign="LEFT",
        )
        style = fact_table_style(boxed)
        style.add("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)  # else Helvetica is referenced
        table.setStyle(style)
        return table

    def listing(
        self,
        title: str,
        columns: tuple[str, ...],
        widths: tuple[float | None, ...],
        rows: tuple[Row, ...],
        note_label: str = "Notiz",
        empty: str = "Keine Einträge.",
        lead: tuple[Flowable, ...] = (),
    ) -> list[Flowable]:
        """A heading and a table; ``lead`` (a section heading) goes before the heading, after
        the conditional page break that keeps both with the first rows."""
        heading = self.p(f"{escape(title)} ({len(rows)})", "listing")
        if not rows:
            return [CondPageBreak(20 * mm), *lead, heading, self.p(escape(empty), "cell")]
        body: list[list[Any]] = [[self.p(escape(c), "head") for c in columns]]
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # the empty cells of note rows
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for row in rows:
            body.append([self.p(_multiline(cell), "cell") for cell in row.cells])
            below = [self.p(f"{note_label}: {_multiline(row.note)}", "note")] if row.note else []
            below += [self.p(_multiline(step), "step") for step in row.steps]
            for at, paragraph in enumerate(below, start=len(body)):
                body.append([paragraph] + [""] * (len(columns) - 1))
                commands.append(("SPAN", (0, at), (-1, at)))
            if below:
                # A row keeps with its note and steps; a long block with its first line only
                # (a block taller than a page could not be placed).
                first = len(body) - len(below) - 1
                last = len(body) - 1 if len(below) <= KEPT_TOGETHER else first + 1
                commands.append(("NOSPLIT", (0, first), (-1, last)))
            commands.append(("LINEBELOW", (0, len(body) - 1), (-1, len(body) - 1), 0.25, RULE))
        table = Table(body, colWidths=_widths(widths), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return [CondPageBreak(30 * mm), *lead, heading, table]

    def header(self) -> list[Flowable]:
        data = self.data
        return [
            self.p("Kommunales Integrationsmanagement · Kollegiale Fallberatung", "kicker"),
            Spacer(1, 1.5 * mm),
            self.p(escape(TITLE), "title"),
            self.p(
                "Verlauf eines Falls für die kollegiale Fallberatung und die Fallrekonstruktion",
                "subtitle",
            ),
            Spacer(1, 3 * mm),
            self.facts(
                (
                    (
                        "Stand",
                        f"{data.as_of} seit Eröffnung des Falls"
                        if data.as_of.startswith("Woche")
                        else data.as_of,
                    ),
                    ("Zeitangaben", "in Wochen ab Eröffnung (Woche 1 beginnt am Eröffnungstag)"),
                    ("Was fehlt", left_out_text(data)),
                    (
                        "Vertraulich",
                        "Pseudonymisiert, nicht anonym: Wer den Fall kennt, kann ihn "
                        "wiedererkennen. Nur für die Fallberatung verwenden, nicht "
                        "weitergeben, danach vernichten.",
                    ),
                ),
                boxed=True,
            ),
        ]

    def case(self) -> list[Flowable]:
        data = self.data
        out: list[Flowable] = [self.p("1 Fall", "h1"), self.facts(data.facts)]
        if data.case_notes:
            out += [self.p("Notizen zum Fall", "h3"), self.p(_multiline(data.case_notes), "cell")]
        persons = self.listing(
            "Personen im Fall",
            ("Person", "Rolle", "Alter bei Eröffnung", "Geschlecht", "Aufenthaltsstatus"),
            (22, 30, 32, 24, None),
            tuple(
                Row((p.label, p.role, p.age_band, p.gender, p.residence_status))
                for p in data.persons
            ),
        )
        # The h1 names it: the section heading takes the listing's heading's place.
        return [*out, persons[0], self.p("2 Personen", "h1"), *persons[2:]]

    def course(self) -> list[Flowable]:
        data = self.data
        out = self.listing(
            "Phasen",
            ("Woche", "Von", "Nach", "Abschlussgrund"),
            (26, 38, 38, None),
            data.phases,
            empty="Kein Phasenverlauf gespeichert (Fall aus einem Datenimport).",
            lead=(self.p("3 Verlauf", "h1"),),
        )
        out += self.listing(
            "Termine",
            ("Woche", "Art", "Weg", "Min.", "Themen", "Sprachmittlung"),
            (18.5, 29.5, 20, 10, None, 28),
            data.appointments,
        )
        if data.appointments:
            out.append(self.p(escape(data.appointment_summary) + ".", "caption"))
        return out

    def assessments(self) -> list[Flowable]:
        data = self.data
        out: list[Flowable] = [
            CondPageBreak(50 * mm),  # the heading and the legend stay with the first table
            self.p(f"4 Einschätzungen nach Lebensbereichen ({len(data.assessments)})", "h1"),
        ]
        if not data.assessments:
            return [*out, self.p("Keine Einschätzungen.", "cell")]
        legend = "; ".join(f"{k} = {v}" for k, v in RATING_WORDS.items())
        out.append(self.p(f"Bedarf je Lebensbereich: {escape(legend)}.", "caption"))
        for start in range(0, len(data.assessments), ASSESSMENT_COLUMNS):
            chunk = data.assessments[start : start + ASSESSMENT_COLUMNS]
            head = [self.p("Lebensbereich", "head")]
            for a in chunk:
                who = f"<br/>{escape(a.person)}" if a.person else ""
                head.append(self.p(escape(a.when) + who, "head"))
            body: list[list[Any]] = [head]
            commands: list[tuple[Any, ...]] = [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
            for r, (code, name) in enumerate(data.life_areas, start=1):
                cells: list[Any] = [self.p(escape(name), "cell")]
                for c, a in enumerate(chunk, start=1):
                    rating = a.ratings.get(code)
                    cells.append(self.p("–" if rating is None else str(rating), "rating"))
                    fill = _RATING_FILL.get(rating) if rating is not None else None
                    if fill:
                        commands.append(("BACKGROUND", (c, r), (c, r), fill))
                body.append(cells)
            first = 40 * mm
            rest = (PAGE_WIDTH - first) / ASSESSMENT_COLUMNS
            table = Table(
                body, colWidths=[first] + [rest] * len(chunk), repeatRows=1, hAlign="LEFT"
            )
            table.setStyle(TableStyle(commands))
            out += [KeepTogether([table]), Spacer(1, 2 * mm)]
        for row in data.assessment_notes:
            out.append(
                self.p(f"Notiz ({escape(row.cells[0])}): {_multiline(row.note or '')}", "note")
            )
        return out

    def plans(self) -> list[Flowable]:
        data = self.data
        out = self.listing(
            "Ziele",
            ("Lebensbereich", "Vereinbart", "Fällig", "Abgeschlossen", "Stand"),
            (None, 26, 26, 28, 30),
            data.goals,
            note_label="Ziel",
            lead=(self.p("5 Ziele und Vermittlungen", "h1"),),
        )
        out += self.listing(
            "Vermittlungen",
            ("Woche", "Stelle", "Thema", "Ergebnis"),
            (18, None, 44, 32),
            data.referrals,
        )
        return out

    def question(self) -> list[Flowable]:
        lines = Table(
            [[""] for _ in range(4)],
            colWidths=[PAGE_WIDTH],
            rowHeights=[8 * mm] * 4,
            hAlign="LEFT",
        )
        lines.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ]
            )
        )
        return [
            KeepTogether(
                [
                    self.p("6 Fragestellung für die Beratung", "h1"),
                    self.p(
                        "Von der fallführenden Fachkraft vor der Besprechung einzutragen.",
                        "caption",
                    ),
                    lines,
                ]
            )
        ]

    def story(self) -> list[Flowable]:
        return [
            *self.header(),
            *self.case(),
            *self.course(),
            *self.assessments(),
            *self.plans(),
            *self.question(),
        ]


METADATA = {
    "title": TITLE,
    "author": "KIM Desktop",
    "subject": "Verlauf eines Falls für die kollegiale Fallberatung, pseudonymisiert",
    "keywords": "KIM, Fallbesprechung, kollegiale Fallberatung, pseudonymisiert",
}


def build_case_sheet(data: CaseSheetData, out: Path | io.BytesIO, invariant: bool = True) -> int:
    """Write the sheet to ``out`` (a path that must not exist yet, or a buffer); returns the
    number of pages."""
    footer = f"{TITLE} · vertraulich, nur für die Fallberatung"
    return write_document(_Sheet(data).story(), out, METADATA, footer, CREATION_DATE, invariant)
