"""The papers for the data-protection officer (issue 14; docs/dpo-pack.md): the record of
processing activities (Art. 30 Abs. 1 DSGVO) here, the technical and organisational measures
(Art. 32) and the deletion concept in ``dpo_measures.py``. German, A4, the house layout; each
printed number comes from ``core.documents.dpo_pack.DpoPack`` (plain data, no storage).

``write_pack`` lays out all three first and then writes them into a folder, refusing before
anything is written when any of the three names exists already."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.documents.dpo_pack import DELETION_PDF, RECORD_PDF, TOM_PDF, DpoPack
from kim_desktop.core.errors import UsageError
from kim_desktop.reports import fonts
from kim_desktop.reports.access_copy import german_years
from kim_desktop.reports.consent import PAGE_WIDTH, signature_lines
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

ROLES = {"casemanager": "Fallmanagement (Falldatei)", "coordinator": "Koordinierungsstelle"}
FILL_IN = "nicht in der Kreiskonfiguration hinterlegt – bitte von Hand eintragen:"


def number(value: int) -> str:
    """A whole number as German texts write it: 65.536."""
    return f"{value:,}".replace(",", ".")


def lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())


def styles() -> dict[str, ParagraphStyle]:
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
        "caption": ParagraphStyle("caption", parent=base, fontSize=7, leading=8.8),
    }


class Paper:
    """Building blocks every paper shares: paragraphs, fact tables, listings, the header."""

    def __init__(self, pack: DpoPack) -> None:
        self.pack = pack
        self.s = styles()

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def h1(self, text: str) -> Paragraph:
        return self.p(escape(text), "h1")

    def h2(self, text: str) -> Paragraph:
        return self.p(escape(text), "h2")

    def facts(self, rows: Sequence[tuple[str, str]], boxed: bool = False) -> Table:
        """Label and value per row; values are markup (escape plain text first)."""
        table = Table(
            [[self.p(escape(label), "head"), self.p(value, "cell")] for label, value in rows],
            colWidths=[52 * mm, PAGE_WIDTH - 52 * mm],
            hAlign="LEFT",
        )
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
        table.setStyle(TableStyle(commands))
        return table

    def listing(
        self, columns: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> Table:
        """A table with a header row; cells are markup; ``widths`` in mm (0: the rest)."""
        fixed = sum(w * mm for w in widths)
        rest = (PAGE_WIDTH - fixed) / max(1, sum(1 for w in widths if not w))
        col_widths = [w * mm if w else rest for w in widths]
        body: list[list[Any]] = [[self.p(escape(c), "head") for c in columns]]
        body += [[self.p(cell, "cell") for cell in row] for row in rows]
        table = Table(body, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def configured(self, text: str | None) -> str:
        """A controller or DPO text, or the line to fill in by hand (never invented)."""
        if text:
            return lines(text)
        return f"<i>{escape(FILL_IN)}</i><br/><br/>{'_' * 60}"

    def source(self) -> str:
        config = self.pack.configuration
        if not config.present:
            what = "ausgegeben" if self.pack.role == "coordinator" else "eingelesen"
            return f"keine Kreiskonfiguration {what}; es gelten die Voreinstellungen"
        return f"Kreiskonfiguration Nr. {config.serial}"

    def header(self, title: str, subtitle: str) -> list[Flowable]:
        pack = self.pack
        controller = pack.configuration.controller
        kicker = controller.splitlines()[0] if controller else "Kommunales Integrationsmanagement"
        rows = (
            ("Stand", escape(german_date(pack.issued_on))),
            ("Erzeugt mit", escape(f"KIM Desktop {pack.version}")),
            ("Datei", escape(ROLES.get(pack.role, pack.role))),
            ("Kreis / kreisfreie Stadt", escape(pack.district or "–")),
            ("Grundlage der Einstellungen", escape(self.source())),
        )
        return [
            self.p(escape(kicker), "kicker"),
            Spacer(1, 1.5 * mm),
            self.p(escape(title), "title"),
            self.p(escape(subtitle), "subtitle"),
            Spacer(1, 3 * mm),
            self.facts(rows, boxed=True),
            Spacer(1, 2.5 * mm),
            self.p(
                "Dieses Dokument wurde von KIM Desktop aus den Einstellungen der Datei und den "
                "Konstanten des Programms erzeugt; jede Zahl ist die, mit der das Programm "
                "arbeitet. Angaben, die nur die verantwortliche Stelle machen kann, sind als "
                "Leerzeilen zum Ausfüllen gekennzeichnet.",
                "note",
            ),
        ]

    def sign_off(self) -> list[Flowable]:
        captions = ("Ort, Datum", "Verantwortliche Stelle", "Datenschutzbeauftragte:r")
        return [
            KeepTogether(
                [
                    Spacer(1, 8 * mm),
                    self.p("Geprüft und freigegeben", "h2"),
                    signature_lines([self.p(escape(c), "caption") for c in captions]),
                ]
            )
        ]


def _persons(paper: Paper) -> Table:
    rows = (
        (
            "Klient:innen",
            "Ratsuchende Menschen mit Einwanderungsgeschichte in Kurzberatung oder Case "
            "Management; auch vor oder nach einem Fall im Register",
        ),
        (
            "Haushaltsmitglieder",
            "Weitere Personen eines Falls (Rolle „Haushaltsmitglied“ neben der Hauptperson)",
        ),
        (
            "Dritte in Freitexten",
            "Personen, die in Notizen oder Zielen genannt werden (etwa Angehörige, "
            "Ansprechpersonen bei Behörden)",
        ),
        (
            "Nutzer:innen",
            "Fallmanager:innen und Koordinator:innen: Name der Inhaberin / des Inhabers jeder "
            "Datei, handelnde Person im Protokoll, Team der Koordinierungsstelle mit "
            "öffentlichen Schlüsseln",
        ),
    )
    return paper.listing(
        ("Kategorie", "Beschreibung"), [(escape(a), escape(b)) for a, b in rows], (40, 0)
    )


def _data(paper: Paper) -> list[Flowable]:
    pack = paper.pack
    rows = [
        (escape(c.title), escape(", ".join(c.labels)), escape(c.persons))
        for c in pack.data_categories
    ]
    if pack.unclassified:
        rows.append(
            (
                "Noch nicht eingeordnet",
                escape(", ".join(pack.unclassified)),
                "bitte prüfen",
            )
        )
    special = "; ".join(f"{c.where} „{c.label}“" for c in pack.special_categories)
    return [
        paper.listing(("Kategorie", "Gespeicherte Angaben", "Betroffene"), rows, (36, 0, 38)),
        Spacer(1, 2 * mm),
        paper.p(
            "<b>Besondere Kategorien (Art. 9 Abs. 1 DSGVO):</b> Gesundheitsdaten — "
            + escape(special)
            + ". Freitexte können weitere besondere Kategorien enthalten (etwa Gesundheit, "
            "religiöse Überzeugung). Staatsangehörigkeit und Aufenthaltsstatus sind keine "
            "besonderen Kategorien, lassen aber Rückschlüsse auf die Herkunft zu.",
            "cell",
        ),
    ]


def _recipients(paper: Paper) -> list[Flowable]:
    pack = paper.pack
    rows = [(escape(r.name), escape(r.data), escape(r.condition)) for r in pack.recipients]
    return [
        paper.listing(("Empfänger", "Welche Daten", "Voraussetzung"), rows, (42, 0, 55)),
        Spacer(1, 2 * mm),
        paper.p(
            "<b>Stellen der Verweisberatung laut Katalog dieser Datei:</b> "
            + escape(", ".join(pack.referral_targets))
            + ". Bei einer Verweisung an eine Stelle, für die eine Klientin oder ein Klient "
            "die Einwilligung in die Datenübermittlung widerrufen hat, warnt das Programm.",
            "cell",
        ),
    ]


def record_story(pack: DpoPack) -> list[Flowable]:
    """Verzeichnis von Verarbeitungstätigkeiten nach Art. 30 Abs. 1 DSGVO."""
    paper = Paper(pack)
    config, kdf, bundle = pack.configuration, pack.key_derivation, pack.bundle
    measures = (
        f"Falldatei verschlüsselt mit SQLCipher ({escape(pack.encryption.cipher)}, "
        f"Seiten-HMAC {escape(pack.encryption.hmac_algorithm)}); Schlüssel aus der Passphrase "
        f"mit {kdf.algorithm} ({number(kdf.memory_kib)} KiB, {kdf.iterations} Durchläufe, "
        f"Parallelität {kdf.lanes}); automatische Sperre nach {pack.access.auto_lock_default} "
        "Minuten ohne Eingabe (Voreinstellung); Protokoll ohne Inhalte; Logdateien ohne "
        f"personenbezogene Daten; Berichte nur anonym (k = {config.k}), signiert "
        f"({bundle.signature}) und verschlüsselt ({bundle.key_agreement}, {bundle.aead}). "
        f"Einzelheiten: {TOM_PDF}."
    )
    rows = (
        ("Verantwortliche Stelle (Art. 30 Abs. 1 lit. a)", paper.configured(config.controller)),
        ("Datenschutzbeauftragte:r", paper.configured(config.dpo)),
        (
            "Bezeichnung der Verarbeitung",
            "Kommunales Integrationsmanagement (KIM), Baustein Case Management: Fallführung "
            "mit KIM Desktop und anonymisierte Berichterstattung an die Koordinierungsstelle",
        ),
        (
            "Zwecke (lit. b)",
            "Beratung und Begleitung von Menschen mit Einwanderungsgeschichte "
            "(Kurzberatung, Case Management): Aufnahme, Einschätzung der Lebensbereiche, "
            "Zielvereinbarung, Verweisung an andere Stellen, Wiedervorlage, Abschluss; "
            "Nachweis der Einwilligungen; anonyme Kennzahlen für Steuerung, Lenkungsgruppe "
            "und Land.",
        ),
        (
            "Rechtsgrundlage",
            "Einwilligung der betroffenen Person (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a "
            "DSGVO), im Programm je Person als Einwilligung in die Dokumentation erfasst. "
            "Weitere Rechtsgrundlagen ergänzt die verantwortliche Stelle:<br/><br/>" + "_" * 60,
        ),
        (
            "Übermittlung in Drittländer (lit. e)",
            "Keine. Das Programm baut keine Netzwerkverbindung auf; Daten verlassen den "
            "Rechner nur als Dateien, die Nutzer:innen selbst weitergeben.",
        ),
        (
            "Löschfristen (lit. f)",
            f"Abgeschlossene Fälle {escape(german_years(config.retention_years))} nach "
            "Abschluss; nach Widerruf der Einwilligung in die Dokumentation sofort "
            f"({escape(paper.source())}). Einzelheiten: {DELETION_PDF}.",
        ),
        ("Technische und organisatorische Maßnahmen (lit. g)", measures),
    )
    return [
        *paper.header(
            "Verzeichnis von Verarbeitungstätigkeiten",
            "nach Art. 30 Abs. 1 DSGVO – Kommunales Integrationsmanagement mit KIM Desktop",
        ),
        paper.h1("1 Angaben zur Verarbeitung"),
        paper.facts(rows),
        paper.h1("2 Kategorien betroffener Personen (lit. c)"),
        _persons(paper),
        paper.h1("3 Kategorien personenbezogener Daten (lit. c)"),
        *_data(paper),
        paper.h1("4 Kategorien von Empfängern (lit. d)"),
        *_recipients(paper),
        *paper.sign_off(),
    ]


def metadata(title: str, pack: DpoPack) -> dict[str, str]:
    return {
        "title": f"{title} ({german_date(pack.issued_on)})",
        "author": pack.configuration.controller.splitlines()[0]
        if pack.configuration.controller
        else "Kommunales Integrationsmanagement",
        "subject": f"{title} – KIM Desktop {pack.version}",
        "keywords": "KIM, Datenschutz, DSGVO",
    }


Builder = Callable[[DpoPack], list[Flowable]]


def papers() -> tuple[tuple[str, str, Builder], ...]:
    """(file name, title, story) of the three papers."""
    from kim_desktop.reports.dpo_measures import deletion_story, measures_story

    return (
        (RECORD_PDF, "Verzeichnis von Verarbeitungstätigkeiten", record_story),
        (TOM_PDF, "Technische und organisatorische Maßnahmen", measures_story),
        (DELETION_PDF, "Löschkonzept", deletion_story),
    )


def write_pack(pack: DpoPack, folder: Path, invariant: bool = True) -> tuple[Path, ...]:
    """Write the three PDFs into ``folder`` (created if missing). Refuses (UsageError naming
    them) when any of the three exists, before writing anything; a failure removes what this
    call wrote. Returns the paths."""
    targets = [folder / name for name, _title, _story in papers()]
    existing = [path for path in targets if path.exists()]
    if existing:
        raise UsageError(
            "already exist, nothing was written: " + ", ".join(str(p) for p in existing)
        )
    laid_out: list[bytes] = []
    for _name, title, story in papers():
        buffer = io.BytesIO()
        footer = f"{title} · KIM Desktop {pack.version} · Stand {german_date(pack.issued_on)}"
        write_document(
            story(pack), buffer, metadata(title, pack), footer, pack.issued_on, invariant
        )
        laid_out.append(buffer.getvalue())
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path, data in zip(targets, laid_out, strict=True):
            _write_new(path, data)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return tuple(targets)


def _write_new(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError(f"already exists, nothing was written: {path}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
