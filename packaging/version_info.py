"""The Windows version resource of kim.exe and kim-desktop.exe (issue 17): what Explorer's
"Details" tab, AppLocker/WDAC file rules and inventory tools read. PyInstaller takes it as a
text file in its ``VSVersionInfo`` notation (``EXE(version=…)`` in packaging/kim.spec, on
Windows only); this module writes that text, so it is checked on any system
(tests/test_packaging_windows.py)."""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "KIM Desktop"
PRODUCT = "KIM Desktop"
COPYRIGHT = "KIM Desktop developers, GPL-3.0-or-later"
DESCRIPTIONS = {
    "kim-desktop": "KIM Desktop – Fallakte Kommunales Integrationsmanagement",
    "kim": "KIM Desktop – Kommandozeile",
}


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``1.2.3`` → (1, 2, 3, 0); a pre-release or development version (``1.0rc1``,
    ``1.0.dev2``) counts as its release's numbers: the file version has four 16-bit numbers
    and no letters."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?![\d])", version)
    if match is None:
        raise ValueError(f"version {version!r} has no release numbers")
    major, minor, micro = (int(part or 0) for part in match.groups())
    if any(not 0 <= n < 65536 for n in (major, minor, micro)):
        raise ValueError(f"version {version!r} does not fit a Windows file version")
    return major, minor, micro, 0


def version_text(program: str, version: str) -> str:
    """The version resource of ``program`` (``kim`` or ``kim-desktop``) in PyInstaller's
    notation; German-neutral language 0x0000 with the Unicode code page 1200."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTIONS[program],
        "FileVersion": version,
        "InternalName": program,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{program}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    entries = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '000004b0',
          [
{entries}
          ]
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [0, 1200])])
  ]
)
"""


def write(folder: Path, program: str, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{program}.txt"
    path.write_text(version_text(program, version), encoding="utf-8")
    return path
