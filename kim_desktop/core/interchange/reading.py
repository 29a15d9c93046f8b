"""Reading an interchange document: the packaged schema and JSON files from disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema

from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.interchange.format import MAX_INPUT_BYTES


@cache
def _schema_text() -> str:
    return (
        resources.files("kim_desktop.core.interchange")
        .joinpath("data/casefile-interchange.schema.json")
        .read_text("utf-8")
    )


def schema() -> dict[str, Any]:
    """A fresh copy of the contract (validators may annotate the dict they are given)."""
    document: dict[str, Any] = json.loads(_schema_text())
    return document


@cache
def _fast_validator() -> Callable[[Any], Any]:
    return fastjsonschema.compile(schema())


def load_json(path: Path | str) -> Any:
    """Read a JSON file; malformed or truncated input is rejected with its position."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file.")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise RejectedInputError(f"{path.name}: larger than {MAX_INPUT_BYTES // 1024**2} MiB.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RejectedInputError(
            f"{path.name}: not UTF-8 text (byte {exc.start} cannot be decoded)."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInputError(
            f"{path.name}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    except RecursionError:
        raise RejectedInputError(f"{path.name}: nested too deeply to be a case file.") from None
