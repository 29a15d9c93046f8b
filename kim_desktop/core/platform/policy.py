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
cannot be changed by users. Keys starting with "_" are comments. Reading never raises:

- no file: no policy;
- a file someone other than an administrator could have written (``policy_file``): ignored,
  and said so as a problem (planting must not set anyone's policy);
- a file an administrator wrote that cannot be used (unreadable, not text, not JSON, not an
  object): ``Policy.refusal`` — no case file is opened or created until IT fixes it, since
  "no locks" would be the opposite of what IT meant (never fail open);
- a broken value: a problem naming the key, and that key falls back to its safe built-in
  default (a broken ``locked`` locks every key; a locked ``default_folder`` or
  ``district_config`` that is broken refuses new files instead of allowing any).

On Windows the values under ``HKLM\\SOFTWARE\\Policies\\KIM Desktop`` (Group Policy) win
over the file, key by key (``policy_windows``)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kim_desktop.core.errors import UsageError
from kim_desktop.core.platform import paths, policy_file, policy_windows

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


# The end of every message about a policy that exists but cannot be used.
UNUSABLE = "no case file can be opened or created until your IT department fixes it."


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
    """What the policy says, checked. ``values`` holds only valid keys; ``problems`` are
    one-line messages naming the file and key (never a crash, never a traceback, never the
    file's content). ``refusal``: the policy exists but cannot be used, so no case file may be
    opened or created (one line naming the file and what is wrong)."""

    source: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    refusal: str | None = None
    broken: frozenset[str] = frozenset()  # keys given with a value that breaks their rule
    given: frozenset[str] = frozenset()  # keys the document names (valid or not), and locked
    from_registry: frozenset[str] = frozenset()  # keys set by Group Policy (Windows)
    encoding: str | None = None
    ignored: bool = False  # the file is there, but a non-administrator could have written it

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

    def locked_but_broken(self, key: str) -> bool:
        """IT locks ``key`` but its value is unusable: what it meant is unknown."""
        return key in self.locked and key in self.broken

    @property
    def min_passphrase_length(self) -> int:
        return int(self.get(MIN_PASSPHRASE_LENGTH))


def parse_policy(document: Any, source: Path, name: str | None = None) -> Policy:
    """Check a parsed policy document key by key (``name``: how problems name the source)."""
    name = name or str(source)
    if not isinstance(document, dict):
        problem = f"{name}: must be a JSON object; {UNUSABLE}"
        return Policy(source, problems=(problem,), refusal=problem)
    values: dict[str, Any] = {}
    problems: list[str] = []
    broken: set[str] = set()
    for key, value in document.items():
        if key.startswith("_") or key == LOCKED:
            continue
        check = CHECKS.get(key)
        if check is None:
            known = ", ".join((*LOCKABLE, LOCKED))
            problems.append(
                f"{name}: unknown key {_key_name(key)} is ignored (known keys: {known})."
            )
            continue
        try:
            values[key] = check(value)
        except PolicyValueError as error:
            broken.add(key)
            default = BUILT_IN[key]
            fallback = f"the default {default} is used" if default is not None else "not used"
            problems.append(f"{name}: key '{key}' {error}; {fallback}.")
    locked: set[str] = set()
    raw_locked = document.get(LOCKED, [])
    if not isinstance(raw_locked, list) or not all(isinstance(k, str) for k in raw_locked):
        # What IT meant to lock is unknown: lock everything rather than nothing.
        broken.add(LOCKED)
        locked.update(LOCKABLE)
        problems.append(
            f"{name}: key '{LOCKED}' must be a list of key names; every key is locked "
            "until it is fixed."
        )
    else:
        for key in raw_locked:
            if key in LOCKABLE:
                locked.add(key)
            else:
                problems.append(
                    f"{name}: key '{LOCKED}' names {_key_name(key)}, which cannot be locked "
                    f"(lockable: {', '.join(LOCKABLE)})."
                )
    given = frozenset(k for k in document if k in CHECKS or k == LOCKED)
    return Policy(
        source, values, frozenset(locked), tuple(problems), broken=frozenset(broken), given=given
    )


def _key_name(key: str) -> str:
    """A key name as problems show it: quoted, and short (what is not a key name is text of
    the file, which problems never repeat at length)."""
    return repr(key if len(key) <= 40 else key[:40] + "…")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise PolicyValueError(f"key {_key_name(key)} appears twice")
        seen[key] = value
    return seen


def _unusable(source: Path, what: str) -> Policy:
    problem = f"{source}: {what}; {UNUSABLE}"
    return Policy(source, problems=(problem,), refusal=problem)


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force (``paths.policy_file()`` and, on Windows, Group Policy in the
    registry), or the file at ``path`` alone (``kim policy FILE``: a draft, neither checked
    for planting nor merged with the registry). Never raises."""
    current = _load_file(path)
    if path is None:
        try:
            registry = policy_windows.read_registry()
        except OSError as error:  # pragma: no cover - Windows only
            reason = error.strerror or type(error).__name__
            problem = f"{policy_windows.REGISTRY_LABEL}: cannot be read ({reason}); {UNUSABLE}"
            return Policy(current.source, problems=(*current.problems, problem), refusal=problem)
        if registry is not None:
            label = policy_windows.REGISTRY_LABEL
            document = policy_windows.registry_document(registry)
            current = combine(current, parse_policy(document, Path(label), label))
    return current


def combine(file: Policy, registry: Policy) -> Policy:
    """Group Policy over the file, key by key: a key the registry names (also with a broken
    value, which then falls back to the built-in default) replaces the file's; ``locked`` in
    the registry replaces the file's list."""
    named = registry.given
    values = {k: v for k, v in file.values.items() if k not in named} | dict(registry.values)
    return Policy(
        file.source or registry.source,
        values,
        registry.locked if LOCKED in named else file.locked,
        file.problems + registry.problems,
        file.refusal or registry.refusal,
        frozenset(file.broken - named) | registry.broken,
        file.given | named,
        frozenset(named),
        file.encoding,
        file.ignored,
    )


def _load_file(path: Path | None) -> Policy:
    try:
        source = path or paths.policy_file()
        if not paths.present(source):
            return Policy()
        if path is None and source == paths.machine_policy_file():
            planted = policy_file.planting_problem(source)
            if planted:
                if planted.startswith(f"{source} "):  # the file itself: named once
                    planted = "it" + planted[len(str(source)) :]
                return Policy(
                    source,
                    problems=(
                        f"{source}: ignored, since someone other than an administrator "
                        f"could have written it ({planted}).",
                    ),
                    ignored=True,
                )
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            return _unusable(source, "not a regular file")
        with source.open("rb") as handle:
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return _unusable(path or paths.machine_policy_file(), f"cannot be read ({reason})")
    if len(raw) > MAX_POLICY_BYTES:
        return _unusable(source, "larger than 64 KiB")
    try:
        text, encoding = policy_file.decode(raw)
    except policy_file.PolicyTextError as error:
        return _unusable(source, str(error))
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        # Line, column and the parser's reason; never the text around it.
        return _unusable(
            source,
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
        )
    except PolicyValueError as error:
        return _unusable(source, str(error))
    except (ValueError, RecursionError):  # absurd numbers or nesting
        return _unusable(source, "not a usable JSON policy")
    return replace(parse_policy(document, source), encoding=encoding)


def check_case_file_location(current: Policy, path: Path) -> None:
    """A locked ``default_folder`` means: new case files only there (UsageError otherwise).
    Locked but broken: no new file anywhere (what IT meant is unknown)."""
    if current.locked_but_broken(DEFAULT_FOLDER):
        raise UsageError(
            f"The machine-wide policy locks key '{DEFAULT_FOLDER}' but its value is not "
            "usable; no case file can be created until your IT department fixes it."
        )
    folder = current.values.get(DEFAULT_FOLDER)
    if folder is None or not current.is_locked(DEFAULT_FOLDER):
        return
    if Path(path).absolute().parent.resolve() != Path(folder).resolve():
        raise UsageError(
            f"The machine-wide policy (key '{DEFAULT_FOLDER}', locked) keeps new case files "
            f"in {folder}; create the file there."
        )


def prepare_case_file_folder(current: Policy, path: Path) -> None:
    """Check ``path`` against the policy's folder and, when the locked folder is the one
    asked for but not there yet, create it readable by the user only (as the wizard does)."""
    check_case_file_location(current, path)
    folder = current.values.get(DEFAULT_FOLDER)
    if folder is not None and current.is_locked(DEFAULT_FOLDER):
        make_private_folder(Path(folder))


def make_private_folder(folder: Path) -> None:
    """``folder`` and missing parents, new ones 0700 (case files are personal data)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for each in reversed(missing):
        each.mkdir(mode=0o700, exist_ok=True)
