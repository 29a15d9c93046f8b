"""``kim demo`` builds a living, valid, realistic case file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import run_kim

from kim_desktop.core import interchange
from kim_desktop.core.interchange.demo import demo_document


def test_demo_document_is_valid_and_rich() -> None:
    today = dt.date(2025, 6, 30)
    document = demo_document(seed=3, clients=150, today=today)
    assert interchange.validate(document, interchange.ExistingState()) == []
    for name in interchange.ARRAYS:
        assert document[name], f"demo has no {name}"
    assert len({c["municipality"] for c in document["cases"]}) >= 4
    assert len({c.get("nationality") for c in document["clients"]}) >= 8
    dates = sorted(a["date"] for a in document["appointments"])
    assert dates[0] <= (today - dt.timedelta(days=700)).isoformat()
    assert dates[-1] >= (today - dt.timedelta(days=7)).isoformat()
    kinds = {a["kind"] for a in document["appointments"]}
    assert kinds == {"short_consultation", "case_management", "other_work"}
    assert {c.get("phase") for c in document["cases"]} >= {"closed", "implementation"}
    assert any(c["kind"] == "data_transfer" for c in document["consents"])
    assert any(len(c["members"]) > 1 for c in document["cases"])
    names = {c["family_name"] for c in document["clients"]}
    assert any(not name.isascii() for name in names)  # Ş, ł, ö …


def test_demo_is_deterministic_for_a_seed() -> None:
    today = dt.date(2025, 6, 30)
    assert demo_document(seed=4, clients=40, today=today) == demo_document(
        seed=4, clients=40, today=today
    )
    assert demo_document(seed=4, clients=40, today=today) != demo_document(
        seed=5, clients=40, today=today
    )


def test_kim_demo_then_stats(tmp_path: Path) -> None:
    path = tmp_path / "demo.kim"
    result = run_kim("demo", path, "--clients", "80", "--seed", "2")
    assert result.returncode == 0, result.stderr
    assert "Created demo case file" in result.stdout
    today = dt.date.today()
    last_year = f"{today - dt.timedelta(days=365)}..{today}"
    stats = run_kim("stats", path, "--period", last_year, "--format", "json")
    figures = json.loads(stats.stdout)
    assert figures["appointments"]["total"] > 0
    assert run_kim("demo", path).returncode == 2  # never overwrites
