"""What SQLCipher and SQLite actually apply to an open case file, read back from a keyed
connection (``PRAGMA cipher_*`` and the connection pragmas), for the papers of the
data-protection officer (``documents/dpo_pack.py``): never retyped, so they cannot drift
from the code. The file's salt is never read here."""

from __future__ import annotations

import stat
from dataclasses import dataclass

from kim_desktop.core.casefile.storage import CaseFile

# SQLCipher's settings of this build and this file; their values are SQLCipher 4's defaults
# except where rawfile.py sets them (it sets the key only, as a raw key).
CIPHER_PRAGMAS = (
    "cipher_version",
    "cipher_provider",
    "cipher",
    "cipher_page_size",
    "cipher_use_hmac",
    "cipher_hmac_algorithm",
    "cipher_kdf_algorithm",
    "kdf_iter",
    "fast_kdf_iter",
    "cipher_plaintext_header_size",
)
# The connection pragmas rawfile.CONNECTION_PRAGMAS sets, read back.
CONNECTION_SETTINGS = (
    "foreign_keys",
    "secure_delete",
    "temp_store",
    "journal_mode",
    "synchronous",
    "cache_size",
)


@dataclass(frozen=True)
class AppliedSettings:
    cipher: dict[str, str]  # pragma name -> value as SQLCipher reports it
    connection: dict[str, str]
    file_mode: str  # the case file's permission bits, octal ("0600")


def applied_settings(casefile: CaseFile) -> AppliedSettings:
    """SQLCipher's settings and the connection pragmas in force on a connection of
    ``casefile`` (one read transaction; reads only)."""
    with casefile.reading() as conn:
        cipher = {
            name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar()) for name in CIPHER_PRAGMAS
        }
        connection = {
            name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar())
            for name in CONNECTION_SETTINGS
        }
    mode = stat.S_IMODE(casefile.path.stat().st_mode)
    return AppliedSettings(cipher, connection, f"{mode:04o}")
