"""The machine-wide policy an IT department sets (``paths.policy_file()``, JSON).

    {
      "auto_lock_minutes": 5,
      "min_passphrase_length": 16,
      "default_folder": "~/Dokumente/KIM",
      "district_config": "/etc/xdg/kim-desktop/rhein-sieg.kimdistrict",
      "language": "de",
      "locked": ["auto_lock_minutes", "language"]
    }

Every key is optional. A value is the default users start with; a key named in ``locked``
cannot be changed by users. Reading never fails: a missing file is no policy; a broken file
or value is reported as a problem naming the key, and that key falls back to the safe
built-in default. Keys starting with "_" are comments."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform import paths

AUTO_LOCK_MINUTES = "auto_lock_minutes"
MIN_PASSPHRASE_LENGTH = "min_passphrase_length"
DEFAULT_FOLDER = "default_folder"
DISTRICT_CONFIG = "district_config"
LANGUAGE = "language"
LOCKED = "locked"

LANGUAGES = ("de", "en")
AUTO_LOCK_RANGE = (1, 120)
# The built-in minimum length of a passphrase; a policy may raise it.
DEFAULT_MIN_PASSPHRASE_LENGTH = 12
PASSPHRASE_RANGE = (DEFAULT_MIN_PASSPHRASE_LENGTH, 128)
MAX_POLICY_BYTES = 64 * 1024

BUILT_IN: dict[str, Any] = {
    AUTO_LOCK_MINUTES: 5,
    MIN_PASSPHRASE_LENGTH: DEFAULT_MIN_PASSPHRASE_LENGTH,
    DEFAULT_FOLDER: None,  # the user's documents folder
    DISTRICT_CONFIG: None,
    LANGUAGE: "de",
}
LOCKABLE = (AUTO_LOCK_MINUTES, MIN_PASSPHRASE_LENGTH, DEFAULT_FOLDER, DISTRICT_CONFIG, LANGUAGE)


class PolicyValueError(ValueError):
    """A value breaks its key's rule; the message says the rule."""


def _whole_number(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise PolicyValueError(f"must be a whole number from {low} to {high}")
        return value

    return check


def _language(value: Any) -> str:
    if value not in LANGUAGES:
        raise PolicyValueError(f"must be one of {', '.join(LANGUAGES)}")
    return str(value)


def _absolute_path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise PolicyValueError("must be a path (text)")
    path = Path(os.path.expandvars(value.strip())).expanduser()
    if not path.is_absolute():
        raise PolicyValueError("must be an absolute path (environment variables and ~ allowed)")
    return path


CHECKS: dict[str, Callable[[Any], Any]] = {
    AUTO_LOCK_MINUTES: _whole_number(*AUTO_LOCK_RANGE),
    MIN_PASSPHRASE_LENGTH: _whole_number(*PASSPHRASE_RANGE),
    DEFAULT_FOLDER: _absolute_path,
    DISTRICT_CONFIG: _absolute_path,
    LANGUAGE: _language,
}


@dataclass(frozen=True)
class Policy:
    """What the policy file says, checked. ``values`` holds only valid keys; ``problems``
    are one-line messages naming the file and key (never a crash, never a traceback)."""

    source: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()

    def get(self, key: str) -> Any:
        """The policy's value, else the built-in default."""
        return self.values.get(key, BUILT_IN[key])

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def effective(self, key: str, user_value: Any) -> Any:
        """What applies: a locked policy value; else the user's own choice (None: none made);
        else the policy's default; else the built-in default."""
        if self.is_locked(key) or user_value is None:
            return self.get(key)
        return user_value

    @property
    def min_passphrase_length(self) -> int:
        return int(self.get(MIN_PASSPHRASE_LENGTH))


def parse_policy(document: Any, source: Path) -> Policy:
    """Check a parsed policy document key by key."""
    name = str(source)
    if not isinstance(document, dict):
        return Policy(source, problems=(f"{name}: must be a JSON object; the policy is ignored.",))
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in document.items():
        if key.startswith("_") or key == LOCKED:
            continue
        check = CHECKS.get(key)
        if check is None:
            known = ", ".join((*LOCKABLE, LOCKED))
            problems.append(f"{name}: unknown key {key!r} is ignored (known keys: {known}).")
            continue
        try:
            values[key] = check(value)
        except PolicyValueError as error:
            default = BUILT_IN[key]
            fallback = f"the default {default} is used" if default is not None else "not used"
            problems.append(f"{name}: key '{key}' {error}; {fallback}.")
    locked: set[str] = set()
    raw_locked = document.get(LOCKED, [])
    if not isinstance(raw_locked, list) or not all(isinstance(k, str) for k in raw_locked):
        problems.append(f"{name}: key '{LOCKED}' must be a list of key names; nothing is locked.")
    else:
        for key in raw_locked:
            if key in LOCKABLE:
                locked.add(key)
            else:
                problems.append(
                    f"{name}: key '{LOCKED}' names {key!r}, which cannot be locked "
                    f"(lockable: {', '.join(LOCKABLE)})."
                )
    return Policy(source, values, frozenset(locked), tuple(problems))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise PolicyValueError(f"key {key!r} appears twice")
        seen[key] = value
    return seen


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force (``paths.policy_file()`` unless ``path`` is given). Never raises:
    whatever is wrong with the file becomes a problem message and the safe defaults."""
    try:
        source = path or paths.policy_file()
        if not paths.present(source):
            return Policy()
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            return Policy(source, problems=(f"{source}: not a regular file; ignored.",))
        with source.open("rb") as handle:
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        where = path or paths.machine_policy_file()
        return Policy(where, problems=(f"{where}: cannot be read ({reason}); ignored.",))
    if len(raw) > MAX_POLICY_BYTES:
        return Policy(source, problems=(f"{source}: larger than 64 KiB; ignored.",))
    try:
        text = raw.decode("utf-8-sig")  # Notepad may write a byte-order mark
    except UnicodeDecodeError:
        return Policy(source, problems=(f"{source}: not UTF-8 text; the policy is ignored.",))
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        return Policy(
            source,
            problems=(
                f"{source}: not valid JSON (line {error.lineno}, column {error.colno}: "
                f"{error.msg}); the policy is ignored.",
            ),
        )
    except PolicyValueError as error:
        return Policy(source, problems=(f"{source}: {error}; the policy is ignored.",))
    except (ValueError, RecursionError):  # absurd numbers or nesting
        return Policy(source, problems=(f"{source}: not a usable JSON policy; ignored.",))
    return parse_policy(document, source)


def check_case_file_location(current: Policy, path: Path) -> None:
    """A locked ``default_folder`` means: new case files only there (UsageError otherwise)."""
    folder = current.values.get(DEFAULT_FOLDER)
    if folder is None or not current.is_locked(DEFAULT_FOLDER):
        return
    if Path(path).absolute().parent.resolve() != Path(folder).resolve():
        raise UsageError(
            f"The machine-wide policy (key '{DEFAULT_FOLDER}', locked) keeps new case files "
            f"in {folder}; create the file there."
        )
