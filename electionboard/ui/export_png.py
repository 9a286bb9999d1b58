"""The PNG writer for exports: unfiltered rows deflated in parallel parts.

A PNG's pixels are one zlib stream, so the parts are not separate streams:
each part is raw deflate primed with the 32 KiB of rows before it (as pigz
does), ends on a byte boundary with a sync flush (the last one finishes the
stream), and the parts' Adler-32 sums are combined into the stream's. zlib
runs without the GIL, so the parts compress on as many cores as there are,
each reading its rows straight out of the image without a copy.
"""

from __future__ import annotations

import itertools
import os
import struct
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtGui import QImage

PNG_LEVEL = 1
"""zlib level of the IDAT stream: 1, as Qt's quality 80 gave (the level the
watch folder was tuned for), with no row filter. libpng's adaptive filtering
was most of Qt's encode time; unfiltered rows at level 1 encode in about half
the time in fewer bytes for these flat broadcast graphics."""

MAX_PARTS = 8
"""More parts than this gain nothing on a broadcast raster: each is then
under 300 rows of 4K, and the primer and flush cost grows with the count."""

MIN_PART_BYTES = 1 << 20
"""A part smaller than this (raw bytes) costs more in thread hand-off than
it saves: a small image is one part on the calling thread."""

_WINDOW = 32 * 1024  # deflate's window: the most a back-reference reaches
_MEM_LEVEL = 8  # zlib.compress's own, so the bytes match a one-part encode
_ADLER_BASE = 65521
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGBA_COLOUR_TYPE = 6
_RGB_COLOUR_TYPE = 2
_NO_FILTER = b"\x00"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, fastest level, no dict


def png_bytes(image: QImage, *, parts: int | None = None) -> bytes:
    """``image`` encoded as an 8-bit PNG: RGBA (straight alpha) when it has an
    alpha channel, else RGB, as Qt's own writer chose.

    The pixels decode exactly as Qt's writer wrote them. ``parts`` is how
    many row ranges compress at once (None: one per core, as the image's
    size warrants); the file is a valid PNG whatever the count.

    Raises:
        OSError: the image is empty.
    """
    if image.isNull():
        raise OSError("could not encode the PNG: the image is empty")
    if image.hasAlphaChannel():
        # Straight RGBA bytes; a premultiplied image is unpremultiplied as
        # Qt's writer did (the same conversion ``export.straight`` makes).
        pixels = image.convertToFormat(QImage.Format.Format_RGBA8888)
        channels, colour_type = 4, _RGBA_COLOUR_TYPE
    else:
        pixels = image.convertToFormat(QImage.Format.Format_RGB888)
        channels, colour_type = 3, _RGB_COLOUR_TYPE
    width, height = pixels.width(), pixels.height()
    rows = _Rows(
        memoryview(pixels.constBits()), pixels.bytesPerLine(), width * channels
    )
    count = _part_count(height, rows.filtered, parts)
    bounds = [height * index // count for index in range(count + 1)]
    spans = list(itertools.pairwise(bounds))
    if count == 1:
        pieces = [rows.deflate(0, height, final=True)]
    else:
        with ThreadPoolExecutor(count - 1, thread_name_prefix="png") as pool:
            later = [
                pool.submit(rows.deflate, first, last, final=last == height)
                for first, last in spans[1:]
            ]
            pieces = [rows.deflate(*spans[0], final=False)]
            pieces.extend(future.result() for future in later)
    checksum = pieces[0][1]
    for (first, last), (_, adler) in zip(spans[1:], pieces[1:], strict=True):
        checksum = adler32_combine(checksum, adler, (last - first) * rows.filtered)
    stream = b"".join(
        (_ZLIB_HEADER, *(data for data, _ in pieces), struct.pack(">I", checksum))
    )
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"".join(
        (
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", stream),
            _chunk(b"IEND", b""),
        )
    )


class _Rows:
    """An image's rows as PNG's filtered stream: a None filter byte, then the row."""

    def __init__(self, bits: memoryview, stride: int, row: int) -> None:
        self._bits = bits
        self._stride = stride
        self._row = row
        self.filtered = row + 1  # bytes a row takes in the stream

    def _lines(self, first: int, last: int) -> Sequence[memoryview]:
        stride, row = self._stride, self._row
        return [
            self._bits[top : top + row]
            for top in range(first * stride, last * stride, stride)
        ]

    def _primer(self, first: int) -> bytes:
        """The stream's last 32 KiB before row ``first``, as the decoder holds it."""
        start = max(0, first - -(-_WINDOW // self.filtered))
        lines = self._lines(start, first)
        return b"".join(part for line in lines for part in (_NO_FILTER, line))[
            -_WINDOW:
        ]

    def deflate(self, first: int, last: int, *, final: bool) -> tuple[bytes, int]:
        """Rows ``first`` to ``last`` as raw deflate, and their Adler-32.

        Not final: ends with a sync flush, so the next part's deflate
        follows on a byte boundary in the same stream.
        """
        if first == 0:
            compressor = zlib.compressobj(
                PNG_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, _MEM_LEVEL
            )
        else:
            compressor = zlib.compressobj(
                PNG_LEVEL,
                zlib.DEFLATED,
                -zlib.MAX_WBITS,
                _MEM_LEVEL,
                zdict=self._primer(first),
            )
        out = []
        adler = 1
        for line in self._lines(first, last):
            out.append(compressor.compress(_NO_FILTER))
            out.append(compressor.compress(line))
            adler = zlib.adler32(line, zlib.adler32(_NO_FILTER, adler))
        out.append(compressor.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH))
        return b"".join(out), adler


def _part_count(height: int, filtered: int, parts: int | None) -> int:
    if parts is None:
        cores = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1
        )
        parts = min(cores, MAX_PARTS, height * filtered // MIN_PART_BYTES)
    return max(1, min(parts, height))


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings end to end, from each one's sum.

    zlib's ``adler32_combine``, which Python's zlib module does not expose.
    """
    remainder = second_length % _ADLER_BASE
    low = first & 0xFFFF
    high = (remainder * low) % _ADLER_BASE
    low = (low + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    high = (
        high + (first >> 16) + (second >> 16) + _ADLER_BASE - remainder
    ) % _ADLER_BASE
    return low | (high << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC of type and data."""
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
