"""The manual pages the .deb ships (tools/make_manpages.py): made from the programs' own
option parsers, so every command and option of ``kim --help`` is in them."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kim_desktop.cli import build_parser
from kim_desktop.gui.app import argument_parser

TOOL = Path(__file__).resolve().parents[1] / "tools" / "make_manpages.py"


def _commands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _commands(sub, f"{prefix} {name}")
    return found


def _options(parser: argparse.ArgumentParser) -> set[str]:
    found = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("man")
    result = subprocess.run(
        [sys.executable, str(TOOL), str(out)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1764460800", "QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {name: (out / f"{name}.1").read_text("utf-8") for name in ("kim", "kim-desktop")}


def test_every_command_and_option_is_in_the_page(pages: dict[str, str]) -> None:
    text = pages["kim"].replace("\\-", "-")
    commands = _commands(build_parser(), "kim")
    assert len(commands) > 20
    for command in commands:
        assert command in text, command
    options = _options(build_parser())
    assert {"--cover-until", "--recovery", "--period", "--version"} <= options
    for option in options:
        assert option in text, option
    desktop = pages["kim-desktop"].replace("\\-", "-")
    for option in _options(argument_parser()):
        assert option in desktop, option


def test_the_pages_are_dated_by_the_build_and_name_exit_codes(pages: dict[str, str]) -> None:
    for text in pages.values():
        assert '"2025-11-30"' in text.splitlines()[0]  # SOURCE_DATE_EPOCH's day
        assert ".SH EXIT STATUS" in text and "KIM_PASSPHRASE" in text


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_renders_them_without_warnings(pages: dict[str, str], tmp_path: Path) -> None:
    for name, text in pages.items():
        page = tmp_path / f"{name}.1"
        page.write_text(text, "utf-8")
        result = subprocess.run(
            ["man", "--warnings", "-l", str(page)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stderr.strip(), result.stderr
        assert "EXIT STATUS" in result.stdout
