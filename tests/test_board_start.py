"""Program first: the board window shows with the first answer, the rest after.

``app.BoardStart`` is how ``electionboard`` starts on a fresh night: the
program board's first frame comes before the desk, the studio console and
preview are built. These tests hold it to what it promises: the rest is built
once the frame is painted, catches up with what program already showed, and
nothing the operator did in between goes to air without a take or is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from electionboard import app
from electionboard.app import (
    BoardOptions,
    BoardStart,
    Hooks,
    ProgramBoard,
    RunningBoard,
    build_program,
    finish_board,
)
from electionboard.model.rundown import OnAirState
from electionboard.model.stacks import StackEntry
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.store import stacks_file
from electionboard.ui.poller import run_synchronously
from tests.feedserver import Answer, FeedServer
from tests.ui.desk.rig import Answers
from tests.ui.test_board import feed

FIRST = "2022-06-07T21:00:00-07:00"


def press(window: QWidget, keys: str) -> None:
    """What the window's key does, before it is exposed for real key events."""
    (shortcut,) = (
        s for s in window.findChildren(QShortcut) if s.key() == QKeySequence(keys)
    )
    shortcut.activated.emit()


@dataclass
class Start:
    """A BoardStart on a loopback feed, and what the test watches of it."""

    starting: BoardStart
    program: ProgramBoard
    started: list[RunningBoard]
    previewed: list[str | None]
    """Preview's race once the studio started, before held keys reach it."""
    shown_with: list[RunningBoard | None]
    """Every part built when the window showed, or None: program alone."""
    data_dir: Path


@pytest.fixture
def start(qtbot: QtBot, feed_server: FeedServer, tmp_path: Path) -> Iterator[Start]:
    options = BoardOptions(interval=3600, watch_folder=tmp_path / "watch")
    settings = Settings()
    hooks = Hooks(
        source=LocationSource(feed_server.url),
        executor=run_synchronously,
        confirm=Answers(),
    )
    data_dir = tmp_path / "data"
    program = build_program(options, settings, data_dir=data_dir, hooks=hooks)
    qtbot.addWidget(program.window)
    started: list[RunningBoard] = []
    previewed: list[str | None] = []

    def finish() -> RunningBoard:
        return finish_board(
            program, options, settings, operator="Ann", data_dir=data_dir, hooks=hooks
        )

    def start_rest(board: RunningBoard) -> None:
        started.append(board)
        board.desk.start()
        board.studio.start()
        previewed.append(board.studio.preview.race_id)

    shown_with: list[RunningBoard | None] = []

    def show() -> None:
        shown_with.append(starting.board)
        program.window.show()

    starting = BoardStart(program, finish, start_rest, show)
    yield Start(starting, program, started, previewed, shown_with, data_dir)
    assert starting.shut_down()


def test_the_first_frame_is_program_alone_and_the_rest_follows_it(
    start: Start, feed_server: FeedServer, qtbot: QtBot
) -> None:
    feed_server.answer = Answer(feed(FIRST))
    program, starting = start.program, start.starting
    starting.start()
    window, controller = program.window, program.feed.controller
    assert window.isVisible()
    assert start.shown_with == [None]  # program alone
    assert program.feed.scene.content is not None  # the board, not an empty one
    assert start.started == []  # not before the frame is painted
    on_air = controller.race_id
    assert on_air is not None
    press(window, "Right")  # while the console is being built
    assert controller.race_id == on_air  # held: nothing reaches air untaken
    qtbot.waitUntil(lambda: starting.board is not None, timeout=5000)
    board = starting.finish()  # already built: the same parts
    assert start.started == [board]  # built once, then started once
    studio = board.studio
    assert controller.race_id == on_air
    assert window.centralWidget() is studio.console
    qtbot.waitUntil(board.desk.dock.isVisible)  # the desk shows beside it
    # Preview caught up with the answer it never saw, then took the held key.
    assert studio.preview_scene.content is not None
    (before_key,) = start.previewed
    assert before_key is not None
    assert studio.preview.race_id not in (None, before_key)
    assert studio.health.last_success.text() != "never"
    # What program put on air is saved for a restart, and exported.
    on_air_file = start.data_dir / "studio" / stacks_file.ON_AIR_FILE
    qtbot.waitUntil(on_air_file.is_file, timeout=5000)
    saved = json.loads(on_air_file.read_text(encoding="utf-8"))
    assert saved["on_air"]["race_id"] == on_air
    watch = start.data_dir.parent / "watch" / f"board_{on_air}.png"
    qtbot.waitUntil(watch.is_file, timeout=10_000)
    qtbot.waitUntil(lambda: bool(studio.trend.history().get(on_air)), timeout=5000)


def test_a_feed_with_no_answer_gets_the_whole_window_at_once(
    start: Start, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(b"down", status=503)
    start.starting.start()
    (built,) = start.shown_with
    assert built is not None  # built before the window showed
    assert start.started == [built]


def test_nothing_is_built_after_the_board_was_shut_down(
    start: Start, feed_server: FeedServer, qtbot: QtBot
) -> None:
    feed_server.answer = Answer(feed(FIRST))
    start.starting.start()
    assert start.starting.shut_down()
    qtbot.wait(50)
    QApplication.processEvents()
    assert start.starting.board is None
    with pytest.raises(RuntimeError):
        start.starting.finish()


def test_program_goes_first_only_on_a_fresh_night(tmp_path: Path) -> None:
    assert app.ON_AIR_FILE == stacks_file.ON_AIR_FILE
    options = BoardOptions()
    assert app._program_first(options, tmp_path)
    assert not app._program_first(BoardOptions(output_screen=1), tmp_path)
    folder = tmp_path / "studio"
    folder.mkdir()
    stacks_file.save_on_air(folder, OnAirState())
    assert app._program_first(options, tmp_path)
    stacks_file.save_on_air(folder, OnAirState(on_air=StackEntry("mayor")))
    assert not app._program_first(options, tmp_path)
