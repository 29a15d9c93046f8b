"""The statistics report (Statistikbericht, issue 6): the indicators of a period beside the
previous period, in German, as a PDF for the steering group and committees.

Layout follows the Rhein-Sieg evaluation (chapter 6.1.1): appointments by kind, cases that
became a long-term case-management process versus cases not continued, themes, referrals —
each as a table, the first two also as bar charts. A coordinator's report adds one section per
municipality. The report prints the figures it is given (``core.report_data.ReportData``),
formatted like ``kim stats``; it computes only differences and shares.

Deterministic in invariant mode: reportlab's invariant flag, the creation date taken from
``data.issued_on``, no random ids — the same data gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.documents.report_data import ReportData
from kim_desktop.core.figures.stats_text import german_number
from kim_desktop.reports import fonts
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    INK,
    RULE,
    escape,
    german_date,
    heading_style,
    write_document,
)

SUPPRESSED = "unterdrückt¹"
ROLE_LABELS = {"casemanager": "Case Management", "coordinator": "Koordinierungsstelle KIM"}

# Colours: dark blue (current period) and a light blue (previous); contrast ≥ 4.5 for text.
PREVIOUS = colors.HexColor("#9dc3e6")

# The key figures (label, dotted key), worded as in ``kim stats --format table``.
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("Termine insgesamt", "appointments.total"),
    ("Beratungstermine (Kurzberatung + Case Management)", "appointments.counselling"),
    ("Kurzberatungen", "appointments.short_consultation"),
    ("Case-Management-Termine", "appointments.case_management"),
    ("Sonstige Arbeitstermine", "appointments.other_work"),
    ("Minuten Case Management", "appointments.minutes_case_management"),
    ("Durchschnittliche Dauer CM-Termin (Min.)", "appointments.avg_minutes_case_management"),
    ("Neu aufgenommene Fälle", "cases.opened"),
    ("Personen in diesen Fällen", "cases.persons_in_opened"),
    ("davon längerfristiger CM-Prozess", "cases.long_term"),
    ("davon nicht fortgesetzt", "cases.not_continued"),
    ("Abgeschlossene Fälle", "cases.closed"),
    ("Offene Fälle am Periodenende", "cases.open_at_end"),
    ("Termine bis zum positiven Abschluss (Median)", "cases.appointments_to_positive_close.median"),
    ("Verweise insgesamt", "referrals.total"),
    ("Vereinbarte Ziele", "goals.agreed"),
    ("Gemeldete Strukturlücken", "structural_gaps.reported"),
)
INDENTED = {"cases.persons_in_opened", "cases.long_term", "cases.not_continued"}
INDENTED |= {"appointments.short_consultation", "appointments.case_management"}

DIMENSION_CATALOGUES = {
    "gender": cat.GENDERS,
    "age_band": cat.AGE_BANDS,
    "nationality": "nationality",
    "residence_status": cat.RESIDENCE_STATUS,
}
DIMENSIONS = (
    ("Geschlecht", "gender"),
    ("Altersgruppe", "age_band"),
    ("Staatsangehörigkeit", "nationality"),
    ("Aufenthaltsstatus", "residence_status"),
)


# -- formatting ------------------------------------------------------------------------------


def german_percent(part: float, whole: float) -> str:
    if not whole:
        return "–"
    return f"{100 * part / whole:.1f}".replace(".", ",") + " %"


def shown(value: Any) -> str:
    """A figure as printed: German number, "unterdrückt¹" for a suppressed cell."""
    if value is None:
        return "–"
    return german_number(value)


def change(current: Any, previous: Any) -> str:
    """The difference to the previous period, signed (typographic minus)."""
    if current is None or previous is None:
        return "–"
    diff = current - previous
    diff = round(diff, 1) if isinstance(diff, float) and not diff.is_integer() else int(diff)
    if diff == 0:
        return "±0"
    return ("+" if diff > 0 else "−") + german_number(abs(diff))


def lookup(figures: Mapping[str, Any], dotted: str) -> Any:
    node: Any = figures
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


# -- styles ----------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle(
        "body", fontName=family, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "note": ParagraphStyle(
            "note", parent=base, fontSize=8, leading=10.5, fontName=fonts.ITALIC
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "indent": ParagraphStyle("indent", parent=base, fontSize=8.5, leading=10.5, leftIndent=10),
        "head": ParagraphStyle(
            "head", parent=base, fontSize=8.5, leading=10.5, fontName=fonts.BOLD
        ),
        "head_right": ParagraphStyle(
            "head_right",
            parent=base,
            fontSize=8.5,
            leading=10.5,
            fontName=fonts.BOLD,
            alignment=TA_RIGHT,
        ),
        "h1": heading_style("h1", base, 15, 19, 6, 8),
        "h2": heading_style("h2", base, 11, 14, 8, 4, accent=False),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=12, leading=16, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=26, leading=32, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=19),
    }


# -- building blocks -------------------------------------------------------------------------


class _Report:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.s = _styles()
        self.catalogues = data.catalogues or cat.base_catalogues()
        self.now_label = _short(data.period)
        self.prev_label = _short(data.previous_period)

    def label(self, catalogue: str, code: str) -> str:
        if catalogue == "nationality":
            return cat.nationality_label(code)
        if code == "unknown":
            return "unbekannt"
        if catalogue in self.catalogues:
            return self.catalogues[catalogue].label(code, "de")
        return code

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        bold_rows: Sequence[int] = (),
        indented: Sequence[int] = (),
        note: str | None = None,
    ) -> Table:
        """A table with a header row; the first column text, the others right-aligned. A
        note (footnote) becomes a last row across all columns, so it never stands alone on
        a page."""
        body = [
            [self.p(escape(h), "head" if i == 0 else "head_right") for i, h in enumerate(header)]
        ]
        for number, row in enumerate(rows):
            style = "head" if number in bold_rows else "cell"
            if number in indented:
                style = "indent"
            body.append([self.p(escape(str(row[0])), style), *(str(v) for v in row[1:])])
        if note:
            body.append([self.p(escape(note), "note"), *([""] * (len(header) - 1))])
        table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for number in bold_rows:
            commands.append(("FONT", (1, number + 1), (-1, number + 1), fonts.BOLD, 8.5))
        if note:
            commands += [
                ("SPAN", (0, -1), (-1, -1)),
                ("NOSPLIT", (0, -4), (-1, -1)),  # the note goes with the last rows
                ("LINEBELOW", (0, -1), (-1, -1), 0, colors.white),
                ("TOPPADDING", (0, -1), (-1, -1), 5),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def comparison(
        self,
        rows: Sequence[tuple[str, Any, Any]],
        first: str = "Kennzahl",
        bold_rows: Sequence[int] = (),
        indented: Sequence[int] = (),
    ) -> Table:
        body = [
            (label, shown(now), shown(before), change(now, before)) for label, now, before in rows
        ]
        return self.table(
            (first, self.now_label, self.prev_label, "Veränderung"),
            body,
            (92 * mm, 25 * mm, 25 * mm, 28 * mm),
            bold_rows,
            indented,
        )

    def key_figures(self, now: Mapping[str, Any], before: Mapping[str, Any]) -> Table:
        rows = [(label, lookup(now, key), lookup(before, key)) for label, key in KEY_FIGURES]
        indented = [i for i, (_label, key) in enumerate(KEY_FIGURES) if key in INDENTED]
        bold = [0, 7]
        return self.comparison(rows, bold_rows=bold, indented=indented)

    def breakdown(
        self,
        catalogue: str,
        now: Mapping[str, Any],
        before: Mapping[str, Any],
        first: str,
        skip_zero: bool = False,
    ) -> Table:
        codes = [c for c in now if not c.startswith("_")]
        codes += [c for c in before if not c.startswith("_") and c not in now]
        rows = [
            (self.label(catalogue, code), now.get(code, 0), before.get(code, 0))
            for code in codes
            if not (skip_zero and not now.get(code) and not before.get(code))
        ]
        if not rows:
            rows = [("(keine)", 0, 0)]
        return self.comparison(rows, first=first)

    def bar_chart(
        self,
        title: str,
        categories: Sequence[str],
        now: Sequence[float],
        before: Sequence[float],
    ) -> Drawing:
        width, height = 170 * mm, 62 * mm
        drawing = Drawing(width, height)
        chart = VerticalBarChart()
        chart.x, chart.y = 14 * mm, 12 * mm
        chart.width, chart.height = 112 * mm, 40 * mm
        chart.data = [list(before), list(now)]
        chart.barSpacing = 1
        chart.groupSpacing = 10
        chart.bars[0].fillColor = PREVIOUS
        chart.bars[1].fillColor = ACCENT
        chart.bars.strokeColor = None
        chart.valueAxis.valueMin = 0
        top = max([*now, *before, 1])
        chart.valueAxis.valueMax = top * 1.15
        chart.valueAxis.labels.fontName = fonts.REGULAR
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.labelTextFormat = _axis_number
        chart.valueAxis.gridStrokeColor = RULE
        chart.valueAxis.gridStrokeWidth = 0.25
        chart.valueAxis.visibleGrid = True
        chart.categoryAxis.categoryNames = list(categories)
        chart.categoryAxis.labels.fontName = fonts.REGULAR
        chart.categoryAxis.labels.fontSize = 7.5
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.barLabelFormat = _bar_number
        chart.barLabels.fontName = fonts.REGULAR
        chart.barLabels.fontSize = 6.5
        chart.barLabels.nudge = 6
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = 132 * mm, 44 * mm
        legend.fontName = fonts.REGULAR
        legend.fontSize = 8
        legend.alignment = "right"
        legend.boxAnchor = "nw"
        legend.columnMaximum = 2
        legend.colorNamePairs = [(ACCENT, self.now_label), (PREVIOUS, self.prev_label)]
        drawing.add(legend)
        drawing.add(String(0, height - 8, title, fontName=fonts.BOLD, fontSize=8.5, fillColor=INK))
        return drawing

    def demographics(self, figures: Mapping[str, Any], note: str | None = None) -> Table:
        """One table over the four dimensions: persons and share; suppressed cells marked."""
        demographics = figures.get("demographics", {})
        persons = lookup(figures, "cases.persons_in_opened") or 0
        rows: list[tuple[str, str, str]] = []
        bold: list[int] = []
        for title, key in DIMENSIONS:
            cells = demographics.get(key, {})
            bold.append(len(rows))
            rows.append((title, "", ""))
            catalogue = DIMENSION_CATALOGUES[key]
            for code, value in cells.items():
                if code.startswith("_") or value == 0:
                    continue
                label = self.label(catalogue, code)
                if value is None:
                    rows.append((label, SUPPRESSED, ""))
                else:
                    rows.append((label, german_number(value), german_percent(value, persons)))
            hidden = cells.get("_suppressed") or 0
            if hidden:
                rows.append(
                    (
                        "in unterdrückten Zellen zusammen",
                        german_number(hidden),
                        german_percent(hidden, persons),
                    )
                )
        return self.table(
            ("Merkmal", "Personen", "Anteil"),
            rows,
            (92 * mm, 25 * mm, 25 * mm),
            bold_rows=bold,
            indented=[i for i in range(len(rows)) if i not in bold],
            note=note,
        )


def _short(period: Any) -> str:
    """Column heading for a period: ``2025``, ``Q4 2025`` or ``01.01.–30.06.2025``."""
    label = period.label
    if len(label) == 4:
        return label
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return f"Q{quarter} {year}"
    return f"{period.start:%d.%m.%y}–{period.end:%d.%m.%y}"


def _axis_number(value: float) -> str:
    return german_number(int(value)) if float(value).is_integer() else german_number(value)


def _bar_number(value: float) -> str:
    return german_number(round(value))


# -- page furniture --------------------------------------------------------------------------


# -- the document ----------------------------------------------------------------------------


def _title_page(r: _Report) -> list[Flowable]:
    data = r.data
    role = ROLE_LABELS.get(data.role, data.role)
    scope = (
        "Kennzahlen des Kreises mit einem Abschnitt je Kommune"
        if data.role == "coordinator"
        else "Kennzahlen der eigenen Fallarbeit"
    )
    facts = [
        ("Kreis / kreisfreie Stadt", data.district or "–"),
        ("Berichtszeitraum", f"{data.period.german()} ({_span(data.period)})"),
        ("Vergleichszeitraum", f"{data.previous_period.german()} ({_span(data.previous_period)})"),
        ("Erstellt von", f"{data.owner or '–'} ({role})"),
        ("Stand", german_date(data.issued_on)),
    ]
    table = Table(
        [[r.p(escape(k), "head"), r.p(escape(v))] for k, v in facts],
        colWidths=[50 * mm, 120 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Spacer(1, 30 * mm),
        r.p("Kommunales Integrationsmanagement (KIM)", "kicker"),
        Spacer(1, 4 * mm),
        r.p("Statistikbericht", "title"),
        Spacer(1, 2 * mm),
        r.p(escape(f"{role} · {data.period.german()}"), "subtitle"),
        Spacer(1, 2 * mm),
        r.p(escape(scope)),
        Spacer(1, 14 * mm),
        table,
        Spacer(1, 60 * mm),
        r.p(escape(data.funding_note), "note"),
        PageBreak(),
    ]


def _span(period: Any) -> str:
    return f"{german_date(period.start)} – {german_date(period.end)}"


def _appointments(r: _Report, now: Mapping[str, Any], before: Mapping[str, Any]) -> list[Flowable]:
    a, b = now["appointments"], before["appointments"]
    kinds = (
        ("Kurzberatungen", "short_consultation"),
        ("Case-Management-Termine", "case_management"),
        ("Sonstige Arbeitstermine", "other_work"),
    )
    rows = [(label, a[key], b[key]) for label, key in kinds]
    rows.append(("Termine insgesamt", a["total"], b["total"]))
    chart = r.bar_chart(
        "Termine nach Art",
        ["Kurzberatung", "Case Management", "Sonstige Arbeit"],
        [a[key] or 0 for _l, key in kinds],
        [b[key] or 0 for _l, key in kinds],
    )
    return [
        r.p("2 Termine", "h1"),
        r.p(
            "Beratungstermine sind direkte Termine mit der Zielgruppe (Kurzberatung oder Case "
            "Management); sonstige Arbeitstermine sind Arbeitskreise, Netzwerkarbeit, "
            "Veranstaltungen, Austausch mit Ämtern und Schulungen."
        ),
        Spacer(1, 2 * mm),
        r.comparison(rows, first="Art des Termins", bold_rows=[3]),
        Spacer(1, 3 * mm),
        chart,
        r.p("Sonstige Arbeitstermine nach Art", "h2"),
        r.breakdown(cat.OTHER_WORK_TYPES, a["other_work_by_type"], b["other_work_by_type"], "Art"),
        r.p("Termine nach Kontaktweg", "h2"),
        r.breakdown(cat.CHANNELS, a["by_channel"], b["by_channel"], "Kontaktweg"),
    ]


def _cases(r: _Report, now: Mapping[str, Any], before: Mapping[str, Any]) -> list[Flowable]:
    c, d = now["cases"], before["cases"]

    def still_open(x: Mapping[str, Any]) -> int:
        return (x["opened"] or 0) - (x["long_term"] or 0) - (x["not_continued"] or 0)

    rows = [
        ("Neu aufgenommene Fälle", c["opened"], d["opened"]),
        ("davon längerfristiger CM-Prozess", c["long_term"], d["long_term"]),
        ("davon nicht fortgesetzt", c["not_continued"], d["not_continued"]),
        ("davon noch ohne vereinbartes Ziel", still_open(c), still_open(d)),
        ("Personen in diesen Fällen", c["persons_in_opened"], d["persons_in_opened"]),
        ("Abgeschlossene Fälle", c["closed"], d["closed"]),
        ("Offene Fälle am Periodenende", c["open_at_end"], d["open_at_end"]),
        (
            "Termine bis zum positiven Abschluss (Median)",
            c["appointments_to_positive_close"]["median"],
            d["appointments_to_positive_close"]["median"],
        ),
    ]
    chart = r.bar_chart(
        "Neu aufgenommene Fälle",
        ["längerfristiger CM-Prozess", "nicht fortgesetzt", "noch ohne Ziel"],
        [c["long_term"] or 0, c["not_continued"] or 0, still_open(c)],
        [d["long_term"] or 0, d["not_continued"] or 0, still_open(d)],
    )
    return [
        PageBreak(),
        r.p("3 Case-Management-Fälle", "h1"),
        r.p(
            "Ein längerfristiger Case-Management-Prozess ist eingeleitet, sobald mit der "
            "Person ein Ziel vereinbart ist; nicht fortgesetzt sind Fälle, die ohne "
            "vereinbartes Ziel abgeschlossen wurden (etwa nach dem Erst- oder Zweittermin)."
        ),
        Spacer(1, 2 * mm),
        r.comparison(rows, first="Fälle", bold_rows=[0], indented=[1, 2, 3]),
        Spacer(1, 3 * mm),
        chart,
        r.p("Abgeschlossene Fälle nach Grund", "h2"),
        r.breakdown(cat.CLOSURE_REASONS, c["closed_by_reason"], d["closed_by_reason"], "Grund"),
    ]


def _themes_referrals_goals(
    r: _Report, now: Mapping[str, Any], before: Mapping[str, Any]
) -> list[Flowable]:
    return [
        PageBreak(),
        r.p("4 Themen der Termine", "h1"),
        r.p("Ein Termin kann mehrere Themen haben; gezählt werden Termine je Thema."),
        Spacer(1, 2 * mm),
        r.breakdown(cat.THEMES, now["themes"], before["themes"], "Thema"),
        CondPageBreak(60 * mm),
        r.p("5 Verweisberatungen", "h1"),
        r.comparison(
            [("Verweise insgesamt", now["referrals"]["total"], before["referrals"]["total"])],
            first="Verweise",
            bold_rows=[0],
        ),
        Spacer(1, 2 * mm),
        r.breakdown(
            cat.REFERRAL_TARGETS,
            now["referrals"]["by_target"],
            before["referrals"]["by_target"],
            "Verwiesen an",
        ),
        CondPageBreak(50 * mm),
        r.p("6 Ziele", "h1"),
        r.p("Ziele, die im Zeitraum vereinbart wurden, mit ihrem Stand am Periodenende."),
        Spacer(1, 2 * mm),
        r.comparison(
            [("Vereinbarte Ziele", now["goals"]["agreed"], before["goals"]["agreed"])],
            first="Ziele",
            bold_rows=[0],
        ),
        Spacer(1, 2 * mm),
        r.breakdown(
            cat.GOAL_STATUS, now["goals"]["by_status"], before["goals"]["by_status"], "Stand"
        ),
    ]


def _suppression_note(r: _Report) -> str:
    k = r.data.k
    if r.data.role == "coordinator":
        return (
            f"¹ unterdrückt: Zellen mit 1 bis {k - 1} Personen (Schwelle k = {k}) werden nicht "
            "veröffentlicht, ebenso weitere Zellen, aus denen sich ein unterdrückter Wert "
            "zurückrechnen ließe (sekundäre Unterdrückung). Die Zahl der Personen in "
            "unterdrückten Zellen ist je Merkmal angegeben."
        )
    return (
        "Werte aus der eigenen Falldatei, ohne Unterdrückung. In Sync-Bündeln an die "
        f"Koordinierungsstelle werden Zellen mit 1 bis {k - 1} Personen (Schwelle k = {k}) "
        "unterdrückt¹ und in Berichten so gekennzeichnet."
    )


def _demographics_section(r: _Report, now: Mapping[str, Any]) -> list[Flowable]:
    return [
        PageBreak(),
        r.p("7 Personen in neu aufgenommenen Fällen", "h1"),
        r.p(
            "Jede Person zählt einmal je Merkmal; das Alter ist das am Periodenende. "
            f"Personen insgesamt: {shown(lookup(now, 'cases.persons_in_opened'))}."
        ),
        Spacer(1, 2 * mm),
        r.demographics(now, note=_suppression_note(r)),
    ]


def _municipalities(r: _Report, first_number: int) -> list[Flowable]:
    data = r.data
    if not data.municipalities:
        return []
    out: list[Flowable] = [
        PageBreak(),
        r.p(f"{first_number} Kommunen", "h1"),
        r.p(
            "Die Kennzahlen je Kommune, wie die Sync-Bündel der Case Managerinnen und Case "
            "Manager sie übermittelt haben. Kleine Zellen sind in den Bündeln unterdrückt¹."
        ),
    ]
    for number, section in enumerate(data.municipalities, start=1):
        out += [
            PageBreak() if number > 1 else Spacer(1, 2 * mm),
            r.p(escape(f"{first_number}.{number} Kommune: {section.name}"), "h2"),
            r.key_figures(section.figures, section.previous),
            Spacer(1, 3 * mm),
            r.p(escape(f"Personen in neu aufgenommenen Fällen – {section.name}"), "h2"),
            r.demographics(section.figures, note=_suppression_note(r)),
        ]
    return out


def _gaps(r: _Report, number: int) -> list[Flowable]:
    gaps = r.data.gaps
    out: list[Flowable] = [
        PageBreak(),
        r.p(f"{number} Strukturlücken", "h1"),
        r.p(
            "Strukturlücken sind fehlende oder nicht erreichbare Angebote, die im "
            "Berichtszeitraum an die Koordinierungsstelle gemeldet wurden."
        ),
        Spacer(1, 2 * mm),
    ]
    if not gaps:
        out.append(r.p("Im Berichtszeitraum wurden keine Strukturlücken gemeldet."))
        return out
    body = [
        [r.p(h, "head") for h in ("Gemeldet am", "Kommune", "Thema", "Beschreibung")],
    ]
    for gap in sorted(gaps, key=lambda g: (g.reported_on or dt.date.min, g.municipality, g.title)):
        text = f"<b>{escape(gap.title)}</b>"
        if gap.description:
            text += "<br/>" + escape(gap.description)
        body.append(
            [
                r.p(german_date(gap.reported_on), "cell"),
                r.p(escape(gap.municipality), "cell"),
                r.p(escape(r.label(cat.THEMES, gap.theme)), "cell"),
                r.p(text, "cell"),
            ]
        )
    table = Table(body, colWidths=[22 * mm, 32 * mm, 40 * mm, 76 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ]
        )
    )
    out.append(table)
    return out


def _notes(r: _Report, number: int) -> list[Flowable]:
    return [
        CondPageBreak(70 * mm),
        r.p(f"{number} Hinweise", "h1"),
        r.p(
            "Alle Zahlen stammen aus derselben Berechnung wie die Kennzahlen in KIM Desktop "
            "und im Befehl <i>kim stats</i>; Definitionen: docs/indicators.md. Zahlen im "
            "deutschen Format (1.234 und 61,5); „–“ steht für einen nicht berechenbaren Wert "
            "(etwa ein Median ohne positiv abgeschlossene Fälle).",
            "small",
        ),
        Spacer(1, 2 * mm),
        r.p(escape(r.data.funding_note), "note"),
    ]


def story(data: ReportData) -> list[Flowable]:
    r = _Report(data)
    now, before = data.figures, data.previous
    out = _title_page(r)
    out += [
        r.p("1 Kennzahlen im Überblick", "h1"),
        r.p(
            escape(
                f"Berichtszeitraum {data.period.german()} ({_span(data.period)}) im Vergleich "
                f"mit {data.previous_period.german()} ({_span(data.previous_period)})."
                + (" Summe aller Kommunen." if data.role == "coordinator" else "")
            )
        ),
        Spacer(1, 3 * mm),
        r.key_figures(now, before),
    ]
    out += _appointments(r, now, before)
    out += _cases(r, now, before)
    out += _themes_referrals_goals(r, now, before)
    out += _demographics_section(r, now)
    number = 8
    if data.municipalities:
        out += _municipalities(r, number)
        number += 1
    out += _gaps(r, number)
    out += _notes(r, number + 1)
    return out


def metadata(data: ReportData) -> dict[str, str]:
    where = data.district or ROLE_LABELS.get(data.role, data.role)
    return {
        "title": f"KIM-Statistikbericht {where}, {data.period.german()}",
        "author": data.owner or ROLE_LABELS.get(data.role, data.role),
        "subject": (
            "Kennzahlen des Kommunalen Integrationsmanagements "
            f"({_span(data.period)}, Vergleich {_span(data.previous_period)})"
        ),
    }


def build_statistics_report(
    data: ReportData,
    out: Path | io.BytesIO,
    invariant: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the report to ``out`` (a path that must not exist yet, or a buffer); returns
    the number of pages. ``progress`` is called with each finished page number."""
    where = data.district or ROLE_LABELS.get(data.role, data.role)
    footer = f"KIM-Statistikbericht · {where} · {data.period.german()}"
    meta = {
        **metadata(data),
        "keywords": "KIM, Kommunales Integrationsmanagement, Kennzahlen, Statistik",
    }
    return write_document(
        story(data), out, meta, footer, data.issued_on, invariant, (18 * mm, 22 * mm), progress
    )
