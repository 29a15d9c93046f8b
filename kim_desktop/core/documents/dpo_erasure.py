"""The erasure section of the deletion concept (``dpo_pack.py``), kept apart on purpose.

Erasure (DESIGN.md §10: ``kim erase``, ``core/casework/erasure.py``, the statistical residue)
is being built beside this code and is not part of this version yet. The text below states
its design as agreed, in German, as the papers print it; ``implemented`` is False, and the
papers say that the section describes the planned procedure. Once erasure is merged, whoever
merges it adjusts these sentences to the code (and reads its constants here instead of
naming them) and sets ``implemented``."""

from __future__ import annotations

from dataclasses import dataclass


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
        implemented=False,
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
            "die Freitextfelder geleert, die sie nennen."
        ),
        steps=(
            "Vor dem Löschen nennt das Programm, was gelöscht wird, und verlangt eine "
            "Bestätigung (im Fenster; auf der Kommandozeile --yes).",
            "Alles geschieht in einer einzigen Transaktion mit eingeschaltetem SQLite-"
            "„secure_delete“: ganz oder gar nicht.",
            "Danach wird die Datei neu geschrieben (eine frische verschlüsselte Kopie, die "
            "atomar an die Stelle der alten tritt), sodass keine freigegebene Seite gelöschte "
            "Inhalte behält.",
            "Nicht gespeicherte Formularentwürfe zu den gelöschten Datensätzen werden "
            "ebenfalls gelöscht.",
            "Dasselbe ist im Fenster möglich (Ansicht „Aufbewahrung“).",
        ),
        audit=(
            "Das Protokoll erhält einen Eintrag „erasure“ mit Zeitpunkt und handelnder "
            "Person, ohne Kennungen und ohne Namen."
        ),
        residue=(
            "Ein anonymer statistischer Rest (Anzahlen je abgelaufenem Kalenderjahr bzw. "
            "Quartal und Kommune, keine Kennungen, kein Datum genauer als ein Quartal, kein "
            "Text) sorgt dafür, dass die Kennzahlen abgelaufener Zeiträume unverändert "
            "bleiben. Kennzahlen von Zeiträumen, die nach der Löschung enden, können sich "
            "ändern."
        ),
    )
