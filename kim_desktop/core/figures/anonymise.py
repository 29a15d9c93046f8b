"""What makes a bundle anonymous: small-cell suppression of the demographic marginals and the
personal-data check of structural-gap texts (DESIGN.md section 7, docs/bundle-format.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kim_desktop.core.casework import fold

SUPPRESSED_KEY = "_suppressed"


def suppress(
    cells: Mapping[str, int | None], k: int, open_list: bool = False
) -> dict[str, int | None]:
    """One dimension's cells as a bundle may publish them, plus ``_suppressed``.

    The attacker we defend against knows k, this rule, the published cells and the total
    (cases.persons_in_opened is published). The rule:

    - no cell below k: everything is published;
    - otherwise every cell below k is suppressed, zero cells included (so a suppressed cell
      may hold anything from 0 to k−1 and a published 0 never narrows that down);
    - with m suppressed cells holding T persons, each cell is then only known to lie between
      max(0, T − (m−1)(k−1)) and min(k−1, T): two different values, unless m = 1 or
      T = m·(k−1). In those two cases the whole dimension is suppressed;
    - and whenever there are fewer persons than cells × k, the whole dimension is suppressed
      too: then the rule's choice itself could give cells away (a brute-force test checks
      that no hidden cell takes one value only among all tables published the same way).

    ``open_list`` (nationality, whose codes are listed only where they occur): suppressed
    codes are left out instead of being published as ``None``, so not even the presence of a
    nationality leaks. Cells already ``None`` (suppressed upstream) stay suppressed; their
    persons are unknown, so they count as below k. ``_suppressed`` is the total minus the
    published cells."""
    known = {code: n for code, n in cells.items() if n is not None}
    total = sum(known.values())
    upstream = [code for code, n in cells.items() if n is None]
    small = [code for code, n in known.items() if n < k]
    if not any(known[code] > 0 for code in small) and not upstream:
        return {**known, SUPPRESSED_KEY: 0}
    if not open_list and not upstream and total < len(cells) * k:
        # Few persons for many cells: whatever the rule hid could be worked out from the
        # total alone (e.g. every cell at k-1), so the dimension is published as a total only.
        return {**dict.fromkeys(cells), SUPPRESSED_KEY: total}
    hidden_sum = sum(known[code] for code in small)
    hidden_count = len(small) + len(upstream)
    determined = not upstream and (hidden_count == 1 or hidden_sum == hidden_count * (k - 1))
    hidden = list(cells) if determined else [*small, *upstream]
    published = {code: n for code, n in known.items() if code not in hidden}
    result: dict[str, int | None] = dict(published)
    if not open_list:
        result = {code: (None if code in hidden else cells[code]) for code in cells}
    result[SUPPRESSED_KEY] = total - sum(v for v in published.values() if v is not None)
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
