"""The wording of the documents people sign (DESIGN §12, docs/document-texts.md): one JSON
file per document and language, ``data/texts/<document>.<language>.json``, built in like the
catalogues; a district configuration may add languages or replace built-in ones with its own
approved texts (they travel in the signed configuration, ``core/sync``).

The German file of each document leads: every other language has exactly its keys (keys
starting with ``_`` are comments and not compared), the same shape (a list as long, an object
with the same keys) and, string by string, the same ``{placeholders}``. Every text file is
checked by ``validate`` — built-in ones by the tests, a district's on export, on import and
again before printing — so a form is never printed half-translated."""

from __future__ import annotations

import json
import logging
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

GERMAN = "de"
# consent form, goal agreement, Art. 15 copy
DOCUMENTS = ("consent", "goal_agreement", "access")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}")
FILE_NAME = re.compile(r"(?P<document>[a-z_]+)\.(?P<language>[A-Za-z0-9-]+)\.json")
MAX_FILE_BYTES = 64 * 1024
MAX_STRING = 4000
MAX_NAME = 60  # language_name, version
MAX_FILES = 60  # in one district configuration
MAX_TOTAL_BYTES = 600 * 1024  # all of a district's files together (the file is capped at 1 MiB)
# Characters the embedded fonts print (DejaVu Sans: Latin, Greek, Cyrillic, punctuation;
# Noto Sans Arabic: the Arabic script with Persian, Urdu and Kurdish letters). Anything else
# would come out as boxes, so a text that needs it is refused rather than printed.
PRINTABLE = (
    (0x20, 0x7E),
    (0xA0, 0x24F),  # Latin-1, Latin Extended-A/B (Turkish ğ ş ı İ among them)
    (0x2B0, 0x36F),  # modifier letters, combining accents
    (0x370, 0x3FF),  # Greek
    (0x400, 0x52F),  # Cyrillic with its supplement
    (0x600, 0x6FF),  # Arabic
    (0x750, 0x77F),  # Arabic Supplement
    (0x8A0, 0x8FF),  # Arabic Extended-A
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x200C, 0x200D),  # zero-width non-joiner / joiner (Persian needs the non-joiner)
    (0x2010, 0x2027),  # dashes, quotation marks, bullet, ellipsis
    (0x2030, 0x205E),
    (0x20A0, 0x20BF),  # currency signs
    (0x2116, 0x2116),  # numero sign (Russian, Ukrainian)
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFC),  # Arabic presentation forms B
)


class TextInvalid(ValueError):
    """One rule a text file breaks: the file name and the key (never a value)."""

    def __init__(self, name: str, key: str, reason: str) -> None:
        self.name, self.key, self.reason = name, key, reason
        super().__init__(f"{name}: {key}: {reason}" if key else f"{name}: {reason}")


def file_name(document: str, language: str) -> str:
    return f"{document}.{language}.json"


def split_name(name: str) -> tuple[str, str]:
    """(document, language) of a text file's name; TextInvalid for any other name."""
    match = FILE_NAME.fullmatch(name)
    if match is None or match["document"] not in DOCUMENTS:
        raise TextInvalid(
            name,
            "",
            f"not a text file name (<document>.<language>.json, document one of "
            f"{', '.join(DOCUMENTS)})",
        )
    if not LANGUAGE.fullmatch(match["language"]):
        raise TextInvalid(name, "", "the language is not a language code such as ar or pt-BR")
    return match["document"], match["language"]


# -- built in --------------------------------------------------------------------------------


def _folder() -> Any:
    return resources.files("kim_desktop.core.casefile").joinpath("data/texts")


@cache
def builtin_files() -> dict[str, dict[str, Any]]:
    """Every built-in text file by its name, as stored."""
    out: dict[str, dict[str, Any]] = {}
    for entry in _folder().iterdir():
        if entry.name.endswith(".json"):
            out[entry.name] = json.loads(entry.read_text("utf-8"))
    return out


def german(document: str) -> dict[str, Any]:
    """The German text of ``document``: the one that leads."""
    return builtin_files()[file_name(document, GERMAN)]


# -- validation ------------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a template fills in."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # a lone brace
        return {"{"}


def _printable(text: str) -> bool:
    return all(any(low <= ord(ch) <= high for low, high in PRINTABLE) for ch in text)


def _compare(name: str, key: str, model: Any, value: Any) -> None:
    """``value`` has ``model``'s shape and, string by string, its placeholders."""
    if isinstance(model, str):
        if not isinstance(value, str) or not value.strip():
            raise TextInvalid(name, key, "not a text (the German file has one)")
        if len(value) > MAX_STRING:
            raise TextInvalid(name, key, f"longer than {MAX_STRING} characters")
        if not _printable(value):
            raise TextInvalid(name, key, "a character the printed documents cannot show")
        if placeholders(value) != placeholders(model):
            wanted = ", ".join(sorted(f"{{{p}}}" for p in placeholders(model))) or "none"
            raise TextInvalid(name, key, f"placeholders differ from the German file ({wanted})")
    elif isinstance(model, list):
        if not isinstance(value, list) or len(value) != len(model):
            raise TextInvalid(name, key, f"not a list of {len(model)} entries like the German")
        for index, (inner_model, inner) in enumerate(zip(model, value, strict=True)):
            _compare(name, f"{key}[{index + 1}]", inner_model, inner)
    elif isinstance(model, dict):
        if not isinstance(value, dict):
            raise TextInvalid(name, key, "not an object like the German")
        _same_keys(name, key, model, value)
        for inner_key, inner_model in model.items():
            if not inner_key.startswith("_"):
                _compare(name, f"{key}.{inner_key}", inner_model, value[inner_key])


def _same_keys(name: str, where: str, model: dict[str, Any], value: dict[str, Any]) -> None:
    wanted = {k for k in model if not k.startswith("_")}
    given = {k for k in value if not (isinstance(k, str) and k.startswith("_"))}
    prefix = f"{where}." if where else ""
    for missing in sorted(wanted - given):
        raise TextInvalid(name, prefix + missing, "missing (the German file has it)")
    for extra in sorted(given - wanted):
        raise TextInvalid(name, prefix + str(extra), "not a key of the German file")


def validate(name: str, content: Any) -> dict[str, Any]:
    """A text file checked against the German one of its document: returns it, or raises
    TextInvalid naming the file and the key."""
    document, language = split_name(name)
    if not isinstance(content, dict):
        raise TextInvalid(name, "", "not a JSON object")
    model = german(document)
    _same_keys(name, "", model, content)
    if content["language"] != language:
        raise TextInvalid(name, "language", "not the language of the file name")
    for key in ("language_name", "version"):
        value = content[key]
        if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME or value != value.strip():
            raise TextInvalid(name, key, f"not a short text (at most {MAX_NAME} characters)")
    for key, model_value in model.items():
        if not key.startswith("_") and key != "language":
            _compare(name, key, model_value, content[key])
    return content


def parse(name: str, raw: bytes) -> dict[str, Any]:
    """A text file's bytes (UTF-8 JSON), parsed and validated."""
    if len(raw) > MAX_FILE_BYTES:
        raise TextInvalid(name, "", f"larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TextInvalid(name, "", "not UTF-8 JSON") from None
    return validate(name, content)


def validate_set(files: Any) -> dict[str, dict[str, Any]]:
    """A district's text files (name → content), each validated; TextInvalid on the first
    that breaks a rule, naming it."""
    if not isinstance(files, dict):
        raise TextInvalid("texts", "", "not an object of text files")
    if len(files) > MAX_FILES:
        raise TextInvalid("texts", "", f"more than {MAX_FILES} text files")
    total = len(json.dumps(files, ensure_ascii=False).encode("utf-8"))
    if total > MAX_TOTAL_BYTES:
        raise TextInvalid("texts", "", f"larger than {MAX_TOTAL_BYTES // 1024} KiB together")
    return {name: validate(name, content) for name, content in sorted(files.items())}


def read_folder(folder: Path) -> dict[str, dict[str, Any]]:
    """A district's text files from a folder (``kim district export --texts DIR``): every
    ``*.json`` in it, each validated; TextInvalid naming the first file and key that break a
    rule. An empty folder gives no texts (the district's are then removed)."""
    if not folder.is_dir():
        raise TextInvalid(str(folder), "", "not a folder")
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.iterdir()):
        if not path.name.endswith(".json") or path.name.startswith("."):
            continue
        if len(files) >= MAX_FILES:
            raise TextInvalid(path.name, "", f"more than {MAX_FILES} text files")
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            raise TextInvalid(path.name, "", f"not a file of at most {MAX_FILE_BYTES // 1024} KiB")
        files[path.name] = parse(path.name, path.read_bytes())
    return validate_set(files)


# -- in force --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Texts:
    """The texts in force: the built-in ones with a district's additions and replacements.
    ``unusable``: names of district files that do not fit this program's German texts; their
    languages are not offered (never the built-in text in place of the district's)."""

    district: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    unusable: frozenset[str] = frozenset()

    def _files(self, document: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for name, content in {**builtin_files(), **self.district}.items():
            kind, language = split_name(name)
            if kind == document and name not in self.unusable:
                yield language, content

    def languages(self, document: str) -> tuple[str, ...]:
        """The languages ``document`` can be printed in, German first, then by code."""
        codes = sorted(language for language, _ in self._files(document))
        return (GERMAN, *(code for code in codes if code != GERMAN))

    def names(self, document: str) -> dict[str, str]:
        """Each available language's own name ("العربية", "Türkçe"), by code."""
        return {code: str(content["language_name"]) for code, content in self._files(document)}

    def get(self, document: str, language: str) -> dict[str, Any]:
        """The text of ``document`` in ``language``; a district's replaces a built-in one.
        ValueError naming the available languages when there is none."""
        name = file_name(document, language)
        chosen = None if name in self.unusable else self.district.get(name)
        if chosen is None and name not in self.unusable:
            chosen = builtin_files().get(name)
        if chosen is None:
            raise ValueError(
                f"no text of this document in {language!r}; "
                f"available: {', '.join(self.languages(document))}"
            )
        return chosen

    def replaced(self, document: str, language: str) -> bool:
        return file_name(document, language) in self.district


BUILT_IN = Texts()


def in_force(district_files: Mapping[str, Any] | None) -> Texts:
    """The texts in force with a district configuration's files. A file that no longer fits
    this version's German text (a newer program added a key) makes its language unavailable
    rather than printed half translated or in the built-in wording the district replaced;
    the log names the file and key, never the content."""
    kept: dict[str, dict[str, Any]] = {}
    unusable: set[str] = set()
    for name, content in (district_files or {}).items():
        try:
            kept[name] = validate(name, content)
        except TextInvalid as error:
            log.warning("district text file not usable: %s", error)
            unusable.add(name)
    return Texts(kept, frozenset(unusable))
