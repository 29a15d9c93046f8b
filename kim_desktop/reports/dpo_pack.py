"""The papers for the data-protection officer (issue 14; docs/dpo-pack.md): the record of
processing activities (Art. 30 Abs. 1 DSGVO) here, the technical and organisational measures
(Art. 32) and the deletion concept in ``dpo_measures.py``, the layout in ``dpo_layout.py``.
German; each printed number comes from ``core.documents.dpo_pack.DpoPack`` (plain data, no
storage).

``write_pack`` lays out all three first and then writes them into a folder, refusing before
anything is written when any of the three names exists already."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.documents.dpo_pack import DELETION_PDF, RECORD_PDF, TOM_PDF, DpoPack
from kim_desktop.core.errors import UsageError
from kim_desktop.reports.access_copy import german_years
from kim_desktop.reports.dpo_layout import Paper, number
from kim_desktop.reports.dpo_measures import deletion_story, measures_story
from kim_desktop.reports.page import escape, german_date, write_document

__all__ = ["number", "papers", "record_story", "write_pack"]


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
