"""The composition root builds the board users run: one path from poll to pixels."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.app import (
    BoardOptions,
    Hooks,
    RunningBoard,
    build_board,
    shut_down_board,
)
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource, PollOk
from electionboard.ui.poller import run_synchronously
from tests.feedserver import Answer, FeedServer
from tests.ui.test_board import feed


@pytest.fixture
def running(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[RunningBoard]:
    board = build_board(
        BoardOptions(interval=3600, race="council"),
        dataclasses.replace(Settings(), too_close_share=0.2, max_rows=3),
        operator="Ann",
        data_dir=tmp_path,
        hooks=Hooks(source=LocationSource(feed_server.url), executor=run_synchronously),
    )
    qtbot.addWidget(board.window)
    yield board
    assert shut_down_board(board)


def test_the_worker_tabulates_with_the_results_threshold_and_is_reused(
    running: RunningBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    received: list[PollOk] = []
    running.poller.snapshot_received.connect(received.append)
    running.poller.start()
    (outcome,) = received
    assert running.live.too_close_share == 0.2
    assert outcome.standings == running.live.tabulate_election(outcome.election)
    for worked in outcome.standings:
        # Reused by identity: the GUI thread computed nothing again.
        assert running.live.race_standings(worked.race.id) is worked
    assert running.controller.race_id == "council"  # --race, from the options
    assert running.controller.max_rows == 3  # from the settings
    assert running.studio.preview.race_id is not None


def test_the_status_line_and_stale_badge_come_from_the_monitor(
    running: RunningBoard, feed_server: FeedServer
) -> None:
    window, scene = running.window, running.scene
    assert window.status.text().startswith("Polling http://127.0.0.1:")
    assert window.status.text().endswith(" every 3600 s")
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    running.poller.start()
    assert window.status.text().startswith("Updated ")
    feed_server.answer = Answer(b"down", status=503)
    running.poller.poll_now()
    assert "HTTP 503" in window.status.text()
    assert running.monitor.stale_reason is not None
    assert scene.stale_text().startswith("STALE")
    assert running.studio.preview_scene.stale_text() == ""
