"""The PNG writer in ui/export.py against Qt's own: the same pixels decoded."""

from __future__ import annotations

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
