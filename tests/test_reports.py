"""The statistics report (issue 6, first step): the PDF is read back and its figures must
equal ``kim stats``; a coordinator's report has one section per municipality and no client
data; the bytes are deterministic; ``kim report`` keeps the exit-code contract."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, in_municipalities, run_kim
from pypdf import PdfReader
from reportlab.lib.units import mm

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import report_data
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.figures.stats_text import german_number
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox
from kim_desktop.reports import statistics, statistics_layout

EPOCH = {"SOURCE_DATE_EPOCH": "1768435200"}  # 15.01.2026
TODAY = dt.date(2025, 12, 31)


def pdf_text(path_or_bytes: Path | bytes) -> tuple[PdfReader, list[str]]:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    reader = PdfReader(source)
    return reader, [page.extract_text() for page in reader.pages]


def flat_text(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def section(text: str, start: str, end: str) -> str:
    flat = flat_text(text)
    return flat[flat.index(start) : flat.index(end, flat.index(start))]


def printed_row(text: str, label: str) -> list[str]:
    """The three cells (period, previous, change) printed after a label."""
    pattern = r"\s+".join(map(re.escape, label.split())) + r" (\S+) (\S+) (\S+)"
    match = re.search(pattern, text)
    assert match, f"row {label!r} not found"
    return list(match.groups())


def stats_json(path: Path, period: str) -> dict[str, Any]:
    result = run_kim("stats", path, "--period", period, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def expected(value: Any) -> str:
    return "–" if value is None else german_number(value)


# -- case manager ----------------------------------------------------------------------------


def test_casemanager_report_prints_the_figures_of_kim_stats(demo_file: Path, tmp_path) -> None:
    out = tmp_path / "bericht.pdf"
    result = run_kim("report", demo_file, "--period", "2025", "--out", out, extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "written to" in result.stdout
    now, before = stats_json(demo_file, "2025"), stats_json(demo_file, "2024")
    reader, pages = pdf_text(out)
    text = "\n".join(pages)
    overview = section(text, "1 Kennzahlen im Überblick", "Beratungstermine sind direkte")
    for label, key in statistics_layout.KEY_FIGURES:
        current, previous, _change = printed_row(overview, label)
        assert current == expected(statistics_layout.lookup(now, key)), key
        assert previous == expected(statistics_layout.lookup(before, key)), key
    # German formats: thousands with a dot, decimals with a comma, dd.mm.yyyy dates.
    assert "01.01.2025 – 31.12.2025" in flat_text(pages[0])
    assert "Stand 15.01.2026" in flat_text(pages[0])
    avg = now["appointments"]["avg_minutes_case_management"]
    if avg is not None and not float(avg).is_integer():
        assert "," in expected(avg)
    # Themes and referrals by target, beside the previous period.
    themes = section(text, "4 Themen der Termine", "5 Verweisberatungen")
    housing = printed_row(themes, "Wohnen")
    assert housing[:2] == [
        expected(now["themes"]["housing"]),
        expected(before["themes"]["housing"]),
    ]
    # Page numbers, title page, funding note, metadata.
    assert all(f"Seite {n} von {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "Statistikbericht" in pages[0] and "Jahr 2025" in pages[0]
    assert "Nordrhein-Westfalen" in flat_text(pages[0])
    meta = reader.metadata
    assert meta.title == "KIM-Statistikbericht Case Management, Jahr 2025"  # no district
    assert meta.author == "Demo Owner"
    assert "01.01.2025" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert meta["/CreationDate"].startswith("D:20260115")
    # The embedded font: DejaVu Sans with bold (headings) and oblique (notes).
    used = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            used.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= used


def test_casemanager_report_lists_the_reported_gaps(demo_file: Path, tmp_path) -> None:
    from kim_desktop.core import casework

    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        gaps = [
            g
            for g in casework.list_gaps(casefile, "reported")
            if g.reported_on and g.reported_on.year == 2025
        ]
        data = report_data.gather(casefile, parse_period("2025"), dt.date(2026, 1, 15))
    assert len(data.gaps) == len(gaps)
    buffer = io.BytesIO()
    statistics.build_statistics_report(data, buffer)
    _reader, pages = pdf_text(buffer.getvalue())
    text = flat_text("\n".join(pages))
    for gap in gaps:
        assert flat_text(gap.title) in text


def test_report_is_deterministic(demo_file: Path, tmp_path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, second):
        result = run_kim("report", demo_file, "--period", "2025-Q3", "--out", out, extra_env=EPOCH)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2025-Q3"), dt.date(2026, 1, 15))
    one, two = io.BytesIO(), io.BytesIO()
    statistics.build_statistics_report(data, one)
    statistics.build_statistics_report(data, two)
    assert one.getvalue() == two.getvalue() == first.read_bytes()


def test_every_font_of_the_report_is_embedded(demo_file: Path) -> None:
    """pdffonts shows every font embedded: the charts once started in Helvetica."""
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2025"), dt.date(2026, 1, 15))
    buffer = io.BytesIO()
    statistics.build_statistics_report(data, buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_report_exit_codes(demo_file: Path, tmp_path) -> None:
    out = tmp_path / "r.pdf"
    missing_period = run_kim("report", demo_file, "--out", out)
    assert missing_period.returncode == 2
    assert not out.exists()
    bad_period = run_kim("report", demo_file, "--period", "2025-Q7", "--out", out)
    assert bad_period.returncode == 2
    wrong = run_kim("report", demo_file, "--period", "2025", "--out", out, passphrase="x" * 20)
    assert wrong.returncode == 3
    assert not out.exists()
    out.write_bytes(b"keep me")
    existing = run_kim("report", demo_file, "--period", "2025", "--out", out)
    assert existing.returncode == 2
    assert "already exists" in existing.stderr
    assert out.read_bytes() == b"keep me"
    assert "Traceback" not in existing.stderr + wrong.stderr + missing_period.stderr


def test_builder_refuses_to_overwrite(demo_file: Path, tmp_path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        data = report_data.gather(casefile, parse_period("2025"), dt.date(2026, 1, 15))
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        statistics.build_statistics_report(data, out)
    assert out.read_bytes() == b"old"


def test_funding_note_comes_from_the_file(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        assert report_data.gather(casefile, parse_period("2025")).funding_note == (
            report_data.DEFAULT_FUNDING_NOTE
        )
        casefile.meta[report_data.FUNDING_NOTE_KEY] = "Gefördert durch das Land NRW – Test."
        data = report_data.gather(casefile, parse_period("2025"))
    assert data.funding_note == "Gefördert durch das Land NRW – Test."


def test_formatting_helpers() -> None:
    assert statistics_layout.change(1234, 0) == "+1.234"
    assert statistics_layout.change(61.5, 63.0) == "−1,5"
    assert statistics_layout.change(3, 3) == "±0"
    assert statistics_layout.change(None, 3) == "–"
    assert statistics_layout.german_percent(1, 3) == "33,3 %"
    assert statistics.german_date(dt.date(2025, 3, 1)) == "01.03.2025"


# -- coordinator -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def district_office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator with the 2024 and 2025 bundles of two case managers imported; the
    district has a third municipality where nobody worked."""
    folder = tmp_path_factory.mktemp("report-office")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="Koordination", district="Testkreis"
    ) as casefile:
        district.export_config(
            casefile, folder / "d.kimdistrict", ["Much", "Siegburg", "Troisdorf"]
        )
    names: set[str] = set()
    received = []
    for seed in (4, 5):
        # A bundle export refuses records outside the district's municipalities (nothing
        # vanishes silently), so the demo records are moved into two of them.
        document = in_municipalities(
            demo_document(seed=seed, clients=40, today=TODAY), ["Siegburg", "Troisdorf"]
        )
        for client in document["clients"]:
            names.update(filter(None, (client.get("given_name"), client.get("family_name"))))
        path = folder / f"cm{seed}.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=f"CM {seed}") as cf:
            interchange.import_document(cf, document, "demo")
            district.import_config(cf, folder / "d.kimdistrict")
            for period in ("2024", "2025"):
                out = folder / f"cm{seed}-{period}.kimbundle"
                outbox.export_bundle(cf, parse_period(period), out)
                received.append(out)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, received, True)
        assert not report.rejected
    return {"coordinator": coordinator, "names": names}


def test_coordinator_report_has_a_section_per_municipality_and_no_client_data(
    district_office: dict[str, Any], tmp_path: Path
) -> None:
    coordinator = district_office["coordinator"]
    out = tmp_path / "kreis.pdf"
    result = run_kim("report", coordinator, "--period", "2025", "--out", out, extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    _reader, pages = pdf_text(out)
    text = flat_text("\n".join(pages))
    with CaseFile.open(coordinator, PASSPHRASE) as casefile, casefile.reading() as conn:
        municipalities = report_data.district_municipalities(
            conn, parse_period("2025"), parse_period("2024")
        )
        figures = figure_stats.for_casefile(casefile, parse_period("2025"))
    assert municipalities == ["Much", "Siegburg", "Troisdorf"]
    for name in ("Siegburg", "Troisdorf"):
        assert text.count(f"Kommune: {name}") == 1
    # Nobody worked in Much: no section of zeros, one sentence.
    assert "Kommune: Much" not in text
    assert "Vergleichszeitraum: Much." in text
    overview = section(text, "1 Kennzahlen im Überblick", "Beratungstermine sind direkte")
    for label, key in statistics_layout.KEY_FIGURES:
        assert printed_row(overview, label)[0] == expected(statistics_layout.lookup(figures, key))
    # Suppressed cells are marked and explained.
    suppressed = any(
        value is None
        for cells in figures["demographics"].values()
        for code, value in cells.items()
        if not code.startswith("_")
    )
    if suppressed:
        assert "unterdrückt¹" in text
    assert "Schwelle k = 3" in text
    # No client data: none of the names the case managers' files hold.
    words = set(re.findall(r"\w+", text))
    leaked = {name for name in district_office["names"] if name in words}
    assert not leaked, leaked
    assert "Koordinierungsstelle KIM" in text


# -- a large district report builds (its time is measured in benchmarks/bench_reports.py) -----


def test_district_report_for_twenty_municipalities_builds(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_reports import synthetic_data

    data = synthetic_data(municipalities=20)
    pages = statistics.build_statistics_report(data, tmp_path / "kreis.pdf")
    assert pages > 20


def test_report_reads_as_a_document_for_the_steering_group(demo_file: Path, tmp_path) -> None:
    """No developer references; labels break between their parts, never inside a word; a
    case manager working in several municipalities gets a section for each (key figures
    only: person features per municipality could single people out)."""
    out = tmp_path / "report.pdf"
    result = run_kim("report", demo_file, "--period", "2025", "--out", out, extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    _reader, pages = pdf_text(out)
    text = "\n".join(pages)
    for reference in ("kim stats", "docs/", ".md", "--format"):
        assert reference not in text, reference
    words = set(re.findall(r"\w+", text))
    assert "Anerkennung" in words and not {"Anerke", "nnung", "Einbürgerun"} & words
    flat = flat_text(text)
    assert "8 Kommunen" in flat and flat.count("Kommune: ") >= 2
    assert "Personen in neu aufgenommenen Fällen –" not in flat


def test_labels_break_after_slashes_and_hyphens_only() -> None:
    data = _synthetic()
    layout = statistics_layout.ReportLayout(data)
    narrow = layout.fitted("Bildung/Schule/Anerkennung", 40 * mm)
    assert narrow.text == "Bildung/Schule/<br/>Anerkennung"
    assert layout.fitted("Neunkirchen-Seelscheid", 25 * mm).text == "Neunkirchen-<br/>Seelscheid"
    assert layout.fitted("Familie/Kita", 40 * mm).text == "Familie/Kita"
    assert layout.fitted("Soziale und kulturelle Teilhabe", 30 * mm).text == (
        "Soziale und kulturelle Teilhabe"  # spaces: the paragraph wraps there itself
    )
    assert layout.fitted("A & B", 30 * mm).text == "A &amp; B"


def _synthetic() -> Any:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_reports import synthetic_data

    return synthetic_data(municipalities=2)


def test_a_municipality_without_bundles_for_the_period_gets_no_zeros() -> None:
    """Named in the comparison period's bundles only (the district's list changed): no
    section of zeros, a sentence instead."""
    import dataclasses
    import io

    data = dataclasses.replace(_synthetic(), without_data=("Lohmar",))
    buffer = io.BytesIO()
    statistics.build_statistics_report(data, buffer)
    _reader, pages = pdf_text(buffer.getvalue())
    text = flat_text("\n".join(pages))
    assert "Kommune: Lohmar" not in text
    assert "Für Lohmar liegen für den Berichtszeitraum keine Sync-Bündel vor" in text
