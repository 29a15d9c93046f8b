"""The recovery key sheet (Wiederherstellungsschlüssel, issue 15; docs/recovery.md): what it
is, the key in large groups (one box per character, so it reads like a monospaced font), the
file it belongs to, where to keep it and how to use it. German; one page."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.reports import fonts
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    INK,
    RULE,
    escape,
    german_date,
    heading_style,
    write_document,
)

TITLE = "Wiederherstellungsschlüssel"


@dataclass(frozen=True)
class RecoverySheetData:
    file_name: str
    owner: str
    district: str | None
    key_id: str
    created: str  # ISO time stamp of the key
    groups: tuple[str, ...]
    issued_on: dt.date

    def __repr__(self) -> str:  # never the key (tracebacks, logs)
        return f"RecoverySheetData(file_name=…, key_id={self.key_id!r})"


def _styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle(
        "body", fontName=family, fontSize=10, leading=13.5, textColor=INK, spaceAfter=3
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=17, leading=21, textColor=ACCENT
        ),
        "h1": heading_style("h1", base, 11.5, 15, 9, 3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
    }


def _key_table(groups: tuple[str, ...]) -> Table:
    """The groups in two rows of boxes; the check character (last of a group) shaded."""
    rows: list[list[str]] = []
    for start in (0, 4):
        row: list[str] = []
        for index, group in enumerate(groups[start : start + 4], start=start):
            if index > start:
                row.append("–")
            row.extend(group)
        rows.append(row)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    box = 7.2 * mm
    table = Table(rows, colWidths=[box] * width, rowHeights=[11 * mm] * len(rows))
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 17),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    for r, row in enumerate(rows):
        for c, char in enumerate(row):
            if char and char != "–":
                commands.append(("BOX", (c, r), (c, r), 0.6, RULE))
                # Every 6th column (5 characters + dash) ends a group: the check character.
                if (c + 1) % 6 == 5:
                    commands.append(("BACKGROUND", (c, r), (c, r), HEADER_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _facts(data: RecoverySheetData, style: ParagraphStyle) -> Table:
    try:
        created = german_date(dt.date.fromisoformat(data.created[:10]))
    except ValueError:
        created = data.created
    rows = [
        ("Fallakte (Datei)", data.file_name),
        ("Inhaber:in", data.owner),
        ("Kreis / kreisfreie Stadt", data.district or "–"),
        ("Schlüssel erstellt am", created),
        ("Schlüsselkennung", data.key_id),
    ]
    table = Table(
        [[Paragraph(escape(k), style), Paragraph(escape(v), style)] for k, v in rows],
        colWidths=[48 * mm, 122 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (0, -1), fonts.BOLD),
            ]
        )
    )
    return table


def build_recovery_sheet(data: RecoverySheetData, out: Path | io.BytesIO) -> int:
    """Write the sheet to ``out`` (a new file, never over an existing one, or a buffer)."""
    s = _styles()
    p = Paragraph
    story: list[Flowable] = [
        p(TITLE, s["title"]),
        p("für die verschlüsselte KIM-Fallakte — vertraulich, versiegelt aufbewahren", s["body"]),
        Spacer(1, 4 * mm),
        p(
            "Mit diesem Schlüssel lässt sich eine neue Passphrase für die Fallakte setzen, "
            "wenn die Passphrase vergessen wurde. Er gilt für die Datei und für jede "
            "Sicherungskopie, die nach seiner Erstellung angelegt wurde. Wer diesen Schlüssel "
            "und die Datei hat, kann alle Daten der Fallakte lesen.",
            s["body"],
        ),
        p("Der Schlüssel", s["h1"]),
        _key_table(data.groups),
        Spacer(1, 2 * mm),
        p(
            f"{len(data.groups)} Gruppen zu je 5 Zeichen. Das letzte Zeichen jeder Gruppe "
            "(grau hinterlegt) ist ein Prüfzeichen: Ein Tippfehler wird sofort erkannt. "
            "Es kommen nur Ziffern und die Buchstaben A–Z ohne I, L, O und U vor; "
            "Groß- und Kleinschreibung und die Bindestriche sind beim Eintippen egal.",
            s["small"],
        ),
        p("Gehört zu", s["h1"]),
        _facts(data, s["cell"]),
        p("Aufbewahren", s["h1"]),
        p(
            "Aufbewahren wie ein Generalschlüssel: im verschlossenen Umschlag, versiegelt und "
            "unterschrieben, an dem Ort, den die Praxis des Kreises dafür vorsieht (z. B. "
            "Tresor der Koordinierungsstelle oder der Personalstelle) — nie zusammen mit dem "
            "Laptop oder der Sicherungskopie. Der Schlüssel wird nur einmal angezeigt; eine "
            "Kopie dieses Blatts ist so schutzbedürftig wie das Original.",
            s["body"],
        ),
        p(
            f"Die Datei <i>{escape(data.file_name)}.recovery</i> neben der Fallakte (und "
            "neben jeder Sicherungskopie) gehört dazu: Ohne sie hilft der Schlüssel nicht. "
            "Sie ist ohne dieses Blatt nutzlos und darf mit der Datei kopiert werden.",
            s["body"],
        ),
        p("Verwenden", s["h1"]),
        p(
            "Im Programm: beim Entsperren „Passphrase vergessen?“ wählen, den Schlüssel "
            "eintippen und zweimal eine neue Passphrase eingeben.",
            s["body"],
        ),
        p(
            "Auf der Kommandozeile: <b>KIM_RECOVERY_KEY=… kim passwd "
            f"{escape(data.file_name)} --recovery</b> (die neue Passphrase wird "
            "abgefragt oder aus KIM_NEW_PASSPHRASE gelesen).",
            s["body"],
        ),
        p(
            "Wird ein neuer Wiederherstellungsschlüssel erstellt, gilt dieses Blatt nicht "
            "mehr für die Datei und für spätere Sicherungskopien, wohl aber für ältere. "
            "Geht das Blatt verloren: in der Fallakte einen neuen Schlüssel erstellen — "
            "danach öffnet das verlorene Blatt keine neuen Stände mehr.",
            s["body"],
        ),
    ]
    meta = {
        "title": f"{TITLE} — {data.file_name}",
        "author": data.owner,
        "subject": "Wiederherstellungsschlüssel einer KIM-Fallakte",
        "keywords": "KIM, Wiederherstellung",
    }
    footer = f"KIM Desktop · {TITLE} · {data.file_name} · {german_date(data.issued_on)}"
    return write_document(story, out, meta, footer, data.issued_on)
