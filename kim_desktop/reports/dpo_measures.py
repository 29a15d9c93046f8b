"""Two of the papers for the data-protection officer (``dpo_pack.py`` has the third and the
shared layout): the technical and organisational measures (Art. 32 DSGVO) and the deletion
concept. Every number comes from ``DpoPack``."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from kim_desktop.core.documents.dpo_pack import DpoPack
from kim_desktop.reports.access_copy import german_years
from kim_desktop.reports.dpo_layout import Paper, number
from kim_desktop.reports.page import escape

BLANK = "_" * 60


def _yes(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def _encryption(paper: Paper) -> list[Flowable]:
    pack = paper.pack
    e, kdf = pack.encryption, pack.key_derivation
    rows = (
        (
            "Verfahren",
            f"SQLCipher {escape(e.sqlcipher_version)} (Kryptobibliothek "
            f"{escape(e.provider)}); eine verschlüsselte Datei je Nutzer:in",
        ),
        ("Chiffre", f"{escape(e.cipher)} je Datenbankseite"),
        ("Seitengröße", f"{number(e.page_size)} Byte"),
        (
            "Integrität",
            _yes(
                e.hmac,
                f"jede Seite mit {escape(e.hmac_algorithm)} gesichert; eine veränderte Seite "
                "wird beim Lesen erkannt",
                "keine Seiten-HMAC",
            ),
        ),
        (
            "Unverschlüsselter Teil",
            f"nur das zufällige Salt am Dateianfang ({kdf.salt_bytes} Byte, kein Geheimnis); "
            f"zusätzlicher Klartext-Kopf: {e.plaintext_header_bytes} Byte",
        ),
        (
            "Schlüsselableitung",
            f"{kdf.algorithm} aus Passphrase und Salt: Speicher {number(kdf.memory_kib)} KiB "
            f"({number(kdf.memory_kib // 1024)} MiB), {kdf.iterations} Durchläufe, "
            f"Parallelität {kdf.lanes}; Schlüssel {kdf.key_bits} Bit (Dateiformat "
            f"{kdf.format_version})",
        ),
        (
            "SQLCipher-eigene Ableitung",
            f"nicht angewandt: der Schlüssel wird als Rohschlüssel übergeben, "
            f"{escape(e.kdf_algorithm)} mit {number(e.kdf_iterations)} Iterationen "
            "(Voreinstellung von SQLCipher 4) entfällt. Den Schlüssel der Seiten-HMAC leitet "
            f"SQLCipher mit {e.hmac_kdf_iterations} PBKDF2-Durchläufen aus dem Schlüssel ab.",
        ),
        (
            "Passphrase",
            f"mindestens {pack.access.min_passphrase_default} Zeichen (Voreinstellung); eine "
            "Richtlinie der IT kann einen Wert von "
            f"{pack.access.passphrase_range[0]} bis {pack.access.passphrase_range[1]} Zeichen "
            f"festlegen. {_policy_value(pack.access.min_passphrase_policy, 'Zeichen', pack)}",
        ),
        (
            "Dateirechte",
            f"{escape(e.file_mode)}: nur die Inhaberin / der Inhaber liest und schreibt",
        ),
        (
            "Temporäre Daten",
            _yes(
                e.temp_store_memory,
                "nur im Arbeitsspeicher (temp_store = MEMORY)",
                "auf der Platte",
            )
            + f"; Rollback-Journal ({escape(e.journal_mode)}) verschlüsselt wie die Datei "
            "und nur während eines Schreibvorgangs vorhanden",
        ),
        (
            "Gelöschte Datensätze",
            _yes(
                e.secure_delete,
                "werden überschrieben (secure_delete = ON)",
                "werden nicht überschrieben",
            ),
        ),
    )
    return [paper.h1("1 Verschlüsselung der Falldatei (Art. 32 Abs. 1 lit. a)"), paper.facts(rows)]


def _policy_value(value: int | None, unit: str, pack: DpoPack) -> str:
    if value is None:
        return "Auf diesem Rechner legt keine Richtlinie einen Wert fest."
    where = f" ({escape(pack.access.policy_file)})" if pack.access.policy_file else ""
    return f"Richtlinie auf diesem Rechner{where}: {value} {unit}."


def _access(paper: Paper) -> list[Flowable]:
    a = paper.pack.access
    policy = _policy_value(a.auto_lock_policy, "Minuten", paper.pack)
    if a.auto_lock_policy is not None and a.auto_lock_locked:
        policy += " Die Nutzer:innen können den Wert nicht ändern."
    rows = (
        (
            "Automatische Sperre",
            f"nach {a.auto_lock_default} Minuten ohne Eingabe (Voreinstellung; einstellbar "
            f"{a.auto_lock_range[0]}–{a.auto_lock_range[1]} Minuten). {policy}",
        ),
        (
            "Sperren",
            "jederzeit mit Strg+L; die Sperre leert alle Ansichten, schließt offene "
            "Formulare (die Eingaben bleiben als Entwurf in der verschlüsselten Datei) und "
            "schließt die Datei.",
        ),
        (
            "Falsche Passphrase",
            "ändert nichts an der Datei, nicht einmal ihren Zeitstempel.",
        ),
        (
            "Gleichzeitige Nutzung",
            "eine Sperrdatei neben der Falldatei sorgt dafür, dass Passphrasenwechsel und "
            "Wiederherstellung nie mit einem Schreibvorgang eines anderen Programms "
            "zusammenfallen.",
        ),
        _recovery_row(paper),
    )
    return [paper.h1("2 Zugangs- und Zugriffskontrolle"), paper.facts(rows)]


def _recovery_row(paper: Paper) -> tuple[str, str]:
    r = paper.pack.recovery
    state = (
        f"Diese Datei hat einen (Kennung {escape(r.key_id)}, erstellt {escape(r.created or '')})."
        if r.key_id
        else "Diese Datei hat keinen."
    )
    return (
        "Wiederherstellungsschlüssel",
        f"auf Wunsch: {r.entropy_bits} Bit Zufall, gedruckt einmal auf einem Blatt "
        f"({r.groups} Gruppen zu je {r.characters_per_group} Zeichen, je mit Prüfzeichen). "
        f"Aus ihm wird ein Schlüsselpaar abgeleitet ({escape(r.derivation)}); nur der "
        "öffentliche Teil liegt in der verschlüsselten Datei. Der Schlüssel der Datei wird "
        f"an ihn versiegelt ({escape(r.seal)}) und liegt in der Datei "
        f"„…{escape(r.sidecar_suffix)}“ neben der Falldatei und jeder Sicherung. Der Weg "
        f"über die Passphrase bleibt unverändert. {state}",
    )


def _integrity(paper: Paper) -> list[Flowable]:
    rows = (
        (
            "Transaktionen",
            "jeder Schreibvorgang ganz oder gar nicht; ein Abbruch wird beim nächsten Öffnen "
            "zurückgerollt.",
        ),
        (
            "Sicherung und Wiederherstellung",
            "Sicherungen sind verschlüsselte Kopien mit demselben Schlüssel. Vor dem "
            "Ersetzen einer Datei werden Verschlüsselung (cipher_integrity_check), Aufbau "
            "(integrity_check) und Verweise (foreign_key_check) geprüft.",
        ),
        (
            "Passphrase ändern",
            "schreibt eine vollständige neue Datei, prüft sie und tauscht sie dann aus: "
            "ein Absturz hinterlässt die alte oder die neue Datei.",
        ),
    )
    return [paper.h1("3 Integrität und Verfügbarkeit (lit. b, c)"), paper.facts(rows)]


def _logging(paper: Paper) -> list[Flowable]:
    log = paper.pack.logging
    rows = (
        (
            "Protokoll in der Datei",
            "jede Änderung mit Zeitpunkt, handelnder Person, Vorgang, Art und Kennung des "
            "Datensatzes – nie mit Inhalten.",
        ),
        (
            "Logdateien",
            f"je Programm eine Datei, Rotation bei {number(log.max_bytes)} Byte, "
            f"{log.backups} ältere Dateien, nur für die Nutzer:in lesbar. Sie verzeichnen, "
            "was das Programm tat (Anzahlen, Arten, Fehlerklassen), nie personenbezogene "
            "Daten; Fehlermeldungen werden ohne ihren Text geschrieben. Eigene Einträge ab "
            f"Stufe {log.own_level}, die anderer Bibliotheken ab {log.library_level}.",
        ),
        (
            "Fehlermeldungen",
            "nennen Dateien, Datensätze per Kennung und Felder, nie deren Werte.",
        ),
    )
    return [paper.h1("4 Protokollierung"), paper.facts(rows)]


def _statistics(paper: Paper) -> list[Flowable]:
    st = paper.pack.statistics
    rows = (
        (
            "Was die Koordinierungsstelle erhält",
            "nur Anzahlen je Kommune und Zeitraum (Kennzahlen) ohne Merkmale einzelner "
            "Personen; keine Namen, Geburtsdaten, Freitexte oder Kennungen von Personen und "
            "Fällen.",
        ),
        (
            "Schwelle k",
            f"k = {st.k} ({escape(paper.source())}; Voreinstellung {st.default_k}, zulässig "
            f"{st.k_range[0]}–{st.k_range[1]}).",
        ),
        (
            "Demografische Angaben",
            "nur für das ganze Gebiet einer Fallmanagerin / eines Fallmanagers und nur für "
            "abgeschlossene Kalenderjahre; je Kommune, je Quartal und für laufende Jahre "
            "werden sie zurückgehalten.",
        ),
        (
            "Zufallsüberlagerung",
            f"Anzahlen von 1 bis {st.k - 1} werden nie veröffentlicht (sie werden 0 oder "
            f"{st.k}); Anzahlen ab {st.k} weichen um höchstens ±{st.deviation} ab; die "
            f"größte Abweichung eines Werts beträgt damit {st.deviation_bound}. Dieselben "
            "Personen ergeben stets denselben Wert; das Geheimnis dazu verlässt die "
            "verschlüsselte Datei nie.",
        ),
        (
            "Strukturlücken",
            "werden vor der Weitergabe mit den Namen (Namensteile ab "
            f"{st.min_name_length} Buchstaben), Geburtsdaten, Telefonnummern, E-Mail-"
            "Adressen und Anschriften aller Klient:innen der Datei verglichen und auf "
            "Muster (Daten, Telefonnummern, E-Mail, Aktenzeichen) geprüft; ein Treffer "
            "verhindert die Ausgabe.",
        ),
        (
            "Vorschau",
            "vor dem Speichern zeigt das Programm genau, was den Rechner verlässt.",
        ),
    )
    return [paper.h1("5 Anonymisierung der Berichte (lit. a)"), paper.facts(rows)]


def _bundle(paper: Paper) -> list[Flowable]:
    b = paper.pack.bundle
    rows = (
        ("Dateikennung", f"„{escape(b.magic)}“ am Dateianfang"),
        (
            "Signatur",
            f"{b.signature} ({b.signature_bytes} Byte) mit dem Schlüssel der Datei; deckt "
            "Kopf und Inhalt",
        ),
        (
            "Verschlüsselung",
            f"{b.key_agreement} (öffentliche Schlüssel {b.public_key_bytes} Byte) mit einem "
            f"neuen Einmalschlüssel je Bündel und dem Schlüssel der Koordinierungsstelle, "
            f"{b.key_derivation}, dann {b.aead} ({b.aead_key_bits}-Bit-Schlüssel, Nonce "
            f"{b.nonce_bytes} Byte); der Klartext-Kopf ist als Zusatzdaten mit "
            "authentisiert.",
        ),
        (
            "Prüfung beim Einlesen",
            f"höchstens {b.max_bundle_mib} MiB; jede Veränderung eines Bytes und unplausible "
            "Inhalte werden abgewiesen, bevor etwas gespeichert wird; Bündel unbekannter "
            "Absender nur nach ausdrücklicher Bestätigung.",
        ),
        (
            "Schlüsselvergleich",
            f"Fingerabdrücke aus {b.fingerprint_digits} Ziffern, am Telefon zu vergleichen; "
            "die Kreiskonfiguration ist mit demselben Verfahren signiert und bindet beim "
            "ersten Einlesen den Schlüssel der Koordinierungsstelle.",
        ),
        (
            "Fallübergabe",
            f"dasselbe Verfahren mit eigener Dateikennung „{escape(paper.pack.handover.magic)}“ "
            f"und eigener Schlüsselableitung („{escape(paper.pack.handover.kdf_info)}“), "
            "sodass eine Übergabe nie als Bündel gelesen werden kann und umgekehrt; "
            "verschlüsselt für ein eingetragenes, nicht widerrufenes Teammitglied.",
        ),
        (
            "Netzwerk",
            "keine Verbindung: Bündel und Konfigurationen sind Dateien (USB-Stick, E-Mail, "
            "Netzlaufwerk).",
        ),
    )
    return [paper.h1("6 Übermittlung an die Koordinierungsstelle (Bündel)"), paper.facts(rows)]


def _organisational(paper: Paper) -> list[Flowable]:
    rows = (
        (
            "Unverschlüsselte Ausgaben",
            "Auskunft nach Art. 15 (PDF und JSON) und JSON-Export sind Klartext; das "
            "Programm weist darauf hin. Auch Formulare und Berichte als PDF sind Klartext. "
            "Sie sind nur auf verschlüsselten Datenträgern abzulegen und nach der Übergabe "
            "zu löschen.",
        ),
        ("Verschlüsselung der Laptops", BLANK),
        ("Aufbewahrung der Sicherungskopien", BLANK),
        ("Regeln für Passphrasen und Vertretung", BLANK),
        ("Schulung und Verpflichtung", BLANK),
    )
    return [
        paper.h1("7 Organisatorische Maßnahmen (von der verantwortlichen Stelle zu ergänzen)"),
        paper.facts(rows),
    ]


def measures_story(pack: DpoPack) -> list[Flowable]:
    """Technische und organisatorische Maßnahmen nach Art. 32 DSGVO."""
    paper = Paper(pack)
    return [
        *paper.header(
            "Technische und organisatorische Maßnahmen",
            "nach Art. 32 DSGVO – was KIM Desktop tut",
        ),
        *_encryption(paper),
        *_access(paper),
        *_integrity(paper),
        *_logging(paper),
        *_statistics(paper),
        *_bundle(paper),
        *_organisational(paper),
        *paper.sign_off(),
    ]


# -- Löschkonzept ------------------------------------------------------------------------------


def _rules(paper: Paper) -> list[Flowable]:
    pack = paper.pack
    rows = [(escape(r.what), escape(r.due), escape(r.reason)) for r in pack.retention_rules]
    low, high = pack.retention_range
    log = pack.logging
    rows += [
        (
            "Entwürfe (nicht gespeicherte Formulareingaben)",
            "sobald das Formular gespeichert oder verworfen wird",
            "–",
        ),
        (
            "Logdateien",
            f"laufend: bei {number(log.max_bytes)} Byte wird rotiert, die älteste von "
            f"{log.backups} Dateien überschrieben (ohne personenbezogene Daten)",
            "–",
        ),
        (
            "Protokoll in der Datei",
            "bleibt mit der Datei bestehen; es enthält keine Inhalte",
            "–",
        ),
        (
            "Kennzahlen bei der Koordinierungsstelle",
            "anonym; unterliegen keiner personenbezogenen Löschfrist",
            "–",
        ),
        (
            "Sicherungskopien",
            "enthalten den Stand ihres Erstellungstags; sie sind nach den Regeln der "
            "verantwortlichen Stelle zu vernichten: " + BLANK[:30],
            "–",
        ),
        (
            "Ausgaben (PDF, JSON)",
            "nach der Übergabe zu löschen (Klartext)",
            "–",
        ),
    ]
    return [
        paper.p(
            f"Aufbewahrungsfrist: <b>{escape(german_years(pack.configuration.retention_years))}"
            f"</b> nach Abschluss eines Falls ({escape(paper.source())}; zulässig "
            f"{low}–{high} Jahre). "
            "Das Einwilligungsformular verspricht die Löschung spätestens nach dieser Frist "
            "oder sofort nach dem Widerruf, sofern keine gesetzliche Aufbewahrungspflicht "
            "besteht."
        ),
        paper.listing(("Daten", "Fällig zur Löschung", "Kennung"), rows, (58, 0, 30)),
    ]


def _monitoring(paper: Paper) -> list[Flowable]:
    return [
        paper.p(
            "Das Programm ermittelt bei jedem Aufruf, was fällig ist: auf der Kommandozeile mit "
            "<i>kim retention DATEI</i>, im Fenster in der Ansicht „Aufbewahrung“ und als "
            "Hinweis auf der Übersicht. Angezeigt wird auch, was in den nächsten "
            f"{paper.pack.soon_days} Tagen fällig wird. Ein wieder eröffneter Fall ist nicht "
            "fällig; eine nach dem Widerruf neu erteilte Einwilligung beendet die Fälligkeit."
        )
    ]


def erasure_section(paper: Paper) -> list[Flowable]:
    """The erasure procedure (``dpo_erasure.py``): kept apart, see there."""
    erasure = paper.pack.erasure
    out: list[Flowable] = []
    if not erasure.implemented:
        out.append(
            paper.p(
                "Hinweis: Dieser Abschnitt beschreibt das vorgesehene Verfahren; es ist in "
                f"KIM Desktop {escape(paper.pack.version)} noch nicht enthalten. Bis dahin "
                "zeigt das Programm nur an, was fällig ist.",
                "note",
            )
        )
    commands = "<br/>".join(f"<i>{escape(c)}</i>" for c in erasure.commands)
    rows = (
        ("Aufruf", commands),
        ("Fall löschen", escape(erasure.case)),
        ("Klient:in löschen", escape(erasure.client)),
        ("Ablauf", "<br/>".join(f"– {escape(step)}" for step in erasure.steps)),
        ("Protokoll", escape(erasure.audit)),
        ("Statistik", escape(erasure.residue)),
    )
    out.append(paper.facts(rows))
    return out


def deletion_story(pack: DpoPack) -> list[Flowable]:
    """Löschkonzept."""
    paper = Paper(pack)
    return [
        *paper.header("Löschkonzept", "Aufbewahrung und Löschung in KIM Desktop"),
        paper.h1("1 Regellöschfristen"),
        *_rules(paper),
        paper.h1("2 Überwachung der Fristen"),
        *_monitoring(paper),
        paper.h1("3 Durchführung der Löschung"),
        *erasure_section(paper),
        paper.h1("4 Zuständigkeiten (von der verantwortlichen Stelle zu ergänzen)"),
        paper.facts(
            (
                ("Löschung in den Falldateien", BLANK),
                ("Vernichtung alter Sicherungen", BLANK),
                ("Kontrolle", BLANK),
            )
        ),
        *paper.sign_off(),
    ]
