"""Studio test helpers: a board window with its studio on a real loopback feed.

The board comes from the composition root (``app.build_board``), with worker
tabulation and one bridge, as users run it. The poller runs synchronously
against the feed server, so a poll's snapshot is on the boards when ``poll``
returns. Questions and names are answered by
scripted stand-ins; every part is shut down and checked by ``close_studio``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, RunningBoard, build_board
from electionboard.app import shut_down_board as shut_down
from electionboard.model.stacks import Clock
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.controller import BoardController
from electionboard.ui.poller import Poller, run_synchronously
from electionboard.ui.studio.fade import TAKE_MS
from electionboard.ui.studio.studio import Studio
from electionboard.ui.window import BoardWindow
from tests.feedserver import Answer, FeedServer
from tests.ui.desk.rig import Answers
from tests.ui.test_board import feed

FIRST = "2022-06-07T21:00:00-07:00"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Names:
    """A NameAsker that answers from a list."""

    replies: list[str | None] = field(default_factory=list)

    def __call__(self, _title: str, _question: str) -> str | None:
        return self.replies.pop(0)


@dataclass
class StudioRig:
    """The board window, its studio, and the test's hands on both."""

    window: BoardWindow
    studio: Studio
    controller: BoardController
    poller: Poller
    scene: BoardScene
    answers: Answers
    names: Names
    server: FeedServer
    qtbot: QtBot
    board: RunningBoard

    @property
    def preview_race(self) -> str | None:
        """The race on the preview board."""
        return self.studio.preview.race_id

    def server_answer(self, body: bytes) -> None:
        """What the feed answers from the next poll on."""
        self.server.answer = Answer(body)

    def settle(self) -> None:
        """Wait for the take's crossfade to finish."""
        self.qtbot.waitUntil(
            lambda: not self.studio.program.in_transition(), timeout=3000
        )


def open_studio(
    qtbot: QtBot,
    server: FeedServer,
    data_dir: Path,
    *,
    transition_ms: int = TAKE_MS,
    clock: Clock | None = None,
    show: bool = True,
    poll: bool = True,
    animations: AnimationClock = QT_ANIMATIONS,
    settings: Settings | None = None,
) -> StudioRig:
    """A board window with its studio, shown, after the first poll."""
    if server.answer.body == b"":
        server.answer = Answer(feed(FIRST))
    answers, names = Answers(), Names()
    board = build_board(
        BoardOptions(interval=3600),
        settings or Settings(),
        operator="Ann",
        data_dir=data_dir,
        hooks=Hooks(
            source=LocationSource(server.url),
            executor=run_synchronously,
            animations=animations,
            confirm=answers,
            ask_name=names,
            transition_ms=transition_ms,
            studio_clock=clock or FakeClock(),
            shapes_cache=data_dir / "cache",
        ),
    )
    window, studio, poller = board.window, board.studio, board.poller
    qtbot.addWidget(window)
    studio.start()
    if show:
        window.show()
        qtbot.waitExposed(window)
    if poll:
        poller.start()
    return StudioRig(
        window,
        studio,
        board.controller,
        poller,
        board.scene,
        answers,
        names,
        server,
        qtbot,
        board,
    )


def close_studio(rig: StudioRig) -> None:
    """Shut every part down, as the app does at quit."""
    assert shut_down(rig.board)
    assert rig.answers.script == [], "scripted answers were never asked for"
    assert rig.names.replies == [], "scripted names were never asked for"
