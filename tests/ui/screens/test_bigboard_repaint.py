"""The big board on a view repaints only what moved; what it leaves must be right.

Each glide frame, rows trading places and a call's edge included, is read
back from the window's backing store on the offscreen platform and compared
with a full repaint of the same frame: a stale pixel anywhere (a trail from a
shrinking count, a bar that grew back) fails.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsView
from pytestqt.qtbot import QtBot

from electionboard.model.screens import ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.ui.board.view import BoardView
from electionboard.ui.screens.bigboard import BigBoardScene
from tests.presentation.bigboard_races import night
from tests.ui.manual_animations import ManualAnimations


def backing_store(view: BoardView) -> QImage:
    """What the window shows now, as painted so far (no new paint)."""
    screen = QApplication.primaryScreen()
    return screen.grabWindow(view.winId()).toImage()


def full_repaint(view: BoardView) -> QImage:
    mode = view.viewportUpdateMode()
    view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
    view.viewport().repaint()
    view.setViewportUpdateMode(mode)
    return backing_store(view)


@pytest.mark.parametrize(
    ("raster", "size"),
    [(g.HD, (1920, 1080)), (g.UHD, (3840, 2160))],
    ids=["1080", "4k"],
)
def test_partial_repaints_match_full_repaints(
    qtbot: QtBot, raster: g.Raster, size: tuple[int, int]
) -> None:
    if QApplication.platformName() != "offscreen":
        pytest.skip("reads the offscreen platform's backing store")
    clock = ManualAnimations()
    scene = BigBoardScene(raster, animations=clock)
    view = BoardView(scene, safe_area_key=None)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    options = ScreenOptions(grid=9)
    scene.show_input(night(options), animate=False)
    QApplication.processEvents()
    updates = [
        # Haines and Castellanos gain on Park: counts roll, bars grow.
        night(options, totals={"fl-gov": (1_812_440, 1_700_000, 120_000)}),
        # Haines passes Park: the rows trade places mid-glide.
        night(options, totals={"fl-gov": (1_812_440, 1_990_113, 61_508)}),
        # Back down: counts shorten and bars shrink, the trails a partial
        # repaint could leave.
        night(options, totals={"fl-gov": (912_440, 190_113, 6_508)}),
    ]
    compared = 0
    try:
        for data in updates:
            scene.show_input(data)
            assert scene.is_animating()
            while clock.running():
                clock.advance(50)
                QApplication.processEvents()  # the partial repaint, as on air
                drawn = backing_store(view)
                assert drawn == full_repaint(view)
                compared += 1
    finally:
        scene.set_active(False)
    assert compared > 15
