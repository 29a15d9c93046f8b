"""The papers for the data-protection officer (issue 14; docs/dpo-pack.md): the real
``kim dpo-pack`` on real encrypted files, the PDFs read back as text, and every number they
print compared with the constant it describes — with the defaults, with a district
configuration of retention 5 and k 7, and with a machine-wide policy. No client's name ever
reaches a paper; existing papers are never replaced; the coordinator's window writes them."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim
from gui_support import settle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import kim_desktop
from kim_desktop import __version__
from kim_desktop.core import interchange
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import cipher, rawfile, recovery
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import erasure as core_erasure
from kim_desktop.core.documents import dpo_categories, dpo_pack
from kim_desktop.core.figures import cellkey, personal_data, residue
from kim_desktop.core.platform import logs, policy
from kim_desktop.core.sync import district, handover, wire
from kim_desktop.gui.views.district import DistrictKeysView
from kim_desktop.reports.access_copy import german_years
from kim_desktop.reports.dpo_pack import number

DISTRICT = "Rhein-Sieg-Kreis"
CONTROLLER = "Rhein-Sieg-Kreis, Der Landrat\nKaiser-Wilhelm-Platz 1\n53721 Siegburg"
DPO = "Datenschutzbeauftragte des Kreises\nTel. 02241 13-0\ndatenschutz@example.org"
CANARY_FAMILY = "Quixlerpfau"
CANARY_GIVEN = "Zaunkönigine"
CANARY_NOTE = "Besuch bei Onkel Brummelsteiner"


def canary_document() -> dict[str, object]:
    return minimal_document(
        clients=[
            {
                "id": "c1",
                "family_name": CANARY_FAMILY,
                "given_name": CANARY_GIVEN,
                "birth_date": "1987-06-05",
                "phone": "0176 99887766",
                "notes": CANARY_NOTE,
            }
        ],
        cases=[
            {
                "id": "k1",
                "municipality": "Siegburg",
                "track": "case_management",
                "opened_on": "2025-02-01",
                "members": [{"client_id": "c1", "role": "primary"}],
                "notes": CANARY_NOTE,
            }
        ],
    )


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def papers(folder: Path) -> dict[str, str]:
    return {name: pdf_text(folder / name) for name in dpo_pack.PAPERS}


def pack(kim_file: Path, out: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    result = run_kim("dpo-pack", kim_file, "--out", out, extra_env=extra_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out / name) for name in dpo_pack.PAPERS]
    return papers(out)


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "cm.kim"
    with CaseFile.create(
        path, PASSPHRASE, role="casemanager", owner="Erika Beispiel", district=DISTRICT
    ) as casefile:
        interchange.import_document(casefile, canary_document(), "canary.json")
    return path


def configure(tmp_path: Path, case_file: Path, **settings: object) -> Path:
    """A coordinator issues a configuration; the case manager's file imports it."""
    office = tmp_path / "office.kim"
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="Kora Koordination", district=DISTRICT
    ) as coordinator:
        district.export_config(
            coordinator, tmp_path / "rsk.kimdistrict", ["Siegburg", "Lohmar"], **settings
        )
    with CaseFile.open(case_file, PASSPHRASE) as casefile:
        district.import_config(casefile, tmp_path / "rsk.kimdistrict")
    return office


def test_every_printed_number_is_the_constant_it_describes(case_file: Path, tmp_path: Path) -> None:
    texts = pack(case_file, tmp_path / "out")
    record, tom, deletion = (texts[name] for name in dpo_pack.PAPERS)
    everything = " ".join(texts.values())

    kdf = rawfile.KDF_PARAMETERS[rawfile.CURRENT_FORMAT]
    assert (
        f"Argon2id aus Passphrase und Salt: Speicher {number(kdf.memory_kib)} KiB "
        f"({kdf.memory_kib // 1024} MiB), {kdf.iterations} Durchläufe, Parallelität "
        f"{kdf.lanes}; Schlüssel {rawfile.KEY_BYTES * 8} Bit (Dateiformat "
        f"{rawfile.CURRENT_FORMAT})"
    ) in tom
    assert f"zufällige Salt am Dateianfang ({rawfile.SALT_BYTES} Byte" in tom
    assert f"{kdf.iterations} Durchläufe, Parallelität {kdf.lanes}" in record

    # What SQLCipher applies, read independently from a raw keyed connection.
    salt = rawfile.read_salt(case_file)
    conn = rawfile.connect_raw(case_file, rawfile.derive_key(PASSPHRASE, salt))
    try:
        pragma = {
            name: str(conn.execute(f"PRAGMA {name}").fetchone()[0])
            for name in ("cipher", "cipher_page_size", "cipher_hmac_algorithm", "kdf_iter")
        }
    finally:
        conn.close()
    assert f"Chiffre {pragma['cipher']} je Datenbankseite" in tom
    assert f"Seitengröße {number(int(pragma['cipher_page_size']))} Byte" in tom
    assert f"jede Seite mit {pragma['cipher_hmac_algorithm']} gesichert" in tom
    assert f"mit {number(int(pragma['kdf_iter']))} Iterationen" in tom
    assert "secure_delete = ON" in tom and "PRAGMA secure_delete = ON" in (
        rawfile.CONNECTION_PRAGMAS
    )
    assert "temp_store = MEMORY" in tom and "PRAGMA temp_store = MEMORY" in (
        rawfile.CONNECTION_PRAGMAS
    )
    assert f"Dateirechte {case_file.stat().st_mode & 0o777:04o}" in tom

    auto_lock = policy.BUILT_IN[policy.AUTO_LOCK_MINUTES]
    low, high = policy.AUTO_LOCK_RANGE
    assert (
        f"nach {auto_lock} Minuten ohne Eingabe (Voreinstellung; einstellbar {low}–{high} "
        "Minuten). Auf diesem Rechner legt keine Richtlinie einen Wert fest."
    ) in tom
    assert f"automatische Sperre nach {auto_lock} Minuten" in record
    assert (
        f"mindestens {policy.DEFAULT_MIN_PASSPHRASE_LENGTH} Zeichen (Voreinstellung); eine "
        f"Richtlinie der IT kann einen Wert von {policy.PASSPHRASE_RANGE[0]} bis "
        f"{policy.PASSPHRASE_RANGE[1]} Zeichen festlegen"
    ) in tom

    assert f"Rotation bei {number(logs.MAX_BYTES)} Byte, {logs.BACKUPS} ältere Dateien" in tom
    assert f"bei {number(logs.MAX_BYTES)} Byte wird rotiert, die älteste von {logs.BACKUPS}" in (
        deletion
    )

    k = district.DEFAULT_K
    assert f"k = {k} (keine Kreiskonfiguration eingelesen" in tom
    assert f"Voreinstellung {district.DEFAULT_K}, zulässig 3–{district.MAX_K}" in tom
    assert f"Anzahlen von 1 bis {k - 1} werden nie veröffentlicht (sie werden 0 oder {k})" in tom
    assert f"Anzahlen ab {k} weichen um höchstens ±{cellkey.DEVIATION} ab" in tom
    assert f"größte Abweichung eines Werts beträgt damit {cellkey.deviation_bound(k)}" in tom
    assert f"Namensteile ab {personal_data.MIN_NAME_LENGTH} Buchstaben" in tom

    assert f"„{wire.MAGIC.decode()}“ am Dateianfang" in tom
    assert f"AES-{wire.AEAD_KEY_BYTES * 8}-GCM ({wire.AEAD_KEY_BYTES * 8}-Bit-Schlüssel" in tom
    assert f"Nonce {wire.NONCE_BYTES} Byte" in tom
    assert f"höchstens {wire.MAX_BUNDLE_BYTES // 1024**2} MiB" in tom
    assert "Ed25519 (64 Byte)" in tom and "X25519 (öffentliche Schlüssel 32 Byte)" in tom

    years = german_years(district.DEFAULT_RETENTION_YEARS)
    assert f"Aufbewahrungsfrist: {years} nach Abschluss eines Falls" in deletion
    assert f"zulässig 1–{district.MAX_RETENTION_YEARS} Jahre" in deletion
    assert f"Abgeschlossene Fälle {years} nach Abschluss" in record
    assert f"{district.DEFAULT_RETENTION_YEARS} Jahre nach dem Abschlussdatum" in deletion
    assert f"nächsten {dpo_pack.retention.DEFAULT_SOON_DAYS} Tagen" in deletion

    # Date, role, district and version on every paper; controller and DPO to fill in.
    for text in texts.values():
        assert f"KIM Desktop {__version__}" in text
        assert "Fallmanagement (Falldatei)" in text and f"Kreis / kreisfreie Stadt {DISTRICT}" in (
            text
        )
    assert record.count("nicht in der Kreiskonfiguration hinterlegt") == 2
    # The erasure section states what kim erase does, with the code's constants.
    assert "kim erase DATEI --case ID [--yes]" in deletion
    assert "noch nicht enthalten" not in deletion
    assert f"„{core_erasure.ERASED_TEXT}“" in deletion
    assert f"mindestens {core_erasure.MIN_NAME_WORD} Buchstaben" in deletion
    assert f"Eintrag „{core_erasure.AUDIT_ENTITY}“" in deletion
    assert f"„{residue.TABLE}“" in deletion
    assert "Noch nicht eingeordnet" not in everything


def test_the_papers_follow_the_district_configuration(case_file: Path, tmp_path: Path) -> None:
    office = configure(tmp_path, case_file, k=7, retention_years=5, controller=CONTROLLER, dpo=DPO)
    for kim_file, out, role in (
        (case_file, tmp_path / "cm-out", "Fallmanagement (Falldatei)"),
        (office, tmp_path / "office-out", "Koordinierungsstelle"),
    ):
        texts = pack(kim_file, out)
        record, tom, deletion = (texts[name] for name in dpo_pack.PAPERS)
        assert f"Datei {role}" in tom
        assert "k = 7 (Kreiskonfiguration Nr. 1;" in tom
        assert "Anzahlen von 1 bis 6 werden nie veröffentlicht (sie werden 0 oder 7)" in tom
        assert f"beträgt damit {cellkey.deviation_bound(7)}" in tom
        assert "Berichte nur anonym (k = 7)" in record
        assert "Aufbewahrungsfrist: fünf Jahre nach Abschluss" in deletion
        assert "5 Jahre nach dem Abschlussdatum" in deletion
        assert "Abgeschlossene Fälle fünf Jahre nach Abschluss" in record
        for line in (*CONTROLLER.splitlines(), *DPO.splitlines()):
            assert line in record, line
        assert "nicht in der Kreiskonfiguration hinterlegt" not in record
        assert texts[dpo_pack.TOM_PDF].startswith("Rhein-Sieg-Kreis, Der Landrat")


def test_no_client_data_reaches_the_papers(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    texts = pack(case_file, out)
    for name, text in texts.items():
        for canary in (CANARY_FAMILY, CANARY_GIVEN, "Brummelsteiner", "05.06.1987", "99887766"):
            assert canary not in text, (name, canary)
            assert canary.encode() not in (out / name).read_bytes()


def test_existing_papers_are_never_replaced(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pack(case_file, out)
    before = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in out.iterdir()}
    again = run_kim("dpo-pack", case_file, "--out", out)
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.count("\n") == 1
    for name in dpo_pack.PAPERS:
        assert str(out / name) in again.stderr
    after = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in out.iterdir()}
    assert after == before
    # One paper in the way: refused by name, and the other two are not written either.
    other = tmp_path / "other"
    other.mkdir()
    (other / dpo_pack.TOM_PDF).write_bytes(b"mine")
    refused = run_kim("dpo-pack", case_file, "--out", other)
    assert refused.returncode == 2
    assert str(other / dpo_pack.TOM_PDF) in refused.stderr
    assert str(other / dpo_pack.RECORD_PDF) not in refused.stderr
    assert sorted(p.name for p in other.iterdir()) == [dpo_pack.TOM_PDF]
    assert (other / dpo_pack.TOM_PDF).read_bytes() == b"mine"
    # Not a folder.
    file_in_the_way = tmp_path / "file"
    file_in_the_way.write_text("x")
    assert run_kim("dpo-pack", case_file, "--out", file_in_the_way).returncode == 2


def test_the_machine_policy_in_force_is_stated(case_file: Path, tmp_path: Path) -> None:
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(
        json.dumps(
            {
                "auto_lock_minutes": 10,
                "min_passphrase_length": 16,
                "locked": ["auto_lock_minutes"],
            }
        )
    )
    texts = pack(case_file, tmp_path / "out", {"KIM_POLICY_FILE": str(policy_file)})
    tom = texts[dpo_pack.TOM_PDF]
    assert f"Richtlinie auf diesem Rechner ({policy_file}): 10 Minuten." in tom
    assert "Die Nutzer:innen können den Wert nicht ändern." in tom
    assert f"Richtlinie auf diesem Rechner ({policy_file}): 16 Zeichen." in tom


def test_the_facts_come_from_the_code(case_file: Path) -> None:
    # The connection pragmas read back are the ones rawfile sets.
    with CaseFile.open(case_file, PASSPHRASE) as casefile:
        applied = cipher.applied_settings(casefile)
    set_by_code = dict(
        re.fullmatch(r"PRAGMA (\w+) = (\S+)", line).groups()  # type: ignore[union-attr]
        for line in rawfile.CONNECTION_PRAGMAS
    )
    sqlite_codes = {"ON": "1", "MEMORY": "2", "FULL": "2", "DELETE": "delete"}
    for name, value in set_by_code.items():
        assert applied.connection[name] == sqlite_codes.get(value, value), name
    # Every column of the personal tables is in a category (or a technical key), and the
    # health codes exist in the shipped catalogues.
    assert dpo_categories.unclassified() == ()
    base = cat.base_catalogues()
    for special in dpo_categories.HEALTH_CODES:
        assert special.code in base[special.catalogue]
    assert len(dpo_categories.special_categories(base)) == len(dpo_categories.HEALTH_CODES)


def test_no_module_opens_a_network_connection() -> None:
    """The papers say: no network connection, data leave only as files."""
    network = ("socket", "ssl", "http", "urllib", "requests", "smtplib", "ftplib")
    root = Path(kim_desktop.__file__).parent
    for source in root.rglob("*.py"):
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                assert name.split(".")[0] not in network, (source, name)
                assert "QtNetwork" not in name, (source, name)


def test_a_coordinator_writes_the_papers_in_the_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "papers"
    out.mkdir()
    office = CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="Kora", district=DISTRICT
    )
    try:
        district.export_config(
            office, tmp_path / "rsk.kimdistrict", ["Siegburg"], k=7, retention_years=5
        )
        page = DistrictKeysView()
        qtbot.addWidget(page)
        page.show()
        page.set_casefile(office)
        page.refresh()
        writer = page.dpo_pack
        # Only the folder dialog is replaced.
        monkeypatch.setattr(
            QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out))
        )
        qtbot.mouseClick(writer.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: all((out / name).exists() for name in dpo_pack.PAPERS))
        settle(qtbot)
        qtbot.waitUntil(lambda: "Saved" in writer.result.text())
        tom = pdf_text(out / dpo_pack.TOM_PDF)
        assert "Koordinierungsstelle" in tom and "k = 7 (Kreiskonfiguration Nr. 1;" in tom
        assert "fünf Jahre" in pdf_text(out / dpo_pack.DELETION_PDF)
        # Again into the same folder: refused, named, nothing replaced.
        before = (out / dpo_pack.RECORD_PDF).read_bytes()
        qtbot.mouseClick(writer.button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert dpo_pack.RECORD_PDF in writer.result.text()
        assert "nothing was written" in writer.result.text()
        assert (out / dpo_pack.RECORD_PDF).read_bytes() == before
    finally:
        office.close()


def test_the_papers_state_the_recovery_key_and_handovers(case_file: Path, tmp_path: Path) -> None:
    before = pack(case_file, tmp_path / "before")
    tom, record = before[dpo_pack.TOM_PDF], before[dpo_pack.RECORD_PDF]
    assert f"{recovery.ENTROPY_BITS} Bit Zufall" in tom
    assert f"({recovery.GROUPS} Gruppen zu je {recovery.GROUP_LENGTH} Zeichen" in tom
    assert f"„…{recovery.SUFFIX}“" in tom
    assert "Diese Datei hat keinen." in tom
    assert f"„{handover.MAGIC.decode()}“" in tom and f"„{handover.HKDF_INFO.decode()}“" in tom
    assert "Kolleg:innen des Teams (Fallübergabe)" in record
    made = run_kim("recovery-key", case_file, "--out", tmp_path / "sheet.pdf")
    assert made.returncode == 0, made.stderr
    with CaseFile.open(case_file, PASSPHRASE) as casefile:
        key_id = casefile.meta[recovery.META_KEY_ID]
    after = pack(case_file, tmp_path / "after")[dpo_pack.TOM_PDF]
    assert f"Diese Datei hat einen (Kennung {key_id}" in after
    key = made.stdout.strip().splitlines()[-1]
    assert key not in after  # the key itself is on the sheet only
