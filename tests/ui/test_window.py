"""The operator window: keys step races, Ctrl+E exports, F11 and Esc."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from electionboard.sources.polling import LocationSource
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.poller import Poller, run_synchronously
from electionboard.ui.window import BoardWindow
from tests.feedserver import Answer, FeedServer
from tests.ui.qtbot_typed import key_click
from tests.ui.test_board import feed
from tests.ui.wiring import wire


@pytest.fixture
def window(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[BoardWindow]:
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    scene = BoardScene()
    poller = Poller(LocationSource(feed_server.url), run_synchronously, 3600)
    parts = wire(scene, poller)
    window = BoardWindow(parts.controller, tmp_path / "exports", parts.monitor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    poller.start()
    yield window
    parts.shutdown()


def test_arrow_keys_and_picker_change_the_race(
    window: BoardWindow, qtbot: QtBot
) -> None:
    assert window.picker.count() == 2
    assert window.controller.race_id == "mayor"
    key_click(qtbot, window, Qt.Key.Key_Right)
    assert window.controller.race_id == "council"
    assert window.picker.currentData() == "council"
    key_click(qtbot, window, Qt.Key.Key_Left)
    assert window.controller.race_id == "mayor"


def test_ctrl_e_writes_a_timestamped_exact_size_png(
    window: BoardWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.controller.export_finished, timeout=10_000) as done:
        key_click(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    path = Path(str(done.args[0]))
    assert path.parent == tmp_path / "exports"
    assert path.name.startswith("board_mayor_")
    assert path.suffix == ".png"
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1920, 1080)
    assert "Exported" in window.status.text()


def test_f11_toggles_full_screen_and_esc_leaves(
    window: BoardWindow, qtbot: QtBot
) -> None:
    key_click(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert not window.statusBar().isVisible()
    key_click(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.statusBar().isVisible()
