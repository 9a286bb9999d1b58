"""The view maps the board onto a window of the raster's size pixel for pixel."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race


def shown(qtbot: QtBot, raster: g.Raster, width: int, height: int) -> BoardView:
    scene = BoardScene(raster)
    scene.show_content(board_content(mayor_race([50, 40, 30]), UPDATED), animate=False)
    view = BoardView(scene, safe_area_key=None)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_at_the_raster_size_one_scene_pixel_is_one_device_pixel(
    qtbot: QtBot, raster: g.Raster
) -> None:
    view = shown(qtbot, raster, raster.width, raster.height)
    assert view.viewportTransform().isIdentity()
    grabbed = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rendered = QImage(raster.width, raster.height, QImage.Format.Format_RGB32)
    painter = QPainter(rendered)
    painter.setRenderHints(view.renderHints())
    view.scene().render(painter)
    painter.end()
    assert grabbed == rendered  # no border, nothing resampled


@pytest.mark.parametrize(
    ("width", "height", "scale", "dx", "dy"),
    [
        (960, 540, 0.5, 0, 0),
        (1000, 800, 1000 / 1920, 0, 118),
        (1001, 400, 400 / 1080, 144, 0),
    ],
)
def test_any_other_window_letterboxes_the_whole_board(
    qtbot: QtBot, width: int, height: int, scale: float, dx: int, dy: int
) -> None:
    view = shown(qtbot, g.HD, width, height)
    transform = view.viewportTransform()
    assert transform.m11() == transform.m22() == scale
    assert (transform.dx(), transform.dy()) == (dx, dy)
