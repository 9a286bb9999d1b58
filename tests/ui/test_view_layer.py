"""A view carries a keyed layer over its scene: drawn, repainted where it changes."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene
from pytestqt.qtbot import QtBot

from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView


def strip_scene(colour: str) -> tuple[QGraphicsScene, QGraphicsRectItem]:
    layer = QGraphicsScene(0, 0, 1920, 1080)
    strip = layer.addRect(QRectF(0, 900, 1920, 120))
    strip.setBrush(QColor(colour))
    return layer, strip


def colour_at(view: BoardView, x: float, y: float) -> QColor:
    picture = view.grab().toImage()
    point = view.mapFromScene(x, y)
    return picture.pixelColor(point.x(), point.y())


def test_the_layer_is_drawn_over_the_board_and_follows_its_changes(
    qtbot: QtBot,
) -> None:
    board = BoardScene()
    view = BoardView(board)
    qtbot.addWidget(view)
    view.resize(960, 540)
    view.show()
    qtbot.waitExposed(view)
    under = colour_at(view, 960, 960)
    layer, strip = strip_scene("#ff0000")
    view.set_layer(layer)
    assert view.layer is layer
    assert colour_at(view, 960, 960).name() == "#ff0000"
    assert colour_at(view, 960, 300) != QColor("#ff0000")  # the board shows above
    strip.setBrush(QColor("#00ff00"))
    qtbot.waitUntil(lambda: colour_at(view, 960, 960).name() == "#00ff00")
    view.set_layer(None)
    assert colour_at(view, 960, 960) == under


def test_another_scene_is_fitted_like_the_first(qtbot: QtBot) -> None:
    view = BoardView(BoardScene())
    qtbot.addWidget(view)
    view.resize(960, 540)
    view.show()
    qtbot.waitExposed(view)
    other, _strip = strip_scene("#0000ff")
    view.show_scene(other)
    assert view.scene() is other
    assert view.transform().m11() == 0.5
