"""Layout shared by the papers for the data-protection officer (``dpo_pack.py``,
``dpo_measures.py``): German numbers, styles, fact tables, listings, the header every paper
opens with and the sign-off lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kim_desktop.core.documents.dpo_pack import DpoPack
from kim_desktop.reports.consent import PAGE_WIDTH, signature_lines
from kim_desktop.reports.page import (
    ACCENT,
    HEADER_FILL,
    RULE,
    document_styles,
    escape,
    fact_table_style,
    german_date,
)

ROLES = {"casemanager": "Fallmanagement (Falldatei)", "coordinator": "Koordinierungsstelle"}
FILL_IN = "nicht in der Kreiskonfiguration hinterlegt – bitte von Hand eintragen:"


def number(value: int) -> str:
    """A whole number as German texts write it: 65.536."""
    return f"{value:,}".replace(",", ".")


def lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines())


class Paper:
    """Building blocks every paper shares: paragraphs, fact tables, listings, the header."""

    def __init__(self, pack: DpoPack) -> None:
        self.pack = pack
        self.s = document_styles()

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
        table.setStyle(fact_table_style(boxed))
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
