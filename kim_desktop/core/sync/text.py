"""Text that came from outside (a bundle header, a configuration) made safe to show, and the
test for a plain name fit for a configuration."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MAX_TEXT_SHOWN = 60


def shown(text: object, limit: int = MAX_TEXT_SHOWN) -> str:
    """Text from a bundle, a header or a configuration made safe for a terminal or a log:
    control and format characters (escape sequences, bidi overrides) become ``?``, and the
    length is capped."""
    raw = text if isinstance(text, str) else repr(text)
    clean = "".join("?" if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in raw)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(value: Any, limit: int) -> bool:
    """A name fit for a configuration: a non-empty string without control characters."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= limit
        and value.strip() == value
        and not _CONTROL.search(value)
    )


def plain_lines(value: Any, limit: int, max_lines: int) -> bool:
    """A short block of plain text (an address, a contact): lines without control
    characters, at most ``max_lines`` of them, no blank first or last line."""
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        return False
    lines = value.split("\n")
    return (
        len(lines) <= max_lines
        and value.strip() == value
        and all(line.strip() == line and not _CONTROL.search(line) for line in lines)
    )
