"""The personal-data check of structural-gap texts (DESIGN.md section 7, docs/bundle-format.md
section 8): a gap's text against every client's names, birth dates, phones, e-mail and
address, and against patterns that block whatever they match.

Text and facts are folded the same way before they are compared, so that other spellings of
the same data meet: invisible characters (soft hyphens, zero-width spaces and joiners) are
dropped (and, in a second reading, taken as spaces), Cyrillic and Greek letters that look
like Latin ones become Latin, case and accents are folded (``casefile.names.fold``), umlauts
also as ae/oe/ue, and street-name endings (Straße/Strasse/Str.) become one. Words are also
tried with German genitive and plural endings taken off, and two neighbouring words of the
text (split by a space, a hyphen or a line break) are also tried joined. Findings point at
the original text."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kim_desktop.core.casefile.names import fold

MIN_NAME_LENGTH = 3
MIN_ADDRESS_LENGTH = 4
# A word with an ending taken off must keep this many letters ("Omars" → "omar", but not
# "Elan" → "ela"): shorter stems turn everyday words into names.
MIN_STEM_LENGTH = 4

# -- folding ----------------------------------------------------------------------------------

# Characters that show nothing but split a word for a plain comparison: soft hyphen, combining
# grapheme joiner, Arabic letter mark, Mongolian vowel separator, zero-width space/non-joiner/
# joiner, left-to-right and right-to-left marks and embeddings, word joiner and invisible
# operators, isolates, variation selectors, byte-order mark (zero-width no-break space).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufe00-\ufe0f\ufeff]"
)

# Cyrillic and Greek letters that look like Latin ones, as Latin. Applied after case folding,
# so it lists small letters only; where only the capital looks Latin (В, Н, Т, Η …) its small
# letter is mapped too, so that a name folds the same in any case. A name stored in Cyrillic
# is folded by the same table, so it still matches itself ("Олег" and "ОЛЕГ" both "oлeг").
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y",
        # Greek
        "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m",
        "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip

# Letters as a word is made of, combining accents included (a decomposed "ü" stays one word).
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff])+")
_UMLAUTS = re.compile("[äöüÄÖÜ]")
_UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# German genitive and plural endings, longest first ("Quixlerpfaus Antrag").
_ENDINGS = ("ns", "es", "en", "s", "n")
# Everyday words that are a name of the demo data plus an ending (found by checking the 50,000
# most frequent German words): never taken apart.
_NOT_INFLECTED = frozenset({"georgien", "osmanen"})
# What may stand between two words that are also tried joined ("Quixler-\npfau",
# "Kanarien Weg"): spaces, line breaks, one hyphen or dash.
_JOINER = re.compile(r"\s*[-\u2010\u2011\u2012\u2013]?\s*")


# The same words come again and again (names, streets, the words of gap texts).
@functools.lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """One word as the check compares it (see the module's docstring)."""
    if word.isascii():
        return _street(word.lower())
    return _street(fold(word).translate(_LOOK_ALIKES))


def _street(word: str) -> str:
    # "Kanarienstraße", "Kanarienstrasse" and "Kanarienstr." are one street.
    if word.endswith("strasse"):
        return word[:-4]
    return word


def _spellings(text: str) -> list[str]:
    """A stored value as written, and with umlauts as ae/oe/ue ("Öztürk", "Oeztuerk")."""
    text = _INVISIBLE.sub("", text)
    return [text, text.translate(_UMLAUT_SPELLING)] if _UMLAUTS.search(text) else [text]


# German words that are never compared as names or address words: articles, prepositions and
# the like, and name particles ("van der Berg", "Al Khatib" still match as "vanderberg" …).
_COMMON_WORDS = frozenset(
    """der die das den dem des ein eine einen einem einer eines und oder aber mit von vom zum
    zur fur bei beim aus auf nach uber unter vor hinter neben zwischen durch gegen ohne als wie
    was wer wen wem wenn weil dass noch nur auch sehr mehr viel viele nicht kein keine keinen
    sich sie wir ihr ihre sein seine ist sind war hat haben wird werden kann muss soll gibt
    alle alles andere dort hier heute immer schon bis seit oben unten alte alten alter neue
    neuen neuer grosse grossen kleine kleinen obere oberen untere unteren
    van ter ten del della dos bin ibn abu bint""".split()  # noqa: SIM905 - a word list reads best
)
# Street-type words: not compared alone, but joined to the word before them.
_STREET_WORDS = frozenset(
    "str weg platz allee gasse ring pfad damm ufer markt chaussee wall steig stieg kamp".split()  # noqa: SIM905
)


# -- the facts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One hit: which field of the gap, what kind of data, where (character offset in the
    text as typed, so a window can point at it).

    The found text itself is not kept here: findings are shown and may be logged."""

    field: str
    kind: str
    position: int


@dataclass(frozen=True)
class PersonalFacts:
    """What the check compares against: every client's names, birth dates, phones, e-mail
    addresses and addresses, folded for comparison."""

    words: dict[str, str]  # folded word -> kind ("a client's name", "a client's address")
    phones: set[str]  # national numbers (digits, no leading zeros) and their tails of ≥ 7
    local_phones: set[str]  # numbers after the area code, 5–6 digits
    dates: set[str]  # birth dates as DDMMYYYY and DDMMYY
    emails: set[str]


def personal_facts(
    clients: Iterable[Mapping[Any, Any]], public_words: Iterable[str] = ()
) -> PersonalFacts:
    """``public_words``: municipality names and the like, which are in every address but
    are not personal."""
    ignored = {
        fold_word(word)
        for text in public_words
        for spelling in _spellings(text)
        for word in _LETTERS.findall(spelling)
    }
    words: dict[str, str] = {}
    addresses: dict[str, str] = {}
    phones: set[str] = set()
    local_phones: set[str] = set()
    dates: set[str] = set()
    emails: set[str] = set()
    names: set[str] = set()  # many clients share a name: each is folded once
    shapes: set[str] = set()
    for client in clients:
        for field in ("given_name", "family_name"):
            name = client.get(field)
            if name and name not in names:
                names.add(name)
                _add_name(words, name)
        address = client.get("address")
        if address:
            # The words of an address do not depend on its numbers: "Kaiserstraße 0, 0 Siegburg"
            # stands for every house of that street.
            shape = _DIGITS.sub("0", address)
            if shape not in shapes:
                shapes.add(shape)
                _add_address(addresses, shape, ignored)
        _add_phone(phones, local_phones, client.get("phone"))
        email = client.get("email")
        if email:
            emails.add(email.strip().lower())
        birth = client.get("birth_date")
        if birth:
            year, month, day = str(birth)[:10].split("-")
            dates.add(f"{day}{month}{year}")
            dates.add(f"{day}{month}{year[2:]}")
    for word, kind in addresses.items():
        words.setdefault(word, kind)
    return PersonalFacts(words, phones, local_phones, dates, emails)


def _add_name(words: dict[str, str], name: str | None) -> None:
    if not name:
        return
    for spelling in _spellings(name):
        parts = [fold_word(part) for part in _LETTERS.findall(spelling)]
        for part in parts:
            if len(part) >= MIN_NAME_LENGTH and part not in _COMMON_WORDS:
                words[part] = "a client's name"
        # "Al Khatib", "Quixler Pfau", "van der Berg": also as one word, short parts included.
        for first, second in itertools.pairwise(parts):
            if first not in _COMMON_WORDS or second not in _COMMON_WORDS:
                words[first + second] = "a client's name"
        if len(parts) > 2:
            words["".join(parts)] = "a client's name"


def _add_address(words: dict[str, str], address: str, ignored: set[str]) -> None:
    for spelling in _spellings(address):
        parts = [(fold_word(m.group()), m.start(), m.end()) for m in _LETTERS.finditer(spelling)]
        for index, (word, _, end) in enumerate(parts):
            following = parts[index + 1] if index + 1 < len(parts) else None
            if (
                following is not None
                and following[0] in _STREET_WORDS
                and _JOINER.fullmatch(spelling, end, following[1])
            ):
                # "Kanarien Weg", "Frankfurter Straße": compared as written in one word (the
                # text's neighbouring words are joined too), not "Frankfurter" alone.
                words[_street(word + following[0])] = "a client's address"
            elif (
                len(word) >= MIN_ADDRESS_LENGTH
                and word not in _STREET_WORDS
                and word not in _COMMON_WORDS
                and word not in ignored
            ):
                words[word] = "a client's address"


_NOT_DIGIT = re.compile(r"\D+")
_DIGITS = re.compile(r"\d+")
_DIGIT_GROUP = re.compile(r"\+?\d+")


def _national(number: str) -> str:
    """A phone number's digits without Germany's international prefix and without leading
    zeros: "+49 171 …", "0049 171 …" and "0171 …" are one number."""
    digits = _NOT_DIGIT.sub("", number)
    if number.lstrip().startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")
        if digits.startswith("49"):
            digits = digits[2:]
    return digits.lstrip("0")


def _add_phone(phones: set[str], local_phones: set[str], phone: str | None) -> None:
    if not phone:
        return
    digits = _national(phone)
    if len(digits) < 7:
        if len(digits) >= 5:  # a local number stored without its area code
            local_phones.add(digits)
        return
    phones.add(digits)
    # The number without (some of) its area code: "4711234" of "0171 4711234".
    phones.update([digits[start:] for start in range(1, len(digits) - 6)])
    # The number after the area code, when the record separates it ("0171 47 11 23").
    groups = _DIGIT_GROUP.findall(phone)
    if len(groups) >= 2 and groups[0].startswith(("0", "+")):
        local = "".join(groups[2:] if groups[0].startswith("+") else groups[1:])
        if 5 <= len(local) <= 6:
            local_phones.add(local)


# -- the check ------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# File numbers (Aktenzeichen, Kundennummer, BG-Nummer …): letters then digits, or the words.
_FILE_NUMBER = re.compile(
    r"\b(?:az|aktenzeichen|akz|kd[.-]?nr|kundennummer|bg[.-]?nr|vorgangsnummer)\b[.:]?"
    r"|\b[a-z]{1,5}[-/]?\d{4,}\b"
    r"|\b\d{3,}\s*/\s*\d{2,}\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?P<d>\d{1,2})\s*[./-]\s*(?P<m>\d{1,2})\s*[./-]\s*(?P<y>\d{4}|\d{2})\b"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"
)
# German and English month names and their abbreviations (folded spellings included).
_MONTHS = {
    **dict.fromkeys(("januar", "jänner", "jaenner", "january", "jan"), 1),
    **dict.fromkeys(("februar", "feber", "february", "febr", "feb"), 2),
    **dict.fromkeys(("märz", "maerz", "marz", "march", "mär", "mrz", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("dezember", "december", "dez", "dec"), 12),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "3. Mai 1990", "3.Mai 90", "3rd of May 1990", "May 3, 1990", "Sept. 3 1990".
_NAMED_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:\s*\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<m>{_MONTH})(?![^\W\d_])\.?"
    rf"\s*,?\s*(?P<y>\d{{4}}|\d{{2}}(?!\s*(?:uhr|h\b|:)))(?!\d)"  # "3. Mai 14 Uhr": a time
    rf"|(?<![^\W\d_])(?P<m2>{_MONTH})(?![^\W\d_])\.?\s*(?P<d2>\d{{1,2}})(?!\d)"
    rf"(?:st|nd|rd|th)?\.?,?\s*(?P<y2>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# Digits with at most three separators between any two (no line breaks): "0171 4711234",
# "4711234", "(02241) 47 11 23", "+49 171 4711234".
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ \t\u00a0\u202f/().\-\u2013]{0,3}\d){4,}(?!\w)")
# Numbers that look like phone numbers but are not, unless they are a client's number: years
# (2019-2023, 2024 2025), times (14.30 - 16.00), and amounts with thousands (1.200.000,
# 12 000: never a client's number when shorter than 7 digits).
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d(?:\s*[-\u2013/]?\s*(?:19|20)\d\d)+")
_TIME_RANGE = re.compile(r"\d{1,2}[.:]\d\d\s*[-\u2013]\s*\d{1,2}[.:]\d\d")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+")


def check_text(field: str, text: str | None, facts: PersonalFacts) -> list[Finding]:
    """Everything in ``text`` that looks like personal data; positions are offsets in
    ``text`` as given."""
    if not text:
        return []
    found: dict[tuple[str, int], None] = {}  # (kind, position in ``text``), in order
    if _INVISIBLE.search(text):
        # An invisible character may stand inside a word ("Quix\u00adlerpfau") or between
        # two ("Tel\u200b4711234"): the text is read both ways.
        kept = [index for index, char in enumerate(text) if not _INVISIBLE.match(char)]
        _scan("".join(text[index] for index in kept), facts, found, kept)
        _scan(_INVISIBLE.sub(" ", text), facts, found, None)
    else:
        _scan(text, facts, found, None)
    findings = [Finding(field, kind, position) for kind, position in found]
    return sorted(findings, key=lambda f: f.position)


def _scan(
    text: str, facts: PersonalFacts, found: dict[tuple[str, int], None], where: list[int] | None
) -> None:
    """Add what ``text`` holds to ``found``; ``where``: the position in the text as typed of
    each character of ``text`` (None: the same)."""

    def add(kind: str | None, position: int) -> None:
        if kind is not None:
            found[kind, where[position] if where else position] = None

    words = [
        (match.start(), match.end(), fold_word(match.group())) for match in _LETTERS.finditer(text)
    ]
    for index, (start, end, word) in enumerate(words):
        add(_word_kind(facts, word), start)
        # "Quixler-\npfau", "Kanarien Weg": the two words also as one.
        if index + 1 < len(words):
            following = words[index + 1]
            if _JOINER.fullmatch(text, end, following[0]):
                add(_word_kind(facts, _street(word + following[2])), start)
    for match in _EMAIL.finditer(text):
        is_client = match.group().lower() in facts.emails
        add("a client's e-mail address" if is_client else "an e-mail address", match.start())
    for match in _DATE.finditer(text):
        add(_date_kind(facts, *_date_parts(match)), match.start())
    for match in _NAMED_DATE.finditer(text):
        month_name = (match.group("m") or match.group("m2")).lower()
        day = match.group("d") or match.group("d2")
        year = match.group("y") or match.group("y2")
        add(_date_kind(facts, int(day), _MONTHS[month_name], year), match.start())
    for match in _PHONE.finditer(text):
        add(_phone_kind(facts, match.group()), match.start())
    for match in _FILE_NUMBER.finditer(text):
        add("a file number", match.start())


def _word_kind(facts: PersonalFacts, word: str) -> str | None:
    kind = facts.words.get(word)
    if kind is not None or word in _NOT_INFLECTED:
        return kind
    for ending in _ENDINGS:
        stem_length = len(word) - len(ending)
        # Three-letter names only with -s ("Alis Antrag").
        if word.endswith(ending) and stem_length >= (3 if ending == "s" else MIN_STEM_LENGTH):
            kind = facts.words.get(_street(word[:stem_length]))
            if kind is not None:
                return kind
    return None


def _date_parts(match: re.Match[str]) -> tuple[int, int, str]:
    """Day, month and year (as written) of a ``_DATE`` match."""
    if match.group("d"):
        day, month, year = match.group("d", "m", "y")
    else:
        year, month, day = match.group("iy", "im", "id")
    return int(day), int(month), year


def _is_date(match: re.Match[str]) -> bool:
    return _valid(*_date_parts(match)[:2])


def _valid(day: int, month: int) -> bool:
    # Either way round: "01/13/2024" is written month first.
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def _date_kind(facts: PersonalFacts, day: int, month: int, year: str) -> str | None:
    if not _valid(day, month):
        return None
    # Day and month both ways round ("05/03/1990" may be written month first).
    if {f"{day:02d}{month:02d}{year}", f"{month:02d}{day:02d}{year}"} & facts.dates:
        return "a client's birth date"
    return "a date"


def _phone_kind(facts: PersonalFacts, number: str) -> str | None:
    if any(_is_date(match) for match in _DATE.finditer(number)):
        return None  # dates ("01.01.2025 – 31.12.2025"): the date patterns name them
    digits = _national(number)
    if len(digits) >= 7:
        if digits in facts.phones:
            return "a client's phone number"
        if _YEAR_RANGE.fullmatch(number) or _TIME_RANGE.fullmatch(number):
            return None
        return None if _AMOUNT.fullmatch(number) else "a phone number"
    # Five or six digits: a client's local number only if written with separators (a plain
    # number is a postcode or a count), and not as an amount.
    separated = not number.lstrip("+").isdigit()
    if separated and digits in facts.local_phones and not _AMOUNT.fullmatch(number):
        return "a client's phone number"
    return None
