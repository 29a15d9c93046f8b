"""Agreed steps for the goals of a demo file (issue 16). The interchange format has no field
for steps, so ``kim demo`` and the window's demo file add them after importing the demo
document: one to three realistic steps per goal, in one audited transaction, those due
before the demo's last day done, except an open goal's last. Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Mapping
from typing import Any

from kim_desktop.core.casefile.models import GoalStep
from kim_desktop.core.casefile.storage import CaseFile

# What is agreed towards each life area's demo goal, and who takes it on.
STEP_TEXTS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "family": (
        ("Anmeldung im Kita-Portal der Stadt", "Klientin"),
        ("Gespräch mit der Kita-Leitung vereinbaren", "Case Management"),
        ("Antrag auf Bildung und Teilhabe stellen", "Klientin"),
    ),
    "health": (
        ("Hausarztpraxis mit freien Plätzen heraussuchen", "Case Management"),
        ("Termin zur Erstuntersuchung vereinbaren", "Klientin"),
        ("Krankenversicherungskarte beantragen", "Klient"),
    ),
    "residence": (
        ("Unterlagen für die Verlängerung zusammenstellen", "Klientin"),
        ("Termin bei der Ausländerbehörde buchen", "Case Management"),
        ("Passfotos und Mietbescheinigung besorgen", "Klient"),
    ),
    "housing": (
        ("Wohnberechtigungsschein beantragen", "Klientin"),
        ("Bei zwei Wohnungsgesellschaften vormerken lassen", "Case Management"),
        ("Mietkostenübernahme mit dem Jobcenter klären", "Leistungsabteilung Jobcenter"),
    ),
    "language": (
        ("Einstufungstest beim Kursträger machen", "Klientin"),
        ("Kinderbetreuung während des Kurses klären", "Case Management"),
        ("Fahrtkostenerstattung beantragen", "Klient"),
    ),
    "work": (
        ("Lebenslauf gemeinsam schreiben", "Case Management"),
        ("Anerkennung des Berufsabschlusses prüfen lassen", "Anerkennungsberatung IQ"),
        ("Drei Bewerbungen abschicken", "Klient"),
    ),
    "livelihood": (
        ("Kontoauszüge der letzten drei Monate mitbringen", "Klientin"),
        ("Antrag gemeinsam ausfüllen", "Case Management"),
        ("Nachfrage zum Bearbeitungsstand", "Leistungsabteilung Jobcenter"),
    ),
    "mobility": (
        ("Sozialticket beantragen", "Klientin"),
        ("Umschreibung des Führerscheins erfragen", "Case Management"),
    ),
    "participation": (
        ("Probetraining im Sportverein besuchen", "Klient"),
        ("Mitgliedsbeitrag über Bildung und Teilhabe klären", "Case Management"),
    ),
}


def add_demo_steps(
    casefile: CaseFile, document: Mapping[str, Any], seed: int, today: dt.date | None = None
) -> int:
    """Give the demo document's goals (already imported) their steps, those due before
    ``today`` (the demo's last day) done but an open goal's last; returns how many."""
    rng = random.Random(f"steps-{seed}")
    today = today or dt.date.today()
    count = 0
    with casefile.transaction() as session:
        for goal in document.get("goals", []):
            texts = STEP_TEXTS.get(goal.get("life_area") or "")
            if not texts or rng.random() < 0.2:  # some goals have no steps recorded
                continue
            agreed = dt.date.fromisoformat(goal["agreed_on"])
            chosen = texts[: rng.randint(1, len(texts))]
            for position, (what, who) in enumerate(chosen):
                due = agreed + dt.timedelta(days=14 * (position + 1))
                # An open goal's last step is still to do; the others are done when due.
                pending = goal.get("status") == "open" and position == len(chosen) - 1
                early = dt.timedelta(days=rng.randint(0, 5))
                done = None if pending or due >= today else max(due - early, agreed)
                session.add(
                    GoalStep(
                        id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                        goal_id=goal["id"],
                        position=position,
                        what=what,
                        who=who,
                        due_on=due,
                        done_on=done,
                    )
                )
                count += 1
    return count
