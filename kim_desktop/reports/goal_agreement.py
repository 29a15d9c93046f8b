"""The goal agreement (Zielvereinbarung / Integrationsplan, issue 6) of a case: who agrees with
whom, the goals grouped by life area with their dates and status, each goal's agreed steps as
stored (done ones marked) with a couple of empty lines for steps agreed while signing, and
signature lines. German, or German with the client's language below each
fixed text (``bilingual.py``; wording in ``core/casefile/data/texts/goal_agreement.*.json``);
the goals and steps themselves are printed as recorded. Deterministic in invariant mode (the date of
issue comes from the caller)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.document_texts import GERMAN, Texts
from kim_desktop.core.documents.document_data import GoalAgreementData, GoalLine, StepLine
from kim_desktop.reports import fonts
from kim_desktop.reports.bilingual import Bilingual
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

STEP_LINES = 3  # empty lines per goal in "Vereinbarte Schritte" when none is stored
SPARE_LINES = 2  # empty lines below a goal's stored steps, for steps agreed while signing


def _styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle("body", fontName=family, fontSize=9, leading=12, textColor=INK)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle(
            "head", parent=base, fontName=fonts.BOLD, fontSize=8.5, leading=10.5
        ),
        "kicker": ParagraphStyle("kicker", parent=base, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        "h1": heading_style("h1", base, 11.5, 15, 8, 4),
        "h2": heading_style("h2", base, 9.5, 12, 5, 2, accent=False),
        "caption": ParagraphStyle("caption", parent=base, fontSize=7, leading=8.8),
    }


def _area_order(goal: GoalLine) -> tuple[int, str]:
    codes = cat.base_catalogues()[cat.LIFE_AREAS].codes
    if goal.life_area is None:
        return (len(codes) + 1, "")
    if goal.life_area in codes:
        return (codes.index(goal.life_area), "")
    return (len(codes), goal.life_area_label)  # a district's own life area


def _grouped(goals: tuple[GoalLine, ...]) -> list[tuple[str, list[GoalLine]]]:
    groups: dict[tuple[int, str], tuple[str, list[GoalLine]]] = {}
    for goal in goals:
        key = _area_order(goal)
        groups.setdefault(key, (goal.life_area_label, []))[1].append(goal)
    return [groups[key] for key in sorted(groups)]


class _Agreement:
    def __init__(self, data: GoalAgreementData, language: str, texts: Texts) -> None:
        self.data = data
        self.s = _styles()
        self.b = Bilingual("goal_agreement", language, self.s, texts)

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def header(self) -> list[Flowable]:
        data, b = self.data, self.b
        names = "<br/>".join(
            escape(f"{m.name} (geb. {german_date(m.birth_date)}) – {m.role_label}")
            for m in data.members
        )
        rows = [
            ("household_label", names or "–"),
            ("case_manager_label", escape(data.case_manager)),
            ("municipality_label", escape(data.municipality)),
            ("opened_label", german_date(data.opened_on)),
            ("agreed_label", german_date(data.agreed_on) if data.agreed_on else "–"),
        ]
        table = Table(
            [[b.text(key, "head"), self.p(value, "cell")] for key, value in rows],
            colWidths=[48 * mm, PAGE_WIDTH - 48 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        return [
            self.p(
                escape(f"{data.municipality} · Kommunales Integrationsmanagement (KIM)"), "kicker"
            ),
            Spacer(1, 1.5 * mm),
            *b.text("title", "title"),
            Spacer(1, 3 * mm),
            table,
            Spacer(1, 3 * mm),
            *b.text("intro"),
        ]

    def numbered(self, number: int, key: str) -> list[Flowable]:
        other = f"{number} {self.b.other[key]}" if self.b.other is not None else None
        return self.b.pair(f"{number} {self.b.get(key)}", other, "h1")

    def goals(self) -> list[Flowable]:
        b = self.b
        out: list[Flowable] = self.numbered(1, "goals_heading")
        if not self.data.goals:
            out += b.text("no_goals")
            return out
        widths = [PAGE_WIDTH - 78 * mm, 24 * mm, 24 * mm, 30 * mm]
        header = ["goal_column", "agreed_column", "due_column", "status_column"]
        for label, goals in _grouped(self.data.goals):
            body: list[list[Any]] = [[b.text(h, "head") for h in header]]
            for goal in goals:
                body.append(
                    [
                        self.p(escape(goal.title), "cell"),
                        self.p(german_date(goal.agreed_on), "cell"),
                        self.p(german_date(goal.due_on), "cell"),
                        self.p(escape(goal.status_label), "cell"),
                    ]
                )
            table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ]
                )
            )
            out += [self.p(escape(label), "h2"), table]
        return out

    def steps(self) -> list[Flowable]:
        b = self.b
        out: list[Flowable] = [
            *self.numbered(2, "steps_heading"),
            *b.text("steps_intro"),
            Spacer(1, 1 * mm),
        ]
        goals: list[GoalLine | None] = list(self.data.goals) or [None]
        widths = [PAGE_WIDTH - 76 * mm, 40 * mm, 36 * mm]  # "erledigt am …" on one line
        for goal in goals:
            if goal is not None:
                area, title = goal.life_area_label, goal.title
                heading: Any = self.p(
                    f"<b>{escape(title)}</b>" + (f" ({escape(area)})" if area else ""), "cell"
                )
            else:
                heading = b.text("further_steps", "head")
            body: list[list[Any]] = [
                [heading, "", ""],
                [b.text(h, "caption") for h in ("step_column", "who_column", "when_column")],
            ]
            stored = goal.steps if goal is not None else ()
            body += [self.step_row(step) for step in stored]
            empty = SPARE_LINES if stored else STEP_LINES
            body += [["", "", ""] for _ in range(empty)]
            table = Table(
                body,
                colWidths=widths,
                rowHeights=[None, None, *([None] * len(stored)), *([7.5 * mm] * empty)],
                hAlign="LEFT",
            )
            table.setStyle(
                TableStyle(
                    [
                        ("SPAN", (0, 0), (-1, 0)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 2), (-1, -1), 0.4, RULE),
                        ("LINEBEFORE", (1, 1), (-1, -1), 0.4, RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ]
                )
            )
            out += [KeepTogether([table, Spacer(1, 3 * mm)])]
        return out

    def step_row(self, step: StepLine) -> list[Any]:
        """What, who and by when of a stored step; a done one says when it was done."""
        when: list[Any] = [self.p(german_date(step.due_on) if step.due_on else "", "cell")]
        if step.done_on is not None:
            when += self.b.text("step_done", "caption", date=german_date(step.done_on))
        return [
            self.p(escape(step.what), "cell"),
            self.p(escape(step.who or ""), "cell"),
            when,
        ]

    def signatures(self) -> list[Flowable]:
        """Place and date, the case manager, then a line for every adult member of the
        household (each named under the line): all of them agree, not only one person."""
        signers = self.data.adults() or (None,)
        captions: list[Any] = [self.b.text("place_date", "caption")]
        for member in signers:
            caption = self.b.text("client_signature", "caption")
            if member is not None:
                caption = [*caption, self.p(escape(member.name), "caption")]
            captions.append(caption)
        captions.append(self.b.text("case_manager_signature", "caption"))
        # Lines in threes: place/date or an empty first slot, then two signatures.
        rows = [captions[:3]]
        rest = captions[3:]
        while rest:
            rows.append(["", *rest[:2], *([""] * (2 - len(rest[:2])))])
            rest = rest[2:]
        lines = [signature_lines(row) for row in rows]
        return [KeepTogether([Spacer(1, 4 * mm), *self.b.text("confirmation"), *lines])]

    def story(self) -> list[Flowable]:
        return [*self.header(), *self.goals(), *self.steps(), *self.signatures()]


def metadata(data: GoalAgreementData) -> dict[str, str]:
    title = document_texts.german("goal_agreement")["title"]
    return {
        "title": f"{title} ({data.municipality}, {german_date(data.issued_on)})",
        "author": data.case_manager or "Kommunales Integrationsmanagement",
        "subject": "Zielvereinbarung im Case Management des Kommunalen Integrationsmanagements",
    }


def build_goal_agreement(
    data: GoalAgreementData,
    out: Path | io.BytesIO,
    invariant: bool = True,
    language: str = GERMAN,
    texts: Texts = document_texts.BUILT_IN,
) -> int:
    """Write the agreement to ``out`` (a path that must not exist yet, or a buffer), in
    German or German with ``language`` below; returns the number of pages. ValueError for a
    language without a text."""
    agreement = _Agreement(data, language, texts)
    footer = f"KIM-Zielvereinbarung · {data.municipality} · Stand {german_date(data.issued_on)}"
    if language != GERMAN:
        footer += f" · {agreement.b.version()}"
    meta = {
        **metadata(data),
        "keywords": "KIM, Zielvereinbarung, Integrationsplan, Case Management",
    }
    return write_document(agreement.story(), out, meta, footer, data.issued_on, invariant)
