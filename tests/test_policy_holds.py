"""Issue 17, "policy that holds": the policy files Windows tools write are read (UTF-16,
Windows-1252); a policy that exists but cannot be used refuses instead of meaning "no
locks"; a policy file a non-administrator could have written is ignored and said so; the
problems found in the issue (`kim policy`, `kim init`, `kim restore`, the assistant).
Windows (ACL decision, registry, ADMX/ADML): tests/test_policy_windows.py."""

from __future__ import annotations

import codecs
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWizard

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.platform import paths, policy, policy_file
from kim_desktop.core.sync import district
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.wizard import NewFileWizard

OTHER_UID = 4321  # a user who is not root: what planting means
ADMX = Path(__file__).resolve().parents[1] / "packaging" / "windows" / "admx"
CANARY = "Canary-Mustermann-4711"
# Files of another user are made with os.chown, which needs root (as these tests run here).
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.chown needs root"
)


@pytest.fixture
def machine_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv(paths.POLICY_ENV, raising=False)
    folder = tmp_path / "etc-xdg" / "kim-desktop"
    folder.mkdir(parents=True)
    return folder


def env_of(machine_dir: Path) -> dict[str, str]:
    return {"XDG_CONFIG_DIRS": str(machine_dir.parent)}


def write_policy(machine_dir: Path, document: object) -> Path:
    target = machine_dir / "policy.json"
    target.write_text(json.dumps(document), "utf-8")
    return target


def settings_with(folder: Path, current: policy.Policy) -> Settings:
    return Settings(QSettings(str(folder / "user.ini"), QSettings.Format.IniFormat), current)


def stderr_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.strip()]


# -- encodings -----------------------------------------------------------------------------

POLICY_TEXT = json.dumps(
    {"default_folder": "/srv/Fallakten für KIM", "language": "en", "locked": ["language"]},
    ensure_ascii=False,
)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (
            codecs.BOM_UTF8 + POLICY_TEXT.encode("utf-8"),
            "UTF-8",
        ),  # Notepad, Out-File -Encoding utf8
        (POLICY_TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_LE + POLICY_TEXT.encode("utf-16-le"), "UTF-16"),  # Out-File (PS 5.1)
        (codecs.BOM_UTF16_BE + POLICY_TEXT.encode("utf-16-be"), "UTF-16"),
        (POLICY_TEXT.encode("cp1252"), "Windows-1252"),  # Set-Content (PS 5.1, German Windows)
    ],
)
def test_the_encodings_windows_tools_write_are_read(
    machine_dir: Path, encoded: bytes, encoding: str
) -> None:
    (machine_dir / "policy.json").write_bytes(encoded)
    loaded = policy.load_policy()
    assert loaded.problems == () and loaded.refusal is None
    assert loaded.encoding == encoding
    assert loaded.get(policy.DEFAULT_FOLDER) == Path("/srv/Fallakten für KIM")
    assert loaded.get(policy.LANGUAGE) == "en" and loaded.is_locked(policy.LANGUAGE)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (POLICY_TEXT.encode("utf-16-le"), "UTF-16 needs a byte-order mark"),
        (b'{"language": "de\x81"}', "not UTF-8, UTF-16 or Windows-1252 text"),  # 0x81: undefined
        (codecs.BOM_UTF8 + b'{"language": "\xff"}', "broken after its byte-order mark"),
        (codecs.BOM_UTF16_LE + b"{", "not UTF-8"),  # an odd byte after the mark
    ],
)
def test_text_in_no_accepted_encoding_refuses(machine_dir: Path, raw: bytes, fragment: str) -> None:
    target = machine_dir / "policy.json"
    target.write_bytes(raw)
    loaded = policy.load_policy()
    assert loaded.refusal is not None and fragment in loaded.refusal
    assert str(target) in loaded.refusal and "IT department" in loaded.refusal
    assert loaded.problems == (loaded.refusal,)


# -- never fail open ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"default_folder": "/srv/KIM", "locked": ["default_folder"],}', "not valid JSON"),
        ('["default_folder"]', "must be a JSON object"),
        ('{"locked": [], "locked": ["language"]}', "appears twice"),
    ],
)
def test_an_unusable_policy_refuses_instead_of_unlocking(
    machine_dir: Path, content: str, fragment: str
) -> None:
    (machine_dir / "policy.json").write_text(content, "utf-8")
    loaded = policy.load_policy()
    assert loaded.refusal is not None and fragment in loaded.refusal
    assert "no case file can be opened or created" in loaded.refusal


def test_kim_refuses_every_command_on_an_unusable_policy(machine_dir: Path, tmp_path: Path) -> None:
    target = machine_dir / "policy.json"
    target.write_text('{"min_passphrase_length": 20,', "utf-8")
    env = env_of(machine_dir)
    init = run_kim(
        "init", tmp_path / "a.kim", "--role", "casemanager", "--owner", "A", extra_env=env
    )
    assert init.returncode == 4 and not (tmp_path / "a.kim").exists()
    (line,) = stderr_lines(init)  # one clear line naming the file and what is wrong
    assert line.startswith("kim: policy: ") and str(target) in line and "not valid JSON" in line
    assert "Traceback" not in init.stderr
    verify = run_kim("verify", tmp_path / "missing.kim", extra_env=env)
    assert verify.returncode == 4 and len(stderr_lines(verify)) == 1
    shown = run_kim("policy", passphrase=None, extra_env=env)
    assert shown.returncode == 4 and "Not usable" in shown.stdout
    assert stderr_lines(shown) == [line]  # said once


def test_desktop_program_refuses_on_an_unusable_policy(
    machine_dir: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (machine_dir / "policy.json").write_bytes(b"\x00\x01")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env.update(
        {
            "XDG_CONFIG_DIRS": str(machine_dir.parent),
            paths.PORTABLE_ENV: str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "kim_desktop.gui.app", "--quit-after", "0.5"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert any(line.startswith("kim-desktop: policy: ") for line in stderr_lines(done))
    # Started by a user: a dialog says it (and nothing opens).
    from kim_desktop.gui import app

    shown: list[str] = []
    monkeypatch.setattr(
        "kim_desktop.gui.app.QMessageBox.critical",
        lambda _parent, _title, text: shown.append(text),
    )
    refusal = policy.load_policy().refusal
    assert refusal is not None
    assert app._refuse(refusal, ask=True) == 4
    assert shown and refusal in shown[0] and "IT department" in shown[0]


def test_each_broken_key_falls_back_to_the_safe_side(tmp_path: Path) -> None:
    # A broken `locked`: what IT meant to lock is unknown, so everything is locked.
    broken_list = policy.parse_policy({"language": "en", "locked": "language"}, tmp_path / "p")
    assert broken_list.locked == frozenset(policy.LOCKABLE)
    settings = settings_with(tmp_path, broken_list)
    assert not settings.set_language("de") and not settings.set_auto_lock_minutes(60)
    # A locked default_folder that is broken: no new file anywhere, not everywhere.
    folder = policy.parse_policy(
        {"default_folder": "KIM/relativ", "locked": ["default_folder"]}, tmp_path / "p"
    )
    assert folder.locked_but_broken(policy.DEFAULT_FOLDER)
    with pytest.raises(UsageError, match="not usable"):
        policy.check_case_file_location(folder, tmp_path / "a.kim")
    unlocked = policy.parse_policy({"default_folder": "KIM/relativ"}, tmp_path / "p")
    policy.check_case_file_location(unlocked, tmp_path / "a.kim")  # only a default: fine
    # A locked district_config that is broken: no case-manager file without it.
    config = policy.parse_policy(
        {"district_config": 7, "locked": ["district_config"]}, tmp_path / "p"
    )
    with (
        CaseFile.create(tmp_path / "c.kim", PASSPHRASE, role="casemanager", owner="C") as made,
        pytest.raises(RejectedInputError, match="no file was made"),
    ):
        district.preload_district(made, config)


def test_policy_problems_never_repeat_the_files_content(machine_dir: Path) -> None:
    long_name = "x" * 45 + CANARY
    documents: list[str] = [
        json.dumps({"auto_lock_minutes": CANARY, "min_passphrase_length": [CANARY]}),
        json.dumps({"default_folder": CANARY, "district_config": {"a": CANARY}}),
        json.dumps({"language": CANARY, "locked": CANARY}),
        json.dumps({long_name: 1, "locked": [long_name]}),
        '{"language": "' + CANARY + '" "locked": []}',  # a syntax error right after it
        '{"' + long_name + '": 1, "' + long_name + '": 2}',  # key names: shown short
    ]
    for text in documents:
        (machine_dir / "policy.json").write_text(text, "utf-8")
        loaded = policy.load_policy()
        assert loaded.problems, text
        for problem in (*loaded.problems, loaded.refusal or ""):
            assert CANARY not in problem, problem


# -- planting ------------------------------------------------------------------------------------


def planted(machine_dir: Path) -> Path:
    target = write_policy(
        machine_dir,
        {"district_config": "/srv/fremd.kimdistrict", "default_folder": "/srv/KIM"},
    )
    return target


def assert_ignored(fragment: str) -> policy.Policy:
    loaded = policy.load_policy()
    assert loaded.values == {} and loaded.locked == frozenset() and loaded.refusal is None
    assert loaded.ignored
    (problem,) = loaded.problems
    assert "ignored" in problem and "administrator" in problem and fragment in problem
    return loaded


@needs_root
def test_a_file_owned_by_another_user_is_ignored_and_said(
    machine_dir: Path, tmp_path: Path
) -> None:
    target = planted(machine_dir)
    os.chown(target, OTHER_UID, OTHER_UID)
    assert_ignored(f"user id {OTHER_UID}")
    env = env_of(machine_dir)
    shown = run_kim("policy", passphrase=None, extra_env=env)
    assert shown.returncode == 4 and "ignored" in shown.stderr and "Ignored:" in shown.stdout
    assert len(stderr_lines(shown)) == 1
    made = run_kim(  # ignored means: this file sets nothing (its locked folder neither)
        "init", tmp_path / "a.kim", "--role", "coordinator", "--owner", "A", extra_env=env
    )
    assert made.returncode == 0, made.stderr
    assert "ignored" in made.stderr


@pytest.mark.parametrize("mode", [0o664, 0o646, 0o666])
def test_a_file_others_may_write_is_ignored(machine_dir: Path, mode: int) -> None:
    os.chmod(planted(machine_dir), mode)
    assert_ignored(f"mode {mode:04o}")


@needs_root
def test_a_folder_another_user_owns_or_may_write_is_ignored(machine_dir: Path) -> None:
    planted(machine_dir)
    os.chown(machine_dir, OTHER_UID, 0)
    assert_ignored(f"{machine_dir} belongs to user id {OTHER_UID}")
    os.chown(machine_dir, 0, 0)
    os.chmod(machine_dir.parent, 0o777)  # anyone could replace kim-desktop/
    assert_ignored("mode 0777")
    os.chmod(machine_dir.parent, 0o1777)  # sticky (/tmp): root's entries stay root's
    assert policy.load_policy().values[policy.DEFAULT_FOLDER] == Path("/srv/KIM")
    os.chmod(machine_dir.parent, 0o755)


@needs_root
def test_symlinks_must_be_trusted_and_lead_to_a_trusted_file(
    machine_dir: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = write_policy(elsewhere, {"language": "en"})
    link = machine_dir / "policy.json"
    link.symlink_to(real)
    assert policy.load_policy().get(policy.LANGUAGE) == "en"  # root's link to root's file
    os.lchown(link, OTHER_UID, OTHER_UID)
    assert_ignored(f"(it belongs to user id {OTHER_UID}")  # the link itself
    os.lchown(link, 0, 0)
    os.chown(real, OTHER_UID, OTHER_UID)
    assert_ignored(f"{real} belongs to user id {OTHER_UID}")


@needs_root
def test_the_running_user_is_trusted_for_their_own_policy(tmp_path: Path) -> None:
    """POSIX: root and the user running the program (a file of theirs applies only to them)."""
    target = tmp_path / "policy.json"
    target.write_text("{}", "utf-8")
    os.chown(target, 1000, 1000)
    assert policy_file.posix_planting_problem(target, frozenset({0, 1000})) is None
    problem = policy_file.posix_planting_problem(target, frozenset({0}))
    assert problem is not None and "user id 1000" in problem
    assert 0 in policy_file.trusted_owners()


def test_a_trusted_file_that_cannot_be_used_still_refuses(machine_dir: Path) -> None:
    """Only a file someone else could have written is ignored; IT's broken file refuses."""
    (machine_dir / "policy.json").write_text("{", "utf-8")
    os.chmod(machine_dir / "policy.json", 0o600)
    assert policy.load_policy().refusal is not None


# -- the problems found in the issue -----------------------------------------------------------


def test_kim_policy_prints_each_problem_once(machine_dir: Path) -> None:
    write_policy(machine_dir, {"auto_lock_minutes": 0, "colour": "blue"})
    shown = run_kim("policy", passphrase=None, extra_env=env_of(machine_dir))
    assert shown.returncode == 4
    lines = stderr_lines(shown)
    assert len(lines) == 2 and len(set(lines)) == 2
    assert sum("'auto_lock_minutes'" in line for line in lines) == 1


def test_kim_init_creates_a_locked_folder_privately(machine_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Dokumente" / "KIM"
    write_policy(machine_dir, {"default_folder": str(folder), "locked": ["default_folder"]})
    made = run_kim(
        "init",
        folder / "a.kim",
        "--role",
        "casemanager",
        "--owner",
        "A",
        extra_env=env_of(machine_dir),
    )
    assert made.returncode == 0, made.stderr
    assert (folder / "a.kim").is_file()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_kim_policy_checks_the_district_configuration(machine_dir: Path, tmp_path: Path) -> None:
    env = env_of(machine_dir)
    missing = tmp_path / "missing.kimdistrict"
    write_policy(machine_dir, {"district_config": str(missing), "locked": ["district_config"]})
    shown = run_kim("policy", passphrase=None, extra_env=env)
    assert shown.returncode == 4
    (line,) = stderr_lines(shown)
    assert "'district_config'" in line and str(missing) in line and "no such file" in line
    assert "no case-manager file can be created" in line
    with CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="K", district="Kreis Kleve"
    ) as office:
        district.export_config(office, missing, ["Kleve", "Goch"], 5)
    assert run_kim("policy", passphrase=None, extra_env=env).returncode == 0
    missing.write_bytes(b'{"format": "something else"}')  # not a district configuration
    tampered = run_kim("policy", passphrase=None, extra_env=env)
    assert tampered.returncode == 4 and "'district_config'" in tampered.stderr


def test_kim_restore_keeps_to_a_locked_folder(machine_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Fallakten"
    folder.mkdir()
    with CaseFile.create(folder / "a.kim", PASSPHRASE, role="casemanager", owner="A") as made:
        made.backup(tmp_path / "a-backup.kim")
    write_policy(machine_dir, {"default_folder": str(folder), "locked": ["default_folder"]})
    env = env_of(machine_dir)
    outside = run_kim("restore", tmp_path / "a-backup.kim", tmp_path / "b.kim", extra_env=env)
    assert outside.returncode == 2 and "'default_folder'" in outside.stderr
    assert list(tmp_path.glob("b.kim*")) == []
    inside = run_kim("restore", tmp_path / "a-backup.kim", folder / "b.kim", extra_env=env)
    assert inside.returncode == 0, inside.stderr
    with CaseFile.open(folder / "b.kim", PASSPHRASE) as restored:
        assert restored.owner == "A"


def test_the_wizard_takes_the_district_of_the_policy(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "kleve.kimdistrict"
    with CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="K", district="Kreis Kleve"
    ) as office:
        district.export_config(office, config, ["Kleve", "Goch"], 5)
    free = policy.parse_policy({"district_config": str(config)}, tmp_path / "p")
    wizard = NewFileWizard(settings_with(tmp_path, free))
    qtbot.addWidget(wizard)
    assert wizard.owner_page.district.text() == "Kreis Kleve"
    assert not wizard.owner_page.district.isReadOnly()  # a default: may be changed

    folder = tmp_path / "Fallakten"
    fixed = policy.parse_policy(
        {
            "district_config": str(config),
            "default_folder": str(folder),
            "locked": ["district_config", "default_folder"],
        },
        tmp_path / "p",
    )
    wizard = NewFileWizard(settings_with(tmp_path, fixed))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.owner_page
    assert page.district.text() == "Kreis Kleve" and page.district.isReadOnly()
    assert not page.district_note.isHidden()
    qtbot.mouseClick(page.coordinator, Qt.MouseButton.LeftButton)  # a coordinator's own file
    assert not page.district.isReadOnly()
    qtbot.mouseClick(page.casemanager, Qt.MouseButton.LeftButton)
    assert page.district.isReadOnly()
    qtbot.keyClicks(page.district, "X")  # read-only: typing changes nothing
    assert page.district.text() == "Kreis Kleve"

    qtbot.keyClicks(page.owner, "Erika Beispiel")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert wizard.location_page.isComplete()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.passphrase_page.first, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase_page.second, PASSPHRASE)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.casefile is not None, timeout=60_000)
    assert wizard.casefile is not None and wizard.policy_problem is None
    settings = district.current_settings(wizard.casefile)
    assert settings is not None and settings.district == "Kreis Kleve"
    wizard.casefile.close()


def test_the_wizard_says_a_broken_locked_folder(qtbot: Any, tmp_path: Path) -> None:
    broken = policy.parse_policy(
        {"default_folder": "relativ", "locked": ["default_folder"]}, tmp_path / "p"
    )
    wizard = NewFileWizard(settings_with(tmp_path, broken))
    qtbot.addWidget(wizard)
    wizard.location_page.path.setText(str(tmp_path / "a.kim"))
    assert not wizard.location_page.isComplete()
    assert "IT department" in wizard.location_page.problem.text()
