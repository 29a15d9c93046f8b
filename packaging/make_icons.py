"""Render the program icon (kim_desktop/gui/icons/kim-desktop.svg) for the installers.

    python packaging/make_icons.py [OUTPUT_FOLDER]      (default: packaging/build/icons)

Writes ``kim-desktop-<size>.png`` for every size in SIZES (the .deb installs them into the
hicolor icon theme) and ``kim-desktop.ico`` with all of them (the Windows program icon, used by
packaging/kim.spec). Qt's ICO writer puts a single image in a file, so the ICO container is
written here: an ICONDIR header, one ICONDIRENTRY per size and the images as PNG data, which
Windows reads since Vista.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "kim_desktop" / "gui" / "icons" / "kim-desktop.svg"
DEFAULT_OUTPUT = ROOT / "packaging" / "build" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME = "kim-desktop"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon as a ``size`` × ``size`` image with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding the PNG ``images`` (size → PNG data), smallest first."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        if not 0 < size <= 256:
            raise ValueError(f"ICO images are 1 to 256 pixels wide, not {size}")
        dimension = 0 if size == 256 else size  # 0 means 256
        # width, height, palette colours, reserved, colour planes, bits per pixel,
        # length of the image data, where it starts
        entries += struct.pack(
            "<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(images[size]), offset
        )
        offset += len(images[size])
    return header + entries + b"".join(images[size] for size in sizes)


def make_icons(output: Path, svg: Path = SVG, sizes: Sequence[int] = SIZES) -> list[Path]:
    """Write the PNGs and the ICO into ``output``; return the files written."""
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"cannot read {svg}")
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    images: dict[int, bytes] = {}
    for size in sizes:
        images[size] = png_bytes(render(renderer, size))
        path = output / f"{NAME}-{size}.png"
        path.write_bytes(images[size])
        written.append(path)
    ico = output / f"{NAME}.ico"
    ico.write_bytes(ico_bytes(images))
    written.append(ico)
    del app
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the KIM Desktop icon as PNG and ICO.")
    parser.add_argument(
        "output", nargs="?", type=Path, default=DEFAULT_OUTPUT, help="folder for the icons"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for path in make_icons(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
