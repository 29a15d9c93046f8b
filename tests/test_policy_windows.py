"""Issue 17, "policy that holds", Windows: the owner/ACL decision over the policy file and its
folder (the ctypes reader runs on Windows only), Group Policy values in the registry (tested
through the parsing layer with registry-shaped data: the registry wins over the file, key by
key) and the shipped ADMX/ADML templates (valid XML, a setting for every key, every string
defined in both languages)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kim_desktop.core.platform import paths, policy, policy_windows
from kim_desktop.core.platform.policy_windows import Ace

ADMX = Path(__file__).resolve().parents[1] / "packaging" / "windows" / "admx"


@pytest.fixture
def machine_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv(paths.POLICY_ENV, raising=False)
    folder = tmp_path / "etc-xdg" / "kim-desktop"
    folder.mkdir(parents=True)
    return folder


def write_policy(machine_dir: Path, document: object) -> Path:
    target = machine_dir / "policy.json"
    target.write_text(json.dumps(document), "utf-8")
    return target


# -- Windows: owner and ACL (the decision; the ctypes reader runs on Windows only) -------------

ADMINS, SYSTEM, USERS = "S-1-5-32-544", "S-1-5-18", "S-1-5-32-545"
READ_EXECUTE = 0x1200A9
FULL = 0x1F01FF
INSTALLED = [Ace(SYSTEM, FULL, 0, 0x3), Ace(ADMINS, FULL, 0, 0x3), Ace(USERS, READ_EXECUTE, 0, 0x3)]


@pytest.mark.parametrize(
    ("owner", "aces", "fragment"),
    [
        (ADMINS, INSTALLED, None),  # what the MSI makes
        (SYSTEM, INSTALLED, None),  # policy.json copied by the installer service
        (policy_windows.ADMIN_SIDS - {ADMINS, SYSTEM}, INSTALLED, None),  # TrustedInstaller
        ("S-1-5-21-1-2-3-1001", INSTALLED, "owned by S-1-5-21-1-2-3-1001"),  # a user made it
        (ADMINS, None, "everyone may write"),  # NULL DACL
        (ADMINS, [*INSTALLED, Ace(USERS, 0x0002, 0)], f"{USERS} may change it"),
        (ADMINS, [*INSTALLED, Ace("S-1-5-11", 0x4000_0000, 0)], "S-1-5-11 may change it"),
        (ADMINS, [*INSTALLED, Ace("S-1-1-0", 0x0004_0000, 0)], "S-1-1-0 may change it"),
        (ADMINS, [*INSTALLED, Ace(USERS, 0x0001_0000, 0)], "may change it"),  # DELETE
        (ADMINS, [*INSTALLED, Ace(USERS, 0x0040, 0xB)], "may change it"),  # callback object
        (ADMINS, [*INSTALLED, Ace("S-1-3-0", FULL, 0, 0x0B)], None),  # CREATOR OWNER, IO
        (ADMINS, [Ace(USERS, FULL, 1), *INSTALLED], None),  # a deny entry grants nothing
        (ADMINS, [*INSTALLED, Ace(USERS, 0x0100, 0)], None),  # write attributes only
    ],
)
def test_windows_acl_decision(owner: Any, aces: list[Ace] | None, fragment: str | None) -> None:
    owner_sid = next(iter(owner)) if isinstance(owner, frozenset) else owner
    problem = policy_windows.acl_problem(owner_sid, aces)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


def test_windows_checks_the_file_and_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path("C:/ProgramData/kim-desktop")
    owners = {folder: ADMINS, folder / "policy.json": "S-1-5-21-9-9-9-1001"}
    monkeypatch.setattr(
        policy_windows, "read_security", lambda path: (owners[path], list(INSTALLED))
    )
    problem = policy_windows.file_acl_problem(folder / "policy.json")
    assert problem is not None and "policy.json" in problem and "owned by" in problem
    owners[folder / "policy.json"] = SYSTEM
    owners[folder] = "S-1-5-21-9-9-9-1001"  # a user made the folder before the installer
    problem = policy_windows.file_acl_problem(folder / "policy.json")
    assert problem is not None and str(folder) in problem
    owners[folder] = ADMINS
    assert policy_windows.file_acl_problem(folder / "policy.json") is None


# -- Windows: Group Policy in the registry (registry-shaped data) --------------------------------


def test_registry_values_become_a_policy_document() -> None:
    document = policy_windows.registry_document(
        [
            ("", policy_windows.REG_SZ, "(Default)"),
            ("Auto_Lock_Minutes", policy_windows.REG_DWORD, 3),
            ("min_passphrase_length", policy_windows.REG_SZ, " 20 "),
            ("default_folder", policy_windows.REG_EXPAND_SZ, "/srv/KIM"),
            ("language", policy_windows.REG_SZ, "en"),
            ("locked", policy_windows.REG_MULTI_SZ, ["auto_lock_minutes", " language ", ""]),
        ]
    )
    assert document == {
        "auto_lock_minutes": 3,
        "min_passphrase_length": 20,
        "default_folder": "/srv/KIM",
        "language": "en",
        "locked": ["auto_lock_minutes", "language"],
    }
    comma = policy_windows.registry_document(
        [("locked", policy_windows.REG_SZ, "auto_lock_minutes, language;district_config")]
    )
    assert comma == {"locked": ["auto_lock_minutes", "language", "district_config"]}
    loaded = policy.parse_policy(
        policy_windows.registry_document(
            [
                ("auto_lock_minutes", policy_windows.REG_SZ, "seven"),
                ("language", policy_windows.REG_BINARY, b"en"),
            ]
        ),
        Path(policy_windows.REGISTRY_LABEL),
        policy_windows.REGISTRY_LABEL,
    )
    assert loaded.values == {} and loaded.broken == {"auto_lock_minutes", "language"}
    assert all(
        problem.startswith("HKLM\\SOFTWARE\\Policies\\KIM Desktop: key")
        for problem in loaded.problems
    )


def test_the_registry_wins_over_the_file_key_by_key(
    machine_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_policy(
        machine_dir,
        {
            "auto_lock_minutes": 10,
            "language": "de",
            "default_folder": "/srv/Datei",
            "min_passphrase_length": 30,
            "locked": ["default_folder"],
        },
    )
    registry = [
        ("auto_lock_minutes", policy_windows.REG_DWORD, 2),
        ("language", policy_windows.REG_SZ, "fr"),  # broken: built-in, not the file's "de"
        ("locked", policy_windows.REG_MULTI_SZ, ["auto_lock_minutes"]),
    ]
    monkeypatch.setattr(policy_windows, "read_registry", lambda: registry)
    loaded = policy.load_policy()
    assert loaded.get(policy.AUTO_LOCK_MINUTES) == 2  # the registry's
    assert loaded.get(policy.MIN_PASSPHRASE_LENGTH) == 30  # the file's: not in the registry
    assert loaded.get(policy.DEFAULT_FOLDER) == Path("/srv/Datei")
    assert loaded.get(policy.LANGUAGE) == "de" and policy.LANGUAGE not in loaded.values
    assert loaded.locked == {"auto_lock_minutes"}  # the registry's list replaces the file's
    assert loaded.from_registry == {"auto_lock_minutes", "language", "locked"}
    (problem,) = loaded.problems
    assert problem.startswith(policy_windows.REGISTRY_LABEL) and "'language'" in problem
    # Group Policy alone (no file) is a policy too; an unusable file still refuses.
    (machine_dir / "policy.json").unlink()
    alone = policy.load_policy()
    assert alone.source == Path(policy_windows.REGISTRY_LABEL) and alone.is_locked(
        "auto_lock_minutes"
    )
    (machine_dir / "policy.json").write_text("{", "utf-8")
    assert policy.load_policy().refusal is not None
    # A draft checked with `kim policy FILE` is the file alone.
    draft = write_policy(machine_dir.parent, {"language": "de"})
    assert policy.load_policy(draft).from_registry == frozenset()


def test_kim_policy_marks_registry_values(
    machine_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kim_desktop.cli import main

    monkeypatch.setattr(
        policy_windows,
        "read_registry",
        lambda: [("auto_lock_minutes", policy_windows.REG_DWORD, 4)],
    )
    assert main(["policy"]) == 0
    out = capsys.readouterr().out
    assert "auto_lock_minutes: 4 [registry]" in out


# -- ADMX/ADML templates ---------------------------------------------------------------------------

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
ELEMENT_KINDS = ("decimal", "text", "enum", "multiText", "boolean", "list")


def admx_policies() -> list[ET.Element]:
    root = ET.parse(ADMX / "kim-desktop.admx").getroot()
    return root.findall("p:policies/p:policy", NS)


def elements_of(policy_element: ET.Element) -> list[ET.Element]:
    found = policy_element.find("p:elements", NS)
    assert found is not None
    return [e for e in found if e.tag.split("}")[1] in ELEMENT_KINDS]


def test_admx_has_a_setting_for_every_key() -> None:
    value_names: dict[str, ET.Element] = {}
    for entry in admx_policies():
        assert entry.get("key") == policy_windows.REGISTRY_KEY
        assert entry.get("class") == "Machine"
        for element in elements_of(entry):
            value_names[element.get("valueName", "")] = element
    assert set(value_names) == {*policy.LOCKABLE, policy.LOCKED}
    auto = value_names[policy.AUTO_LOCK_MINUTES]
    assert (int(auto.get("minValue", 0)), int(auto.get("maxValue", 0))) == policy.AUTO_LOCK_RANGE
    length = value_names[policy.MIN_PASSPHRASE_LENGTH]
    assert (int(length.get("minValue", 0)), int(length.get("maxValue", 0))) == (
        policy.PASSPHRASE_RANGE
    )
    languages = [s.text for s in value_names[policy.LANGUAGE].iter(f"{{{NS['p']}}}string")]
    assert tuple(languages) == policy.LANGUAGES
    assert value_names[policy.LOCKED].tag.endswith("multiText")


@pytest.mark.parametrize("language", ["de-DE", "en-US"])
def test_every_string_and_presentation_is_defined_in_both_languages(language: str) -> None:
    admx_text = (ADMX / "kim-desktop.admx").read_text("utf-8")

    strings_used = set(re.findall(r"\$\(string\.([A-Za-z0-9_]+)\)", admx_text))
    presentations_used = set(re.findall(r"\$\(presentation\.([A-Za-z0-9_]+)\)", admx_text))
    adml = ET.parse(ADMX / language / "kim-desktop.adml").getroot()
    defined = {s.get("id"): s.text for s in adml.iterfind(".//p:stringTable/p:string", NS)}
    assert strings_used == set(defined), language
    assert all(text and text.strip() for text in defined.values())
    presentations = {
        p.get("id"): p for p in adml.iterfind(".//p:presentationTable/p:presentation", NS)
    }
    assert presentations_used == set(presentations)
    element_ids = {e.get("id") for entry in admx_policies() for e in elements_of(entry)}
    ref_ids = {child.get("refId") for p in presentations.values() for child in p}
    assert ref_ids == element_ids


def test_what_group_policy_writes_is_a_valid_policy() -> None:
    """Each ADMX element as Group Policy writes it (decimal: REG_DWORD, expandable text:
    REG_EXPAND_SZ, enum string: REG_SZ, multiText: REG_MULTI_SZ) reads without a problem."""
    samples = {
        "decimal": lambda e: (policy_windows.REG_DWORD, int(e.get("minValue"))),
        "text": lambda e: (policy_windows.REG_EXPAND_SZ, "/srv/kim"),
        "enum": lambda e: (policy_windows.REG_SZ, e.find(".//p:string", NS).text),
        "multiText": lambda e: (policy_windows.REG_MULTI_SZ, list(policy.LOCKABLE)),
    }
    registry = []
    for entry in admx_policies():
        for element in elements_of(entry):
            kind, value = samples[element.tag.split("}")[1]](element)
            registry.append((element.get("valueName"), kind, value))
    loaded = policy.parse_policy(policy_windows.registry_document(registry), Path("HKLM"), "HKLM")
    assert loaded.problems == () and set(loaded.values) == set(policy.LOCKABLE)
    assert loaded.locked == frozenset(policy.LOCKABLE)
