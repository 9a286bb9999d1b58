"""A feed answer stamped in the future must never freeze the board silently.

Against a real loopback server: an answer stamped far ahead of this machine's
clock is refused as a failure; and when answers keep arriving older than the
one on screen, the status line and the STALE badge say so from the second on,
until the operator accepts the feed's newest answer (audited by the desk).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, RunningBoard, build_board
from electionboard.app import shut_down_board as shut_down
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.store import ActionKind, AuditRecord
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.feed_monitor import FeedMonitor
from electionboard.ui.poller import Poller, run_synchronously
from tests.feedserver import Answer, FeedServer
from tests.ui.test_board import feed

NOW = dt.datetime.fromisoformat("2022-06-08T05:00:00+00:00")
"""This machine's clock in these tests: 22:00 in Los Angeles on the night."""


Board = tuple[FeedMonitor, Poller, BoardScene, list[str]]


@pytest.fixture
def running(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[RunningBoard]:
    """The board as users run it, with this machine's clock at ``NOW``."""
    parts = build_board(
        BoardOptions(interval=3600),
        Settings(),
        operator="Ann",
        data_dir=tmp_path / "data",
        hooks=Hooks(
            source=LocationSource(feed_server.url),
            executor=run_synchronously,
            clock=lambda: NOW,
        ),
    )
    qtbot.addWidget(parts.window)
    yield parts
    assert shut_down(parts)


@pytest.fixture
def board(running: RunningBoard) -> Board:
    messages: list[str] = []
    running.monitor.status_changed.connect(messages.append)
    return running.monitor, running.poller, running.scene, messages


@pytest.mark.parametrize(
    ("stamp", "ahead"),
    [
        ("9999-12-31T23:59:59+14:00", "days ahead"),
        # The clock's UTC reading written with -05:00: five hours ahead.
        ("2022-06-08T05:00:00-05:00", "5 h 0 min ahead"),
        ("2022-06-07T22:16:00-07:00", "16 min ahead"),
    ],
)
def test_an_answer_stamped_far_ahead_is_refused(
    board: Board, feed_server: FeedServer, stamp: str, ahead: str
) -> None:
    _, poller, scene, messages = board
    feed_server.answer = Answer(feed("2022-06-07T21:50:00-07:00", bass=1))
    poller.start()
    scene.finish_animation()
    feed_server.answer = Answer(feed(stamp, bass=99_999))
    poller.poll_now()
    assert poller.health.failures == 1
    assert poller.health.last_error is not None
    assert ahead in poller.health.last_error
    assert poller.health.last_error.endswith("ahead of this machine's clock; refused")
    assert any(ahead in message for message in messages)
    assert scene.stale_text().startswith("STALE")
    assert scene.row("bass").texts()["votes"] == "1"
    # The real answers after it are shown, not ignored as older.
    feed_server.answer = Answer(feed("2022-06-07T21:55:00-07:00", bass=7))
    poller.poll_now()
    scene.finish_animation()
    assert scene.row("bass").texts()["votes"] == "7"
    assert scene.stale_text() == ""


def test_within_fifteen_minutes_ahead_is_shown(
    board: Board, feed_server: FeedServer
) -> None:
    _, poller, scene, _ = board
    feed_server.answer = Answer(feed("2022-06-07T22:14:00-07:00", bass=5))
    poller.start()
    scene.finish_animation()
    assert poller.health.failures == 0
    assert scene.row("bass").texts()["votes"] == "5"


def test_older_answers_say_so_and_the_operator_can_accept_the_newest(
    qtbot: QtBot, board: Board, running: RunningBoard, feed_server: FeedServer
) -> None:
    monitor, poller, scene, messages = board
    window, desk = running.window, running.desk
    with qtbot.waitSignal(desk.client.state_changed, timeout=5000):
        desk.start()
    try:
        # An answer on screen stamped ahead of the feed, within the tolerance
        # (or from before this check): every real answer now looks older.
        feed_server.answer = Answer(feed("2022-06-07T22:10:00-07:00", bass=1))
        poller.start()
        scene.finish_animation()
        feed_server.answer = Answer(feed("2022-06-07T21:58:00-07:00", bass=2))
        poller.poll_now()
        assert messages[-1] == "Ignored an answer older than the data on screen"
        assert scene.stale_text() == ""  # one may be a cache's hiccup
        assert not window.accept_action.isEnabled()

        feed_server.answer = Answer(feed("2022-06-07T21:59:00-07:00", bass=3))
        poller.poll_now()
        reason = "the feed's answers are older than the one on screen (2 in a row)"
        assert reason in messages[-1]
        assert monitor.stale_reason == reason
        assert scene.stale_text() == "STALE · OLDER ANSWERS (2 IN A ROW)"
        assert window.accept_action.isEnabled()
        assert window.accept_action.text() == "Accept the feed's newest answer"
        poller.poll_now()  # unchanged (304): still behind, still stale
        assert scene.stale_text() == "STALE · OLDER ANSWERS (2 IN A ROW)"
        feed_server.answer = Answer(feed("2022-06-07T21:59:30-07:00", bass=3))
        poller.poll_now()
        assert scene.stale_text() == "STALE · OLDER ANSWERS (3 IN A ROW)"
        assert scene.row("bass").texts()["votes"] == "1"

        with qtbot.waitSignal(desk.action_settled, timeout=5000):
            window.accept_action.trigger()
        scene.finish_animation()
        assert scene.row("bass").texts()["votes"] == "3"
        assert scene.stale_text() == ""
        assert not window.accept_action.isEnabled()
        # On the election's clock (the feed's -07:00), not raw ISO or UTC.
        shown = "Showing the feed's newest answer, stamped Jun 7, 9:59:30 PM"
        assert shown in messages

        def accepted() -> list[AuditRecord]:
            state = desk.client.state
            log = state.log if state is not None else ()
            return [r for r in log if r.kind is ActionKind.FEED_ACCEPTED]

        qtbot.waitUntil(lambda: len(accepted()) == 1, timeout=5000)
        (record,) = accepted()
        assert record.operator == "Ann"
        assert "2022-06-07T21:59:30-07:00" in record.note
        assert "2022-06-07T22:10:00-07:00" in record.note
        assert not desk.undo_action.isEnabled()  # a decision, not an undoable edit

        # From here the board follows the feed again by itself.
        feed_server.answer = Answer(feed("2022-06-07T22:01:00-07:00", bass=4))
        poller.poll_now()
        scene.finish_animation()
        assert scene.row("bass").texts()["votes"] == "4"
    finally:
        assert desk.shutdown()
