"""What the Windows build takes from this repository, checked here where it cannot run:
the version resource of both programs (packaging/version_info.py) and the workflow that
builds, installs and removes the MSI on a Windows runner (.github/workflows/windows.yml)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import version_info  # noqa: E402

from kim_desktop import __version__  # noqa: E402


@pytest.mark.parametrize("program", ["kim", "kim-desktop"])
def test_each_program_gets_a_full_version_resource(program: str, tmp_path: Path) -> None:
    text = version_info.write(tmp_path, program, __version__).read_text("utf-8")
    # PyInstaller evaluates the text with its versioninfo classes: it must be one call
    # expression of them with literal arguments.
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "StringStruct"
        and all(isinstance(arg, ast.Constant) for arg in node.args)
    }
    assert strings["OriginalFilename"] == f"{program}.exe"
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    for key in ("CompanyName", "FileDescription", "LegalCopyright", "ProductName"):
        assert strings[key]
    assert f"filevers={version_info.numeric_version(__version__)}" in text


def test_file_versions_have_four_numbers() -> None:
    assert version_info.numeric_version("1.2.3") == (1, 2, 3, 0)
    assert version_info.numeric_version("1.0rc1") == (1, 0, 0, 0)
    assert version_info.numeric_version("2.1.dev4") == (2, 1, 0, 0)
    with pytest.raises(ValueError):
        version_info.numeric_version("70000.0")


def test_the_spec_gives_both_programs_their_resource() -> None:
    spec = (ROOT / "packaging" / "kim.spec").read_text("utf-8")
    assert "version=version_resource(name)" in spec


def test_the_windows_workflow_builds_installs_and_removes_silently() -> None:
    script = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    assert "runs-on: windows-" in script
    assert "build.ps1" in script and "-RunTests" in script
    assert "'/i'" in script and "'/x'" in script and script.count("'/qn'") == 2
    for checked in (
        "kim.exe --version",
        "kim.exe demo",
        "kim.exe stats",
        "Get-Acl",
        "Get-FileHash",
    ):
        assert checked in script, checked


def test_signing_covers_every_binary() -> None:
    build = (ROOT / "packaging" / "windows" / "build.ps1").read_text("utf-8")
    assert "Invoke-SignAll $AppDir $Tool" in build
    assert "'*.exe', '*.dll', '*.pyd'" in build
