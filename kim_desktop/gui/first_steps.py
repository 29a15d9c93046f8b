"""Help → First steps: a short introduction inside the window (until now only in the
README)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class FirstStepsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("First steps"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("First steps"))
        self.text.setOpenExternalLinks(False)
        steps = [
            self.tr(
                "<b>Views.</b> The list on the left (Ctrl+1, Ctrl+2, …) switches between the "
                "overview, cases and clients, appointments, structural gaps, statistics and "
                "the sync bundle."
            ),
            self.tr(
                "<b>A new case.</b> In <i>Cases and clients</i> choose <i>New case</i> "
                "(Ctrl+N), search for the client or create them, then choose municipality "
                "and track."
            ),
            self.tr(
                "<b>Finding a case.</b> Type part of a name in the search box (Ctrl+F); "
                "Down or Enter moves into the list, Enter or a double click opens the case."
            ),
            self.tr(
                "<b>Appointments.</b> Ctrl+T in an open case records an appointment; the "
                "<i>Appointments</i> view shows the week or month."
            ),
            self.tr("<b>Saving.</b> Everything is saved as you go; there is no save button."),
            self.tr(
                "<b>Locking.</b> Ctrl+L locks the window; it also locks itself after some "
                "idle minutes. Unlock it with the passphrase."
            ),
            self.tr(
                "<b>Backups.</b> File → Back up writes an encrypted, verified copy, best "
                "onto an encrypted USB stick. File → Restore from backup puts such a copy "
                "back in place of the case file."
            ),
            self.tr(
                "<b>Keyboard.</b> Tab moves from field to field, Alt with the underlined "
                "letter chooses a button or field, Escape closes a dialog."
            ),
        ]
        self.text.setHtml("<ol>" + "".join(f"<li><p>{step}</p></li>" for step in steps) + "</ol>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 70, metrics.height() * 26)
