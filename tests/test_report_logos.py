"""The district's and the state programme's logo (issue 16): carried in the signed district
configuration, checked strictly on export (exit 2) and on import (exit 4, nothing written),
and printed on the statistics report's title page of a case manager and of a coordinator,
deterministically. The logos are drawn here with Pillow; no real logo is used."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import random
import struct
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_TODAY, PASSPHRASE, in_municipalities, run_kim, sha256
from PIL import Image, ImageDraw
from pypdf import PdfReader

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import report_data
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, logos, outbox
from kim_desktop.core.sync.keys import b64, own_keys
from kim_desktop.reports import statistics

EPOCH = {"SOURCE_DATE_EPOCH": "1768435200"}  # 15.01.2026
MUNICIPALITIES = ["Siegburg", "Troisdorf"]


def drawn_logo(kind: str, size: tuple[int, int], colour: str, text: str) -> bytes:
    """A coloured rectangle with a frame and a word: a stand-in for a real logo."""
    mode = "RGBA" if kind == "PNG" else "RGB"
    image = Image.new(mode, size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([6, 6, size[0] - 7, size[1] - 7], outline="white", width=5)
    draw.text((18, size[1] // 2 - 18), text, fill="white", font_size=32)
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def noise_png(width: int, height: int) -> bytes:
    """A PNG that does not compress (random pixels): large, with a long image stream."""
    pixels = random.Random(7).randbytes(width * height * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(out, "PNG")
    return out.getvalue()


def claimed_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG with another size written into its header, the header checksum made right."""
    ihdr = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + png[33:]


@cache
def bad_logos() -> dict[str, bytes]:
    gif = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(gif, "GIF")
    whole = noise_png(120, 80)
    return {
        "a GIF": gif.getvalue(),
        "an SVG": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
        "a truncated PNG": whole[: len(whole) // 2],
        "a PNG claiming 100000 x 100000 px": claimed_size(whole, 100_000, 100_000),
        "a 2 MB file": noise_png(820, 820),
        "text renamed .png": b"Kreis Musterstadt, Logo folgt\n" * 20,
    }


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator whose configuration carries two logos (exported with ``kim``) and a case
    manager who imported it and sent the coordinator the 2024 and 2025 bundles."""
    folder = tmp_path_factory.mktemp("logos")
    district_logo = folder / "kreis.png"
    district_logo.write_bytes(drawn_logo("PNG", (600, 200), "#2e7d32", "Testkreis"))
    programme_logo = folder / "kim-nrw.jpg"
    programme_logo.write_bytes(drawn_logo("JPEG", (300, 300), "#c62828", "KIM NRW"))
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="Koordination", district="Testkreis"
    ):
        pass
    config = folder / "testkreis.kimdistrict"
    exported = run_kim(
        "district", "export", coordinator, "--out", config,
        *("--municipality", MUNICIPALITIES[0], "--municipality", MUNICIPALITIES[1]),
        *("--logo", district_logo, "--programme-logo", programme_logo),
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "2 logos" in exported.stdout
    manager = folder / "cm.kim"
    document = in_municipalities(
        demo_document(seed=4, clients=30, today=DEMO_TODAY), MUNICIPALITIES
    )
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        interchange.import_document(casefile, document, "demo")
    imported = run_kim("district", "import", manager, config)
    assert imported.returncode == 0, imported.stderr
    assert "the district's logo and the state programme's logo" in imported.stdout
    bundles = []
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        for period in ("2024", "2025"):
            bundles.append(folder / f"{period}.kimbundle")
            outbox.export_bundle(casefile, parse_period(period), bundles[-1])
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        assert not inbox.import_bundles(casefile, bundles, True).rejected
    return {
        "folder": folder,
        "coordinator": coordinator,
        "manager": manager,
        "config": config,
        "logo": district_logo.read_bytes(),
        "programme_logo": programme_logo.read_bytes(),
    }


def title_page_images(pdf: Path | bytes) -> list[tuple[int, int]]:
    """(width, height) in pixels of every image XObject the first page draws."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    page = reader.pages[0]
    objects = page["/Resources"].get("/XObject", {})
    sizes = []
    for reference in objects.values():
        xobject = reference.get_object()
        if xobject["/Subtype"] == "/Image":
            sizes.append((int(xobject["/Width"]), int(xobject["/Height"])))
    return sorted(sizes)


@pytest.mark.parametrize("role", ["manager", "coordinator"])
def test_the_report_prints_both_logos_deterministically(
    office: dict[str, Any], role: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, second):
        result = run_kim("report", office[role], "--period", "2025", "--out", out, extra_env=EPOCH)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    # The district's (600 x 200) and the programme's (300 x 300) logo, on the title page only.
    assert title_page_images(first) == [(300, 300), (600, 200)]
    reader = PdfReader(first)
    assert all("/XObject" not in page["/Resources"] for page in reader.pages[1:])
    # The plain data carries the bytes as exported; the builder gives the command's bytes.
    with CaseFile.open(office[role], PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2025"), dt.date(2026, 1, 15))
    assert (data.logo, data.programme_logo) == (office["logo"], office["programme_logo"])
    built = io.BytesIO()
    statistics.build_statistics_report(data, built)
    assert built.getvalue() == first.read_bytes()


def test_without_logos_the_title_page_has_no_image_and_the_same_layout(
    office: dict[str, Any], tmp_path: Path
) -> None:
    with CaseFile.open(office["manager"], PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2025"), dt.date(2026, 1, 15))
    bare = data.__class__(**{**data.__dict__, "logo": None, "programme_logo": None})
    one = data.__class__(**{**data.__dict__, "logo": None})
    outputs = {}
    for name, version in (("both", data), ("bare", bare), ("one", one)):
        buffer = io.BytesIO()
        statistics.build_statistics_report(version, buffer)
        outputs[name] = buffer.getvalue()
    assert title_page_images(outputs["bare"]) == []
    assert title_page_images(outputs["one"]) == [(300, 300)]
    # The title and everything below it stand where they stand without logos.
    texts = [PdfReader(io.BytesIO(pdf)).pages[0].extract_text() for pdf in outputs.values()]
    assert texts[0] == texts[1] == texts[2]
    positions = {name: _title_height(pdf) for name, pdf in outputs.items()}
    assert positions["both"] == positions["bare"] == positions["one"]


def _title_height(pdf: bytes) -> float:
    """Where the word "Statistikbericht" is drawn on the title page (its y coordinate)."""
    found: list[float] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if "Statistikbericht" in text and not found:
            found.append(round(tm[5], 2))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert found
    return found[0]


@pytest.mark.parametrize("label", list(bad_logos()))
def test_a_bad_logo_file_is_refused_on_export(
    office: dict[str, Any], label: str, tmp_path: Path
) -> None:
    coordinator = tmp_path / "coordinator.kim"
    coordinator.write_bytes(office["coordinator"].read_bytes())
    before = sha256(coordinator)
    image = tmp_path / "logo.png"
    image.write_bytes(bad_logos()[label])
    for option in ("--logo", "--programme-logo"):
        out = tmp_path / "x.kimdistrict"
        result = run_kim("district", "export", coordinator, "--out", out, option, image)
        assert result.returncode == 2, (label, result.stderr)
        assert result.stderr.startswith(f"kim: {option} logo.png: "), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert not out.exists()
    assert sha256(coordinator) == before  # the serial did not move on


def test_export_reasons_name_what_is_wrong(office: dict[str, Any], tmp_path: Path) -> None:
    expected = {
        "a GIF": "not a PNG or JPEG image",
        "an SVG": "not a PNG or JPEG image",
        "a truncated PNG": "a damaged PNG image (it cannot be read)",
        "a PNG claiming 100000 x 100000 px": "not 1 to 4000 pixels wide and high",
        "a 2 MB file": "larger than 512 KiB",
        "text renamed .png": "not a PNG or JPEG image",
    }
    for label, data in bad_logos().items():
        with pytest.raises(logos.LogoInvalid) as problem:
            logos.check_logo(data)
        assert str(problem.value) == expected[label], label
    missing = run_kim(
        "district", "export", office["coordinator"], "--out", tmp_path / "x.kimdistrict",
        "--logo", tmp_path / "nothing.png",
    )  # fmt: skip
    assert missing.returncode == 2 and "no such file" in missing.stderr


def planted(office: dict[str, Any], field: str, image: bytes) -> bytes:
    """The office's configuration with ``image`` put into ``field`` by hand and signed again
    with the coordinator's real key: the signature is valid, the content is not."""
    envelope = json.loads(office["config"].read_text())
    document = json.loads(base64.b64decode(envelope["document"]))
    document[field] = b64(image)
    document["serial"] += 1
    body = district.canonical(document)
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        envelope["signature"] = b64(own_keys(casefile).signing.sign(body))
    envelope["document"] = b64(body)
    return json.dumps(envelope).encode()


@pytest.mark.parametrize("label", list(bad_logos()))
def test_a_signed_configuration_with_a_bad_logo_is_refused_on_import(
    office: dict[str, Any], label: str, tmp_path: Path
) -> None:
    manager = tmp_path / "cm.kim"
    manager.write_bytes(office["manager"].read_bytes())
    before = sha256(manager)
    for field in ("logo", "programme_logo"):
        path = tmp_path / "planted.kimdistrict"
        path.write_bytes(planted(office, field, bad_logos()[label]))
        result = run_kim("district", "import", manager, path)
        assert result.returncode == 4, (label, result.stderr)
        assert f"({field}: " in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1 and len(result.stderr) < 200, result.stderr
        assert sha256(manager) == before, label


def test_a_header_check_alone_would_not_do(office: dict[str, Any], tmp_path: Path) -> None:
    """A truncated PNG has a perfect header: only the whole decode on import finds it."""
    truncated = bad_logos()["a truncated PNG"]
    assert logos.image_header(truncated) == logos.LogoHeader("PNG", 120, 80)
    with pytest.raises(logos.LogoInvalid):
        logos.check_logo(truncated)


def test_logos_are_kept_for_later_exports_and_an_empty_value_removes_one(
    office: dict[str, Any], tmp_path: Path
) -> None:
    coordinator = tmp_path / "coordinator.kim"
    coordinator.write_bytes(office["coordinator"].read_bytes())
    kept, removed = tmp_path / "kept.kimdistrict", tmp_path / "removed.kimdistrict"
    assert run_kim("district", "export", coordinator, "--out", kept).returncode == 0
    result = run_kim("district", "export", coordinator, "--out", removed, "--logo", "")
    assert result.returncode == 0, result.stderr
    assert "1 logos" in result.stdout
    first = district.read_config(kept)[0]
    second = district.read_config(removed)[0]
    assert base64.b64decode(first["logo"]) == office["logo"]
    assert "logo" not in second
    assert base64.b64decode(second["programme_logo"]) == office["programme_logo"]
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        assert district.logos_in_force(casefile) == (None, office["programme_logo"])
    # A case manager who imports the newer one loses the district's logo too.
    manager = tmp_path / "cm.kim"
    manager.write_bytes(office["manager"].read_bytes())
    assert run_kim("district", "import", manager, removed).returncode == 0
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        assert district.logos_in_force(casefile) == (None, office["programme_logo"])


def test_jpeg_sizes_come_from_the_frame_header() -> None:
    for options in ({}, {"progressive": True}, {"quality": 30, "subsampling": 2}):
        out = io.BytesIO()
        Image.new("CMYK" if options else "L", (321, 123)).save(out, "JPEG", **options)
        assert logos.check_logo(out.getvalue()) == logos.LogoHeader("JPEG", 321, 123)
    with pytest.raises(logos.LogoInvalid, match="no frame header"):
        logos.image_header(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 7 + b"\xff\xd9")


# -- the window ------------------------------------------------------------------------------


def test_the_coordinator_chooses_and_removes_logos_in_the_window(
    qtbot: Any, office: dict[str, Any], tmp_path: Path
) -> None:
    from gui_support import settle

    from kim_desktop.gui.views.district import DistrictKeysView

    coordinator = tmp_path / "coordinator.kim"
    coordinator.write_bytes(office["coordinator"].read_bytes())
    casefile = CaseFile.open(coordinator, PASSPHRASE)
    page = DistrictKeysView()
    qtbot.addWidget(page)
    page.set_casefile(casefile)
    page.refresh()
    settle(qtbot)
    # The logos of the last export are shown and kept.
    assert page.logo.image() == office["logo"]
    assert page.programme_logo.image() == office["programme_logo"]
    assert page.logo.preview.pixmap().width() == 180  # 600 x 200 fitted into 180 x 60
    # A GIF is refused where it was chosen; the logo before stays.
    gif = tmp_path / "kreis.gif"
    gif.write_bytes(bad_logos()["a GIF"])
    page.logo.load(gif)
    settle(qtbot)
    assert "not a PNG or JPEG image" in page.logo.problem.text()
    assert page.logo.image() == office["logo"]
    # Another logo chosen, the programme's removed: the export signs exactly that.
    other = drawn_logo("PNG", (400, 400), "#1565c0", "Neu")
    (tmp_path / "neu.png").write_bytes(other)
    page.logo.load(tmp_path / "neu.png")
    page.programme_logo.remove_button.click()
    settle(qtbot)
    assert page.logo.problem.text() == "" and page.logo.image() == other
    assert page.programme_logo.preview.text() == "(none)"
    out = tmp_path / "neu.kimdistrict"
    page.export_config_to(out)
    settle(qtbot)
    assert "issue 2" in page.result.text(), page.result.text()
    document = district.read_config(out)[0]
    assert base64.b64decode(document["logo"]) == other and "programme_logo" not in document
    page.set_casefile(None)
    assert page.logo.image() == b""
    casefile.close()


def test_the_case_manager_window_says_the_logos_came_and_refuses_a_damaged_one(
    qtbot: Any, office: dict[str, Any], tmp_path: Path
) -> None:
    from gui_support import settle

    from kim_desktop.gui.views.sync.bundle import SyncBundleView

    casefile = CaseFile.create(tmp_path / "new.kim", PASSPHRASE, role="casemanager", owner="N")
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    # Damaged behind a perfect header: the question is asked, the import refuses it.
    damaged = tmp_path / "damaged.kimdistrict"
    damaged.write_bytes(planted(office, "logo", bad_logos()["a truncated PNG"]))
    view.import_config_from(damaged)
    assert view.config_dialog is not None
    view.config_dialog.accept_button.click()
    settle(qtbot)
    assert "not imported" in view.status.text() and "(logo: " in view.status.text()
    assert district.current_settings(casefile) is None
    view.import_config_from(office["config"])
    assert view.config_dialog is not None
    view.config_dialog.accept_button.click()
    settle(qtbot)
    assert "the district's and the state programme's logo" in view.status.text()
    casefile.close()
