"""Errors a user may see. Messages never contain personal data: they name files, records
by id, and fields, never their values."""

from __future__ import annotations

import errno

# Exit codes of the `kim` command (DESIGN.md section 8).
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_REJECTED = 4


class KimError(Exception):
    """An error with a message fit for the user and the exit code the CLI returns for it."""

    exit_code = EXIT_UNEXPECTED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(KimError):
    exit_code = EXIT_USAGE


class PassphraseTooShortError(UsageError):
    """A new passphrase shorter than the minimum (the window says it in its language)."""

    def __init__(self, minimum: int, length: int) -> None:
        self.minimum = minimum
        self.length = length
        super().__init__(
            f"The passphrase is too short: it needs at least {minimum} characters "
            f"(it has {length}). A sentence of several words is easy to remember."
        )


class WrongPassphraseError(KimError):
    exit_code = EXIT_WRONG_PASSPHRASE


class RejectedInputError(KimError):
    """Input that fails validation, is malformed, tampered with or not a case file."""

    exit_code = EXIT_REJECTED


class ValidationFailed(RejectedInputError):
    """Several problems found at once; each names its place (file and JSON path)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{source}: {len(problems)} problem(s): {shown}{more}")


class InvalidInput(RejectedInputError):
    """One value given to a core use case breaks a rule.

    ``field`` names the argument or dataclass field; the message names the field and the rule,
    never the value (it may be personal data), so the GUI can show it beside the input."""

    def __init__(self, field: str, rule: str) -> None:
        self.field = field
        self.rule = rule
        super().__init__(f"{field}: {rule}")


class UnknownRecord(InvalidInput):
    """An id that names no record (of that kind) in the case file, e.g. deleted meanwhile."""


class RestrictedError(InvalidInput):
    """A write that would change the data of a client whose processing is restricted
    (Art. 18 GDPR), or a case whose every member is restricted, or a document printed about
    such a client. The rule names what is refused; the message names the field, never the
    person. Exit code 4 (rejected input): nothing was written."""


class FileBusyError(KimError):
    """Another program (or another window) holds the case file locked right now, or a
    whole-file operation (re-key, restore) runs; nothing was written. The user's situation:
    try again when the other work is done."""

    exit_code = EXIT_REJECTED


class CaseFileReplacedError(FileBusyError):
    """Another program replaced the open case file (new passphrase, restored backup) after it
    was opened here; nothing was written to it. Open the file again."""


class StorageError(KimError):
    """The disk refused a read or write: full, read-only, or failing. Nothing half-written
    remains; the message says which and where."""

    exit_code = EXIT_REJECTED


class DiskFullError(StorageError):
    """No space left on the disk (or the file system's size limit reached)."""


class ReadOnlyError(StorageError):
    """The file or its folder cannot be written (permissions, read-only medium)."""


class CaseFileLockedError(KimError):
    """The case file was locked (closed) or is being re-encrypted; no access until unlocked."""


def from_os_error(error: OSError, place: str | None = None) -> KimError:
    """One clear sentence for an operating-system error while writing or reading a file.

    Only the place (a file name) and the system's reason go into it, never file contents."""
    where = place or (str(error.filename) if error.filename else "the file")
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFullError(
            f"{where}: no space left on the disk (or the size limit reached); nothing was "
            "written. Free some space and try again."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(
            f"{where}: cannot be written (read-only file or folder, or no permission); "
            "nothing was written."
        )
    reason = error.strerror or type(error).__name__
    failed = StorageError(f"{where}: {reason}.")
    failed.exit_code = EXIT_UNEXPECTED  # not the user's situation (a failing disk, …)
    return failed
