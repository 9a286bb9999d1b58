"""The PNG writer in ui/export.py against Qt's own: the same pixels decoded."""

from __future__ import annotations

import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import (
    ExportFormat,
    encode,
    fill,
    key,
    png_bytes,
    render_scene,
    straight,
)
from electionboard.ui.export_png import adler32_combine


def qt_png(image: QImage) -> bytes:
    """What the export wrote before: Qt's PNG writer at quality 80."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"PNG")
    writer.setQuality(80)
    assert writer.write(image)
    return bytes(buffer.data().data())


def decoded(data: bytes) -> QImage:
    image = QImage.fromData(data)
    assert not image.isNull()
    return image


def same_file_pixels(ours: bytes, theirs: bytes) -> None:
    mine, qt = decoded(ours), decoded(theirs)
    assert mine.format() == qt.format()
    assert mine == qt


pixels = st.tuples(*(st.integers(0, 255) for _ in range(4)))


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 9),
    height=st.integers(1, 7),
    colours=st.lists(pixels, min_size=1, max_size=63),
    alpha=st.booleans(),
)
@pytest.mark.usefixtures("qapp")
def test_same_pixels_as_qt_writer(
    width: int, height: int, colours: list[tuple[int, int, int, int]], *, alpha: bool
) -> None:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    for index in range(width * height):
        red, green, blue, opacity = colours[index % len(colours)]
        image.setPixelColor(
            index % width, index // width, QColor(red, green, blue, opacity)
        )
    if alpha:
        premultiplied = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        same_file_pixels(
            encode(premultiplied, ExportFormat.RGBA)[""],
            qt_png(straight(premultiplied)),
        )
    else:
        opaque = image.convertToFormat(QImage.Format.Format_RGB888)
        same_file_pixels(png_bytes(opaque), qt_png(opaque))


@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.usefixtures("qapp")
def test_board_export_same_pixels_as_qt_writer(raster: g.Raster) -> None:
    election = load_election(str(sample_snapshots()[-1]))
    scene = BoardScene(raster)
    scene.show_content(
        board_content(tabulate_election(election)[0], election.updated),
        animate=False,
    )
    image = render_scene(scene, transparent=True)
    same_file_pixels(encode(image, ExportFormat.RGBA)[""], qt_png(straight(image)))
    files = encode(image, ExportFormat.KEY_FILL)
    same_file_pixels(files["_fill"], qt_png(fill(image)))
    same_file_pixels(files["_key"], qt_png(key(image)))


def idat_stream(data: bytes) -> bytes:
    """The zlib stream of a PNG's IDAT chunks, joined."""
    stream, at = b"", 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            stream += data[at + 8 : at + 8 + length]
        at += 12 + length
    return stream


def filtered_rows(image: QImage) -> bytes:
    """What the IDAT stream must inflate to: each row after a None filter byte."""
    pixels = image.convertToFormat(QImage.Format.Format_RGBA8888)
    bits = bytes(pixels.constBits())
    row, stride = pixels.width() * 4, pixels.bytesPerLine()
    return b"".join(
        b"\x00" + bits[top : top + row] for top in range(0, len(bits), stride)
    )


@settings(max_examples=60, deadline=None)
@given(
    first=st.binary(max_size=70_000),
    second=st.binary(max_size=70_000),
)
def test_adler32_combine_is_the_sum_of_both(first: bytes, second: bytes) -> None:
    assert adler32_combine(
        zlib.adler32(first), zlib.adler32(second), len(second)
    ) == zlib.adler32(first + second)


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 40])
@pytest.mark.usefixtures("qapp")
def test_parts_make_one_zlib_stream(parts: int) -> None:
    """Parts reach back into the rows before them (the primer), and end on
    byte boundaries; zlib inflates the whole and checks its Adler-32."""
    width, height = 700, 40  # rows of 2,801 bytes: a primer spans 12 of them
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    for y in range(height):
        for x in range(width):
            # Repeats across rows and parts, with a change every few rows.
            image.setPixelColor(x, y, QColor((x * 7) % 256, (y // 3) * 19, x % 5, 200))
    premultiplied = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    data = png_bytes(premultiplied, parts=parts)
    stream = idat_stream(data)
    assert zlib.decompress(stream) == filtered_rows(premultiplied)
    # Back-references across parts keep the file near a one-part encode.
    assert (
        len(stream) < len(idat_stream(png_bytes(premultiplied, parts=1))) + 64 * parts
    )
    same_file_pixels(data, qt_png(straight(premultiplied)))


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 9),
    height=st.integers(1, 7),
    parts=st.integers(1, 9),
    colours=st.lists(pixels, min_size=1, max_size=63),
)
@pytest.mark.usefixtures("qapp")
def test_any_part_count_same_pixels_as_qt_writer(
    width: int, height: int, parts: int, colours: list[tuple[int, int, int, int]]
) -> None:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    for index in range(width * height):
        red, green, blue, opacity = colours[index % len(colours)]
        image.setPixelColor(
            index % width, index // width, QColor(red, green, blue, opacity)
        )
    opaque = image.convertToFormat(QImage.Format.Format_RGB888)
    same_file_pixels(png_bytes(opaque, parts=parts), qt_png(opaque))
    premultiplied = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    same_file_pixels(
        png_bytes(premultiplied, parts=parts), qt_png(straight(premultiplied))
    )


@pytest.mark.parametrize("parts", [1, 3, 8])
@pytest.mark.usefixtures("qapp")
def test_board_in_parts_same_pixels_as_qt_writer(parts: int) -> None:
    election = load_election(str(sample_snapshots()[-1]))
    scene = BoardScene(g.HD)
    scene.show_content(
        board_content(tabulate_election(election)[0], election.updated),
        animate=False,
    )
    image = render_scene(scene, transparent=True)
    data = png_bytes(image, parts=parts)
    assert zlib.decompress(idat_stream(data)) == filtered_rows(image)
    same_file_pixels(data, qt_png(straight(image)))
