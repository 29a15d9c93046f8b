"""The interchange format (``contracts/casefile-interchange.schema.json``, DESIGN.md section 9).

``kim import-json`` / ``kim export-json``. Import validates everything before it writes: the
schema, every reference between records, the rules of section 5 and the catalogue codes. It
reports every problem with its JSON path and writes either all records or none. Problem
messages name places and rules, never the values found there (they may be personal data)."""

from __future__ import annotations

from kim_desktop.core.interchange.exporter import (
    ExportSummary,
    export_document,
    export_file,
    write_json,
)
from kim_desktop.core.interchange.format import ARRAYS, FORMAT, VERSION
from kim_desktop.core.interchange.importer import (
    ImportSummary,
    import_document,
    import_file,
    normalise_municipalities,
    refuse_unless_case_manager,
    write_document,
)
from kim_desktop.core.interchange.reading import load_json, schema
from kim_desktop.core.interchange.rules import (
    ExistingState,
    json_path,
    schema_problems,
    semantic_problems,
    text_problems,
    validate,
)

__all__ = [
    "ARRAYS",
    "FORMAT",
    "VERSION",
    "ExistingState",
    "ExportSummary",
    "ImportSummary",
    "export_document",
    "export_file",
    "import_document",
    "import_file",
    "json_path",
    "load_json",
    "normalise_municipalities",
    "refuse_unless_case_manager",
    "schema",
    "schema_problems",
    "semantic_problems",
    "text_problems",
    "validate",
    "write_document",
    "write_json",
]
