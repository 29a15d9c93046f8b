"""The figures a case file shows for a period: its own indicators in a case manager's file,
the sums of the imported bundles in a coordinator's. ``kim stats``, the statistics view and
the district view ask here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Municipality
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import UsageError
from kim_desktop.core.figures import residue
from kim_desktop.core.figures.district import NoBundlesError, district_indicators
from kim_desktop.core.figures.periods import Period


def for_casefile(
    casefile: CaseFile, period: Period, municipality: str | None = None, no_data_ok: bool = False
) -> dict[str, Any]:
    """The indicators of an open case file, read in one consistent transaction. In a
    coordinator's file a period without current bundles raises ``NoBundlesError`` (exit 4):
    no data is never shown as zeros. ``no_data_ok``: return the all-zero figures instead, for
    a caller that shows ``coverage.bundles`` = 0 as "no data" itself (a comparison period)."""
    with casefile.reading() as conn:
        if municipality is not None:
            known = list(conn.scalars(select(Municipality.name).order_by(Municipality.name)))
            if municipality not in known:
                listed = ", ".join(known) if known else "none yet"
                raise UsageError(
                    f"Unknown municipality '{municipality}'. This file knows: {listed}."
                )
        if casefile.role == "coordinator":
            figures = district_indicators(conn, period, municipality)
            if not figures["coverage"]["bundles"] and not no_data_ok:
                raise NoBundlesError(period)
            return figures
        # The remaining records plus what erased ones added to ended periods (residue.py).
        return residue.figures_with_residue(conn, period, municipality, cat.file_catalogues(conn))
