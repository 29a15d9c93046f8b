"""The erasure section of the deletion concept (``dpo_pack.py``), kept apart on purpose.

It states, in German as the papers print it, what ``kim erase`` and the window's erasure do
(DESIGN.md §10; ``core/casework/erasure.py``, ``core/sync/erasure.py``,
``core/figures/residue.py``; docs/erasure.md). The constants it names are read from there;
tests/test_dpo_pack.py holds the sentences against the code."""

from __future__ import annotations

from dataclasses import dataclass

from kim_desktop.core.casework import erasure
from kim_desktop.core.figures import residue


@dataclass(frozen=True)
class ErasureProcedure:
    implemented: bool
    commands: tuple[str, ...]
    case: str  # what erasing a case removes
    client: str  # what erasing a client removes
    steps: tuple[str, ...]  # how the erasure is carried out
    audit: str
    residue: str


def erasure_procedure() -> ErasureProcedure:
    return ErasureProcedure(
        implemented=True,
        commands=(
            "kim erase DATEI --case ID [--yes]",
            "kim erase DATEI --client ID [--yes]",
            "kim erase DATEI --due [--yes]",
        ),
        case=(
            "Das Löschen eines Falls entfernt den Fall mit seinen Terminen, Einschätzungen, "
            "Zielen, Verweisungen, dem Phasenverlauf, den Notizen und der Wiedervorlage sowie "
            "die Klient:innen des Falls, die in keinem anderen Fall stehen."
        ),
        client=(
            "Das Löschen einer Klientin oder eines Klienten entfernt die Person mit ihren "
            "Einwilligungen, Einschätzungen und Fallzugehörigkeiten; ein Fall, dessen einziges "
            "Mitglied sie ist, wird mit gelöscht. In Fällen, die sie mit anderen teilt, werden "
            "die Freitexte geleert, die sie nennen (Notizen des Falls, seiner Termine und "
            "Einschätzungen; der Wortlaut eines Ziels wird zu "
            f"„{erasure.ERASED_TEXT}“): ein Text nennt die Person, wenn er ein Wort ihres "
            f"Vor- oder Familiennamens von mindestens {erasure.MIN_NAME_WORD} Buchstaben "
            "enthält. Ist die Verarbeitung einer Person eingeschränkt (Art. 18 DSGVO), wird "
            "sie nicht gelöscht, bis die Einschränkung aufgehoben ist; „alle fälligen“ lässt "
            "sie und ihre Fälle aus."
        ),
        steps=(
            "Vor dem Löschen nennt das Programm, was gelöscht wird, und verlangt eine "
            "Bestätigung (im Fenster; auf der Kommandozeile --yes).",
            "Alles geschieht in einer einzigen Transaktion mit eingeschaltetem SQLite-"
            "„secure_delete“: ganz oder gar nicht. Hat ein anderes Programm die Datei seit "
            "der Anzeige geändert, wird nichts gelöscht.",
            "Danach wird die Datei neu geschrieben (eine frische verschlüsselte Kopie, die "
            "atomar an die Stelle der alten tritt), sodass keine freigegebene Seite gelöschte "
            "Inhalte behält.",
            "Nicht gespeicherte Formularentwürfe zu den gelöschten Datensätzen werden "
            "ebenfalls gelöscht.",
            "Dasselbe ist im Fenster möglich (Fallansicht, Klient:innen, Ansicht "
            "„Aufbewahrung“); dort muss vor dem Löschen bestätigt werden, dass die Daten "
            "gelöscht werden dürfen.",
            "Sicherungskopien, die vor dem Löschen erstellt wurden, enthalten die Daten "
            "weiterhin; sie sind nach den Regeln der verantwortlichen Stelle zu vernichten.",
        ),
        audit=(
            f"Das Protokoll erhält einen Eintrag „{erasure.AUDIT_ENTITY}“ mit der Art der "
            "Löschung (Fall, Klient:in, alle fälligen), Zeitpunkt und handelnder Person, ohne "
            "Kennungen und ohne Namen."
        ),
        residue=(
            "Ein anonymer statistischer Rest (Tabelle "
            f"„{residue.TABLE}“: Anzahlen je abgelaufenem Kalenderjahr bzw. Quartal, "
            "Kommune und Kennzahl, über alle Löschungen summiert; keine Kennungen, kein Datum "
            "genauer als ein Quartal, kein Text) sorgt dafür, dass die Kennzahlen "
            "abgelaufener Jahre und Quartale unverändert bleiben. Kennzahlen von Zeiträumen, "
            "die nach der Löschung enden, können sich ändern."
        ),
    )
