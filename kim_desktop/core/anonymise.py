"""What makes a bundle anonymous: small-cell suppression of the demographic marginals and the
personal-data check of structural-gap texts (DESIGN.md section 7, docs/bundle-format.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kim_desktop.core.casework import fold

SUPPRESSED_KEY = "_suppressed"


def suppress(cells: Mapping[str, int], k: int) -> dict[str, int | None]:
    """One dimension's cells with small counts replaced by ``None``, plus ``_suppressed``.

    Primary: every cell with 0 < n < k. Secondary: while only one cell is suppressed, the
    total (published as cases.persons_in_opened) would give it away, so one more cell is
    suppressed — a zero cell if there is one (it hides the most while losing nothing), else
    the smallest. With two or more suppressed cells and a suppressed sum of at least one,
    every suppressed cell can be 0 or the whole sum, so none can be recovered; suppressed
    cells may hold 0, which keeps that true. ``_suppressed`` is the sum of the suppressed
    cells (also derivable from the total, so it tells nothing more)."""
    result: dict[str, int | None] = dict(cells)
    hidden = [code for code, n in cells.items() if 0 < n < k]
    if len(hidden) == 1:
        others = sorted((n, code) for code, n in cells.items() if code not in hidden)
        if others:
            zero = [code for n, code in others if n == 0]
            hidden.append(zero[0] if zero else others[0][1])
    total_hidden = 0
    for code in hidden:
        total_hidden += cells[code]
        result[code] = None
    result[SUPPRESSED_KEY] = total_hidden
    return result


# -- the personal-data check ------------------------------------------------------------------

_DATE = re.compile(r"\b\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*(?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b")
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\d[\d /().-]{6,}\d(?![\w.])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# File numbers (Aktenzeichen, Kundennummer, BG-Nummer …): letters then digits, or the words.
_FILE_NUMBER = re.compile(
    r"\b(?:az|aktenzeichen|akz|kd[.-]?nr|kundennummer|bg[.-]?nr|vorgangsnummer)\b[.:]?"
    r"|\b[a-z]{1,5}[-/]?\d{4,}\b"
    r"|\b\d{3,}\s*/\s*\d{2,}\b",
    re.IGNORECASE,
)
MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class Finding:
    """One hit: which field of the gap, what kind of data, where (character offset).

    The found text itself is not kept here: findings are shown and may be logged."""

    field: str
    kind: str
    position: int


@dataclass(frozen=True)
class PersonalFacts:
    """What the check compares against: every client's names, birth dates, phones, e-mail
    addresses and addresses, folded for comparison."""

    words: dict[str, str]  # folded word -> kind ("name", "address")
    digit_runs: set[str]  # phone numbers as digits only
    dates: set[str]  # birth dates as digit strings in the usual orders
    emails: set[str]


def personal_facts(
    clients: Iterable[Mapping[str, Any]], public_words: Iterable[str] = ()
) -> PersonalFacts:
    """``public_words``: municipality names and the like, which are in every address but
    are not personal."""
    ignored = {word for text in public_words for word in re.findall(r"\w+", fold(text))}
    words: dict[str, str] = {}
    digit_runs: set[str] = set()
    dates: set[str] = set()
    emails: set[str] = set()
    for client in clients:
        for field in ("given_name", "family_name"):
            for word in re.findall(r"\w+", fold(client.get(field))):
                if len(word) >= MIN_NAME_LENGTH:
                    words[word] = "a client's name"
        for word in re.findall(r"[^\W\d]+", fold(client.get("address"))):
            if len(word) >= 4 and word not in _ADDRESS_STOP_WORDS and word not in ignored:
                words.setdefault(word, "a client's address")
        phone = re.sub(r"\D", "", client.get("phone") or "")
        if len(phone) >= 6:
            digit_runs.add(phone.lstrip("0"))
        email = (client.get("email") or "").strip().lower()
        if email:
            emails.add(email)
        birth = client.get("birth_date")
        if birth:
            year, month, day = str(birth)[:10].split("-")
            dates.update(
                {
                    f"{day}{month}{year}",
                    f"{int(day)}{int(month)}{year}",
                    f"{year}{month}{day}",
                    f"{day}{month}{year[2:]}",
                }
            )
    return PersonalFacts(words, digit_runs, dates, emails)


_ADDRESS_STOP_WORDS = {"strasse", "str", "weg", "platz", "allee", "gasse", "ring"}


def check_text(field: str, text: str | None, facts: PersonalFacts) -> list[Finding]:
    """Everything in ``text`` that looks like personal data."""
    if not text:
        return []
    findings: list[Finding] = []
    folded = fold(text)
    for match in re.finditer(r"\w+", folded):
        kind = facts.words.get(match.group())
        if kind is not None:
            findings.append(Finding(field, kind, match.start()))
    for match in _EMAIL.finditer(text):
        kind = (
            "a client's e-mail address"
            if match.group().lower() in facts.emails
            else "an e-mail address"
        )
        findings.append(Finding(field, kind, match.start()))
    for match in _DATE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        kind = "a client's birth date" if digits in facts.dates else "a date"
        findings.append(Finding(field, kind, match.start()))
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group()).lstrip("0")
        if len(digits) < 7 or _DATE.fullmatch(match.group().strip()):
            continue  # a year range or a date, not a phone number
        kind = "a client's phone number" if digits in facts.digit_runs else "a phone number"
        findings.append(Finding(field, kind, match.start()))
    for match in _FILE_NUMBER.finditer(text):
        findings.append(Finding(field, "a file number", match.start()))
    unique = {(f.field, f.kind, f.position): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.field, f.position))
