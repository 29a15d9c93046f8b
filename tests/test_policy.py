"""The machine-wide policy (issue 7): read from the site configuration folder, checked key
by key; a broken file or value gives a clear message naming the key and safe defaults,
never a crash; locked keys cannot be overridden by users, neither in the window nor by
``kim``; the policy's district configuration is preloaded into new case-manager files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from gui_support import isolated_settings
from PySide6.QtCore import QSettings

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform import paths, policy
from kim_desktop.core.sync import district
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.views.registry import factories
from kim_desktop.gui.wizard import NewFileWizard


def write_policy(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def machine_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The machine policy folder of this test: an XDG_CONFIG_DIRS entry, as desktop sessions
    set them (/etc/xdg itself holds no policy on a test machine; conftest checks that)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv(paths.POLICY_ENV, raising=False)
    return tmp_path / "etc-xdg" / "kim-desktop"


# -- reading and checking ----------------------------------------------------------------------


def test_site_folder_and_a_valid_policy(machine_dir: Path, tmp_path: Path) -> None:
    assert paths.machine_policy_candidates()[:2] == [
        Path("/etc/xdg/kim-desktop/policy.json"),  # always first: XDG_CONFIG_DIRS cannot hide it
        machine_dir / "policy.json",
    ]
    assert policy.load_policy() == policy.Policy()  # no file: no policy, no problem
    write_policy(
        machine_dir / "policy.json",
        {
            "_comment": "Rhein-Sieg-Kreis, IT 2026",
            "auto_lock_minutes": 3,
            "min_passphrase_length": 20,
            "default_folder": str(tmp_path / "KIM"),
            "district_config": "~/rsk.kimdistrict",
            "language": "en",
            "locked": ["auto_lock_minutes", "language"],
        },
    )
    loaded = policy.load_policy()
    assert loaded.problems == ()
    assert loaded.source == machine_dir / "policy.json"
    assert loaded.get(policy.AUTO_LOCK_MINUTES) == 3
    assert loaded.min_passphrase_length == 20
    assert loaded.get(policy.DEFAULT_FOLDER) == tmp_path / "KIM"
    assert loaded.get(policy.DISTRICT_CONFIG) == Path.home() / "rsk.kimdistrict"
    assert loaded.locked == {"auto_lock_minutes", "language"}


@pytest.mark.parametrize(
    ("document", "key", "fragment"),
    [
        ({"auto_lock_minutes": 0}, "auto_lock_minutes", "from 1 to 120"),
        ({"auto_lock_minutes": True}, "auto_lock_minutes", "whole number"),
        ({"auto_lock_minutes": "5"}, "auto_lock_minutes", "whole number"),
        ({"min_passphrase_length": 8}, "min_passphrase_length", "from 12 to 128"),
        ({"default_folder": "KIM/Akten"}, "default_folder", "absolute path"),
        ({"district_config": 7}, "district_config", "must be a path"),
        ({"language": "fr"}, "language", "one of de, en"),
        ({"lock_screen": 5}, "lock_screen", "unknown key"),
        ({"locked": "language"}, "locked", "list of key names"),
        ({"locked": ["passphrase"]}, "locked", "cannot be locked"),
    ],
)
def test_each_bad_value_is_named_and_falls_back(
    machine_dir: Path, document: dict[str, object], key: str, fragment: str
) -> None:
    write_policy(machine_dir / "policy.json", document)
    loaded = policy.load_policy()
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert f"'{key}'" in problem and fragment in problem and "policy.json" in problem
    if key == "auto_lock_minutes":
        assert loaded.get(policy.AUTO_LOCK_MINUTES) == 5  # the safe default
    if key == "min_passphrase_length":
        assert loaded.min_passphrase_length == 12


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"auto_lock_minutes": 5,,}', "not valid JSON (line 1, column"),
        ('["auto_lock_minutes"]', "must be a JSON object"),
        (b"\xff\xfe{", "not UTF-8"),
        ("{" + " " * (70 * 1024) + "}", "larger than 64 KiB"),
    ],
)
def test_a_broken_file_is_ignored_with_a_clear_message(
    machine_dir: Path, content: str | bytes, fragment: str
) -> None:
    target = machine_dir / "policy.json"
    target.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")
    loaded = policy.load_policy()
    assert loaded.values == {} and loaded.locked == frozenset()
    assert len(loaded.problems) == 1 and fragment in loaded.problems[0]
    assert str(target) in loaded.problems[0]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[" * 20000 + "]" * 20000, "not a usable JSON policy"),
        ('{"auto_lock_minutes": 1' + "0" * 5000 + "}", "not a usable JSON policy"),
        ('{"locked": [], "locked": ["language"]}', "'locked' appears twice"),
    ],
)
def test_absurd_json_is_a_problem_not_a_crash(
    machine_dir: Path, content: str, fragment: str
) -> None:
    write_policy(machine_dir / "policy.json", content)
    loaded = policy.load_policy()
    assert loaded.values == {} and len(loaded.problems) == 1
    assert fragment in loaded.problems[0]


def test_odd_files_are_problems_not_crashes(machine_dir: Path, tmp_path: Path) -> None:
    machine_dir.mkdir(parents=True)
    target = machine_dir / "policy.json"
    target.mkdir()  # a folder
    assert "not a regular file" in policy.load_policy().problems[0]
    target.rmdir()
    os.mkfifo(target)  # would block a plain read forever
    assert "not a regular file" in policy.load_policy().problems[0]
    target.unlink()
    target.symlink_to(tmp_path / "not-mounted" / "policy.json")  # dangling
    own = write_policy(tmp_path / "mine.json", {"auto_lock_minutes": 120})
    os.environ[paths.POLICY_ENV] = str(own)
    try:
        loaded = policy.load_policy()
    finally:
        del os.environ[paths.POLICY_ENV]
    assert loaded.source == target and "cannot be read" in loaded.problems[0]
    assert loaded.get(policy.AUTO_LOCK_MINUTES) == 5  # the override does not step in


def test_a_folder_users_cannot_search_is_reported(
    machine_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine_dir.mkdir(parents=True)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == machine_dir else real_access(p, mode)
    )
    loaded = policy.load_policy()
    assert loaded.source == machine_dir / "policy.json"
    assert "cannot be read" in loaded.problems[0]


def test_every_xdg_config_dir_is_searched(tmp_path: Path, monkeypatch) -> None:
    """Ubuntu sessions set XDG_CONFIG_DIRS=/etc/xdg/xdg-ubuntu:/etc/xdg."""
    session, system = tmp_path / "xdg-ubuntu", tmp_path / "etc-xdg"
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{session}{os.pathsep}{system}")
    write_policy(system / "kim-desktop" / "policy.json", {"language": "en"})
    assert policy.load_policy().get(policy.LANGUAGE) == "en"


def test_system_policy_wins_over_users_xdg_and_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = tmp_path / "system"
    monkeypatch.setattr(paths, "SYSTEM_XDG", system)
    write_policy(system / "kim-desktop" / "policy.json", {"auto_lock_minutes": 2})
    mine = write_policy(
        tmp_path / "mine" / "kim-desktop" / "policy.json", {"auto_lock_minutes": 99}
    )
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "mine"))
    monkeypatch.setenv(paths.POLICY_ENV, str(mine))
    assert policy.load_policy().get(policy.AUTO_LOCK_MINUTES) == 2


def test_a_nul_in_a_path_is_rejected(tmp_path: Path) -> None:
    loaded = policy.parse_policy({"default_folder": "/home/\u0000x"}, tmp_path / "p")
    assert "'default_folder'" in loaded.problems[0] and loaded.values == {}


def test_a_byte_order_mark_is_fine(machine_dir: Path) -> None:
    (machine_dir).mkdir(parents=True)
    (machine_dir / "policy.json").write_bytes(b"\xef\xbb\xbf" + b'{"language": "en"}')
    assert policy.load_policy().get(policy.LANGUAGE) == "en"


def test_the_environment_cannot_replace_a_machine_policy(
    machine_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = write_policy(tmp_path / "mine.json", {"auto_lock_minutes": 120})
    monkeypatch.setenv(paths.POLICY_ENV, str(own))
    assert policy.load_policy().get(policy.AUTO_LOCK_MINUTES) == 120  # portable: no machine file
    write_policy(
        machine_dir / "policy.json", {"auto_lock_minutes": 2, "locked": ["auto_lock_minutes"]}
    )
    assert policy.load_policy().get(policy.AUTO_LOCK_MINUTES) == 2


# -- users cannot override locked keys -------------------------------------------------------


def user_store(folder: Path, **values: object) -> QSettings:
    store = QSettings(str(folder / "user.ini"), QSettings.Format.IniFormat)
    for key, value in values.items():
        store.setValue(key, value)
    return store


def test_locked_keys_win_over_the_users_choice(tmp_path: Path) -> None:
    fixed = policy.parse_policy(
        {"language": "de", "auto_lock_minutes": 2, "locked": ["language", "auto_lock_minutes"]},
        tmp_path / "policy.json",
    )
    settings = Settings(user_store(tmp_path, language="en", auto_lock_minutes=60), fixed)
    assert settings.language() == "de" and settings.auto_lock_minutes() == 2
    assert settings.set_language("en") is False
    assert settings.set_auto_lock_minutes(90) is False
    assert settings.language() == "de" and settings.auto_lock_minutes() == 2


def test_unlocked_policy_values_are_defaults_users_may_change(tmp_path: Path) -> None:
    defaults = policy.parse_policy({"language": "en", "auto_lock_minutes": 10}, tmp_path / "p")
    settings = Settings(user_store(tmp_path), defaults)
    assert settings.language() == "en" and settings.auto_lock_minutes() == 10
    assert settings.set_language("de") and settings.set_auto_lock_minutes(30)
    assert settings.language() == "de" and settings.auto_lock_minutes() == 30


def test_a_locked_key_with_a_bad_value_keeps_the_safe_default(tmp_path: Path) -> None:
    broken = policy.parse_policy(
        {"auto_lock_minutes": 1000, "locked": ["auto_lock_minutes"]}, tmp_path / "p"
    )
    settings = Settings(user_store(tmp_path, auto_lock_minutes=120), broken)
    assert settings.auto_lock_minutes() == 5 and not settings.set_auto_lock_minutes(60)


def test_window_applies_the_locked_auto_lock(qtbot, tmp_path: Path, monkeypatch) -> None:
    fixed = policy.parse_policy(
        {"auto_lock_minutes": 2, "locked": ["auto_lock_minutes"]}, tmp_path / "p"
    )
    settings = Settings(user_store(tmp_path, auto_lock_minutes=60), fixed)
    casefile = CaseFile.create(tmp_path / "f.kim", PASSPHRASE, role="casemanager", owner="T")
    window = MainWindow(casefile, settings, factories("casemanager"))
    qtbot.addWidget(window)
    assert window.idle_timer.interval() == 2 * 60_000
    told: list[str] = []
    monkeypatch.setattr(
        "kim_desktop.gui.main_window.QMessageBox.information",
        lambda _parent, title, _text: told.append(title),
    )
    window.choose_auto_lock()  # explains instead of asking
    assert told and window.idle_timer.interval() == 2 * 60_000
    window.lock()


def test_wizard_uses_policy_passphrase_length_and_folder(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "Fallakten"
    fixed = policy.parse_policy(
        {"min_passphrase_length": 30, "default_folder": str(folder), "locked": ["default_folder"]},
        tmp_path / "p",
    )
    settings = Settings(user_store(tmp_path), fixed)
    wizard = NewFileWizard(settings)
    qtbot.addWidget(wizard)
    assert wizard.passphrase_page.minimum_length == 30
    wizard.owner_page.owner.setText("Erika Beispiel")
    wizard.location_page.initializePage()
    assert folder.is_dir()  # created for the user
    assert Path(wizard.location_page.path.text()).parent == folder
    assert wizard.location_page.isComplete()
    wizard.location_page.path.setText(str(tmp_path / "elsewhere.kim"))
    assert not wizard.location_page.isComplete()
    assert str(folder) in wizard.location_page.problem.text()


def test_lang_option_cannot_override_a_locked_language(tmp_path: Path) -> None:
    from kim_desktop.gui.app import interface_language

    fixed = policy.parse_policy({"language": "de", "locked": ["language"]}, tmp_path / "p")
    free = policy.parse_policy({"language": "de"}, tmp_path / "p")
    assert interface_language("en", Settings(user_store(tmp_path), fixed)) == "de"
    assert interface_language("en", Settings(user_store(tmp_path), free)) == "en"
    assert interface_language(None, Settings(user_store(tmp_path), free)) == "de"


def test_default_settings_read_the_machine_policy(machine_dir: Path, tmp_path: Path) -> None:
    write_policy(machine_dir / "policy.json", {"language": "en", "locked": ["language"]})
    settings = Settings(user_store(tmp_path, language="de"))
    assert settings.language() == "en"
    assert isolated_settings(tmp_path).policy.source == machine_dir / "policy.json"


# -- kim -------------------------------------------------------------------------------------


def kim_env(machine_dir: Path) -> dict[str, str]:
    return {"XDG_CONFIG_DIRS": str(machine_dir.parent)}


def test_kim_enforces_the_minimum_passphrase_length(machine_dir: Path, tmp_path: Path) -> None:
    write_policy(machine_dir / "policy.json", {"min_passphrase_length": 40})
    env = kim_env(machine_dir)
    refused = run_kim(
        "init", tmp_path / "a.kim", "--role", "casemanager", "--owner", "A", extra_env=env
    )
    assert refused.returncode == 2 and "at least 40 characters" in refused.stderr
    assert not (tmp_path / "a.kim").exists()
    long_enough = PASSPHRASE + " and some more words"
    made = run_kim(
        "init",
        tmp_path / "a.kim",
        "--role",
        "casemanager",
        "--owner",
        "A",
        passphrase=long_enough,
        extra_env=env,
    )
    assert made.returncode == 0, made.stderr
    short_again = run_kim(
        "passwd",
        tmp_path / "a.kim",
        passphrase=long_enough,
        extra_env={**env, "KIM_NEW_PASSPHRASE": PASSPHRASE},
    )
    assert short_again.returncode == 2 and "at least 40" in short_again.stderr
    with pytest.raises(UsageError):
        CaseFile.create(
            tmp_path / "b.kim",
            PASSPHRASE,
            role="casemanager",
            owner="B",
            min_passphrase_length=policy.load_policy().min_passphrase_length,
        )


def test_kim_reports_an_invalid_policy_and_carries_on(machine_dir: Path, tmp_path: Path) -> None:
    write_policy(machine_dir / "policy.json", {"auto_lock_minutes": -1, "colour": "blue"})
    done = run_kim(
        "init",
        tmp_path / "a.kim",
        "--role",
        "casemanager",
        "--owner",
        "A",
        extra_env=kim_env(machine_dir),
    )
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert any("'auto_lock_minutes'" in line and line.startswith("kim: policy:") for line in lines)
    assert any("'colour'" in line for line in lines)
    assert "Traceback" not in done.stderr


def test_new_case_manager_files_get_the_policy_district(machine_dir: Path, tmp_path: Path) -> None:
    office = tmp_path / "office.kim"
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="Koordinierung", district="Rhein-Sieg-Kreis"
    ) as coordinator:
        district.export_config(coordinator, tmp_path / "rsk.kimdistrict", ["Siegburg", "Lohmar"], 5)
    write_policy(
        machine_dir / "policy.json", {"district_config": str(tmp_path / "rsk.kimdistrict")}
    )
    env = kim_env(machine_dir)
    done = run_kim(
        "init", tmp_path / "mine.kim", "--role", "casemanager", "--owner", "E", extra_env=env
    )
    assert done.returncode == 0, done.stderr
    assert "district configuration" in done.stdout
    with CaseFile.open(tmp_path / "mine.kim", PASSPHRASE) as mine:
        settings = district.current_settings(mine)
    assert settings is not None and settings.district == "Rhein-Sieg-Kreis" and settings.k == 5

    os.unlink(tmp_path / "rsk.kimdistrict")  # the policy names a file that is gone
    again = run_kim(
        "init", tmp_path / "b.kim", "--role", "casemanager", "--owner", "F", extra_env=env
    )
    assert again.returncode == 0 and (tmp_path / "b.kim").exists()
    assert "'district_config'" in again.stderr and "import it later" in again.stderr


def test_the_shipped_example_is_valid() -> None:
    example = Path(__file__).resolve().parents[1] / "resources" / "policy.example.json"
    loaded = policy.load_policy(example)
    assert loaded.problems == ()
    assert set(loaded.values) == set(policy.LOCKABLE)


def test_desktop_program_starts_with_a_broken_policy(machine_dir: Path, tmp_path: Path) -> None:
    write_policy(machine_dir / "policy.json", '{"language": "de", "auto_lock_minutes": 500}')
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
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    log = (tmp_path / "home" / "logs" / "kim-desktop.log").read_text("utf-8")
    assert "policy problem" in log and "'auto_lock_minutes'" in log


def test_kim_keeps_new_files_in_a_locked_folder(machine_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Fallakten"
    folder.mkdir()
    write_policy(
        machine_dir / "policy.json", {"default_folder": str(folder), "locked": ["default_folder"]}
    )
    env = kim_env(machine_dir)
    outside = run_kim(
        "init", tmp_path / "a.kim", "--role", "casemanager", "--owner", "A", extra_env=env
    )
    assert outside.returncode == 2 and "'default_folder'" in outside.stderr
    assert not (tmp_path / "a.kim").exists()
    demo = run_kim("demo", tmp_path / "d.kim", "--clients", "3", extra_env=env)
    assert demo.returncode == 2 and not (tmp_path / "d.kim").exists()
    inside = run_kim(
        "init", folder / "a.kim", "--role", "casemanager", "--owner", "A", extra_env=env
    )
    assert inside.returncode == 0, inside.stderr


def test_a_locked_district_that_cannot_be_imported_makes_no_file(
    machine_dir: Path, tmp_path: Path
) -> None:
    write_policy(
        machine_dir / "policy.json",
        {"district_config": str(tmp_path / "missing.kimdistrict"), "locked": ["district_config"]},
    )
    done = run_kim(
        "init",
        tmp_path / "a.kim",
        "--role",
        "casemanager",
        "--owner",
        "A",
        extra_env=kim_env(machine_dir),
    )
    assert done.returncode == 4 and "'district_config'" in done.stderr
    assert "no file was made" in done.stderr
    assert list(tmp_path.glob("a.kim*")) == []


def test_kim_policy_shows_and_checks(machine_dir: Path, tmp_path: Path) -> None:
    env = kim_env(machine_dir)
    none = run_kim("policy", passphrase=None, extra_env=env)
    assert none.returncode == 0 and "No machine-wide policy" in none.stdout
    write_policy(
        machine_dir / "policy.json", {"auto_lock_minutes": 3, "locked": ["auto_lock_minutes"]}
    )
    shown = run_kim("policy", passphrase=None, extra_env=env)
    assert shown.returncode == 0
    assert "auto_lock_minutes: 3 (locked)" in shown.stdout
    assert "min_passphrase_length: 12 [built-in]" in shown.stdout
    candidate = write_policy(tmp_path / "new.json", {"language": "fr"})
    checked = run_kim("policy", candidate, passphrase=None, extra_env=env)
    assert checked.returncode == 4 and "'language'" in checked.stderr
