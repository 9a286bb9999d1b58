"""The board window's first frame is the board: the race's words, not an empty board.

The real program runs offscreen in its own process on the bundled sample
night; a probe waits for the first paint of the program's view in a visible
window, then grabs the view and reads the title and the leader's name from its
pixels. (The bars grow from nothing over the first glide, as they always have.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from electionboard.app import _show_with_first_answer
from electionboard.ui.poller import Poller

PROBE = """
import json, os, sys
from PySide6.QtCore import QTimer
from electionboard.ui.board.view import BoardView

paints = []
_paint = BoardView.paintEvent

def paintEvent(self, event):
    _paint(self, event)
    window = self.window()
    if not window.isVisible() or paints:
        return
    scene = self.scene()
    content = getattr(scene, "content", None)
    paints.append(content is not None)
    QTimer.singleShot(0, lambda: report(self, scene, content))

def report(view, scene, content):
    try:
        found = {"first_paint_has_board": paints[0]}
        if content is not None and content.rows:
            image = view.grab().toImage()
            name = scene.row(content.rows[0].key).text_items()[0].sceneBoundingRect()
            found["name_colours"] = colours_across(image, view, name)
            title = scene.header_rects()["title"]
            found["title_colours"] = colours_across(image, view, title)
            found["title"] = scene.header_texts()["title"]
        print(json.dumps(found), flush=True)
    finally:
        os._exit(0)

def colours_across(image, view, rect):
    # How many colours a line across the middle of rect (scene) crosses.
    area = view.mapFromScene(rect).boundingRect()
    y = area.center().y()
    xs = range(area.left(), area.right())
    return len({image.pixelColor(x, y).name() for x in xs})

BoardView.paintEvent = paintEvent
from electionboard.cli import main
home = sys.argv[1]
sys.argv = ["electionboard", "--operator", "probe", "--config-dir", home,
            "--data-dir", home, "--quit-after", "60"]
main()
os._exit(3)
"""


def test_the_first_frame_shows_the_board(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["first_paint_has_board"] is True
    assert found["title"]
    # Ink and its anti-aliased edges over the plate, not an empty board.
    assert found["title_colours"] > 2
    assert found["name_colours"] > 2


class _Poller(QObject):
    """The three outcomes a poll can signal."""

    snapshot_received = Signal(object)
    poll_failed = Signal(object)
    poll_unchanged = Signal(object)


@pytest.mark.usefixtures("qtbot")
def test_the_window_shows_once_with_the_first_answer() -> None:
    poller = _Poller()
    shown: list[str] = []
    _show_with_first_answer(
        cast("Poller", poller), lambda: shown.append("shown"), wait_ms=60_000
    )
    assert shown == []
    poller.snapshot_received.emit(object())
    assert shown == ["shown"]
    poller.poll_failed.emit(object())
    poller.snapshot_received.emit(object())
    assert shown == ["shown"]


def test_a_feed_that_never_answers_does_not_keep_the_window_away(
    qtbot: QtBot,
) -> None:
    poller = _Poller()
    shown: list[str] = []
    _show_with_first_answer(
        cast("Poller", poller), lambda: shown.append("shown"), wait_ms=0
    )
    qtbot.waitUntil(lambda: shown == ["shown"])
    poller.poll_failed.emit(object())
    assert shown == ["shown"]
