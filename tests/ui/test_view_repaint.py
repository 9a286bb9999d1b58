"""The view repaints only what changed; what it leaves must still be right.

Each glide frame (and a call's wipe) is read back from the window's backing
store on the offscreen platform and compared with a full repaint of the same
frame: a stale pixel anywhere (a trail) fails.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsView
from pytestqt.qtbot import QtBot

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race
from tests.ui.manual_animations import ManualAnimations


def sample(index: int) -> BoardContent:
    """The sample night's mayoral race at poll ``index``."""
    election = load_election(str(sample_snapshots()[index]))
    return board_content(tabulate_election(election)[0], election.updated)


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
    [(g.HD, (1920, 1080)), (g.UHD, (3840, 2160)), (g.HD, (1283, 731))],
    ids=["1080", "4k", "scaled"],
)
def test_partial_repaints_match_full_repaints(
    qtbot: QtBot, raster: g.Raster, size: tuple[int, int]
) -> None:
    if QApplication.platformName() != "offscreen":
        pytest.skip("reads the offscreen platform's backing store")
    clock = ManualAnimations()
    scene = BoardScene(raster, animations=clock)
    view = BoardView(scene, safe_area_key=None)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    scene.show_content(board_content(mayor_race([500, 300, 200, 90]), UPDATED))
    clock.advance(1000)
    QApplication.processEvents()
    contents = [
        board_content(mayor_race([520, 610, 230, 95]), UPDATED),  # rows swap
        sample(2),  # another race
        sample(3),  # the AP call at 9:20 PM: the call's wipe
    ]
    compared = 0
    for content in contents:
        scene.show_content(content)
        while clock.running():
            clock.advance(50)
            QApplication.processEvents()  # the partial repaint, as on air
            drawn = backing_store(view)
            assert drawn == full_repaint(view)
            compared += 1
    assert compared > 15
