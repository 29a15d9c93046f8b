"""The machine policy on Windows: who may have written the policy file (owner and ACL), and
the Group Policy values under ``HKLM\\SOFTWARE\\Policies\\KIM Desktop``.

Each concern is a pure function over plain data (tested on every system) and a thin reader
that only runs on Windows (``ctypes`` for the security descriptor, ``winreg`` for the
registry): the readers turn what Windows returns into that plain data and decide nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

REGISTRY_KEY = r"SOFTWARE\Policies\KIM Desktop"
REGISTRY_LABEL = "HKLM\\" + REGISTRY_KEY

# Principals that are administrators: SYSTEM, BUILTIN\Administrators, TrustedInstaller.
ADMIN_SIDS = frozenset(
    {
        "S-1-5-18",
        "S-1-5-32-544",
        "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
    }
)
# Rights that change what the program reads: the content (for a folder: add a file or a
# folder, delete a child), deleting or renaming, the ACL and the owner, and the generic
# rights that include them. Attributes and extended attributes do not change the JSON.
FILE_WRITE_DATA = 0x0002  # folder: FILE_ADD_FILE
FILE_APPEND_DATA = 0x0004  # folder: FILE_ADD_SUBDIRECTORY
FILE_DELETE_CHILD = 0x0040
DELETE = 0x0001_0000
WRITE_DAC = 0x0004_0000
WRITE_OWNER = 0x0008_0000
GENERIC_ALL = 0x1000_0000
GENERIC_WRITE = 0x4000_0000
MAXIMUM_ALLOWED = 0x0200_0000
WRITING_RIGHTS = (
    FILE_WRITE_DATA
    | FILE_APPEND_DATA
    | FILE_DELETE_CHILD
    | DELETE
    | WRITE_DAC
    | WRITE_OWNER
    | GENERIC_ALL
    | GENERIC_WRITE
    | MAXIMUM_ALLOWED
)
# ACE types that grant (the allowed kinds, plain, object and callback variants).
ALLOWING_ACE_TYPES = frozenset({0x0, 0x5, 0x9, 0xB})
INHERIT_ONLY_ACE = 0x08  # applies to children only, not to this object


class Ace(NamedTuple):
    """One access control entry as Windows reports it."""

    sid: str
    mask: int
    ace_type: int
    flags: int = 0


def acl_problem(owner_sid: str | None, aces: Sequence[Ace] | None) -> str | None:
    """Why someone other than an administrator could have written this file or folder, or
    None. ``aces`` None is a NULL DACL (everyone has full access)."""
    if owner_sid not in ADMIN_SIDS:
        return f"owned by {owner_sid or 'nobody'}, not by the administrators"
    if aces is None:
        return "its access list is empty (everyone may write)"
    for ace in aces:
        if ace.ace_type not in ALLOWING_ACE_TYPES or ace.flags & INHERIT_ONLY_ACE:
            continue
        if ace.sid not in ADMIN_SIDS and ace.mask & WRITING_RIGHTS:
            return f"{ace.sid} may change it"
    return None


def file_acl_problem(path: Path) -> str | None:
    """The ACL check of the policy file and its folder (the folder decides who may put a
    file there or replace it). ``C:\\ProgramData`` above lets users add folders but not
    replace one they do not own, so the chain stops at the policy's own folder."""
    for target in (path.parent, path):
        owner, aces = read_security(target)
        problem = acl_problem(owner, aces)
        if problem:
            return f"{target}: {problem}"
    return None


def read_security(path: Path) -> tuple[str | None, list[Ace] | None]:  # pragma: no cover
    """Owner SID and DACL of ``path`` through ``GetNamedSecurityInfoW`` (Windows only)."""
    if sys.platform != "win32":
        raise OSError("security descriptors are read on Windows only")
    import ctypes
    from ctypes import wintypes

    advapi = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel = ctypes.WinDLL("kernel32", use_last_error=True)
    owner = ctypes.c_void_p()
    dacl = ctypes.c_void_p()
    descriptor = ctypes.c_void_p()
    se_file_object, owner_info, dacl_info = 1, 0x1, 0x4
    error = advapi.GetNamedSecurityInfoW(
        ctypes.c_wchar_p(str(path)),
        se_file_object,
        owner_info | dacl_info,
        ctypes.byref(owner),
        None,
        ctypes.byref(dacl),
        None,
        ctypes.byref(descriptor),
    )
    if error:
        raise OSError(error, "the security information cannot be read")
    try:

        def sid_text(sid: int | None) -> str | None:
            if not sid:
                return None
            text = wintypes.LPWSTR()
            if not advapi.ConvertSidToStringSidW(ctypes.c_void_p(sid), ctypes.byref(text)):
                return None
            try:
                return str(text.value)
            finally:
                kernel.LocalFree(text)

        owner_sid = sid_text(owner.value)
        if not dacl.value:
            return owner_sid, None
        count = ctypes.cast(dacl.value + 4, ctypes.POINTER(wintypes.WORD)).contents.value
        aces: list[Ace] = []
        for index in range(count):
            entry = ctypes.c_void_p()
            if not advapi.GetAce(dacl, index, ctypes.byref(entry)) or not entry.value:
                continue
            base = entry.value
            ace_type = ctypes.cast(base, ctypes.POINTER(ctypes.c_ubyte)).contents.value
            flags = ctypes.cast(base + 1, ctypes.POINTER(ctypes.c_ubyte)).contents.value
            mask = ctypes.cast(base + 4, ctypes.POINTER(wintypes.DWORD)).contents.value
            sid_at = base + 8
            if ace_type in (0x5, 0x6, 0xB, 0xC):  # object ACEs: flags, then up to two GUIDs
                present = ctypes.cast(sid_at, ctypes.POINTER(wintypes.DWORD)).contents.value
                sid_at += 4 + 16 * bin(present & 0x3).count("1")
            aces.append(Ace(sid_text(sid_at) or "?", mask, ace_type, flags))
        return owner_sid, aces
    finally:
        kernel.LocalFree(descriptor)


# -- Group Policy: the registry ----------------------------------------------------------------

REG_SZ = 1
REG_EXPAND_SZ = 2
REG_BINARY = 3
REG_DWORD = 4
REG_MULTI_SZ = 7
REG_QWORD = 11
NUMBER_KEYS = ("auto_lock_minutes", "min_passphrase_length")
LOCKED_KEY = "locked"


def registry_document(values: Iterable[tuple[str, int, Any]]) -> dict[str, Any]:
    """The registry values as a policy document (the shape of ``policy.json``), for the same
    checks as the file. Names are case-insensitive (as in the registry). Numbers come as
    REG_DWORD (a REG_SZ of digits is taken too); ``locked`` as REG_MULTI_SZ or a REG_SZ list
    separated by commas or semicolons. A value of another type goes on as it is, so the key's
    check names it as wrong and the key falls back to its safe default."""
    document: dict[str, Any] = {}
    for name, kind, value in values:
        key = name.strip().lower()
        if not key:
            continue  # the key's "(Default)" value
        if key == LOCKED_KEY and kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(value, str):
            value = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        elif key == LOCKED_KEY and kind == REG_MULTI_SZ and isinstance(value, list):
            value = [part.strip() for part in value if isinstance(part, str) and part.strip()]
        elif key in NUMBER_KEYS and kind in (REG_SZ, REG_EXPAND_SZ) and isinstance(value, str):
            value = int(value.strip()) if value.strip().isdigit() else value
        elif kind == REG_BINARY:
            value = bytes(value) if isinstance(value, (bytes, bytearray)) else value
        document[key] = value
    return document


def read_registry() -> list[tuple[str, int, Any]] | None:  # pragma: no cover
    """The values of ``HKLM\\SOFTWARE\\Policies\\KIM Desktop`` (64-bit view), None when the
    key is not there or this is not Windows."""
    if sys.platform != "win32":
        return None
    import winreg

    try:
        key = winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            REGISTRY_KEY,
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        )
    except FileNotFoundError:
        return None
    values: list[tuple[str, int, Any]] = []
    with key:
        index = 0
        while True:
            try:
                name, value, kind = winreg.EnumValue(key, index)
            except OSError:  # no more values
                break
            values.append((name, kind, value))
            index += 1
    return values
