"""A readable German summary of the indicators, for ``kim stats --format table``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kim_desktop.core.casefile import catalogues as cat

WIDTH = 64


def german_number(value: float | int | None) -> str:
    """``1234`` → ``1.234``, ``63.5`` → ``63,5``, ``None`` → ``–``."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:,.1f}".partition(".")
        return whole.replace(",", ".") + "," + fraction
    return f"{int(value):,}".replace(",", ".")


def _line(label: str, value: Any, indent: int = 2) -> str:
    if value == "":
        return " " * indent + label + ":"
    shown = german_number(value) if not isinstance(value, str) else value
    label = " " * indent + label
    return f"{label} {'.' * max(2, WIDTH - len(label) - len(shown) - 2)} {shown}"


def _section(title: str) -> list[str]:
    return ["", title, "─" * len(title)]


def _breakdown(counts: Mapping[str, Any], label: Any, skip_zero: bool = True) -> list[str]:
    lines = []
    for code, value in counts.items():
        if code.startswith("_") or (skip_zero and value == 0):
            continue
        shown = "unterdrückt" if value is None else value  # a small cell, not published
        lines.append(_line(label(code), shown, indent=4))
    return lines


NOT_DELIVERED = "nicht geliefert"  # a coordinator's sum that some bundles did not carry


def _interpreter_and_participants(a: Mapping[str, Any], label: Any) -> list[str]:
    """The figures added in issue 13. In a coordinator's file they are None where a bundle
    of an older version did not carry them (district.py), shown as "nicht geliefert"."""

    def value(figure: Any) -> Any:
        return NOT_DELIVERED if figure is None else figure

    interpreter = a.get("interpreter", {})
    lines = [_line("Beratungstermine nach Sprachmittlung", "")]
    for code, count in interpreter.items():
        if not code.startswith("_"):
            lines.append(_line(label(code), value(count), 4))
    lines.append(_line("Sprachmittlung nicht erfasst", value(interpreter.get("_unrecorded")), 4))
    lines += [
        _line("Teilnehmende sonstiger Arbeitstermine", value(a.get("other_work_participants"))),
        _line(
            "davon Termine ohne erfasste Teilnehmendenzahl",
            value(a.get("other_work_without_participants")),
            4,
        ),
    ]
    return lines


def coverage_sentence(coverage: Mapping[str, Any]) -> str:
    """What a coordinator's figures rest on, in one German sentence (``coverage.*`` of
    ``district_indicators``); the table, the report and the window say the same."""
    bundles, senders = int(coverage.get("bundles") or 0), int(coverage.get("senders") or 0)
    if not bundles:
        return "Keine Bündel für diesen Zeitraum: keine Daten."
    of_bundles = "1 Bündel" if bundles == 1 else f"{german_number(bundles)} Bündeln"
    enrolled = coverage.get("enrolled")
    if enrolled:
        # With the team directory: how many of the enrolled members delivered, and any
        # trusted sender outside it.
        delivered = int(coverage.get("enrolled_senders") or 0)
        who = f"{german_number(delivered)} der {german_number(enrolled)} eingetragenen "
        who += "Teammitglieder"
        others = senders - delivered
        if others == 1:
            who += " und 1 Absender:in außerhalb des Teams"
        elif others > 1:
            who += f" und {german_number(others)} Absender:innen außerhalb des Teams"
    else:
        who = "1 Absender:in" if senders == 1 else f"{german_number(senders)} Absender:innen"
    return f"Zahlen aus {of_bundles} von {who}."


def format_table(figures: Mapping[str, Any], owner: str = "") -> str:
    catalogues = cat.base_catalogues()

    def labels(name: str) -> Any:
        return lambda code: catalogues[name].label(code, "de")

    start, end = figures["period"]["start"], figures["period"]["end"]
    y1, m1, d1 = start.split("-")
    y2, m2, d2 = end.split("-")
    title = f"Kennzahlen {d1}.{m1}.{y1} – {d2}.{m2}.{y2}"
    scope = figures.get("municipality") or "alle Kommunen"
    out = [
        title,
        "═" * len(title),
        f"Kommune: {scope}" + (f" · Datei von {owner}" if owner else ""),
    ]
    if "coverage" in figures:  # a coordinator's figures: what they rest on
        out.append(coverage_sentence(figures["coverage"]))

    a = figures["appointments"]
    out += _section("Termine")
    out += [
        _line("Termine insgesamt", a["total"]),
        _line("Beratungstermine (Kurzberatung + Case Management)", a["counselling"]),
        _line("Kurzberatungen", a["short_consultation"], 4),
        _line("Case-Management-Termine", a["case_management"], 4),
        _line("Sonstige Arbeitstermine", a["other_work"]),
    ]
    out += _breakdown(a["other_work_by_type"], labels(cat.OTHER_WORK_TYPES))
    out += [
        _line("Minuten Case Management", a["minutes_case_management"]),
        _line("Durchschnittliche Dauer CM-Termin (Min.)", a["avg_minutes_case_management"]),
        _line("nach Kontaktweg", ""),
    ]
    out += _breakdown(a["by_channel"], labels(cat.CHANNELS))
    out += _interpreter_and_participants(a, labels(cat.INTERPRETER))

    c = figures["cases"]
    out += _section("Case-Management-Fälle")
    out += [
        _line("Neu aufgenommene Fälle", c["opened"]),
        _line("Personen in diesen Fällen", c["persons_in_opened"], 4),
        _line("davon längerfristiger CM-Prozess", c["long_term"], 4),
        _line("davon nicht fortgesetzt", c["not_continued"], 4),
        _line("Abgeschlossene Fälle", c["closed"]),
    ]
    out += _breakdown(c["closed_by_reason"], labels(cat.CLOSURE_REASONS))
    out += [
        _line("Offene Fälle am Periodenende", c["open_at_end"]),
        _line(
            "Termine bis zum positiven Abschluss (Median)",
            c["appointments_to_positive_close"]["median"],
        ),
    ]

    out += _section("Themen der Termine")
    out += _breakdown(figures["themes"], labels(cat.THEMES), skip_zero=False)

    r = figures["referrals"]
    out += _section("Verweisberatungen")
    out += [_line("Verweise insgesamt", r["total"])]
    out += _breakdown(r["by_target"], labels(cat.REFERRAL_TARGETS))

    g = figures["goals"]
    out += _section("Ziele und Strukturlücken")
    out += [_line("Vereinbarte Ziele", g["agreed"])]
    out += _breakdown(g["by_status"], labels(cat.GOAL_STATUS))
    out += [_line("Gemeldete Strukturlücken", figures["structural_gaps"]["reported"])]

    d = figures["demographics"]
    out += _section("Personen in neu aufgenommenen Fällen")
    dims = (
        ("Geschlecht", "gender", labels(cat.GENDERS)),
        (
            "Altersgruppe",
            "age_band",
            lambda code: (
                "unbekannt" if code == "unknown" else catalogues[cat.AGE_BANDS].label(code)
            ),
        ),
        ("Staatsangehörigkeit", "nationality", cat.nationality_label),
        ("Aufenthaltsstatus", "residence_status", labels(cat.RESIDENCE_STATUS)),
    )
    for title_de, key, label in dims:
        out.append(_line(title_de, ""))
        out += _breakdown(d[key], label)
        if d[key].get("_suppressed"):
            out.append(_line("unterdrückt, nicht übermittelt", d[key]["_suppressed"], 4))
    return "\n".join(out)
