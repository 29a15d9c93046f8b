"""The policy file before its JSON is read: who could have written it, and its text.

**Planting.** A policy file decides where case files go and whose district configuration
new files trust, so only an administrator may have written it. On POSIX systems the file and
every folder on its way from ``/`` (also where a symlink points) must belong to root or to
the user running the program, and no group or other users may write to them; a folder with
the sticky bit (``/tmp``) is allowed, since others cannot replace what they do not own
there. On Windows the file and its folder must belong to the administrators and grant no
writing right to anyone else (``policy_windows``). The running user is trusted on POSIX
because such a file can only ever apply to that same user; a file of *another* user is what
planting means.

**Encodings.** UTF-8 with or without a byte-order mark, UTF-16 (LE or BE) with one (Windows
PowerShell's ``Out-File``), and Windows-1252 for text that is not UTF-8 (Windows PowerShell
5.1's ``Set-Content`` writes the ANSI code page; Windows-1252 on German Windows). UTF-16
without a byte-order mark is refused rather than guessed."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from pathlib import Path

from kim_desktop.core.platform import policy_windows

UTF8 = "UTF-8"
UTF16 = "UTF-16"
CP1252 = "Windows-1252"
ENCODINGS = f"{UTF8}, {UTF16} or {CP1252}"


class PolicyTextError(ValueError):
    """The bytes are none of the accepted encodings; the message says why."""


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a policy file and the name of its encoding."""
    try:
        if raw.startswith(codecs.BOM_UTF8):
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), UTF8
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16"), UTF16  # the mark says which byte order
    except UnicodeDecodeError:
        raise PolicyTextError(f"not {ENCODINGS} text (broken after its byte-order mark)") from None
    try:
        return raw.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:  # UTF-16 (or worse) without a byte-order mark: never guessed
        raise PolicyTextError(f"not {ENCODINGS} text (UTF-16 needs a byte-order mark)")
    try:
        return raw.decode("cp1252"), CP1252
    except UnicodeDecodeError:
        raise PolicyTextError(f"not {ENCODINGS} text") from None


def trusted_owners() -> frozenset[int]:
    """POSIX user ids whose files may set the policy: root and the running user."""
    geteuid = getattr(os, "geteuid", None)
    return frozenset({0, geteuid()}) if geteuid else frozenset({0})


def planting_problem(path: Path) -> str | None:
    """Why someone other than an administrator could have written the policy at ``path``
    (one line naming the place, never its content), or None."""
    if sys.platform == "win32":  # pragma: no cover - runs on Windows only
        try:
            return policy_windows.file_acl_problem(path)
        except OSError:
            return f"{path}: its owner and access rights cannot be read"
    return posix_planting_problem(path, trusted_owners())


def posix_planting_problem(path: Path, trusted: frozenset[int]) -> str | None:
    """The POSIX rule over the path as written (symlinks must be trusted too) and over the
    path they lead to."""
    written = Path(os.path.abspath(path))
    problem = _chain_problem(written, trusted)
    if problem is None:
        real = Path(os.path.realpath(written))
        if real != written:
            problem = _chain_problem(real, trusted)
    return problem


def _chain_problem(path: Path, trusted: frozenset[int]) -> str | None:
    prefixes = [Path(path.anchor)]
    for part in path.parts[1:]:
        prefixes.append(prefixes[-1] / part)
    for index, prefix in enumerate(prefixes):
        try:
            info = os.lstat(prefix)
        except OSError:
            # Missing, or below a folder this user may not search: that folder passed the
            # rule above, so nobody else put anything there; reading reports what is wrong.
            return None
        if info.st_uid not in trusted:
            return f"{prefix} belongs to user id {info.st_uid}, not to root"
        if stat.S_ISLNK(info.st_mode):
            continue  # the link is trusted; where it leads is checked as the real path
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            sticky = stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_ISVTX
            if sticky and index < len(prefixes) - 1:
                continue  # others cannot replace the trusted entry checked next
            mode = stat.S_IMODE(info.st_mode)
            return f"{prefix} may be changed by other users (mode {mode:04o})"
    return None
