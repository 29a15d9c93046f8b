"""Pseudonyms for the case sheet (Fallbesprechungsbogen, issue 16): the members of a case as
"Person A", "Person B" …, dates as weeks since the case opened, and free text made safe to
print once the case manager released it.

A released passage is printed as ``Pseudonyms.scrub`` leaves it: every word of a member's
name (the words ``casework.erasure`` matches: folded, at least three letters, no particles
such as "von") becomes the member's label, and whatever looks like an e-mail address, a date,
a year, a telephone or other long number, or a line of a member's stored address is replaced
by a marker. The reviewer sees the scrubbed text before releasing it; names of persons who
are not members (a neighbour, a colleague at the Jobcenter) cannot be recognised, which is
why nothing is released unless the case manager ticks it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kim_desktop.core.casefile.names import fold
from kim_desktop.core.casework.clients import ClientData
from kim_desktop.core.casework.erasure import _WORD, MIN_NAME_WORD, _name_words

EMAIL = "[E-Mail]"
ADDRESS = "[Anschrift]"
DATE = "[Datum]"
YEAR = "[Jahr]"
NUMBER = "[Nummer]"

_MONTHS = (
    "januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober"
    "|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
# In this order: an e-mail address may hold a name, a date holds numbers.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE), EMAIL),
    (re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"), DATE),
    (re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4}\b)?"), DATE),
    (re.compile(rf"\b\d{{1,2}}\.?\s*(?:{_MONTHS})\b\.?(?:\s*\d{{2,4}}\b)?", re.IGNORECASE), DATE),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"), DATE),
    (re.compile(rf"\b(?:{_MONTHS})\b\.?\s*\d{{4}}\b", re.IGNORECASE), DATE),
    # A telephone number, a postcode, a file or account number: five digits or more, maybe
    # grouped by spaces, slashes, dots or dashes.
    (re.compile(r"(?<![\w])\+?\d(?:[\s/().-]{0,2}\d){4,}(?![\w])"), NUMBER),
    (re.compile(r"\b(?:19|20)\d{2}\b"), YEAR),
)
# Particles of names that are German words as well: never taken for a given name.
_GERMAN_WORDS = frozenset({"das", "dem", "den", "der", "des", "die", "und", "von", "zum", "zur"})
_REPEATED = re.compile(r"\b(Person [A-Z]+)(?:\s+\1\b)+")


def person_label(index: int) -> str:
    """ "Person A" … "Person Z", then "Person AA", "Person AB" …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Person {letters}"


def week(day: dt.date, opened: dt.date) -> str:
    """A date as the week of the case it falls in: the opening day starts "Woche 1"; a date
    before the opening counts back ("1 Woche vor Eröffnung")."""
    days = (day - opened).days
    if days >= 0:
        return f"Woche {days // 7 + 1}"
    weeks = (-days - 1) // 7 + 1
    return f"{weeks} {'Woche' if weeks == 1 else 'Wochen'} vor Eröffnung"


@dataclass(frozen=True)
class Member:
    label: str
    client: ClientData


class Pseudonyms:
    """The labels of a case's members and the scrubbing of free text with them."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.members = tuple(members)
        self._words: dict[str, str] = {}
        for member in self.members:
            # A given name that erasure counts as a particle ("Ben", "Bin") is still a name
            # here; only German words that are also particles stay.
            given = {
                word
                for word in _WORD.findall(fold(member.client.given_name))
                if len(word) >= MIN_NAME_WORD and word not in _GERMAN_WORDS
            }
            for word in _name_words(None, member.client.family_name) | given:
                # A word two members share (a family name) names the household: the first
                # member's label (the primary person's) stands for it.
                self._words.setdefault(word, member.label)
        self._address_parts = sorted(
            {
                stripped
                for member in self.members
                for part in [
                    member.client.address or "",
                    *re.split(r"[,;\n]+", member.client.address or ""),
                ]
                if len(stripped := part.strip()) >= 4
            },
            key=len,
            reverse=True,  # the whole line before a shorter part of it
        )

    def scrub(self, text: str) -> tuple[str, int]:
        """``text`` as the sheet prints it, and how many pieces were replaced."""
        count = 0
        for part in self._address_parts:
            text, found = re.subn(re.escape(part), ADDRESS, text, flags=re.IGNORECASE)
            count += found
        for pattern, marker in _PATTERNS:
            text, found = pattern.subn(marker, text)
            count += found

        def name(match: re.Match[str]) -> str:
            nonlocal count
            word = fold(match.group())
            label = self._words.get(word)
            if label is None and len(word) > 3 and word.endswith("s"):
                label = self._words.get(word[:-1])  # the genitive: "Zofias" -> "Person As"
                if label is not None:
                    label += "s"
            if label is None:
                return match.group()
            count += 1
            return label

        text = _WORD.sub(name, text)
        # Given and family name side by side are one person: "Person A Person A" -> "Person A".
        return _REPEATED.sub(r"\1", text), count
