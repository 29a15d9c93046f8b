"""Fill untranslated messages of a .ts file from a {source: translation} table.

    .venv/bin/python tools/fill_translations.py translations/kim_desktop_de.ts TABLE.py

TABLE.py defines a dict ``DE``. Existing translations are kept; what the table lacks stays
unfinished and is listed, so nothing is silently left in English."""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    ts_path, table_path = sys.argv[1], sys.argv[2]
    table: dict[str, str] = runpy.run_path(table_path)["DE"]
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") != "unfinished" and translation.text:
            continue
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
