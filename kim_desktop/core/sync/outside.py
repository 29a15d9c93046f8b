"""Nothing vanishes silently (DESIGN §7): a case manager's bundle carries figures per
municipality of the district configuration, so records in any other municipality — or in
none — would be left out without a word. The export refuses instead and names them.

What is counted for a period: appointments dated in it, cases open at any time in it (opened
on or before its end, not closed before its start; all tracks), and structural gaps reported
in it. Appointments without a municipality (other work entered without one) count as well:
the file's own figures include them, the bundle could not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, or_, select

from kim_desktop.core.casefile.models import Appointment, Case, StructuralGap
from kim_desktop.core.errors import RejectedInputError
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync.text import shown


@dataclass(frozen=True)
class Outside:
    """Records of the period in one municipality the configuration does not list (``None``:
    appointments without a municipality)."""

    municipality: str | None
    appointments: int = 0
    cases: int = 0
    structural_gaps: int = 0

    def text(self) -> str:
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.appointments, "appointments"),
                (self.cases, "cases"),
                (self.structural_gaps, "structural gaps"),
            )
            if count
        ]
        where = (
            f'"{shown(self.municipality, 40)}"'
            if self.municipality is not None
            else "without a municipality"
        )
        return f"{where}: {', '.join(parts)}"


class OutsideDistrictError(RejectedInputError):
    """The export would leave records out; nothing was written."""

    def __init__(self, outside: list[Outside]) -> None:
        self.outside = outside
        listed = [o for o in outside if o.municipality is not None]
        advice = []
        if listed:
            advice.append(
                "ask the coordination office to add the municipality to the district "
                "configuration, or correct the records"
            )
        if len(listed) < len(outside):
            advice.append("give those appointments their municipality")
        super().__init__(
            "Export refused, these records would be left out of the bundle: "
            + "; ".join(o.text() for o in outside)
            + ". To include them, "
            + " and ".join(advice)
            + "."
        )


def outside_district(conn: Connection, period: Period, names: Iterable[str]) -> list[Outside]:
    """The period's records in municipalities other than ``names`` (or none), sorted by
    municipality, appointments without one last."""
    listed = list(names)
    appointments: dict[str | None, int] = dict(
        conn.execute(
            select(Appointment.municipality, func.count())
            .where(
                Appointment.date.between(period.start, period.end),
                or_(Appointment.municipality.is_(None), Appointment.municipality.not_in(listed)),
            )
            .group_by(Appointment.municipality)
        ).all()
    )
    cases: dict[str, int] = dict(
        conn.execute(
            select(Case.municipality, func.count())
            .where(
                Case.opened_on <= period.end,
                or_(Case.closed_on.is_(None), Case.closed_on >= period.start),
                Case.municipality.not_in(listed),
            )
            .group_by(Case.municipality)
        ).all()
    )
    gaps: dict[str, int] = dict(
        conn.execute(
            select(StructuralGap.municipality, func.count())
            .where(
                StructuralGap.status == "reported",
                StructuralGap.reported_on.between(period.start, period.end),
                StructuralGap.municipality.not_in(listed),
            )
            .group_by(StructuralGap.municipality)
        ).all()
    )
    named = sorted({name for name in (*appointments, *cases, *gaps) if name is not None})
    found = [
        Outside(name, appointments.get(name, 0), cases.get(name, 0), gaps.get(name, 0))
        for name in named
    ]
    if None in appointments:
        found.append(Outside(None, appointments[None]))
    return found


def check_nothing_left_out(conn: Connection, period: Period, names: Iterable[str]) -> None:
    """Raise ``OutsideDistrictError`` when records of the period lie outside ``names``."""
    outside = outside_district(conn, period, names)
    if outside:
        raise OutsideDistrictError(outside)
