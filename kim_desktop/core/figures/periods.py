"""Reporting periods: a year ``2023``, a quarter ``2023-Q4`` or a range
``2023-01-01..2023-06-30`` (both ends inclusive)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kim_desktop.core.errors import UsageError

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def previous(self) -> Period:
        """The period of the same kind just before this one (for comparisons)."""
        if _YEAR.match(self.label):
            return parse_period(str(self.start.year - 1))
        if match := _QUARTER.match(self.label):
            year, quarter = int(match[1]), int(match[2])
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
            return parse_period(f"{year}-Q{quarter}")
        length = (self.end - self.start).days + 1
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=length - 1)
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")

    def german(self) -> str:
        """The period as a German reader expects it, e.g. ``4. Quartal 2023``."""
        if _YEAR.match(self.label):
            return f"Jahr {self.label}"
        if match := _QUARTER.match(self.label):
            return f"{match[2]}. Quartal {match[1]}"
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"


FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_period(text: str) -> Period:
    try:
        return _parse(text.strip())
    except ValueError as exc:  # e.g. year 0000
        raise UsageError(f"Period '{text}': {exc}.") from None


def _parse(text: str) -> Period:
    for year_text in re.findall(r"\d{4}", text)[:2]:
        if not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
            raise UsageError(f"Period '{text}': years from {FIRST_YEAR} to {LAST_YEAR} only.")
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        start = dt.date(year, 3 * quarter - 2, 1)
        next_start = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return Period(start, next_start - dt.timedelta(days=1), f"{year}-Q{quarter}")
    if match := _RANGE.match(text):
        try:
            start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
        except ValueError as exc:
            raise UsageError(f"Period '{text}': {exc}.") from exc
        if end < start:
            raise UsageError(f"Period '{text}': the end lies before the start.")
        return Period(start, end, text)
    raise UsageError(
        f"Period '{text}' not understood: use a year (2023), a quarter (2023-Q4) "
        "or a date range (2023-01-01..2023-06-30)."
    )
