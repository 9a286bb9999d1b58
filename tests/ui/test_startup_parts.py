"""Starting program first, its Qt parts: late subscribers, the paint hook, held keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget, QGraphicsScene, QGraphicsView
from pytestqt.qtbot import QtBot

from electionboard.model.live import LiveResults, ResultsChanged
from electionboard.sources import parse_feed
from electionboard.sources.polling import LocationSource
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.first_frame import AfterFirstPaint
from electionboard.ui.poller import Poller, run_synchronously
from electionboard.ui.window import BoardWindow
from tests.feedserver import Answer, FeedServer
from tests.ui.test_board import feed
from tests.ui.wiring import wire

FIRST = "2022-06-07T21:00:00-07:00"


def test_only_late_subscribers_are_handed_the_results_as_they_stand() -> None:
    live = LiveResults()
    bridge = ResultsBridge(live)
    early: list[ResultsChanged] = []
    bridge.subscribe(early.append)
    with bridge.joining_late():
        nothing: list[ResultsChanged] = []
        bridge.subscribe(nothing.append)
    assert nothing == []  # no results yet: nothing to hand over
    live.apply_snapshot(parse_feed(feed(FIRST)))
    assert len(early) == 1
    late: list[ResultsChanged] = []
    with bridge.joining_late():
        bridge.subscribe(late.append)
        assert late == []  # once the part is built, not while
    (handed,) = late
    assert len(early) == 1  # the early one saw nothing twice
    assert handed.election is live.election
    assert handed.standings == live.standings
    assert handed.notices == ()
    live.apply_snapshot(parse_feed(feed("2022-06-07T22:00:00-07:00", a=5)))
    assert len(late) == 2  # and every change after, as anyone
    assert len(nothing) == 2


def test_late_subscriptions_do_not_nest() -> None:
    bridge = ResultsBridge(LiveResults())
    with bridge.joining_late(), pytest.raises(RuntimeError), bridge.joining_late():
        pass


def test_the_work_runs_after_the_first_paint_and_only_once(qtbot: QtBot) -> None:
    view = QGraphicsView(QGraphicsScene())
    qtbot.addWidget(view)
    ran: list[bool] = []
    hook = AfterFirstPaint(view, lambda: ran.append(view.isVisible()), latest_ms=60_000)
    qtbot.wait(20)
    assert ran == []  # not shown, not painted: waits
    view.show()
    qtbot.waitUntil(lambda: ran == [True])
    view.viewport().update()
    qtbot.wait(20)
    hook.run_now()
    assert ran == [True]


def test_the_work_runs_anyway_when_no_paint_comes(qtbot: QtBot) -> None:
    view = QGraphicsView(QGraphicsScene())
    qtbot.addWidget(view)
    ran: list[str] = []
    AfterFirstPaint(view, lambda: ran.append("ran"), latest_ms=10)
    qtbot.waitUntil(lambda: ran == ["ran"])


def test_cancelled_work_never_runs(qtbot: QtBot) -> None:
    view = QGraphicsView(QGraphicsScene())
    qtbot.addWidget(view)
    ran: list[str] = []
    hook = AfterFirstPaint(view, lambda: ran.append("ran"), latest_ms=10)
    hook.cancel()
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    hook.run_now()
    assert ran == []


@pytest.fixture
def window(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[BoardWindow]:
    feed_server.answer = Answer(feed(FIRST))
    poller = Poller(LocationSource(feed_server.url), run_synchronously, 3600)
    parts = wire(BoardScene(), poller)
    window = BoardWindow(parts.controller, tmp_path / "exports", parts.monitor)
    qtbot.addWidget(window)
    poller.start()
    yield window
    parts.shutdown()


def test_held_race_choices_wait_for_their_routing_then_run_in_order(
    window: BoardWindow,
) -> None:
    controller = window.controller
    assert controller.race_id == "mayor"
    window.hold_commands()
    window.picker.activated.emit(window.picker.findData("council"))
    assert controller.race_id == "mayor"  # held
    routed: list[str] = []
    window.route_races(controller, routed.append, lambda _: None, "Preview race")
    assert routed == []  # routing alone releases nothing
    window.release_commands()
    assert routed == ["council"]
    window.picker.activated.emit(window.picker.findData("mayor"))
    assert routed == ["council", "mayor"]  # no longer held


def test_a_desk_added_to_a_full_screen_window_stays_out_of_the_way(
    window: BoardWindow, qtbot: QtBot
) -> None:
    window.enter_full_screen()  # --fullscreen showed program first
    dock = QDockWidget("Operator desk")
    window.add_desk(dock, [])
    qtbot.wait(50)  # the dock shows when the layout next runs, unless hidden
    assert window.isFullScreen()
    assert not dock.isVisible()  # the board alone, as --fullscreen shows it
    window.leave_full_screen()
    qtbot.waitUntil(dock.isVisible)
