"""The night's trend survives a restart, a torn last line, and a second election."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

import pytest

from electionboard.model import Election, tabulate_election
from electionboard.store.trend_store import TrendStore, trend_path
from tests.builders import UPDATED, election, race


def night(votes: list[int], minutes: int, election_id: str = "e1") -> Election:
    base = election(race(votes))
    return dataclasses.replace(
        base, id=election_id, updated=UPDATED + dt.timedelta(minutes=minutes)
    )


def record(store: TrendStore, snapshot: Election) -> None:
    store.record(snapshot, tabulate_election(snapshot))


def test_a_restart_keeps_the_night(tmp_path: Path) -> None:
    store = TrendStore(tmp_path)
    for minutes, votes in enumerate([[1, 2], [5, 3], [9, 9]]):
        record(store, night(votes, 10 * minutes))
    before = store.history()
    assert [s.votes for s in before["r1"]] == [
        (("a", 1), ("b", 2)),
        (("a", 5), ("b", 3)),
        (("a", 9), ("b", 9)),
    ]
    restarted = TrendStore(tmp_path)
    assert restarted.history() == before
    record(restarted, night([12, 9], 30))
    assert len(TrendStore(tmp_path).history()["r1"]) == 4


def test_polls_of_an_unchanged_feed_write_nothing(tmp_path: Path) -> None:
    store = TrendStore(tmp_path)
    record(store, night([1, 2], 0))
    path = trend_path(tmp_path, "e1")
    size = path.stat().st_size
    for _ in range(5):
        record(store, night([1, 2], 0))
    assert path.stat().st_size == size


def test_a_torn_last_line_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = TrendStore(tmp_path)
    record(store, night([1, 2], 0))
    record(store, night([3, 4], 10))
    path = trend_path(tmp_path, "e1")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 20])  # the crash cut the last line short
    with caplog.at_level(logging.WARNING):
        history = TrendStore(tmp_path).history("e1")
    assert [s.votes[0][1] for s in history["r1"]] == [1]
    assert "line 2 is damaged or torn" in caplog.text
    caplog.clear()
    restarted = TrendStore(tmp_path)
    with caplog.at_level(logging.WARNING):
        record(restarted, night([7, 4], 20))
    # The next sample starts on its own line, so only the torn one is lost.
    with caplog.at_level(logging.WARNING):
        again = TrendStore(tmp_path).history("e1")
    assert [s.votes[0][1] for s in again["r1"]] == [1, 7]


def test_two_elections_do_not_mix(tmp_path: Path) -> None:
    store = TrendStore(tmp_path)
    record(store, night([1, 2], 0, "primary"))
    record(store, night([50, 60], 5, "runoff"))
    record(store, night([2, 2], 10, "primary"))
    restarted = TrendStore(tmp_path)
    primary = restarted.history("primary")["r1"]
    runoff = restarted.history("runoff")["r1"]
    assert [s.votes[0][1] for s in primary] == [1, 2]
    assert [s.votes[0][1] for s in runoff] == [50]
    assert trend_path(tmp_path, "primary") != trend_path(tmp_path, "runoff")
    assert restarted.history() == {"r1": primary}, "resumes the file written last"


def test_election_ids_that_differ_only_in_case_get_their_own_files(
    tmp_path: Path,
) -> None:
    assert trend_path(tmp_path, "LA-2022") != trend_path(tmp_path, "la-2022")
    assert trend_path(tmp_path, "../x").parent == tmp_path


def test_an_empty_folder_has_no_history(tmp_path: Path) -> None:
    assert TrendStore(tmp_path / "missing").history() == {}
