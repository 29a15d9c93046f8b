"""The logos a district configuration may carry (the district's and the state programme's, for
the statistics report's title page; docs/bundle-format.md §4.2): PNG or JPEG bytes, checked
strictly wherever they come from (a signature proves the sender, not the content).

``image_header`` reads the type and size from the bytes themselves (PNG IHDR with its CRC,
JPEG SOF), cheap enough for every read of a stored configuration; ``check_logo`` adds a full
decode with Pillow (reportlab's own image reader), run on export and on import. A problem is a
``LogoInvalid`` with a reason that never quotes the bytes."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from kim_desktop.core.errors import UsageError

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_SIDE = 4000  # pixels, either side
PNG = "PNG"
JPEG = "JPEG"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC are not frames.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # no length follows


class LogoInvalid(ValueError):
    """Why some bytes are not a logo the report can print; the reason never quotes them."""


@dataclass(frozen=True)
class LogoHeader:
    kind: str  # PNG or JPEG
    width: int
    height: int


def image_header(data: bytes) -> LogoHeader:
    """Type and pixel size of PNG or JPEG bytes, read from the header; anything else, too
    large or with an implausible size is refused."""
    if not isinstance(data, bytes) or not data:
        raise LogoInvalid("not a PNG or JPEG image")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoInvalid(f"larger than {MAX_LOGO_BYTES // 1024} KiB")
    if data.startswith(_PNG_SIGNATURE):
        header = _png_header(data)
    elif data.startswith(b"\xff\xd8\xff"):
        header = _jpeg_header(data)
    else:
        raise LogoInvalid("not a PNG or JPEG image")
    if not (0 < header.width <= MAX_LOGO_SIDE and 0 < header.height <= MAX_LOGO_SIDE):
        raise LogoInvalid(f"not 1 to {MAX_LOGO_SIDE} pixels wide and high")
    return header


def _png_header(data: bytes) -> LogoHeader:
    ihdr = data[8:33]  # length, type, 13 bytes of data, CRC
    if len(ihdr) < 25 or ihdr[:8] != b"\x00\x00\x00\x0dIHDR":
        raise LogoInvalid("a damaged PNG image (no header)")
    if zlib.crc32(ihdr[4:21]) != struct.unpack(">I", ihdr[21:25])[0]:
        raise LogoInvalid("a damaged PNG image (header checksum)")
    width, height = struct.unpack(">II", ihdr[8:16])
    return LogoHeader(PNG, width, height)


def _jpeg_header(data: bytes) -> LogoHeader:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker in _JPEG_STANDALONE:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_FRAMES:
            frame = data[position + 4 : position + 9]
            if length < 8 or len(frame) < 5:
                break
            height, width = struct.unpack(">HH", frame[1:5])
            return LogoHeader(JPEG, width, height)
        if marker in (0xD9, 0xDA) or length < 2:  # end of image or scan before any frame
            break
        position += 2 + length
    raise LogoInvalid("a damaged JPEG image (no frame header)")


def check_logo(data: bytes) -> LogoHeader:
    """``image_header`` and a full decode: the bytes are a whole PNG or JPEG image of the
    size its header states, one frame, which Pillow (and so reportlab) reads."""
    header = image_header(data)
    from PIL import Image  # a reportlab dependency; imported only when a logo is checked

    try:
        with Image.open(io.BytesIO(data), formats=[header.kind]) as image:
            if image.size != (header.width, header.height):
                raise LogoInvalid("a damaged image (its size does not match its header)")
            if getattr(image, "n_frames", 1) != 1:
                raise LogoInvalid("an animated image")
            image.load()
    except LogoInvalid:
        raise
    except (  # what Pillow raises for damaged or hostile data
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        IndexError,
        KeyError,
        TypeError,
        struct.error,
        zlib.error,
        Image.DecompressionBombError,
    ):
        raise LogoInvalid(f"a damaged {header.kind} image (it cannot be read)") from None
    return header


def read_logo_file(path: str, option: str) -> bytes:
    """A logo file named on the command line, checked whole; ``""`` gives ``b""`` (remove the
    logo). A missing, too large or unfit file is a usage error naming the option and file."""
    if path == "":
        return b""
    source = Path(path)
    if not source.is_file():
        raise UsageError(f"{option} {source}: no such file.")
    if source.stat().st_size > MAX_LOGO_BYTES:  # not even read
        raise UsageError(f"{option} {source.name}: larger than {MAX_LOGO_BYTES // 1024} KiB.")
    data = source.read_bytes()
    try:
        check_logo(data)
    except LogoInvalid as problem:
        raise UsageError(f"{option} {source.name}: {problem}.") from None
    return data
