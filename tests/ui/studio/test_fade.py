"""The take's crossfade, frame by frame on a clock the test moves."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QImage
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView
from pytestqt.qtbot import QtBot

from electionboard.ui.studio.fade import TAKE_MS, FadeOverlay
from tests.ui.manual_animations import ManualAnimations


def centre_grey(view: QGraphicsView) -> int:
    """The red channel at the middle of what the view shows now."""
    picture = view.grab().toImage()
    return picture.pixelColor(QPoint(picture.width() // 2, picture.height() // 2)).red()


def test_a_held_picture_fades_to_the_live_scene_step_by_step(qtbot: QtBot) -> None:
    scene = QGraphicsScene(0, 0, 160, 90)
    scene.setBackgroundBrush(QBrush(QColor("black")))
    view = QGraphicsView(scene)
    view.setFrameShape(QGraphicsView.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(160, 90)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    animations = ManualAnimations()
    overlay = FadeOverlay(view, animations=animations)
    white = QImage(160, 90, QImage.Format.Format_ARGB32)
    white.fill(QColor("white"))

    overlay.hold(white)
    assert overlay.is_showing()
    assert centre_grey(view) == 255
    with qtbot.assertNotEmitted(overlay.faded):
        overlay.fade_out()
        animations.advance(TAKE_MS // 2)
    assert overlay.is_showing()
    assert abs(centre_grey(view) - 128) <= 2  # half-way through an in-out ease
    with qtbot.waitSignal(overlay.faded, timeout=0):
        animations.advance(TAKE_MS // 2)
    assert not overlay.is_showing()
    assert animations.running() == 0
    assert centre_grey(view) == 0  # only the live scene


def test_a_new_capture_mid_fade_stops_the_fade(qtbot: QtBot) -> None:
    view = QGraphicsView(QGraphicsScene(0, 0, 160, 90))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    animations = ManualAnimations()
    overlay = FadeOverlay(view, animations=animations)
    overlay.capture()
    overlay.fade_out()
    animations.advance(TAKE_MS // 4)
    overlay.capture()  # a second take before the first fade ended
    assert animations.running() == 0
    with qtbot.assertNotEmitted(overlay.faded):
        animations.advance(TAKE_MS)
    assert overlay.is_showing()
