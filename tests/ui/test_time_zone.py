"""Every time on air and on the desk is on the election's clock, the same on both.

The desk's store stamps its actions in UTC (03:00:0x UTC in the rig's clock,
8:00 PM on June 7 in Los Angeles); the machine running the tests is on UTC, so
a raw or machine-local time would read 3:00.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
from electionboard.presentation.clock_words import zone_named
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource, PollOk
from electionboard.ui.poller import run_synchronously
from electionboard.ui.studio.health import ago_text
from tests.feedserver import Answer, FeedServer
from tests.store.desk import night
from tests.ui.desk.rig import Rig, close_desk, open_desk
from tests.ui.test_board import feed
from tests.ui.test_one_winner import scene_texts


def call_mayor(rig: Rig) -> str:
    calls = rig.desk.calls
    rig.desk.tabs.setCurrentWidget(calls)
    calls.race_picker.edit.setText("mayor")
    calls.race_picker.commit()
    calls.set_checked(["a", "b"])
    rig.answers.will(True)
    return rig.settle(calls.advance_button.click)


def test_a_desk_call_reads_the_same_election_time_on_air_and_on_the_desk(
    qtbot: QtBot, tmp_path: Path
) -> None:
    election = dataclasses.replace(night(), time_zone="America/Los_Angeles")
    rig = open_desk(qtbot, tmp_path, "Ann", election=election)
    try:
        assert call_mayor(rig).startswith("Called Mayor")
        _, detail = rig.banner()
        assert detail.startswith("Called by Decision Desk at 8:00 PM"), detail
        assert rig.desk.calls.now.text() == (
            "Desk call: Ana and Bo advance, by Ann at 8:00 PM"
        )
        assert rig.scene.header_texts()["updated"] == "RESULTS AS OF JUN 7, 8:00 PM"
        audit = rig.desk.audit.model
        assert str(audit.data(audit.index(0, 1))).startswith("Jun 7, 8:00:")
        assert str(audit.data(audit.index(0, 1))).endswith(" PM")
    finally:
        close_desk(rig)


def test_the_time_zone_setting_overrides_the_feeds_zone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    election = dataclasses.replace(night(), time_zone="America/Los_Angeles")
    settings = Settings(time_zone="America/New_York")
    rig = open_desk(qtbot, tmp_path, "Ann", election=election, settings=settings)
    try:
        call_mayor(rig)
        assert rig.banner()[1].startswith("Called by Decision Desk at 11:00 PM")
        assert rig.desk.calls.now.text().endswith("by Ann at 11:00 PM")
        assert rig.scene.header_texts()["updated"] == "RESULTS AS OF JUN 7, 11:00 PM"
    finally:
        close_desk(rig)


def test_without_a_zone_the_feeds_own_offset_is_the_clock_of_both(
    qtbot: QtBot, tmp_path: Path
) -> None:
    rig = open_desk(qtbot, tmp_path, "Ann")  # stamped in UTC, no zone named
    try:
        call_mayor(rig)
        assert rig.banner()[1].startswith("Called by Decision Desk at 3:00 AM")
        assert rig.desk.calls.now.text().endswith("by Ann at 3:00 AM")
    finally:
        close_desk(rig)


def on_clock(moment: dt.datetime, hours: float) -> str:
    """'9:00:05 PM': ``moment`` at UTC+``hours``, worked out here by hand."""
    local = moment.astimezone(dt.UTC) + dt.timedelta(hours=hours)
    suffix = "AM" if local.hour < 12 else "PM"
    return f"{local.hour % 12 or 12}:{local.minute:02d}:{local.second:02d} {suffix}"


def polled_board(
    qtbot: QtBot, server: FeedServer, data_dir: Path, settings: Settings
) -> tuple[RunningBoard, PollOk]:
    """A board built as users run it, after one poll of a feed at -07:00."""
    board = build_board(
        BoardOptions(interval=3600),
        settings,
        operator="Ann",
        data_dir=data_dir,
        hooks=Hooks(source=LocationSource(server.url), executor=run_synchronously),
    )
    qtbot.addWidget(board.window)
    server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    received: list[PollOk] = []
    board.poller.snapshot_received.connect(received.append)
    board.poller.start()
    (outcome,) = received
    return board, outcome


@pytest.mark.parametrize(
    ("setting", "hours"),
    [("", -7.0), ("Asia/Tokyo", 9.0), ("Asia/Kathmandu", 5.75)],  # no summer time
)
def test_the_status_line_and_feed_health_are_on_the_elections_clock(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path, setting: str, hours: float
) -> None:
    """The feed stamps -07:00 (the machine is on UTC): not this computer's time."""
    board, outcome = polled_board(
        qtbot, feed_server, tmp_path, Settings(time_zone=setting)
    )
    try:
        polled = on_clock(outcome.fetched_at, hours)
        assert board.window.status.text() == f"Updated {polled}"
        health = board.studio.health
        assert health.last_success.text().startswith(f"{polled} (")
        assert health.last_change.text().startswith(f"{polled} (")
        machine = outcome.fetched_at.astimezone().strftime("%H:%M:%S")
        assert machine not in board.window.status.text()
    finally:
        assert shut_down_board(board)


def test_ages_on_the_health_panel_follow_the_zone_given() -> None:
    now = dt.datetime(2022, 6, 8, 3, 0, 5, tzinfo=dt.UTC)
    los_angeles = zone_named("America/Los_Angeles")
    assert ago_text(now, now, los_angeles) == "8:00:05 PM (0 s ago)"
    assert ago_text(now, now) == "3:00:05 AM (0 s ago)"  # the moment's own offset


def test_on_air_the_decision_desk_calls_and_the_desk_keeps_the_operator(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Program and preview credit the desk setting; the Calls tab and audit, Ann."""
    settings = Settings(decision_desk="KNBC Decision Desk")
    rig = open_desk(qtbot, tmp_path, "Ann", settings=settings)
    try:
        call_mayor(rig)
        preview = rig.board.studio.preview_scene
        rig.board.studio.preview.show_race("mayor", animate=False)
        for scene in (rig.scene, preview):
            scene.finish_animation()
            assert scene.banner_texts()[1].startswith("Called by KNBC Decision Desk")
            assert not any("Ann" in text for text in scene_texts(scene))
        assert rig.desk.calls.now.text().startswith("Desk call: Ana and Bo advance")
        assert "by Ann at 3:00 AM" in rig.desk.calls.now.text()
        audit = rig.desk.audit.model
        assert audit.data(audit.index(0, 2)) == "Ann"  # the Operator column
    finally:
        close_desk(rig)
