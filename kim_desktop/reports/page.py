"""Page furniture shared by every printed document: house colours, German dates, the
"Seite x von y" footer and deterministic creation dates (invariant mode)."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop import __version__
from kim_desktop.reports import fonts

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#b4b4b4")
HEADER_FILL = colors.HexColor("#dde8f3")


def heading_style(
    name: str,
    parent: ParagraphStyle,
    size: float,
    leading: float,
    before: float,
    after: float,
    accent: bool = True,
) -> ParagraphStyle:
    """A bold heading that never ends a page; in the house colour unless ``accent`` is off."""
    extra: dict[str, Any] = {"textColor": ACCENT} if accent else {}
    return ParagraphStyle(
        name,
        parent=parent,
        fontName=fonts.BOLD,
        fontSize=size,
        leading=leading,
        spaceBefore=before,
        spaceAfter=after,
        keepWithNext=1,
        **extra,
    )


def document_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the Art. 15 copy and the DPO papers: one look for both."""
    family = fonts.register()
    base = ParagraphStyle("body", fontName=family, fontSize=9, leading=12, textColor=INK)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=base, fontName=fonts.ITALIC, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "kicker": ParagraphStyle("kicker", parent=base, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=fonts.ITALIC, fontSize=10.5, leading=13.5
        ),
        "h1": heading_style("h1", base, 11.5, 15, 9, 4),
        "h2": heading_style("h2", base, 10, 13, 7, 3, accent=False),
        "h3": heading_style("h3", base, 8.5, 11, 5, 2),
        "caption": ParagraphStyle("caption", parent=base, fontSize=7, leading=8.8),
    }


def fact_table_style(boxed: bool) -> TableStyle:
    """A label/value table's look (the Art. 15 copy's and the DPO papers' facts): ruled
    rows, or one shaded box."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if boxed:
        commands += [
            ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
            ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
        ]
    else:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE))
    return TableStyle(commands)


def fitted_image(data: bytes, width: float, height: float) -> Image:
    """PNG or JPEG bytes (checked before: core/sync/logos.py) scaled to fit a box of
    ``width`` × ``height`` points, keeping their aspect ratio."""
    pixels_wide, pixels_high = ImageReader(io.BytesIO(data)).getSize()
    scale = min(width / pixels_wide, height / pixels_high)
    return Image(io.BytesIO(data), width=pixels_wide * scale, height=pixels_high * scale)


def logo_row(
    left: bytes | None, right: bytes | None, width: float, height: float, space: float
) -> list[Flowable]:
    """A letterhead row: ``left`` flush left and ``right`` flush right, each fitted into half
    of ``width`` × ``height``, then ``space``; with neither logo only a blank of the same
    height, so the page below stays where it is and no empty box shows."""
    if left is None and right is None:
        return [Spacer(1, height + space)]
    cells = [
        fitted_image(image, width / 2 - 4 * mm, height) if image is not None else ""
        for image in (left, right)
    ]
    row = Table([cells], colWidths=[width / 2] * 2, rowHeights=[height], hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [row, Spacer(1, space)]


def german_date(day: dt.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else "–"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def numbered_canvas(footer: str, issued_on: dt.date, invariant: bool) -> type[Canvas]:
    """A canvas that writes "Seite x von y" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            if invariant:  # creation date = date of issue, not the wall clock
                stamp = TimeStamp(1)
                epoch = calendar.timegm(issued_on.timetuple())
                stamp.t, stamp.lt = epoch, time.gmtime(epoch)
                stamp.YMDhms = tuple(stamp.lt)[:6]
                # reportlab keeps these private; its stubs do not list them.
                self._doc._timeStamp = stamp  # type: ignore[attr-defined]
                # The file /ID is a digest seeded with the time stamp (reportlab reads
                # SOURCE_DATE_EPOCH itself): seed it from the date of issue only.
                signature = hashlib.md5(usedforsecurity=False)
                signature.update(b"a reportlab document")
                signature.update(ascii(epoch).encode())
                self._doc.signature = signature  # type: ignore[attr-defined]

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize  # type: ignore[attr-defined]
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(20 * mm, 14 * mm, width - 20 * mm, 14 * mm)
            self.setFont(fonts.REGULAR, 7.5)
            self.setFillColor(INK)
            self.drawString(20 * mm, 10 * mm, footer)
            page = self._pageNumber  # type: ignore[attr-defined]
            self.drawRightString(width - 20 * mm, 10 * mm, f"Seite {page} von {total}")
            self.restoreState()

    return NumberedCanvas


def write_document(
    story: list[Flowable],
    out: Path | io.BytesIO,
    meta: Mapping[str, str],
    footer: str,
    issued_on: dt.date,
    invariant: bool = True,
    margins: tuple[float, float] = (14 * mm, 20 * mm),
    progress: Callable[[int], None] | None = None,
) -> int:
    """Lay out ``story`` on A4 with the house footer and PDF metadata (``meta``: title,
    author, subject, keywords; language German) and write it to ``out``: a buffer, or a path
    that must not exist yet (FileExistsError). Returns the number of pages; ``progress`` is
    called with each finished page number."""
    fonts.register()
    top, bottom = margins
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=top,
        bottomMargin=bottom,
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        creator=f"KIM Desktop {__version__}",
        producer=f"KIM Desktop {__version__} (ReportLab)",
        keywords=[meta["keywords"]],  # joined with ", ": one entry is the text itself
        lang="de-DE",
        invariant=1 if invariant else 0,
        initialFontName=fonts.REGULAR,
    )
    if progress is not None:
        doc.afterPage = lambda: progress(doc.page)  # type: ignore[method-assign]
    doc.build(story, canvasmaker=numbered_canvas(footer, issued_on, invariant))
    payload = buffer.getvalue()
    if isinstance(out, io.BytesIO):
        out.write(payload)
    else:
        # Never overwrite an existing file; private to the user (documents name clients).
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:  # a full disk: no half-written document stays behind
            out.unlink(missing_ok=True)
            raise
    return doc.page
