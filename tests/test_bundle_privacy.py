"""Property-based privacy tests of the sync bundle (issue 5; DESIGN.md section 7;
docs/bundle-format.md).

Hypothesis builds small case files in which every personal field (names, birth dates, phones,
e-mail addresses, addresses, notes, ids) carries canary values that occur nowhere else. They
are imported into a real encrypted case-manager file that holds a coordinator's signed
district configuration; the bundle of a period is exported and then

- opened with the coordinator's keys: the canonical JSON of header and payload contains none
  of the canaries (in several spellings and date formats);
- searched byte by byte as written to disk: none of the canaries either;
- every published demographic cell is 0 or at least k, and in every dimension either no cell
  or at least two are suppressed, with the published cells and ``_suppressed`` adding up to
  ``cases.persons_in_opened`` (per municipality every cell is withheld now);
- the whole area's demographics (figures/cellkey.py) are never 1..k-1, within the table's
  deviation of the truth, and pin no cell down together with the exact total.

``anonymise.suppress`` is also tested on its own over random cells and k."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import PASSPHRASE
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kim_desktop.core import interchange
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import fold
from kim_desktop.core.figures import anonymise, cellkey, indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import district, keys, outbox, wire
from kim_desktop.core.sync.district import canonical

MUNICIPALITIES = ("Ostdorf", "Westheim")
DISTRICT = "Testkreis"
PERIOD = parse_period("2025")
K_VALUES = (3, 4)

# Canary tokens: "Qz", a random stem and a counter, all in consonants — never a catalogue code,
# a figure key, a municipality, a word of the gap vocabulary or a piece of base64 by chance.
_CONSONANTS = "bcdfghjklmnpqrstvwxz"
_STEMS = st.text(alphabet=_CONSONANTS, min_size=4, max_size=7)
# Optional endings that make names non-ASCII (the check folds them; the bytes must not leak).
_NAME_ENDINGS = st.sampled_from(["", "", "ä", "ß", "č", "-Öz", "é"])

# Words of structural-gap texts that are free of personal data (no digits, no "@", no names).
_GAP_WORDS = (
    "Wartezeit",
    "Sprachkurs",
    "Kinderbetreuung",
    "fehlt",
    "Beratung",
    "Wohnraum",
    "Anerkennung",
    "Termine",
    "Integrationskurs",
    "zu",
    "wenig",
    "keine",
    "lange",
    "Busverbindung",
    "Ehrenamt",
    "Dolmetschung",
)
_GAP_TEXT = st.lists(st.sampled_from(_GAP_WORDS), min_size=1, max_size=6).map(" ".join)

_NATIONALITIES = ("SY", "UA", "AF", "TR", "DE", "IQ", "ER", "stateless", "unknown")
_BASE = cat.base_catalogues()
_RESIDENCE = _BASE[cat.RESIDENCE_STATUS].codes
_THEMES = _BASE[cat.THEMES].codes
_CHANNELS = _BASE[cat.CHANNELS].codes
_CLOSURE_REASONS = _BASE[cat.CLOSURE_REASONS].codes
_TARGETS = _BASE[cat.REFERRAL_TARGETS].codes
_YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _letters(number: int) -> str:
    """A fixed-width consonant counter: distinct numbers give distinct tokens."""
    digits = ""
    for _ in range(3):
        number, rest = divmod(number, len(_CONSONANTS))
        digits += _CONSONANTS[rest]
    return digits


class _Secrets:
    """Hands out unique canary tokens and remembers every personal value planted."""

    def __init__(self, stem: str) -> None:
        self.stem = stem
        self.count = 0
        self.texts: list[tuple[str, str]] = []  # (what, value) searched as text
        self.digits: list[tuple[str, str]] = []  # (what, digit string) searched as is

    def token(self) -> str:
        self.count += 1
        return f"Qz{self.stem}{_letters(self.count)}"

    def plant(self, what: str, value: str) -> str:
        self.texts.append((what, value))
        return value


def _omit_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def _birth_date_forms(date: dt.date) -> list[str]:
    d, m, y = date.day, date.month, date.year
    return [
        date.isoformat(),
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d:02d}.{m:02d}.{y % 100:02d}",
        f"{d:02d}{m:02d}{y}",
        f"{y}{m:02d}{d:02d}",
    ]


@st.composite
def case_files(draw: st.DrawFn) -> tuple[dict[str, Any], _Secrets]:
    """A valid interchange document and the personal values planted in it."""
    secrets = _Secrets(draw(_STEMS))
    document: dict[str, Any] = {"format": "kim-casefile", "version": 1}

    clients = []
    for _ in range(draw(st.integers(1, 9))):
        client_id = secrets.plant("client id", secrets.token())
        given = secrets.plant("given name", secrets.token() + draw(_NAME_ENDINGS))
        family = secrets.plant("family name", secrets.token() + draw(_NAME_ENDINGS))
        birth = draw(st.none() | st.dates(dt.date(1930, 1, 1), dt.date(2015, 12, 31)))
        if birth is not None:
            for form in _birth_date_forms(birth):
                (secrets.digits if form.isdigit() else secrets.texts).append(("birth date", form))
        prefix = draw(st.sampled_from(["151", "160", "170", "176"]))
        number = draw(st.text(alphabet="0123456789", min_size=7, max_size=8))
        phone = secrets.plant("phone", f"+49 {prefix} {number}")
        secrets.digits += [("phone digits", f"49{prefix}{number}"), ("phone", f"0{prefix}{number}")]
        email = secrets.plant(
            "e-mail", f"{secrets.token().lower()}@{secrets.token().lower()}.example"
        )
        street, town = secrets.token(), secrets.token()
        house = draw(st.integers(1, 199))
        postcode = draw(st.integers(10000, 99999))
        address = secrets.plant("address", f"{street}straße {house}, {postcode} {town}")
        secrets.plant("street", street)
        secrets.plant("town", town)
        notes = draw(st.booleans())
        clients.append(
            _omit_none(
                {
                    "id": client_id,
                    "given_name": given,
                    "family_name": family,
                    "birth_date": birth.isoformat() if birth else None,
                    "gender": draw(
                        st.none() | st.sampled_from(["female", "male", "diverse", "unknown"])
                    ),
                    "nationality": draw(st.none() | st.sampled_from(_NATIONALITIES)),
                    "residence_status": draw(st.none() | st.sampled_from(_RESIDENCE)),
                    "phone": phone,
                    "email": email,
                    "address": address,
                    "notes": secrets.plant("client note", f"Notiz {secrets.token()} zu {family}")
                    if notes
                    else None,
                }
            )
        )
    document["clients"] = clients
    client_ids = [c["id"] for c in clients]

    cases, appointments, goals, referrals, assessments = [], [], [], [], []
    for _ in range(draw(st.integers(1, 6))):
        case_id = secrets.plant("case id", secrets.token())
        track = draw(st.sampled_from(["case_management", "case_management", "short_consultation"]))
        opened = draw(st.dates(dt.date(2024, 10, 1), _YEAR[1]))
        members = draw(st.lists(st.sampled_from(client_ids), min_size=1, max_size=3, unique=True))
        case: dict[str, Any] = {
            "id": case_id,
            "municipality": draw(st.sampled_from(MUNICIPALITIES)),
            "track": track,
            "opened_on": opened.isoformat(),
            "members": [{"client_id": client_id} for client_id in members],
            "notes": secrets.plant("case note", f"Fallnotiz {secrets.token()}"),
        }
        if draw(st.booleans()):
            closed = opened + dt.timedelta(days=draw(st.integers(0, 200)))
            case.update(
                closed_on=closed.isoformat(),
                phase="closed",
                closure_reason=draw(st.sampled_from(_CLOSURE_REASONS)),
            )
        cases.append(case)
        for _ in range(draw(st.integers(0, 3))):
            appointments.append(
                {
                    "id": secrets.plant("appointment id", secrets.token()),
                    "case_id": case_id,
                    "date": draw(st.dates(*_YEAR)).isoformat(),
                    "minutes": draw(st.integers(10, 180)),
                    "kind": track,
                    "channel": draw(st.sampled_from(_CHANNELS)),
                    "themes": draw(
                        st.lists(st.sampled_from(_THEMES), min_size=1, max_size=3, unique=True)
                    ),
                    "notes": secrets.plant("appointment note", f"Termin {secrets.token()}"),
                }
            )
        if track == "case_management" and draw(st.booleans()):
            goals.append(
                {
                    "id": secrets.token(),
                    "case_id": case_id,
                    "title": secrets.plant("goal title", f"Ziel {secrets.token()}"),
                    "agreed_on": draw(st.dates(*_YEAR)).isoformat(),
                    "status": draw(st.sampled_from(["open", "achieved", "dropped"])),
                }
            )
        if draw(st.booleans()):
            referrals.append(
                {
                    "id": secrets.token(),
                    "case_id": case_id,
                    "date": draw(st.dates(*_YEAR)).isoformat(),
                    "target": draw(st.sampled_from(_TARGETS)),
                    "organisation": secrets.plant("referral organisation", secrets.token()),
                }
            )
        if draw(st.booleans()):
            assessments.append(
                {
                    "id": secrets.token(),
                    "case_id": case_id,
                    "assessed_on": draw(st.dates(*_YEAR)).isoformat(),
                    "ratings": {"housing": draw(st.integers(0, 3))},
                    "notes": secrets.plant("assessment note", f"Einschätzung {secrets.token()}"),
                }
            )
    for _ in range(draw(st.integers(0, 2))):
        appointments.append(
            {
                "id": secrets.plant("appointment id", secrets.token()),
                "date": draw(st.dates(*_YEAR)).isoformat(),
                "minutes": draw(st.integers(10, 180)),
                "kind": "other_work",
                "other_work_type": "network_meeting",
                "municipality": draw(st.sampled_from(MUNICIPALITIES)),
                "themes": ["other"],
                "notes": secrets.plant("other-work note", f"Netzwerk {secrets.token()}"),
            }
        )
    document.update(
        cases=cases,
        appointments=appointments,
        goals=goals,
        referrals=referrals,
        assessments=assessments,
    )

    gaps = []
    # Reported in the period, free of personal data: these leave the laptop.
    for _ in range(draw(st.integers(0, 3))):
        gaps.append(
            _omit_none(
                {
                    "id": secrets.plant("gap id", secrets.token()),
                    "municipality": draw(st.sampled_from(MUNICIPALITIES)),
                    "theme": draw(st.sampled_from(_THEMES)),
                    "title": draw(_GAP_TEXT),
                    "description": draw(st.none() | _GAP_TEXT),
                    "status": "reported",
                    "reported_on": draw(st.dates(*_YEAR)).isoformat(),
                }
            )
        )
    # Drafts, and reports of another period, may name clients: they must stay behind.
    client = clients[0]
    for status, reported_on in (("draft", None), ("reported", "2023-05-02")):
        if draw(st.booleans()):
            gaps.append(
                _omit_none(
                    {
                        "id": secrets.plant("gap id", secrets.token()),
                        "municipality": draw(st.sampled_from(MUNICIPALITIES)),
                        "theme": "housing",
                        "title": secrets.plant("gap title", f"Fall {client['family_name']}"),
                        "description": secrets.plant(
                            "gap description", f"{client['phone']} {secrets.token()}"
                        ),
                        "status": status,
                        "reported_on": reported_on,
                    }
                )
            )
    document["structural_gaps"] = gaps
    return document, secrets


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coordinator(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One coordinator file and its signed configurations (one per k) for the module."""
    folder = tmp_path_factory.mktemp("coordinator")
    casefile = CaseFile.create(
        folder / "coordinator.kim",
        PASSPHRASE,
        role="coordinator",
        owner="Koordination Testkreis",
        district=DISTRICT,
    )
    configs = {}
    for k in K_VALUES:
        configs[k] = folder / f"k{k}.kimdistrict"
        district.export_config(casefile, configs[k], list(MUNICIPALITIES), k=k)
    yield casefile, configs
    casefile.close()


# -- helpers --------------------------------------------------------------------------------


def _forms(value: str) -> set[str]:
    return {value, value.lower(), value.upper(), fold(value)}


def _leaks_in_text(text: str, secrets: _Secrets) -> list[str]:
    lowered = text.lower()
    found = []
    for what, value in secrets.texts:
        if any(form.lower() in lowered for form in _forms(value)):
            found.append(f"{what}: {value!r}")
    for what, value in secrets.digits:
        if value in text:
            found.append(f"{what}: {value!r}")
    return found


def _leaks_in_bytes(data: bytes, secrets: _Secrets) -> list[str]:
    found = []
    for what, value in [*secrets.texts, *secrets.digits]:
        encodings = set()
        for form in _forms(value):
            encodings |= {
                form.encode("utf-8"),
                form.encode("utf-16-le"),
                json.dumps(form)[1:-1].encode("ascii"),
            }
        if any(encoded in data for encoded in encodings):
            found.append(f"{what}: {value!r}")
    return found


def _check_suppression(payload: dict[str, Any], exact: dict[str, Any], k: int) -> None:
    """Published cells are exact and never below k (or the dimension had nothing to hide);
    no suppressed cell can be pinned down from the total and the rule (see
    anonymise.suppress): with m hidden cells holding T persons, each lies between
    max(0, T-(m-1)(k-1)) and min(k-1, T) unless the whole dimension was suppressed."""
    for municipality, figures in payload["municipalities"].items():
        persons = figures["cases"]["persons_in_opened"]
        assert persons == exact[municipality]["cases"]["persons_in_opened"]
        for dimension in indicators.DEMOGRAPHIC_DIMENSIONS:
            published = figures["demographics"][dimension]
            true = {
                code: n
                for code, n in exact[municipality]["demographics"][dimension].items()
                if code != anonymise.SUPPRESSED_KEY
            }
            where = f"{municipality}/{dimension}: {published} (exact {true}, k={k})"
            assert anonymise.SUPPRESSED_KEY in published, where
            cells = {c: n for c, n in published.items() if c != anonymise.SUPPRESSED_KEY}
            if dimension == "nationality":
                assert set(cells) <= set(true), where  # hidden codes are left out
            else:
                assert set(cells) == set(true), where
            shown = {c: n for c, n in cells.items() if n is not None}
            for code, n in shown.items():
                assert n == true[code], where
            hidden_total = published[anonymise.SUPPRESSED_KEY]
            assert hidden_total == persons - sum(shown.values()), where
            if hidden_total == 0 and all(n is not None for n in cells.values()):
                continue  # nothing hidden
            assert all(n >= k for n in shown.values()), where  # no published small cell
            for code, n in true.items():
                if 0 < n < k:
                    assert cells.get(code) is None, where
            hidden = [c for c in true if cells.get(c) is None]
            whole = not shown
            if not whole and dimension != "nationality":
                m = len(hidden)
                low = max(0, hidden_total - (m - 1) * (k - 1))
                high = min(k - 1, hidden_total)
                assert m >= 2 and low < high, where


def _check_area(payload: dict[str, Any], exact: dict[str, Any], k: int) -> None:
    """The whole area's demographics: never a value between 1 and k-1; each cell within the
    table's deviation of its true count; and with the exact total (the sum of the
    municipalities' persons) every cell keeps at least two possible counts — the total lies
    strictly between the sums of the lower and of the upper ends of the cells' preimages."""
    total = sum(figures["cases"]["persons_in_opened"] for figures in exact.values())
    for dimension in indicators.DEMOGRAPHIC_DIMENSIONS:
        cells = payload["demographics"][dimension]
        assert cells[anonymise.SUPPRESSED_KEY] == 0
        true: dict[str, int] = {}
        for figures in exact.values():
            for code, n in figures["demographics"][dimension].items():
                if code != anonymise.SUPPRESSED_KEY:
                    true[code] = true.get(code, 0) + n
        universe = (set(cells) | set(true)) - {anonymise.SUPPRESSED_KEY}
        if dimension == "nationality":
            universe |= cat.nationality_codes()
        lows = highs = 0
        for code in universe:
            value = cells.get(code) or 0
            assert cellkey.can_be_published(value, k), (dimension, code, value)
            assert abs(value - true.get(code, 0)) <= cellkey.deviation_bound(k)
            low, high = cellkey.preimage(value, k)
            lows, highs = lows + low, highs + high
        assert total == 0 or lows < total < highs, (dimension, cells, total)


# -- tests ----------------------------------------------------------------------------------


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=case_files(), k=st.sampled_from(K_VALUES))
def test_bundle_carries_no_personal_data_and_no_small_cells(
    coordinator: Any,
    tmp_path_factory: pytest.TempPathFactory,
    generated: tuple[dict[str, Any], _Secrets],
    k: int,
) -> None:
    document, secrets = generated
    coordinator_file, configs = coordinator
    folder = tmp_path_factory.mktemp("casemanager")
    with CaseFile.create(
        folder / "cm.kim", PASSPHRASE, role="casemanager", owner="Fallmanagement Test"
    ) as casefile:
        interchange.import_document(casefile, document, "generated")
        settings_in_force = district.import_config(casefile, configs[k])
        assert settings_in_force.k == k
        out = folder / "2025.kimbundle"
        result = outbox.export_bundle(casefile, PERIOD, out)
        exact = {m: figure_stats.for_casefile(casefile, PERIOD, m) for m in MUNICIPALITIES}
    assert result.municipalities == len(MUNICIPALITIES)

    data = out.read_bytes()
    own = keys.own_keys(coordinator_file)
    assert own.encryption is not None and own.encryption_public is not None
    opened = wire.open_bundle(data, own.encryption, own.encryption_public, out.name)
    header, payload = opened.header, opened.payload

    # (a) The decrypted content names no one.
    text = (canonical(header) + b"\n" + canonical(payload)).decode("utf-8")
    assert _leaks_in_text(text, secrets) == []
    # (b) Nor do the bytes on disk (plain header, ciphertext).
    assert _leaks_in_bytes(data, secrets) == []

    # Only the documented fields leave the laptop.
    assert set(header) == {
        "format",
        "version",
        "bundle_id",
        "kind",
        "sender_key_id",
        "sender_signing_key",
        "recipient_key_id",
        "district",
        "period",
        "revision",
        "created",
        "ephemeral_key",
    }
    assert set(payload) == {
        "format",
        "version",
        "period",
        "k",
        "municipalities",
        "demographics",
        "structural_gaps",
    }
    assert payload["k"] == k
    assert set(payload["municipalities"]) == set(MUNICIPALITIES)
    # Exactly the reported gaps of the period go out, with these fields.
    expected_gaps = sorted(
        (g["municipality"], g["theme"], g["title"], g.get("description") or "", g["reported_on"])
        for g in document["structural_gaps"]
        if g["status"] == "reported" and g["reported_on"].startswith("2025")
    )
    exported_gaps = sorted(
        (g["municipality"], g["theme"], g["title"], g["description"] or "", g["reported_on"])
        for g in payload["structural_gaps"]
    )
    assert exported_gaps == expected_gaps
    for gap in payload["structural_gaps"]:
        assert set(gap) == {"municipality", "theme", "title", "description", "reported_on"}

    # (c) Small cells suppressed, none recoverable from the total: per municipality nothing
    # is published any more (every cell withheld), and the whole area's cells are perturbed
    # so that no cell is pinned down by the exact total (docs/bundle-format.md §7).
    _check_suppression(payload, exact, k)
    _check_area(payload, exact, k)
    suppressed = any(
        dimension[anonymise.SUPPRESSED_KEY]
        for figures in payload["municipalities"].values()
        for dimension in figures["demographics"].values()
    )
    event("cells suppressed" if suppressed else "nothing suppressed")
    event(f"{len(payload['structural_gaps'])} structural gap(s) exported")


_CODES = st.text(alphabet="abcdefgh", min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(
    cells=st.dictionaries(_CODES, st.integers(0, 40), max_size=10)
    | st.dictionaries(_CODES, st.integers(0, 4), max_size=10),
    k=st.integers(2, 20),
)
def test_suppress_invariants(cells: dict[str, int], k: int) -> None:
    result = anonymise.suppress(cells, k)
    assert set(result) == {*cells, anonymise.SUPPRESSED_KEY}
    hidden = [code for code in cells if result[code] is None]
    for code, n in cells.items():
        if result[code] is not None:
            # Published cells are 0 or at least k, and unchanged.
            assert result[code] == n
            assert n == 0 or n >= k
        if 0 < n < k:
            assert result[code] is None
    # Never exactly one suppressed cell when another cell could hide it.
    if len(cells) > 1:
        assert len(hidden) != 1
    if hidden and len(hidden) < len(cells):
        # Each hidden cell lies in [0, k-1]; with T hidden persons in m cells it can be as
        # low as max(0, T-(m-1)(k-1)) and as high as min(k-1, T): two different values.
        total_hidden = result[anonymise.SUPPRESSED_KEY]
        m = len(hidden)
        assert max(0, total_hidden - (m - 1) * (k - 1)) < min(k - 1, total_hidden)
    if not any(0 < n < k for n in cells.values()):
        assert hidden == []
    assert result[anonymise.SUPPRESSED_KEY] == sum(cells[code] for code in hidden)
    published = sum(n for code, n in result.items() if code in cells and n is not None)
    assert published + result[anonymise.SUPPRESSED_KEY] == sum(cells.values())


@settings(max_examples=300, deadline=None)
@given(
    cells=st.dictionaries(st.sampled_from("abcd"), st.integers(0, 6), min_size=2, max_size=4),
    k=st.integers(3, 5),  # district configurations allow k >= 3
)
def test_no_suppressed_cell_can_be_recovered_by_someone_who_knows_the_rule(
    cells: dict[str, int], k: int
) -> None:
    """Brute force: every table that the rule would publish the same way is a possible
    truth; each hidden cell must take at least two values among them."""
    published = anonymise.suppress(cells, k)
    hidden = [code for code in cells if published[code] is None]
    if not hidden:
        return
    total = sum(cells.values())
    possible: dict[str, set[int]] = {code: set() for code in hidden}

    def candidates(codes: list[str], left: int) -> Any:
        if len(codes) == 1:
            yield {codes[0]: left}
            return
        for value in range(left + 1):
            for rest in candidates(codes[1:], left - value):
                yield {codes[0]: value, **rest}

    known = {code: n for code, n in cells.items() if code not in hidden}
    for guess in candidates(hidden, total - sum(known.values())):
        if anonymise.suppress({**known, **guess}, k) == published:
            for code, value in guess.items():
                possible[code].add(value)
    assert all(len(values) >= 2 for values in possible.values()), (cells, k, possible)
