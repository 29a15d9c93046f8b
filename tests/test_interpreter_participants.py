"""The figures of issue 13 (DESIGN.md section 6): counselling appointments by interpreter use,
and the participants of other work — counted exactly on a real encrypted file, carried by the
bundle to the coordinator and on to the state level, shown in ``kim stats``, the window and
the report; bundles of an older version without them import and read "not delivered"."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim
from gui_support import settle
from pypdf import PdfReader

from kim_desktop.core import interchange
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import report_data
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.district import NoBundlesError, template_figures
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import district, inbox, outbox, validate, wire
from kim_desktop.core.sync.keys import own_keys
from kim_desktop.gui import i18n
from kim_desktop.gui.formatting import number
from kim_desktop.gui.views.district import DistrictView
from kim_desktop.gui.views.statistics import StatisticsView
from kim_desktop.reports.statistics import build_statistics_report

MOERS, KAMP = "Moers", "Kamp-Lintfort"
CM, SC, OW = "case_management", "short_consultation", "other_work"
LATER_KEYS = (
    "appointments.interpreter.none",
    "appointments.interpreter.professional",
    "appointments.interpreter.volunteer",
    "appointments.interpreter.device",
    "appointments.interpreter._unrecorded",
    "appointments.other_work_participants",
    "appointments.other_work_without_participants",
)


def appt(
    aid: str,
    date: str,
    kind: str,
    *,
    case_id: str | None = None,
    interpreter: str | None = None,
    participants: int | None = None,
    municipality: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": aid, "date": date, "kind": kind, "minutes": 60}
    record["themes"] = ["language"]
    for key, value in (
        ("case_id", case_id),
        ("interpreter", interpreter),
        ("participants", participants),
        ("municipality", municipality),
    ):
        if value is not None:
            record[key] = value
    if kind == OW:
        record["other_work_type"] = "group_event"
    return record


DOCUMENT: dict[str, Any] = {
    "format": "kim-casefile",
    "version": 1,
    "municipalities": [MOERS, KAMP],
    "clients": [
        {"id": "c1", "given_name": "Test", "family_name": "Eins"},
        {"id": "c2", "given_name": "Test", "family_name": "Zwei"},
    ],
    "cases": [
        {
            "id": "A",
            "municipality": MOERS,
            "track": CM,
            "opened_on": "2022-06-01",
            "members": [{"client_id": "c1", "role": "primary"}],
        },
        {
            "id": "B",
            "municipality": KAMP,
            "track": CM,
            "opened_on": "2023-02-01",
            "members": [{"client_id": "c2", "role": "primary"}],
        },
    ],
    "appointments": [
        appt("i1", "2023-02-01", CM, case_id="A", interpreter="none"),
        appt("i2", "2023-11-05", CM, case_id="A", interpreter="none"),  # Q4
        appt("i3", "2023-03-01", SC, case_id="A", interpreter="professional"),
        appt("i4", "2023-10-01", CM, case_id="B", interpreter="volunteer"),  # Q4
        appt("i5", "2023-12-31", CM, case_id="B", interpreter="device"),  # Q4, last day
        appt("i6", "2023-05-01", CM, case_id="A"),  # interpreter not recorded
        # Not recorded either; case B is Kamp-Lintfort's but this took place in Moers (Q4).
        appt("i7", "2023-12-01", CM, case_id="B", municipality=MOERS),
        appt("i8", "2024-01-01", CM, case_id="A", interpreter="professional"),  # after
        appt("i9", "2022-12-31", CM, case_id="A", interpreter="device"),  # before
        # Other work: an interpreter here is not counted among the counselling.
        appt(
            "o1", "2023-03-15", OW, participants=12, interpreter="professional", municipality=MOERS
        ),
        appt("o2", "2023-10-10", OW, participants=8, municipality=MOERS),  # Q4
        appt("o3", "2023-11-11", OW, municipality=MOERS),  # Q4, participants not recorded
        appt("o4", "2023-12-12", OW, participants=0, municipality=KAMP),  # Q4, none came
        appt("o5", "2023-06-06", OW, participants=20, municipality=KAMP),
        appt("o6", "2023-07-07", OW),  # no place, participants not recorded
        appt("o7", "2024-01-02", OW, participants=99, municipality=MOERS),  # after
    ],
}


def placed_document() -> dict[str, Any]:
    """The document of a case manager who exports: a bundle refuses appointments without a
    place (sync/outside.py, nothing vanishes silently), so o6 took place in Kamp-Lintfort."""
    document = copy.deepcopy(DOCUMENT)
    for appointment in document["appointments"]:
        if appointment["id"] == "o6":
            appointment["municipality"] = KAMP
    return document


def expected(
    none: int,
    professional: int,
    volunteer: int,
    device: int,
    unrecorded: int,
    participants: int,
    without: int,
) -> dict[str, int]:
    return dict(
        zip(
            LATER_KEYS,
            (none, professional, volunteer, device, unrecorded, participants, without),
            strict=True,
        )
    )


EXPECTED = {
    ("2023", None): expected(2, 1, 1, 1, 2, 40, 2),
    ("2023-Q4", None): expected(1, 0, 1, 1, 1, 8, 1),
    ("2023", MOERS): expected(2, 1, 0, 0, 2, 20, 1),
    ("2023", KAMP): expected(0, 0, 1, 1, 0, 20, 0),
    ("2023-Q4", MOERS): expected(1, 0, 0, 0, 1, 8, 1),
    ("2024", None): expected(0, 1, 0, 0, 0, 99, 0),
    ("2021", None): expected(0, 0, 0, 0, 0, 0, 0),
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator; two case managers with the file above who exported their 2023 bundle;
    a third whose 2023 bundle is what an older version sent (without the new figures)."""
    folder = tmp_path_factory.mktemp("issue13-figures")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="K", district="Kreis Wesel"
    ) as casefile:
        district.export_config(casefile, folder / "wesel.kimdistrict", [MOERS, KAMP])
    managers, bundles = [], []
    for number_ in (1, 2, 3):
        path = folder / f"cm{number_}.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=f"CM {number_}") as cf:
            interchange.import_document(cf, placed_document(), "test")
            district.import_config(cf, folder / "wesel.kimdistrict")
            out = folder / f"cm{number_}-2023.kimbundle"
            if number_ < 3:
                outbox.export_bundle(cf, parse_period("2023"), out)
            else:
                out.write_bytes(_older_bundle(cf))
        managers.append(path)
        bundles.append(out)
    plain = folder / "plain.kim"  # the document as it is, o6 without a place
    with CaseFile.create(plain, PASSPHRASE, role="casemanager", owner="CM 0") as cf:
        interchange.import_document(cf, copy.deepcopy(DOCUMENT), "test")
    return {
        "folder": folder,
        "coordinator": coordinator,
        "managers": managers,
        "bundles": bundles,
        "plain": plain,
    }


def _older_bundle(casefile: CaseFile) -> bytes:
    """The bundle an older version builds: the same payload without the new figures."""
    payload = outbox.preview(casefile, parse_period("2023"))
    for figures in payload["municipalities"].values():
        appointments = figures["appointments"]
        for name in ("interpreter", "other_work_participants", "other_work_without_participants"):
            del appointments[name]
    keys = own_keys(casefile)
    settings = district.current_settings(casefile)
    assert settings is not None
    header = wire.new_header(
        "casemanager",
        keys.signing_public,
        settings.coordinator_encryption_key,
        "Kreis Wesel",
        payload["period"],
        1,
    )
    return wire.seal(header, payload, keys.signing, settings.coordinator_encryption_key)


def copy_of(path: Path, folder: Path) -> Path:
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    target.chmod(0o600)
    return target


def flat_stats(casefile: CaseFile, period: str, municipality: str | None = None) -> dict[str, Any]:
    return indicators.flatten(
        figure_stats.for_casefile(casefile, parse_period(period), municipality)
    )


# -- counting --------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "municipality"), list(EXPECTED))
def test_exact_counts_per_period_and_municipality(
    office: dict[str, Any], period: str, municipality: str | None
) -> None:
    with CaseFile.open(office["plain"], PASSPHRASE) as casefile:
        flat = flat_stats(casefile, period, municipality)
    assert {key: flat[key] for key in LATER_KEYS} == EXPECTED[period, municipality]
    interpreter = [flat[key] for key in LATER_KEYS[:5]]
    assert sum(interpreter) == flat["appointments.counselling"]  # nothing is dropped
    codes = cat.base_catalogues()[cat.INTERPRETER].codes
    assert {k for k in flat if k.startswith("appointments.interpreter.")} == {
        *(f"appointments.interpreter.{code}" for code in codes),
        "appointments.interpreter._unrecorded",
    }


def test_cli_json_and_table_carry_the_new_figures(office: dict[str, Any]) -> None:
    path = office["managers"][0]
    result = run_kim("stats", path, "--period", "2023", "--format", "json")
    assert result.returncode == 0, result.stderr
    flat = indicators.flatten(json.loads(result.stdout))
    assert {key: flat[key] for key in LATER_KEYS} == EXPECTED["2023", None]
    table = run_kim("stats", path, "--period", "2023-Q4", "--municipality", MOERS).stdout
    assert "Beratungstermine nach Sprachmittlung:" in table
    lines = {
        line.split(" .")[0].strip(): line.split()[-1] for line in table.splitlines() if line.strip()
    }
    assert lines["Keine Sprachmittlung"] == "1"
    assert lines["Sprachmittlung nicht erfasst"] == "1"
    assert lines["Teilnehmende sonstiger Arbeitstermine"] == "8"
    assert lines["davon Termine ohne erfasste Teilnehmendenzahl"] == "1"


# -- bundles ---------------------------------------------------------------------------------


def in_bundles(municipality: str | None) -> dict[str, int]:
    """What one bundle of 2023 carries, per municipality: the file's figures, with o6 (other
    work, participants not recorded) in Kamp-Lintfort (``placed_document``)."""
    kamp = dict(EXPECTED["2023", KAMP])
    kamp["appointments.other_work_without_participants"] += 1
    carried = {MOERS: EXPECTED["2023", MOERS], KAMP: kamp}
    if municipality is not None:
        return carried[municipality]
    return {key: carried[MOERS][key] + carried[KAMP][key] for key in LATER_KEYS}


def test_bundles_carry_the_figures_to_the_coordinator_and_the_state(
    office: dict[str, Any], tmp_path: Path
) -> None:
    coordinator = copy_of(office["coordinator"], tmp_path)
    new_bundles = office["bundles"][:2]
    result = run_kim("bundle", "import", coordinator, *new_bundles, "--trust-new-senders")
    assert result.returncode == 0, result.stderr
    for municipality in (None, MOERS, KAMP):
        args = ["--municipality", municipality] if municipality else []
        out = run_kim("stats", coordinator, "--period", "2023", "--format", "json", *args)
        assert out.returncode == 0, out.stderr
        flat = indicators.flatten(json.loads(out.stdout))
        # Kamp-Lintfort's bundles have counselling but no "none": zeros are delivered zeros.
        assert {key: flat[key] for key in LATER_KEYS} == {
            key: 2 * value for key, value in in_bundles(municipality).items()
        }, municipality

    # On to the state level: the district's bundle carries the sums.
    state = tmp_path / "state.kim"
    with CaseFile.create(state, PASSPHRASE, role="coordinator", owner="Land", district="NRW") as cf:
        district.export_config(cf, tmp_path / "nrw.kimdistrict", ["Kreis Wesel"])
    assert run_kim("district", "import", coordinator, tmp_path / "nrw.kimdistrict").returncode == 0
    out = tmp_path / "wesel-2023.kimbundle"
    assert (
        run_kim("bundle", "export", coordinator, "--period", "2023", "--out", out).returncode == 0
    )
    result = run_kim("bundle", "import", state, out, "--trust-new-senders")
    assert result.returncode == 0, result.stderr
    state_flat = indicators.flatten(
        json.loads(run_kim("stats", state, "--period", "2023", "--format", "json").stdout)
    )
    assert {key: state_flat[key] for key in LATER_KEYS} == {
        key: 2 * value for key, value in in_bundles(None).items()
    }


def test_a_bundle_of_an_older_version_imports_and_reads_not_delivered(
    office: dict[str, Any], tmp_path: Path
) -> None:
    coordinator = copy_of(office["coordinator"], tmp_path)
    result = run_kim("bundle", "import", coordinator, *office["bundles"], "--trust-new-senders")
    assert result.returncode == 0, result.stderr
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        flat = flat_stats(casefile, "2023")
        # Not 2/3 of the truth: unknown.
        assert all(flat[key] is None for key in LATER_KEYS), flat
        # The rest still adds up over all three bundles.
        with CaseFile.open(office["managers"][0], PASSPHRASE) as manager:
            own = flat_stats(manager, "2023")
        assert flat["appointments.counselling"] == 3 * own["appointments.counselling"]
        # The district's bundle for the state level leaves them out: not delivered there too.
        payload = outbox.build_district_payload(casefile, parse_period("2023"), 3)
        for figures in payload["municipalities"].values():
            carried = indicators.flatten(figures)
            assert not any(key in carried for key in LATER_KEYS)
    table = run_kim("stats", coordinator, "--period", "2023").stdout
    lines = {line.split(" .")[0].strip(): line for line in table.splitlines()}
    assert lines["Teilnehmende sonstiger Arbeitstermine"].endswith(" nicht geliefert")
    assert lines["Sprachmittlung nicht erfasst"].endswith(" nicht geliefert")
    assert table.count("nicht geliefert") == len(LATER_KEYS)


def test_figures_of_other_periods_stay_delivered(office: dict[str, Any], tmp_path: Path) -> None:
    """An older bundle of 2023 does not touch a period it does not belong to: 2024 stays
    without data (never zeros, never "not delivered")."""
    coordinator = copy_of(office["coordinator"], tmp_path)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        inbox.import_bundles(casefile, [office["bundles"][2]], True)
        with pytest.raises(NoBundlesError):
            flat_stats(casefile, "2024")


# -- the trust boundary ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def genuine(office: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], Any]:
    with CaseFile.open(office["managers"][0], PASSPHRASE) as casefile:
        payload = outbox.preview(casefile, parse_period("2023"))
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile, casefile.reading() as conn:
        expect = validate.expectations_from("Kreis Wesel", {MOERS, KAMP}, 3, template_figures(conn))
    header = {"kind": "casemanager", "district": "Kreis Wesel", "period": payload["period"]}
    return header, payload, expect


def _mutated(payload: dict[str, Any], **appointments: Any) -> dict[str, Any]:
    changed = copy.deepcopy(payload)
    changed["municipalities"][MOERS]["appointments"].update(appointments)
    return changed


def test_plausible_bounds_of_the_new_figures(genuine) -> None:
    header, payload, expect = genuine
    validate.check_bundle(header, payload, expect)  # the genuine bundle passes
    moers = payload["municipalities"][MOERS]["appointments"]
    assert moers["other_work"] == 3 and moers["other_work_without_participants"] == 1
    # Two other-work appointments with participants: up to 2 × 500 is plausible.
    validate.check_bundle(header, _mutated(payload, other_work_participants=1000), expect)
    older = copy.deepcopy(payload)
    for figures in older["municipalities"].values():
        for name in ("interpreter", "other_work_participants", "other_work_without_participants"):
            del figures["appointments"][name]
    validate.check_bundle(header, older, expect)  # an older version's bundle
    interpreter = dict(moers["interpreter"])
    hostile = {
        "participants": {"other_work_participants": 1001},
        "without": {"other_work_without_participants": 4},
        "negative": {"other_work_participants": -1},
        "fraction": {"other_work_participants": 2.5},
        "sum": {"interpreter": {**interpreter, "none": interpreter["none"] + 1}},
        "incomplete": {"interpreter": {"none": moers["counselling"]}},
        "unknown code": {"interpreter": {**interpreter, "sign_language": 0}},
        "suppressed": {"interpreter": {**interpreter, "none": None}},
    }
    for name, change in hostile.items():
        with pytest.raises(validate.ContentRejected) as raised:
            validate.check_bundle(header, _mutated(payload, **change), expect)
        assert "appointments" in raised.value.field, name


# -- the window and the report ---------------------------------------------------------------


def test_statistics_view_shows_the_new_figures(qtbot, office: dict[str, Any]) -> None:
    casefile = CaseFile.open(office["managers"][0], PASSPHRASE)
    try:
        view = StatisticsView()
        qtbot.addWidget(view)
        view.set_casefile(casefile)
        view.picker.kind.setCurrentIndex(0)
        view.picker.year.setValue(2023)
        view.municipality.setCurrentIndex(view.municipality.findData(MOERS))
        view.refresh()
        settle(qtbot)
        assert view.figures is not None and view.figures["municipality"] == MOERS
        labels = view.key_labels
        assert labels["appointments.other_work_participants"].text() == number(20)
        assert labels["appointments.other_work_without_participants"].text() == number(1)
        language = i18n.current_language()
        interpreter = cat.base_catalogues()[cat.INTERPRETER]
        rows = dict(view.tables["appointments"].rows)
        assert rows[interpreter.label("none", language)] == 2
        assert rows[interpreter.label("professional", language)] == 1
        assert rows["Interpreting not recorded"] == 2
        titles = [chart.chart().title() for chart in view.charts]
        assert "Counselling appointments by interpreting" in titles
        assert all(chart.chart().series() for chart in view.charts)
    finally:
        view.set_casefile(None)
        casefile.close()


def test_district_view_marks_figures_not_delivered(
    qtbot, office: dict[str, Any], tmp_path: Path
) -> None:
    coordinator = copy_of(office["coordinator"], tmp_path)
    casefile = CaseFile.open(coordinator, PASSPHRASE)
    try:
        inbox.import_bundles(casefile, office["bundles"][:2], True)
        view = DistrictView()
        qtbot.addWidget(view)
        view.set_casefile(casefile)
        view.picker.kind.setCurrentIndex(0)
        view.picker.year.setValue(2023)
        view.refresh()
        settle(qtbot)
        model = view.models["appointments"]
        shown = {row.label: model.text(i, 1) for i, row in enumerate(model.rows)}
        assert shown["Participants of other work"] == number(80)
        without = in_bundles(None)["appointments.other_work_without_participants"]
        assert shown["Other work without recorded participants"] == number(2 * without)
        assert shown["Counselling: interpreting not recorded"] == number(4)
        none_label = cat.base_catalogues()[cat.INTERPRETER].label("none", i18n.current_language())
        assert shown[f"Counselling: {none_label}"] == number(4)

        inbox.import_bundles(casefile, office["bundles"][2:], True)  # an older version's
        view.compute()
        settle(qtbot)
        shown = {row.label: model.text(i, 1) for i, row in enumerate(model.rows)}
        assert shown["Participants of other work"] == "not delivered"
        assert shown["Counselling: interpreting not recorded"] == "not delivered"
        assert shown["Other work appointments"] == number(3 * 6)  # the rest adds up
    finally:
        view.set_casefile(None)
        casefile.close()


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_report_prints_the_new_figures(office: dict[str, Any], tmp_path: Path) -> None:
    with CaseFile.open(office["managers"][0], PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2023"))
    buffer = io.BytesIO()
    build_statistics_report(data, buffer)
    text = pdf_text(buffer.getvalue())
    assert "Beratungstermine nach Sprachmittlung" in text
    assert "Keine Sprachmittlung 2 0 +2" in text
    assert "Sprachmittlung nicht erfasst 2 0 +2" in text
    assert "Teilnehmende sonstiger Arbeitstermine 40 0 +40" in text
    assert "Sonstige Arbeitstermine ohne erfasste Teilnehmendenzahl 2 0 +2" in text

    coordinator = copy_of(office["coordinator"], tmp_path)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        inbox.import_bundles(casefile, office["bundles"], True)
        data = report_data.gather(casefile, parse_period("2023"))
    buffer = io.BytesIO()
    build_statistics_report(data, buffer)
    text = pdf_text(buffer.getvalue())
    assert "Teilnehmende sonstiger Arbeitstermine nicht geliefert" in text
    assert "Sprachmittlung nicht erfasst nicht geliefert" in text
