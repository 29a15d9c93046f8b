"""The team directory (DESIGN §7, core/sync/team.py): key cards, enrolment, revocation, the
team in the district configuration, and the trust rule of the coordinator's import."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, in_municipalities, run_kim, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox, team
from kim_desktop.core.sync.keys import b64, key_id, own_keys

TODAY = dt.date(2025, 12, 31)
MUNICIPALITIES = ["Siegburg", "Troisdorf"]
LOW_ORDER = bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
CONTROLLER = "Rhein-Sieg-Kreis\nDer Landrat\nKaiser-Wilhelm-Platz 1\n53721 Siegburg"
DPO = "Datenschutzbeauftragte\ndatenschutz@rhein-sieg-kreis.de"


def stdout_line(result: Any, start: str) -> str:
    return next(line for line in result.stdout.splitlines() if line.startswith(start))


def one_line(result: Any) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    return str(result.stderr)


# -- the whole way through the real command ---------------------------------------------------


def test_enrolled_members_need_no_trust_flag_and_revoked_keys_are_rejected(tmp_path) -> None:
    office, manager = tmp_path / "office.kim", tmp_path / "cm.kim"
    result = run_kim(
        "init", office, "--role", "coordinator", "--owner", "Kora K", "--district", "RSK"
    )
    assert result.returncode == 0, result.stderr
    result = run_kim("init", manager, "--role", "casemanager", "--owner", "Erika Beispiel")
    assert result.returncode == 0, result.stderr
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        document = in_municipalities(demo_document(seed=5, clients=30, today=TODAY), MUNICIPALITIES)
        interchange.import_document(casefile, document, "d")

    card = tmp_path / "erika.kimkey"
    keys = run_kim("keys", manager, "--card", card)
    assert keys.returncode == 0, keys.stderr
    key_id = stdout_line(keys, "Signing key id: ").split(": ")[1]
    fingerprint = stdout_line(keys, "Signing key fingerprint: ").split(": ")[1]
    assert len(key_id) == 32 and int(key_id, 16) >= 0
    assert card.is_file()
    again = run_kim("keys", manager, "--card", card)  # never over an existing file
    assert again.returncode == 2 and "exists" in one_line(again)

    enrol = run_kim("district", "enrol", office, card)
    assert enrol.returncode == 0, enrol.stderr
    assert "Erika Beispiel" in enrol.stdout and fingerprint in enrol.stdout
    twice = run_kim("district", "enrol", office, card)
    assert twice.returncode == 0 and "enrolled already" in twice.stdout
    refused = run_kim("district", "enrol", manager, card)
    assert refused.returncode == 2, refused.stderr
    one_line(refused)
    refused = run_kim("district", "revoke", manager, key_id)
    assert refused.returncode == 2, refused.stderr

    config = tmp_path / "rsk.kimdistrict"
    export = run_kim(
        "district",
        "export",
        office,
        "--out",
        config,
        *[arg for name in MUNICIPALITIES for arg in ("--municipality", name)],
        "--retention-years",
        "5",
        "--controller",
        CONTROLLER,
        "--dpo",
        DPO,
    )
    assert export.returncode == 0, export.stderr
    assert "1 team members" in export.stdout
    imported = run_kim("district", "import", manager, config)
    assert imported.returncode == 0, imported.stderr
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        settings_in_force = district.current_settings(casefile)
        assert team.configured_team(casefile) == settings_in_force.team  # type: ignore[union-attr]
    assert settings_in_force is not None
    assert [(m.name, m.role, m.key_id) for m in settings_in_force.team] == [
        ("Erika Beispiel", "casemanager", key_id)
    ]
    assert settings_in_force.retention_years == 5
    assert settings_in_force.controller == CONTROLLER and settings_in_force.dpo == DPO

    first = tmp_path / "2025-Q3.kimbundle"
    assert (
        run_kim("bundle", "export", manager, "--period", "2025-Q3", "--out", first).returncode == 0
    )
    result = run_kim("bundle", "import", office, first)  # no --trust-new-senders
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout
    # Coverage names how many of the enrolled team delivered.
    stats = run_kim("stats", office, "--period", "2025-Q3", "--format", "json")
    assert json.loads(stats.stdout)["coverage"] == {
        "bundles": 1,
        "senders": 1,
        "enrolled": 1,
        "enrolled_senders": 1,
    }
    table = run_kim("stats", office, "--period", "2025-Q3")
    assert "von 1 der 1 eingetragenen Teammitglieder." in table.stdout
    assert run_kim("stats", office, "--period", "2025-Q4").returncode == 4  # no data
    listed = json.loads(run_kim("bundle", "list", office, "--format", "json").stdout)
    assert [row["sender_name"] for row in listed["bundles"]] == ["Erika Beispiel"]

    revoke = run_kim("district", "revoke", office, key_id.upper())
    assert revoke.returncode == 0, revoke.stderr
    unknown = run_kim("district", "revoke", office, "0" * 32)
    assert unknown.returncode == 4 and "0" * 32 in one_line(unknown)

    later = tmp_path / "2025-Q4.kimbundle"
    assert (
        run_kim("bundle", "export", manager, "--period", "2025-Q4", "--out", later).returncode == 0
    )
    before = sha256(office)
    for flags in ((), ("--trust-new-senders",)):
        result = run_kim("bundle", "import", office, later, *flags)
        assert result.returncode == 4, result.stderr
        assert "key revoked on" in one_line(result)
    assert sha256(office) == before
    # What came before the revocation stays (the office may withdraw it).
    with CaseFile.open(office, PASSPHRASE) as casefile:
        assert [row.period for row in inbox.received(casefile)] == ["2025-Q3"]
    stats = run_kim("stats", office, "--period", "2025-Q3", "--format", "json")
    assert stats.returncode == 0, stats.stderr

    # The next configuration carries the revocation; retention and texts are kept.
    second = tmp_path / "rsk-2.kimdistrict"
    assert run_kim("district", "export", office, "--out", second).returncode == 0
    assert run_kim("district", "import", manager, second).returncode == 0
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        now = district.current_settings(casefile)
    assert now is not None
    assert now.team == () and now.revoked == (key_id,)
    assert (now.retention_years, now.controller, now.dpo) == (5, CONTROLLER, DPO)


def test_export_options_are_checked(tmp_path) -> None:
    office = tmp_path / "office.kim"
    CaseFile.create(office, PASSPHRASE, role="coordinator", owner="K", district="RSK").close()
    out = tmp_path / "x.kimdistrict"
    with CaseFile.open(office, PASSPHRASE) as casefile:
        for option, value in (
            ({"retention_years": 0}, "retention"),
            ({"retention_years": 31}, "retention"),
            ({"controller": "Amt\x1b[31m"}, "--controller"),
            ({"controller": "\n".join(["Zeile"] * 9)}, "--controller"),
            ({"dpo": "x" * 401}, "--dpo"),
        ):
            with pytest.raises(UsageError) as caught:
                district.export_config(casefile, out, ["A"], **option)  # type: ignore[arg-type]
            assert value in caught.value.message.lower() and "\x1b" not in caught.value.message
            assert not out.exists()
    result = run_kim(
        "district", "export", office, "--out", out, "--municipality", "A", "--retention-years", "0"
    )
    assert result.returncode == 2 and "retention" in one_line(result).lower()
    assert not out.exists()


# -- key cards --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator with one enrolled case manager, and a state-level coordinator."""
    folder = tmp_path_factory.mktemp("team")
    office = folder / "office.kim"
    manager = folder / "cm.kim"
    state = folder / "state.kim"
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="Erika") as casefile:
        manager_card = team.write_card(casefile, folder / "cm.kimkey")
        manager_signing = own_keys(casefile).signing
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="Kora", district="RSK"
    ) as casefile:
        office_card = team.write_card(casefile, folder / "office.kimkey")
        office_signing = own_keys(casefile).signing
        team.enrol(casefile, folder / "cm.kimkey")
    CaseFile.create(state, PASSPHRASE, role="coordinator", owner="Land", district="NRW").close()
    return {
        "folder": folder,
        "office": office,
        "manager": manager,
        "state": state,
        "manager_card": manager_card,
        "office_card": office_card,
        "signing": {"casemanager": manager_signing, "coordinator": office_signing},
    }


def card_parts(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    signed = json.loads(path.read_text())
    return signed, json.loads(base64.b64decode(signed["document"]))


def resigned(files: dict[str, Any], role: str, document: Any) -> bytes:
    """A card whose document was changed, signed again with the owner's real key."""
    source = files["folder"] / ("cm.kimkey" if role == "casemanager" else "office.kimkey")
    signed, _ = card_parts(source)
    body = district.canonical(document)
    signed["document"] = b64(body)
    signed["signature"] = b64(files["signing"][role].sign(body))
    return json.dumps(signed).encode()


def test_a_card_reads_back_and_a_state_level_enrols_a_coordinator(files) -> None:
    card = team.read_card(files["folder"] / "office.kimkey")
    assert card == files["office_card"]
    assert card.role == "coordinator" and card.encryption_key is not None
    assert card.district == "RSK"
    manager = team.read_card(files["folder"] / "cm.kimkey")
    assert manager.encryption_key is None and manager.district is None
    with CaseFile.open(files["state"], PASSPHRASE) as casefile:
        enrolment = team.enrol(casefile, files["folder"] / "office.kimkey")
        assert not enrolment.already
        (row,) = team.members(casefile)
    assert (row.key_id, row.role, row.fingerprint) == (card.key_id, "coordinator", card.fingerprint)
    with CaseFile.open(files["office"], PASSPHRASE) as casefile, pytest.raises(RejectedInputError):
        team.enrol(casefile, files["folder"] / "office.kimkey")  # its own card


NOT_TEXT = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
CONTROL = st.builds(
    lambda head, control, tail: head + control + tail,
    st.text(max_size=10),
    st.sampled_from(["\x00", "\x1b[31m", "\n", "\u202e", "\u200b", "\x7f", "\t"]),
    st.text(max_size=10),
)
HUGE = st.integers(min_value=201, max_value=12_000).map(lambda n: "A" * n)
HOSTILE = st.one_of(NOT_TEXT, CONTROL, HUGE, st.just(""), st.just(" padded "))
FIELDS = ["name", "role", "district", "created", "signing_key", "encryption_key", "version"]


def _mutated(files: dict[str, Any], data: st.DataObject) -> bytes:
    role = data.draw(st.sampled_from(["casemanager", "coordinator"]), label="role")
    source = files["folder"] / ("cm.kimkey" if role == "casemanager" else "office.kimkey")
    signed, document = card_parts(source)
    how = data.draw(
        st.sampled_from(["byte", "field", "drop", "extra", "weak key", "envelope"]), label="how"
    )
    if how == "byte":  # a changed byte of what was signed, or of the signature
        part = data.draw(st.sampled_from(["document", "signature"]), label="part")
        raw = bytearray(base64.b64decode(signed[part]))
        index = data.draw(st.integers(0, len(raw) - 1), label="index")
        raw[index] ^= data.draw(st.integers(1, 255), label="xor")
        signed[part] = b64(bytes(raw))
        return json.dumps(signed).encode()
    if how == "envelope":
        key = data.draw(st.sampled_from(["format", "version", "document", "signature"]))
        signed[key] = data.draw(NOT_TEXT | CONTROL, label="value")
        return json.dumps(signed).encode()
    if how == "field":
        name = data.draw(st.sampled_from(FIELDS), label="field")
        document[name] = data.draw(HOSTILE, label="value")
    elif how == "drop":
        del document[data.draw(st.sampled_from(["name", "role", "signing_key", "created"]))]
    elif how == "extra":
        document[data.draw(st.sampled_from(["notes", "Name", "team"]))] = "x"
    else:
        key = data.draw(st.sampled_from([bytes(32), LOW_ORDER, b"\x01" + bytes(31)]))
        document["encryption_key"] = b64(key)
    return resigned(files, role, document)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_cards_are_refused_with_one_line(files, data) -> None:
    hostile = _mutated(files, data)
    with pytest.raises(RejectedInputError) as caught:
        team.verify_card(hostile, "hostile.kimkey")
    message = caught.value.message
    assert message.startswith("hostile.kimkey: ") and "\n" not in message
    assert len(message) < 200 and "\x1b" not in message and "A" * 50 not in message


def test_hostile_cards_through_the_command_write_nothing(files, tmp_path) -> None:
    office = tmp_path / "office.kim"
    office.write_bytes(files["office"].read_bytes())
    _, manager = card_parts(files["folder"] / "cm.kimkey")
    _, coordinator = card_parts(files["folder"] / "office.kimkey")
    cases = {
        "name with escapes": resigned(files, "casemanager", {**manager, "name": "\x1b[2JX"}),
        "huge name": resigned(files, "casemanager", {**manager, "name": "A" * 100_000}),
        "role a number": resigned(files, "casemanager", {**manager, "role": 7}),
        "zero encryption key": resigned(
            files, "coordinator", {**coordinator, "encryption_key": b64(bytes(32))}
        ),
        "not json": b"\xff\xfe{",
        "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    }
    signed, _ = card_parts(files["folder"] / "cm.kimkey")
    raw = bytearray(base64.b64decode(signed["document"]))
    raw[10] ^= 1
    cases["changed byte"] = json.dumps({**signed, "document": b64(bytes(raw))}).encode()
    cases["too large"] = b"x" * (team.MAX_CARD_BYTES + 1)
    path = tmp_path / "bad.kimkey"
    with CaseFile.open(office, PASSPHRASE) as casefile:
        for label, data in cases.items():
            path.write_bytes(data)
            with pytest.raises(RejectedInputError) as caught:
                team.enrol(casefile, path)
            assert "\n" not in caught.value.message and "\x1b" not in caught.value.message, label
        assert [row.name for row in team.members(casefile)] == ["Erika"]
    # Through the real command: exit 4, one line, the file untouched.
    before = sha256(office)
    for label in ("name with escapes", "zero encryption key", "changed byte"):
        path.write_bytes(cases[label])
        result = run_kim("district", "enrol", office, path)
        assert result.returncode == 4, (label, result.stderr)
        one_line(result)
        assert sha256(office) == before, label


# -- the configuration carries the team -------------------------------------------------------


def test_the_configuration_round_trips_team_retention_controller_and_dpo(files, tmp_path) -> None:
    office = tmp_path / "office.kim"
    office.write_bytes(files["office"].read_bytes())
    with CaseFile.open(office, PASSPHRASE) as casefile:
        issued = district.export_config(
            casefile,
            tmp_path / "a.kimdistrict",
            MUNICIPALITIES,
            retention_years=10,
            controller=f"  {CONTROLLER}  \n",
            dpo=DPO,
        )
        kept = district.export_config(casefile, tmp_path / "b.kimdistrict")
        cleared = district.export_config(casefile, tmp_path / "c.kimdistrict", dpo="")
    card = files["manager_card"]
    assert issued.team == (card.member,)
    assert (issued.retention_years, issued.controller, issued.dpo) == (10, CONTROLLER, DPO)
    assert (kept.team, kept.retention_years, kept.controller, kept.dpo) == (
        issued.team,
        10,
        CONTROLLER,
        DPO,
    )
    assert cleared.dpo is None and cleared.controller == CONTROLLER
    document, _body, _signature = district.read_config(tmp_path / "b.kimdistrict")
    assert document["team"] == [
        {"name": "Erika", "role": "casemanager", "signing_key": b64(card.signing_key)}
    ]
    assert document["revoked"] == [] and document["retention_years"] == 10
    # An older configuration without any of them stays valid, with the defaults.
    for field in ("team", "revoked", "retention_years", "controller", "dpo"):
        document.pop(field, None)
    older = district._settings(document)
    assert (older.team, older.revoked, older.retention_years, older.controller, older.dpo) == (
        (),
        (),
        district.DEFAULT_RETENTION_YEARS,
        None,
        None,
    )


def _team_entry(files: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "Erika",
        "role": "casemanager",
        "signing_key": b64(files["manager_card"].signing_key),
    }


BAD_TEAM: dict[str, Any] = {
    "team an object": lambda d, e: d.update({"team": {"a": e}}),
    "member without key": lambda d, e: d.update({"team": [{"name": "X", "role": "casemanager"}]}),
    "member with escapes": lambda d, e: d.update({"team": [{**e, "name": "\x1b[31mX"}]}),
    "member role": lambda d, e: d.update({"team": [{**e, "role": "admin"}]}),
    "member extra field": lambda d, e: d.update({"team": [{**e, "birth_date": "1990-05-03"}]}),
    "member short key": lambda d, e: d.update({"team": [{**e, "signing_key": b64(bytes(31))}]}),
    "member zero encryption key": lambda d, e: d.update(
        {"team": [{**e, "encryption_key": b64(bytes(32))}]}
    ),
    "member twice": lambda d, e: d.update({"team": [e, e]}),
    "revoked not hex": lambda d, e: d.update({"revoked": ["Ali Yilmaz"]}),
    "revoked a number": lambda d, e: d.update({"revoked": [7]}),
    "revoked and in the team": lambda d, e: d.update(
        {"team": [e], "revoked": [key_id(base64.b64decode(e["signing_key"]))]}
    ),
    "retention 0": lambda d, e: d.update({"retention_years": 0}),
    "retention 31": lambda d, e: d.update({"retention_years": 31}),
    "retention text": lambda d, e: d.update({"retention_years": "3"}),
    "retention true": lambda d, e: d.update({"retention_years": True}),
    "controller escapes": lambda d, e: d.update({"controller": "Amt\x1b[2J"}),
    "controller a list": lambda d, e: d.update({"controller": ["Amt"]}),
    "controller too long": lambda d, e: d.update({"controller": "x" * 601}),
    "controller 9 lines": lambda d, e: d.update({"controller": "\n".join("x" * 9)}),
    "dpo empty": lambda d, e: d.update({"dpo": ""}),
    "dpo bidi": lambda d, e: d.update({"dpo": "a\u202eb"}),
    "coordinator key null": lambda d, e: d["coordinator"].update({"encryption_key": None}),
    "member key null": lambda d, e: d.update({"team": [{**e, "signing_key": None}]}),
}


def test_malformed_team_fields_are_refused(files, tmp_path) -> None:
    with CaseFile.open(files["office"], PASSPHRASE) as casefile:
        district.export_config(casefile, tmp_path / "good.kimdistrict", MUNICIPALITIES)
        signing = own_keys(casefile).signing
    good = json.loads((tmp_path / "good.kimdistrict").read_text())
    entry = _team_entry(files)
    for label, change in BAD_TEAM.items():
        document = json.loads(base64.b64decode(good["document"]))
        change(document, entry)
        body = district.canonical(document)
        signed = {**good, "document": b64(body), "signature": b64(signing.sign(body))}
        with pytest.raises(RejectedInputError) as caught:
            district.verify_config(json.dumps(signed).encode(), "bad.kimdistrict")
        message = caught.value.message
        assert "\n" not in message and "Ali" not in message and "\x1b" not in message, label


# -- the trust rule ---------------------------------------------------------------------------


def test_a_revoked_key_is_not_trusted_again(tmp_path) -> None:
    """A sender trusted with the flag, then enrolled and revoked: its bundles are rejected
    with the flag, and the window's trust prompt cannot trust it again."""
    office = tmp_path / "office.kim"
    manager = tmp_path / "cm.kim"
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="K", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, tmp_path / "rsk.kimdistrict", MUNICIPALITIES)
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        document = in_municipalities(demo_document(seed=6, clients=20, today=TODAY), MUNICIPALITIES)
        interchange.import_document(casefile, document, "d")
        district.import_config(casefile, tmp_path / "rsk.kimdistrict")
        for quarter in ("2025-Q3", "2025-Q4"):
            outbox.export_bundle(casefile, parse_period(quarter), tmp_path / f"{quarter}.kimbundle")
        team.write_card(casefile, tmp_path / "cm.kimkey")
        signing_public = own_keys(casefile).signing_public
    with CaseFile.open(office, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, [tmp_path / "2025-Q3.kimbundle"], True)
        assert not report.rejected
        team.enrol(casefile, tmp_path / "cm.kimkey")
        row, before = team.revoke(casefile, team.read_card(tmp_path / "cm.kimkey").key_id)
        assert not before and row.revoked
        assert team.revoke(casefile, row.key_id)[1]  # a second time: nothing changes
        (outcome,) = inbox.import_bundles(casefile, [tmp_path / "2025-Q4.kimbundle"], True).outcomes
        assert outcome.status is inbox.Status.REJECTED
        assert "key revoked on" in outcome.message
        with pytest.raises(RejectedInputError):
            inbox.trust_sender(casefile, signing_public)
        with pytest.raises(RejectedInputError):
            team.enrol(casefile, tmp_path / "cm.kimkey")  # not enrolled again either
        assert [r.period for r in inbox.received(casefile)] == ["2025-Q3"]
        with pytest.raises(RejectedInputError):
            team.revoke(casefile, "not a key")
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        with pytest.raises(UsageError):
            team.revoke(casefile, row.key_id)
        assert team.configured_team(casefile) == ()
