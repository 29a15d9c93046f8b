"""One logo of the district configuration the coordinator issues (the district's or the state
programme's, for the statistics report's title page; core/sync/logos.py): a small preview,
a button to choose a PNG or JPEG file and one to remove the logo. The file is read, checked
whole and previewed off the GUI thread (a large image takes a while to decode)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kim_desktop.core.sync import logos
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.views.figures import ERROR_STYLE
from kim_desktop.gui.views.sync.common import documents_folder, message_label

PREVIEW_WIDTH, PREVIEW_HEIGHT = 180, 60  # pixels, about the report's box (85 × 24 mm)


def _thumbnail(data: bytes) -> QImage:
    """The image scaled into the preview box; QImage (not QPixmap) works off the GUI thread."""
    image = QImage.fromData(data)
    return image.scaled(
        PREVIEW_WIDTH,
        PREVIEW_HEIGHT,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class LogoPicker(QWidget):
    """Holds the logo the next export signs: ``image()`` is its bytes, ``b""`` for none."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = b""
        self._request = 0  # a newer choice wins over an older one still being read
        self.preview = QLabel()
        self.preview.setAccessibleName(name)
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.choose_button = QPushButton(self.tr("Choose image …"))
        self.choose_button.setAccessibleName(self.tr("Choose {name}").format(name=name))
        self.choose_button.setToolTip(
            self.tr("PNG or JPEG, at most 512 KiB and 4000 pixels wide and high.")
        )
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove {name}").format(name=name))
        self.problem = message_label()
        self.problem.setAccessibleName(self.tr("{name}: problem").format(name=name))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(lambda: self.set_image(None))
        self.set_image(None)

    def image(self) -> bytes:
        return self.data

    def set_image(self, data: bytes | None) -> None:
        """Show a logo as stored (checked when it was chosen), or none."""
        self._request += 1
        self.data = data or b""
        self.problem.clear()
        self.problem.hide()  # no blank line under the row
        self.remove_button.setEnabled(bool(self.data))
        self.preview.setPixmap(QPixmap())
        self.preview.setText("" if self.data else self.tr("(none)"))
        stored = self.data
        if stored:
            self._run(lambda: (stored, _thumbnail(stored)))

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a logo"),
            str(documents_folder()),
            self.tr("PNG or JPEG images (*.png *.jpg *.jpeg)"),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check the file in the background; shown once it passed."""
        self._request += 1

        def work() -> tuple[bytes, QImage]:
            data = logos.read_logo_file(str(path), self.tr("Logo"))
            return data, _thumbnail(data)

        self._run(work)

    def _run(self, work: Callable[[], tuple[bytes, QImage]]) -> None:
        request = self._request

        def succeeded(result: tuple[bytes, QImage]) -> None:
            if request == self._request:
                self.data = result[0]
                self.problem.clear()
                self.problem.hide()
                self.remove_button.setEnabled(True)
                self.preview.setText("")
                self.preview.setPixmap(QPixmap.fromImage(result[1]))

        def failed(error: BaseException) -> None:
            if request == self._request:
                self.problem.setStyleSheet(ERROR_STYLE)
                self.problem.setText(describe_error(error))
                self.problem.show()

        run_operation(self, lambda _report: work(), succeeded, failed)
