"""The parts of the statistics report: styles, number formats, key figures and the table and
chart builders that its sections (``reports/statistics.py``) put together."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Paragraph,
    Table,
    TableStyle,
)

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
    heading_style,
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
    ("Teilnehmende sonstiger Arbeitstermine", "appointments.other_work_participants"),
    (
        "davon Termine ohne erfasste Teilnehmendenzahl",
        "appointments.other_work_without_participants",
    ),
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
INDENTED |= {"appointments.other_work_without_participants"}
# A coordinator's sum of a figure that bundles of an older version do not carry.
NOT_DELIVERED = "nicht geliefert"

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
    if isinstance(value, str):
        return value  # e.g. NOT_DELIVERED
    return german_number(value)


def change(current: Any, previous: Any) -> str:
    """The difference to the previous period, signed (typographic minus)."""
    if not isinstance(current, int | float) or not isinstance(previous, int | float):
        return "–"
    diff = current - previous
    diff = round(diff, 1) if isinstance(diff, float) and not diff.is_integer() else int(diff)
    if diff == 0:
        return "±0"
    return ("+" if diff > 0 else "−") + german_number(abs(diff))


_BOLD = {"appointments.total", "cases.opened"}
# The figures that bundles of older versions lack (core/figures/district.py): a coordinator's
# sum of them is None when some bundle did not deliver them.
_LATER = (
    "appointments.interpreter.",
    "appointments.other_work_participants",
    "appointments.other_work_without_participants",
)


def delivered(key: str, value: Any) -> Any:
    """``NOT_DELIVERED`` for a later figure that is None (figures/district.py)."""
    return NOT_DELIVERED if value is None and key.startswith(_LATER) else value


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


# reportlab's default cell padding (left and right), which a column's text must leave free.
TABLE_PADDING = 6


# -- building blocks -------------------------------------------------------------------------


class ReportLayout:
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

    def fitted(self, text: str, width: float, style: str = "cell") -> Paragraph:
        """``text`` (plain) in a column ``width`` wide (points, padding included): a word
        too wide for it ("Bildung/Schule/Anerkennung", "Neunkirchen-Seelscheid") breaks
        after its slashes or hyphens, never inside a part ("Anerke / nnung")."""
        paragraph_style = self.s[style]
        room = width - 2 * TABLE_PADDING
        lines: list[str] = []
        for word in text.split(" "):
            if stringWidth(word, paragraph_style.fontName, paragraph_style.fontSize) <= room:
                lines.append(escape(word))
                continue
            parts = re.findall(r"[^/-]+[/-]?|[/-]", word)
            line = ""
            broken: list[str] = []
            for part in parts:
                candidate = line + part
                wide = stringWidth(candidate, paragraph_style.fontName, paragraph_style.fontSize)
                if line and wide > room:
                    broken.append(line)
                    line = part
                else:
                    line = candidate
            broken.append(line)
            lines.append("<br/>".join(escape(piece) for piece in broken))
        return Paragraph(" ".join(lines), paragraph_style)

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
        body: list[list[Any]] = [
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
        rows = [
            (label, delivered(key, lookup(now, key)), delivered(key, lookup(before, key)))
            for label, key in KEY_FIGURES
        ]
        indented = [i for i, (_label, key) in enumerate(KEY_FIGURES) if key in INDENTED]
        bold = [i for i, (_l, key) in enumerate(KEY_FIGURES) if key in _BOLD]
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
        # the renderer starts each drawing in its initial font, Helvetica unless told: it
        # would be the one font not embedded (pdffonts)
        drawing.initialFontName = fonts.REGULAR  # type: ignore[attr-defined]  # not in stubs
        chart = VerticalBarChart()
        # reportlab takes positions in points (float); its stubs say int.
        chart.x, chart.y = 14 * mm, 12 * mm  # type: ignore[assignment]
        chart.width, chart.height = 112 * mm, 40 * mm  # type: ignore[assignment]
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
        legend.x, legend.y = 132 * mm, 44 * mm  # type: ignore[assignment]
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
    label: str = period.label
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
