"""The language choice of the printed documents: the languages with a text in force (built in
or the district's), each by its own name ("العربية (ar)", "Türkçe (tr)"); a language without
text is never offered (core/casefile/document_texts.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from kim_desktop.core.casefile.document_texts import GERMAN, Texts


def fill_languages(
    combo: QComboBox, texts: Texts, document: str, chosen: str, german_only: bool = True
) -> None:
    """Fill ``combo`` with the languages ``document`` has a text in and select ``chosen``
    (else the first). ``german_only``: German is offered as "German only"."""
    names = texts.names(document)
    current = combo.currentData() or chosen
    combo.blockSignals(True)
    combo.clear()
    for code in texts.languages(document):
        if code == GERMAN:
            if not german_only:
                continue
            label = QCoreApplication.translate("DocumentLanguage", "German only")
        else:
            label = f"{names.get(code, code)} ({code})"
        combo.addItem(label, code)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)
