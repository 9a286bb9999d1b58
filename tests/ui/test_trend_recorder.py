"""The trend recorder waits out a glide, at most MAX_HOLD_MS, and loses nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.model.election import Election
from electionboard.model.live import LiveResults
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.trend_recorder import MAX_HOLD_MS, TrendRecorder
from tests.builders import UPDATED, election, race


class Hands:
    """The glide's state and the clock, moved by hand."""

    def __init__(self) -> None:
        self.gliding = False
        self.now = 100.0

    def busy(self) -> bool:
        return self.gliding

    def clock(self) -> float:
        return self.now


@pytest.fixture
def hands() -> Hands:
    return Hands()


@pytest.fixture
def live() -> LiveResults:
    return LiveResults()


@pytest.fixture
def recorder(
    qtbot: QtBot, tmp_path: Path, live: LiveResults, hands: Hands
) -> Iterator[TrendRecorder]:
    bridge = ResultsBridge(live)
    made = TrendRecorder(bridge, tmp_path / "trend")
    made.hold_while(hands.busy, hands.clock)
    with qtbot.waitSignal(made.history_changed):  # the stored trend, loaded
        pass
    yield made
    assert made.shutdown(5000)


def snapshot(minute: int, votes: list[int]) -> Election:
    return dataclasses.replace(
        election(race(votes)), updated=UPDATED + dt.timedelta(minutes=minute)
    )


def samples(recorder: TrendRecorder) -> list[tuple[tuple[str, int], ...]]:
    return [s.votes for s in recorder.history().get("r1", ())]


def test_between_glides_a_snapshot_is_recorded_at_once(
    qtbot: QtBot, recorder: TrendRecorder, live: LiveResults
) -> None:
    with qtbot.waitSignal(recorder.history_changed):
        live.apply_snapshot(snapshot(0, [10, 5]))
    assert recorder.held == 0
    assert samples(recorder) == [(("a", 10), ("b", 5))]


def test_mid_glide_snapshots_wait_for_its_end_and_keep_their_order(
    qtbot: QtBot, recorder: TrendRecorder, live: LiveResults, hands: Hands
) -> None:
    hands.gliding = True
    live.apply_snapshot(snapshot(0, [10, 5]))
    live.apply_snapshot(snapshot(1, [20, 5]))
    hands.now += 0.5
    recorder.record_held()  # as the timer would: still gliding
    assert recorder.held == 2
    assert samples(recorder) == []
    hands.gliding = False
    with qtbot.waitSignal(recorder.history_changed):
        recorder.record_held()
    assert recorder.held == 0
    assert samples(recorder) == [(("a", 10), ("b", 5)), (("a", 20), ("b", 5))]


def test_a_glide_that_never_ends_holds_a_snapshot_at_most_max_hold_ms(
    qtbot: QtBot, recorder: TrendRecorder, live: LiveResults, hands: Hands
) -> None:
    hands.gliding = True
    live.apply_snapshot(snapshot(0, [10, 5]))
    hands.now += (MAX_HOLD_MS - 1) / 1000
    recorder.record_held()
    assert recorder.held == 1
    hands.now += 0.002
    with qtbot.waitSignal(recorder.history_changed):
        recorder.record_held()
    assert samples(recorder) == [(("a", 10), ("b", 5))]


def test_shutdown_records_what_is_held(
    qtbot: QtBot, tmp_path: Path, live: LiveResults, hands: Hands
) -> None:
    made = TrendRecorder(ResultsBridge(live), tmp_path / "trend")
    made.hold_while(hands.busy, hands.clock)
    hands.gliding = True
    live.apply_snapshot(snapshot(0, [10, 5]))
    assert made.held == 1
    assert made.shutdown(5000)
    again = TrendRecorder(ResultsBridge(LiveResults()), tmp_path / "trend")
    qtbot.waitUntil(lambda: len(again.history().get("r1", ())) == 1)
    assert again.shutdown(5000)
