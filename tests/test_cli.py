"""The ``kim`` command contract: exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_kim

from kim_desktop import __version__


def assert_one_line_error(stderr: str) -> None:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("kim: ")
    assert "Traceback" not in stderr


def test_version() -> None:
    result = run_kim("--version", passphrase=None)
    assert result.returncode == 0
    assert result.stdout.strip() == f"kim {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["no-such-command"],
        ["stats"],
        ["init", "x.kim", "--role", "boss", "--owner", "O"],
        ["demo", "x.kim", "--clients", "zero"],
    ],
    ids=["nothing", "unknown-command", "missing-file", "bad-role", "bad-number"],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run_kim(*args, passphrase=None, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_period_and_unknown_municipality(demo_file: Path) -> None:
    result = run_kim("stats", demo_file, "--period", "2025-Q5")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "2023-Q4" in result.stderr  # says what would be understood
    result = run_kim("stats", demo_file, "--period", "2025-03-01..2025-02-01")
    assert result.returncode == 2
    result = run_kim("stats", demo_file, "--period", "2025", "--municipality", "Atlantis")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "Siegburg" in result.stderr


def test_missing_passphrase_without_terminal(demo_file: Path) -> None:
    result = run_kim("stats", demo_file, "--period", "2025", passphrase=None)
    assert result.returncode == 2
    assert "KIM_PASSPHRASE" in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = run_kim("stats", tmp_path / "nothing.kim", "--period", "2025")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert not (tmp_path / "nothing.kim").exists()


def test_stats_table_is_german(demo_file: Path) -> None:
    result = run_kim("stats", demo_file, "--period", "2025", "--format", "table")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for heading in (
        "Kennzahlen 01.01.2025 – 31.12.2025",
        "Termine insgesamt",
        "Case-Management-Fälle",
        "Verweisberatungen",
        "Deutschkurse/Sprache",
        "Personen in neu aufgenommenen Fällen",
    ):
        assert heading in text
    figures = json.loads(run_kim("stats", demo_file, "--period", "2025", "--format", "json").stdout)
    total = figures["appointments"]["total"]
    assert f"{total:,}".replace(",", ".") in text


def test_stats_json_keys(demo_file: Path) -> None:
    result = run_kim(
        "stats", demo_file, "--period", "2025-Q2", "--municipality", "Siegburg", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["period"] == {"start": "2025-04-01", "end": "2025-06-30", "label": "2025-Q2"}
    assert figures["municipality"] == "Siegburg"
    for key in (
        "total",
        "counselling",
        "short_consultation",
        "case_management",
        "other_work",
        "other_work_by_type",
        "minutes_case_management",
        "avg_minutes_case_management",
        "by_channel",
    ):
        assert key in figures["appointments"]
    for key in (
        "opened",
        "persons_in_opened",
        "long_term",
        "not_continued",
        "closed",
        "closed_by_reason",
        "open_at_end",
        "appointments_to_positive_close",
    ):
        assert key in figures["cases"]
    assert set(figures["demographics"]) == {"gender", "age_band", "nationality", "residence_status"}


def test_unexpected_errors_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.kim"
    folder.mkdir()
    result = run_kim("stats", folder, "--period", "2025")
    assert result.returncode in (1, 2)
    assert_one_line_error(result.stderr)
