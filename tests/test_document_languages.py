"""The documents people sign in their language and script (issue 16, DESIGN §12): every
built-in text file matches the German one, every document builds in every language with
its fonts embedded and subset, Arabic and Persian come out shaped and in reading order,
Cyrillic and Turkish letters survive, a district adds, replaces and is refused texts, and
a language without text is refused."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import shutil
import string
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pypdf import PdfReader

from kim_desktop.core import casework
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy as access_data
from kim_desktop.core.documents import document_data, free_text
from kim_desktop.core.errors import UsageError
from kim_desktop.core.sync import district
from kim_desktop.reports import access_copy, consent, goal_agreement, scripts

TEXTS = Path(document_texts.__file__).parent / "data" / "texts"
ISSUED = dt.date(2026, 1, 15)
LANGUAGES = ("de", "ar", "en", "fa", "ru", "tr", "uk")
DOCUMENTS = document_texts.DOCUMENTS
# a known phrase of each language's consent form, with the letters of its script
KNOWN = {
    "ar": "الموافقة على معالجة البيانات",
    "fa": "رضایت به پردازش",
    "uk": "Згода на обробку даних",
    "ru": "Согласие на обработку данных",
    "tr": "Doğum tarihi",
    "en": "Consent to data processing",
}
TURKISH = ("İrtibat kişisi", "işlenmesine ilişkin rıza", "Doğum")


# -- text files ------------------------------------------------------------------------------


def _strings(value: Any, where: str = "") -> dict[str, str]:
    """Every string of a text file by its path ("intro[1]", "retention_years.words.3")."""
    if isinstance(value, str):
        return {where: value}
    items = value.items() if isinstance(value, dict) else enumerate(value, start=1)
    out: dict[str, str] = {}
    for key, inner in items:
        if isinstance(key, str) and key.startswith("_"):
            continue
        path = f"{where}.{key}" if isinstance(key, str) else f"{where}[{key}]"
        out.update(_strings(inner, path.lstrip(".")))
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_text_file_has_exactly_the_keys_and_placeholders_of_the_german_one() -> None:
    files = sorted(TEXTS.glob("*.json"))
    assert {path.name for path in files} == {
        f"{document}.{language}.json" for document in DOCUMENTS for language in LANGUAGES
    }
    for path in files:
        document, language = path.name.split(".")[:2]
        german = json.loads((TEXTS / f"{document}.de.json").read_text("utf-8"))
        text = json.loads(path.read_text("utf-8"))
        assert text["language"] == language
        assert text["version"] and text["language_name"]
        german_strings, own = _strings(german), _strings(text)
        assert own.keys() == german_strings.keys(), path.name
        for key, value in own.items():
            assert _fields(value) == _fields(german_strings[key]), (path.name, key)
        document_texts.validate(path.name, text)  # the rule the district's files meet too
    names = document_texts.BUILT_IN.names("consent")
    assert names == {
        "de": "Deutsch",
        "en": "English",
        "ar": "العربية",
        "fa": "فارسی",
        "uk": "Українська",
        "ru": "Русский",
        "tr": "Türkçe",
    }
    for document in DOCUMENTS:
        assert document_texts.BUILT_IN.languages(document) == LANGUAGES


def test_a_language_without_text_is_refused_naming_the_available_ones() -> None:
    with pytest.raises(ValueError, match="available: de, ar, en, fa, ru, tr, uk"):
        document_texts.BUILT_IN.get("goal_agreement", "ku")
    texts = document_texts.BUILT_IN
    with pytest.raises(UsageError, match=r"no text in 'ku'.*available: de, ar, en"):
        document_data.check_language(texts, "access", "ku")


# -- right to left ---------------------------------------------------------------------------


def test_right_to_left_words_are_laid_out_with_their_left_to_right_runs_intact() -> None:
    def shown(line: str) -> list[str]:
        return [text for text, _direction, _word in scripts.visual_order(line.split())]

    # Arabic words reverse; "Art. 6 DSGVO" and a German name keep their order
    line = shown("قرأت المادة Art. 6 DSGVO الآن")
    assert line == ["الآن", "Art", ".", "6", "DSGVO", "المادة", "قرأت"]
    assert shown("السيد Müller-Şahin حضر") == ["حضر", "Müller-Şahin", "السيد"]
    # a full stop follows the Arabic word it ends, to its left; a bracket is its own piece
    assert shown("البيانات. ولكي") == ["ولكي", ".", "البيانات"]
    assert shown("نص (DSGVO)")[:3] == [")", "DSGVO", "("]  # mirrored when drawn
    assert scripts.is_rtl("العربية") and scripts.is_rtl("فارسی")
    assert not scripts.is_rtl("Українська") and not scripts.is_rtl("Türkçe")


# -- every document in every language --------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, demo_file_master: Path) -> dict[str, bytes]:
    """Every document in every language, built once from the demo case file."""
    copy = tmp_path_factory.mktemp("languages") / "demo.kim"
    shutil.copyfile(demo_file_master, copy)
    copy.chmod(0o600)
    out: dict[str, bytes] = {}
    with CaseFile.open(copy, PASSPHRASE) as casefile:
        case = next(
            detail
            for row in casework.list_cases(casefile, casework.CaseFilter(), limit=200)
            if (detail := casework.get_case(casefile, row.id)).goals and detail.members
        )
        client_id = case.members[0].client.id
        assert client_id is not None
        agreement = document_data.goal_agreement_data(casefile, case.id, ISSUED)
        data_copy = access_data.access_copy(casefile, client_id, ISSUED, free_text.ALL)
        for language in LANGUAGES:
            form = document_data.consent_data(
                casefile, client_id, casework.CASE_DOCUMENTATION, ["job_centre"], language, ISSUED
            )
            for document, build in (
                ("consent", lambda out: consent.build_consent_form(form, out)),  # noqa: B023
                (
                    "goal_agreement",
                    lambda out: goal_agreement.build_goal_agreement(
                        agreement,
                        out,
                        language=language,  # noqa: B023
                    ),
                ),
                (
                    "access",
                    lambda out: access_copy.build_access_copy(
                        data_copy.data,
                        out,
                        language=language,  # noqa: B023
                    ),
                ),
            ):
                buffer = io.BytesIO()
                assert build(buffer) >= 1
                out[f"{document}.{language}"] = buffer.getvalue()
    return out


def _pdffonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in result.stdout.splitlines()[2:]]


def _text(pdf: bytes, tmp_path: Path, page: int = 1) -> str:
    """The text of one page in reading order, compatibility forms folded (pdftotext where
    installed, else pypdf): shaped Arabic letters come back as their base letters."""
    if shutil.which("pdftotext"):
        path = tmp_path / "doc.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"]
        raw = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    else:
        raw = PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text()
    return _plain(raw)


def _plain(text: str) -> str:
    """Text folded for comparing: compatibility forms to base letters, without the bidi
    marks pdftotext wraps right-to-left runs in, without vowel marks (a tanwin is lifted
    above its letter and extracted apart from it) and the zero-width non-joiner."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    folded = re.sub("[\u200e\u200f\u202a-\u202e]", "", folded).replace("\u200c", " ")
    return re.sub(r"\s+", " ", folded)


def _arabic_words(text: str) -> set[str]:
    """The Arabic-script words of a text (letters only). A vowel mark (tanwin) or hamza above
    is drawn lifted and makes pdftotext start a new line there, so a long mixed line is
    compared word by word; the reading order of whole phrases is checked on plain ones."""
    letters = "".join(
        ch if unicodedata.bidirectional(ch) == "AL" and unicodedata.category(ch)[0] == "L" else " "
        for ch in _plain(text)
    )
    return set(letters.split())


def _arabic_title_found(title: str, text: str) -> bool:
    """Every word of ``title`` in ``text``; a word joined by a zero-width non-joiner may come
    out whole or as its parts."""
    found = _arabic_words(text)
    for word in title.split():
        parts = _arabic_words(word)
        joined = _arabic_words(word.replace("\u200c", ""))
        if parts and not (parts <= found or joined <= found):
            return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_builds_in_every_language_with_its_fonts_embedded(
    printed: dict[str, bytes], document: str, language: str, tmp_path: Path
) -> None:
    pdf = printed[f"{document}.{language}"]
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    fonts: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert "Helvetica" not in " ".join(fonts)
    if language in ("ar", "fa"):
        assert {"NotoSansArabic-Regular", "NotoSansArabic-Bold"} <= fonts
    else:
        assert not any("Noto" in font for font in fonts)
    if shutil.which("pdffonts"):
        rows = _pdffonts(pdf, tmp_path)
        assert rows
        for row in rows:  # name type encoding emb sub uni id gen: embedded and subset
            assert row[-5:-2] == ["yes", "yes", "yes"], row
    title = json.loads((TEXTS / f"{document}.{language}.json").read_text("utf-8"))["title"]
    text = _text(pdf, tmp_path)
    if language in ("ar", "fa"):
        assert _arabic_title_found(title, text), (document, language)
    else:
        assert title in text, (document, language)


def test_arabic_and_persian_come_out_in_reading_order(
    printed: dict[str, bytes], tmp_path: Path
) -> None:
    arabic = _text(printed["consent.ar"], tmp_path)
    assert KNOWN["ar"] in arabic
    assert "الإدارة البلدية للاندماج" in arabic  # lam-alef ligatures read as lam and alef
    persian = _text(printed["consent.fa"], tmp_path)
    assert KNOWN["fa"] in persian
    assert "تاریخ تولد" in persian  # Persian yeh and the letters Arabic lacks: پ, گ, ی
    assert "گ" in _text(printed["goal_agreement.fa"], tmp_path) or "پ" in persian


def test_cyrillic_and_turkish_letters_survive(printed: dict[str, bytes], tmp_path: Path) -> None:
    for language in ("uk", "ru", "en"):
        assert KNOWN[language] in _text(printed[f"consent.{language}"], tmp_path)
    turkish = _text(printed["consent.tr"], tmp_path)
    for phrase in TURKISH:
        assert phrase in turkish
    assert "Угода про цілі" in _text(printed["goal_agreement.uk"], tmp_path)
    assert "Доступ к данным" in _text(printed["access.ru"], tmp_path)


def test_german_alone_stays_german(printed: dict[str, bytes], tmp_path: Path) -> None:
    text = _text(printed["goal_agreement.de"], tmp_path)
    assert "Zielvereinbarung" in text and "Goal agreement" not in text
    assert "English" not in _text(printed["access.de"], tmp_path)


# -- district texts --------------------------------------------------------------------------


def _text_file(doc: str, lang: str, **changes: Any) -> dict[str, Any]:
    text: dict[str, Any] = json.loads((TEXTS / f"{doc}.{lang}.json").read_text("utf-8"))
    text.update(changes)
    return text


def _write(folder: Path, files: dict[str, dict[str, Any]]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    return folder


def _coordinator(tmp_path: Path) -> CaseFile:
    return CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="Koordination",
        district="Rhein-Sieg-Kreis",
    )  # fmt: skip


def test_a_district_adds_and_replaces_languages(tmp_path: Path, demo_file: Path) -> None:
    # Sorani Kurdish in the Arabic script, and the district's own Arabic title
    sorani = _text_file("consent", "ar", language="ckb", language_name="کوردی", version="2026-1")
    arabic = _text_file("consent", "ar", title="موافقة الدائرة على معالجة البيانات", version="7")
    folder = _write(tmp_path / "texts", {"consent.ckb.json": sorani, "consent.ar.json": arabic})
    with _coordinator(tmp_path) as office:
        settings = district.export_config(
            office,
            tmp_path / "rsk.kimdistrict",
            ["Siegburg"],
            texts=document_texts.read_folder(folder),
        )
        assert sorted(settings.texts) == ["consent.ar.json", "consent.ckb.json"]
        # kept for the next export, like the controller
        again = district.export_config(office, tmp_path / "again.kimdistrict")
        assert sorted(again.texts) == ["consent.ar.json", "consent.ckb.json"]
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        district.import_config(casefile, tmp_path / "rsk.kimdistrict")
        texts = document_data.texts_in_force(casefile)
        client_id = casework.find_clients(casefile, "")[0].id
        form = document_data.consent_data(
            casefile, client_id, casework.CASE_DOCUMENTATION, [], "ar"
        )
    assert texts.languages("consent") == ("de", "ar", "ckb", "en", "fa", "ru", "tr", "uk")
    assert texts.names("consent")["ckb"] == "کوردی"
    assert texts.languages("goal_agreement") == LANGUAGES  # only the consent form gained one
    buffer = io.BytesIO()
    consent.build_consent_form(form, buffer, texts=texts)
    text = _text(buffer.getvalue(), tmp_path)
    assert "موافقة الدائرة على معالجة البيانات" in text
    assert "ar 7" in text  # the footer names the district's text version


@pytest.mark.parametrize(
    ("name", "change", "named"),
    [
        ("consent.ar.json", {"intro": ["فقط"]}, "consent.ar.json: intro: not a list of 2"),
        ("consent.tr.json", {"declaration": None}, "consent.tr.json: declaration: missing"),
        ("consent.uk.json", {"transfer_intro": "Кому: {recipients}."}, "transfer_intro: placeh"),
        ("consent.ru.json", {"extra": "x"}, "consent.ru.json: extra: not a key"),
        ("consent.fa.json", {"language": "ar"}, "consent.fa.json: language: not the language"),
        ("consent.en.json", {"version": ""}, "consent.en.json: version: not a short text"),
        ("letter.ar.json", {}, "letter.ar.json: not a text file name"),
        ("consent.Arabic.json", {}, "not a language code"),
        ("access.he.json", {"title": "עברית"}, "access.he.json: title: a character"),
    ],
)
def test_a_district_text_that_breaks_a_rule_is_refused_naming_file_and_key(
    tmp_path: Path, name: str, change: dict[str, Any], named: str
) -> None:
    document, language = name.split(".")[:2]
    base = "consent" if document not in DOCUMENTS else document
    source = language if (TEXTS / f"{base}.{language}.json").exists() else "en"
    content = _text_file(base, source, language=language)
    for key, value in change.items():
        if key in content and value is None:
            del content[key]
        else:
            content[key] = value
    folder = _write(tmp_path / "texts", {name: content})
    with pytest.raises(document_texts.TextInvalid, match=re.escape(named)):
        document_texts.read_folder(folder)
    # the same file slipped into a signed configuration is refused on import
    with pytest.raises((document_texts.TextInvalid, ValueError)):
        document_texts.validate_set({name: content})


def test_a_too_large_text_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "consent.en.json").write_bytes(b" " * (70 * 1024))
    with pytest.raises(document_texts.TextInvalid, match=r"consent\.en\.json: not a file"):
        document_texts.read_folder(folder)


def test_the_export_command_refuses_a_broken_text_with_one_line(tmp_path: Path) -> None:
    run_kim("init", tmp_path / "office.kim", "--role", "coordinator", "--owner", "K",
            "--district", "Rhein-Sieg-Kreis")  # fmt: skip
    broken = _text_file("consent", "ar")
    broken["rights"][2] = broken["rights"][2].replace("{retention}", "ثلاث سنوات")
    folder = _write(tmp_path / "texts", {"consent.ar.json": broken})
    result = run_kim(
        "district", "export", tmp_path / "office.kim", "--out", tmp_path / "rsk.kimdistrict",
        "--municipality", "Siegburg", "--texts", folder,
    )  # fmt: skip
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [
        "kim: --texts: consent.ar.json: rights[3]: placeholders differ from the German file "
        "({retention})"
    ]
    assert not (tmp_path / "rsk.kimdistrict").exists()
    good = {"goal_agreement.ar.json": _text_file("goal_agreement", "ar")}
    folder = _write(tmp_path / "good", good)
    result = run_kim(
        "district", "export", tmp_path / "office.kim", "--out", tmp_path / "rsk.kimdistrict",
        "--municipality", "Siegburg", "--texts", folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1 document texts" in result.stdout


def test_a_configuration_carrying_a_broken_text_is_refused_on_import(tmp_path: Path) -> None:
    broken = _text_file("consent", "ar")
    del broken["declaration"]
    public = X25519PrivateKey.generate().public_key().public_bytes_raw()
    key = base64.b64encode(public).decode()
    with pytest.raises(district.ConfigInvalid, match=r"texts/consent.ar.json.declaration"):
        district._settings(
            {
                "format": "kim-district",
                "version": 1,
                "district": "X",
                "municipalities": ["A"],
                "k": 3,
                "serial": 1,
                "coordinator": {"name": "K", "signing_key": key, "encryption_key": key},
                "texts": {"consent.ar.json": broken},
            }
        )


def test_a_district_text_that_no_longer_fits_makes_its_language_unavailable() -> None:
    stale = _text_file("consent", "ar")
    del stale["declaration"]  # as if a newer program had added a key the district lacks
    texts = document_texts.in_force({"consent.ar.json": stale})
    assert "ar" not in texts.languages("consent")  # never the built-in text in its place
    with pytest.raises(ValueError, match="available: de, en, fa"):
        texts.get("consent", "ar")


# -- the commands ----------------------------------------------------------------------------


def test_commands_print_in_a_language_and_refuse_one_without_text(
    tmp_path: Path, demo_file: Path
) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        client_id = casework.find_clients(casefile, "")[0].id
        case_id = casework.list_cases(casefile, casework.CaseFilter(), limit=1)[0].id
    out = tmp_path / "goals.pdf"
    result = run_kim("goal-agreement", demo_file, case_id, "--language", "ku", "--out", out)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "kim: --language: no text in 'ku' for this document; available: de, ar, en, fa, ru, tr, uk."
    )
    assert not out.exists()
    result = run_kim("goal-agreement", demo_file, case_id, "--language", "ar", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "اتفاق الأهداف" in _text(out.read_bytes(), tmp_path)
    copy = tmp_path / "copy.pdf"
    result = run_kim("access-copy", demo_file, client_id, "--language", "tr", "--out", copy)
    assert result.returncode == 0, result.stderr
    assert "Hakkınızda kayıtlı verilerin bir kopyası" in _text(copy.read_bytes(), tmp_path)
    form = tmp_path / "form.pdf"
    result = run_kim("consent-form", demo_file, client_id, "--language", "../x", "--out", form)
    assert result.returncode == 2
    assert "not a language code" in result.stderr
