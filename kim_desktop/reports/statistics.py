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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.documents.report_data import ReportData
from kim_desktop.core.figures.stats_text import coverage_sentence
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    RULE,
    escape,
    german_date,
    logo_row,
    write_document,
)
from kim_desktop.reports.statistics_layout import (
    ROLE_LABELS,
    ReportLayout,
    delivered,
    lookup,
    shown,
)

INTERPRETER = "appointments.interpreter."
UNRECORDED = "_unrecorded"  # counselling without a recorded interpreter (indicators.py)


def _title_page(r: ReportLayout) -> list[Flowable]:
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
    if "coverage" in data.figures:  # a coordinator's: which bundles the figures rest on
        previous = data.previous.get("coverage") or {}
        facts.insert(2, ("Datengrundlage", coverage_sentence(data.figures["coverage"])))
        facts.insert(
            4,
            (
                "Datengrundlage Vergleich",
                coverage_sentence(previous)
                if previous.get("bundles")
                else "Keine Bündel für diesen Zeitraum: Vergleichswerte fehlen (–).",
            ),
        )
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
        # the district's logo left, the state programme's right (district configuration);
        # without logos the same blank, so the title stays where it always was
        *logo_row(data.logo, data.programme_logo, 170 * mm, 24 * mm, 6 * mm),
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


def _appointments(
    r: ReportLayout, now: Mapping[str, Any], before: Mapping[str, Any]
) -> list[Flowable]:
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
        *_interpreter_and_participants(r, a, b),
    ]


def _interpreter_and_participants(
    r: ReportLayout, a: Mapping[str, Any], b: Mapping[str, Any]
) -> list[Flowable]:
    """Counselling by interpreter use and the participants of other work (issue 13); a
    coordinator's figure that older bundles did not carry reads "nicht geliefert"."""
    now, before = a.get("interpreter", {}), b.get("interpreter", {})
    codes = [code for code in now if not code.startswith("_")]
    rows = [(r.label(cat.INTERPRETER, code), now.get(code), before.get(code)) for code in codes]
    rows.append(("Sprachmittlung nicht erfasst", now.get(UNRECORDED), before.get(UNRECORDED)))
    rows = [(label, delivered(INTERPRETER, x), delivered(INTERPRETER, y)) for label, x, y in rows]
    participants = [
        (
            label,
            delivered(key, lookup({"appointments": a}, key)),
            delivered(key, lookup({"appointments": b}, key)),
        )
        for label, key in (
            ("Teilnehmende sonstiger Arbeitstermine", "appointments.other_work_participants"),
            (
                "Sonstige Arbeitstermine ohne erfasste Teilnehmendenzahl",
                "appointments.other_work_without_participants",
            ),
        )
    ]
    return [
        r.p("Beratungstermine nach Sprachmittlung", "h2"),
        r.comparison(rows, first="Sprachmittlung"),
        r.p("Teilnehmende sonstiger Arbeitstermine", "h2"),
        r.p(
            "Summe der Teilnehmenden an sonstigen Arbeitsterminen (z. B. Gruppenveranstaltungen, "
            "Elternschulungen). Termine ohne erfasste Teilnehmendenzahl fehlen in der Summe; "
            "ihre Zahl steht darunter."
        ),
        r.comparison(participants, first="Kennzahl"),
    ]


def _cases(r: ReportLayout, now: Mapping[str, Any], before: Mapping[str, Any]) -> list[Flowable]:
    c, d = now["cases"], before["cases"]

    def still_open(x: Mapping[str, Any]) -> int | None:
        if x["opened"] is None:  # a comparison period without data
            return None
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
        [c["long_term"] or 0, c["not_continued"] or 0, still_open(c) or 0],
        [d["long_term"] or 0, d["not_continued"] or 0, still_open(d) or 0],
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
    r: ReportLayout, now: Mapping[str, Any], before: Mapping[str, Any]
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


# figures/cellkey.DEVIATION (a test keeps them equal): reports import nothing that opens files.
DEVIATION = 2


def _suppression_note(r: ReportLayout) -> str:
    k = r.data.k
    if r.data.role == "coordinator":
        return (
            "Die Merkmale kommen je Case Manager:in für das ganze Gebiet und nur für "
            "abgeschlossene Kalenderjahre. Werte sind zum Schutz einzelner Personen um bis "
            f"zu ±{DEVIATION} verändert (1 bis {k - 1} Personen erscheinen als 0 oder "
            f"{k}, Schwelle k = {k}); dieselben Personen ergeben immer dieselben Werte, die "
            "Summen stimmen daher nur ungefähr mit der Zahl der Personen überein. "
            "¹ unterdrückt: für diesen Zeitraum oder diese Kommune nicht übermittelt, oder in "
            "einem Bündel der Vorversion als kleine Zelle unterdrückt. Die Zahl der Personen "
            "in unterdrückten Zellen ist je Merkmal angegeben."
        )
    return (
        "Werte aus der eigenen Falldatei, unverändert. In Sync-Bündeln an die "
        "Koordinierungsstelle gehen die Merkmale nur für abgeschlossene Kalenderjahre und "
        f"für das ganze Gebiet, zum Schutz einzelner Personen um bis zu ±{DEVIATION} "
        f"verändert (1 bis {k - 1} Personen erscheinen als 0 oder {k}, Schwelle k = {k}); "
        "je Kommune werden sie nicht übermittelt (unterdrückt¹)."
    )


def _demographics_section(r: ReportLayout, now: Mapping[str, Any]) -> list[Flowable]:
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


def _municipalities(r: ReportLayout, first_number: int) -> list[Flowable]:
    data = r.data
    if not data.municipalities and not data.without_data and not data.without_work:
        return []
    coordinator = data.role == "coordinator"
    intro = (
        "Die Kennzahlen je Kommune, wie die Sync-Bündel der Case Managerinnen und Case "
        "Manager sie übermittelt haben. Die Merkmale der Personen kommen nur für das ganze "
        "Gebiet einer Case Managerin oder eines Case Managers, je Kommune sind sie "
        "unterdrückt¹."
        if coordinator
        else "Die Kennzahlen dieser Fallakte je Kommune, in der im Berichts- oder "
        "Vergleichszeitraum gearbeitet wurde. Die Merkmale der Personen stehen nur für die "
        "ganze Fallakte (Abschnitt 7): je Kommune wären die Zahlen so klein, dass sie "
        "einzelne Menschen erkennbar machen könnten."
    )
    out: list[Flowable] = [PageBreak(), r.p(f"{first_number} Kommunen", "h1"), r.p(intro)]
    if data.without_data:
        names = ", ".join(data.without_data)
        out.append(
            r.p(
                escape(
                    f"Für {names} liegen für den Berichtszeitraum keine Sync-Bündel vor (nur "
                    "für den Vergleichszeitraum); ohne Daten stehen sie hier nicht mit Nullen."
                )
            )
        )
    if data.without_work:
        names = ", ".join(data.without_work)
        out.append(
            r.p(
                escape(
                    f"Keine Termine, Fälle, Ziele und Verweise im Berichts- und "
                    f"Vergleichszeitraum: {names}."
                )
            )
        )
    for number, section in enumerate(data.municipalities, start=1):
        out += [
            PageBreak() if number > 1 and coordinator else Spacer(1, 2 * mm),
            r.p(escape(f"{first_number}.{number} Kommune: {section.name}"), "h2"),
            r.key_figures(section.figures, section.previous),
        ]
        if coordinator:
            out += [
                Spacer(1, 3 * mm),
                r.p(escape(f"Personen in neu aufgenommenen Fällen – {section.name}"), "h2"),
                r.demographics(section.figures, note=_suppression_note(r)),
            ]
    return out


def _gaps(r: ReportLayout, number: int) -> list[Flowable]:
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
    widths = [22 * mm, 32 * mm, 40 * mm, 76 * mm]
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
                r.fitted(gap.municipality, widths[1]),
                r.fitted(r.label(cat.THEMES, gap.theme), widths[2]),
                r.p(text, "cell"),
            ]
        )
    table = Table(body, colWidths=widths, repeatRows=1)
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


def _notes(r: ReportLayout, number: int) -> list[Flowable]:
    terms = (
        (
            "Termine",
            "Beratungstermine (Kurzberatung und Case Management) und sonstige "
            "Arbeitstermine mit Datum im Berichtszeitraum.",
        ),
        (
            "Neu aufgenommene Fälle",
            "Case-Management-Fälle, die im Berichtszeitraum eröffnet "
            "wurden; Personen darin zählen einmal, auch wenn sie in mehreren Fällen sind.",
        ),
        (
            "Offene Fälle am Periodenende",
            "Case-Management-Fälle, die bis zum letzten Tag des "
            "Zeitraums eröffnet und an diesem Tag nicht abgeschlossen waren.",
        ),
        (
            "Termine bis zum positiven Abschluss",
            "Median der Case-Management-Termine der im "
            "Zeitraum mit „Ziele erreicht“ abgeschlossenen Fälle.",
        ),
        (
            "Übergebene Fälle",
            "Einen an eine Kollegin oder einen Kollegen übergebenen Fall "
            "zählt für jeden Zeitraum die Fallakte, die ihn an dessen Ende führt; so zählt er im "
            "Kreis nur einmal.",
        ),
        (
            "Gelöschte Daten",
            "Nach Ablauf der Aufbewahrungsfrist gelöschte Fälle bleiben in den "
            "Zahlen abgeschlossener Jahre und Quartale erhalten, ohne personenbezogene Daten.",
        ),
    )
    return [
        CondPageBreak(70 * mm),
        r.p(f"{number} Hinweise", "h1"),
        r.p(
            "Alle Zahlen stammen aus derselben Berechnung wie die Statistik in KIM Desktop. "
            "Zahlen im deutschen Format (1.234 und 61,5); „–“ steht für einen nicht "
            "berechenbaren Wert (etwa ein Median ohne positiv abgeschlossene Fälle); „nicht "
            "geliefert“ für eine Kennzahl, die Sync-Bündel einer älteren Programmversion nicht "
            "enthalten (Sprachmittlung, Teilnehmende).",
            "small",
        ),
        *(r.p(f"<b>{escape(term)}:</b> {escape(meaning)}", "small") for term, meaning in terms),
        Spacer(1, 2 * mm),
        r.p(escape(r.data.funding_note), "note"),
    ]


def story(data: ReportData) -> list[Flowable]:
    r = ReportLayout(data)
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
    if data.municipalities or data.without_data or data.without_work:
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
