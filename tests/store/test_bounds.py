"""Vote figures past the bound: refused on the way in, harmless if already saved.

A returns CSV with a 400-digit count used to be saved, and every recompute
after it raised OverflowError, across restarts. The store now refuses such a
figure, and one already in a database written by an older version comes back
marked invalid, is left off the board and can be corrected without a crash.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from electionboard.model import MAX_VOTES, Election, tabulate
from electionboard.model.live import LiveResults
from electionboard.model.overlay import EntryRejected
from electionboard.store import DeskStore, SqliteDeskStore
from electionboard.store.returns_csv import (
    ReturnsRejected,
    import_returns,
    whole_number,
)
from electionboard.store.sqlite_store import DB_NAME
from tests.store.desk import Clock

HUGE = "9" * 400


def test_the_store_refuses_a_figure_over_the_bound(
    store: DeskStore, election: Election
) -> None:
    with pytest.raises(EntryRejected) as caught:
        store.record_entry(
            "Ann",
            "mayor",
            "p3",
            {"a": MAX_VOTES + 1, "b": 0, "c": 0},
            election=election,
        )
    assert caught.value.problems == {
        "votes.a": "too large: at most 9,999,999,999 votes"
    }
    assert store.entries() == {}
    assert store.audit_log() == []
    store.record_entry(
        "Ann", "mayor", "p3", {"a": MAX_VOTES, "b": 0, "c": 0}, election=election
    )
    assert store.entries()[("mayor", "p3")].votes["a"] == MAX_VOTES


@pytest.mark.parametrize("figure", [HUGE, "9" * 5000, "10000000000"])
def test_a_returns_csv_with_a_huge_figure_is_refused_whole(
    store: DeskStore, election: Election, figure: str
) -> None:
    text = f"race,precinct,candidate,votes\nmayor,p3,a,{figure}\nmayor,p3,b,1\n"
    text += "mayor,p3,c,1\n"
    with pytest.raises(ReturnsRejected) as caught:
        import_returns(store, "Ann", text, election)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "too large: at most 9,999,999,999 votes" in problem.message
    assert figure[:20] not in problem.message
    assert store.audit_log() == []


def test_typed_text_past_pythons_digit_limit_is_too_large() -> None:
    with pytest.raises(ValueError, match="too large"):
        whole_number("9" * 5000)
    assert whole_number(" 0009999999999 ") == MAX_VOTES


def old_database(data_dir: Path, value: str) -> None:
    """A desk database as an older version left it: one entry, saved raw."""
    with SqliteDeskStore(data_dir, clock=Clock()):
        pass  # creates the schema
    db = sqlite3.connect(data_dir / DB_NAME)
    with db:
        cursor = db.execute(
            "INSERT INTO audit (at, operator, kind, race_id, precinct_id, before, "
            "after, note) VALUES (?, 'Old', 'entry', 'mayor', 'p1', NULL, ?, '')",
            ("2022-06-08T03:00:00.000000+00:00", value),
        )
        db.execute(
            "INSERT INTO entries (race_id, precinct_id, value, audit_id) "
            "VALUES ('mayor', 'p1', ?, ?)",
            (value, cursor.lastrowid),
        )
    db.close()


BAD_VALUES = {
    "400 digits": (
        f'{{"note":"","votes":{{"a":{HUGE},"b":1,"c":1}}}}',
        "too large: at most 9,999,999,999 votes",
    ),
    "negative": (
        json.dumps({"note": "", "votes": {"a": -5, "b": 1, "c": 1}}),
        "votes cannot be negative, got -5",
    ),
    "not a number": (
        json.dumps({"note": "", "votes": {"a": "12", "b": 1, "c": 1}}),
        "votes must be whole numbers, got '12'",
    ),
    "a fraction": (
        json.dumps({"note": "", "votes": {"a": 1.5, "b": 1, "c": 1}}),
        "votes must be whole numbers, got 1.5",
    ),
    "damaged": ('{"note":"","votes":{"a":', "the saved entry cannot be read"),
}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
def test_a_bad_saved_entry_is_marked_left_out_and_correctable(
    data_dir: Path, election: Election, kind: str
) -> None:
    value, problem = BAD_VALUES[kind]
    old_database(data_dir, value)
    with SqliteDeskStore(data_dir, clock=Clock()) as store:
        entry = store.entries()[("mayor", "p1")]
        assert entry.problem is not None
        assert entry.problem.startswith(problem)
        assert len(entry.problem) < 200  # never the figure itself

        # The desk's layer leaves it out; and were its figures handed on
        # anyway, the overlay's own check leaves them out: no crash, and the
        # board shows the feed's figures for the precinct.
        layers = [{k: e.votes for k, e in store.entries().items() if not e.problem}]
        if entry.votes:
            layers.append({k: e.votes for k, e in store.entries().items()})
        for layer in layers:
            live = LiveResults()
            live.apply_snapshot(election)
            live.set_desk_state(layer, store.calls())
            shown = live.election
            assert shown is not None
            assert set(live.invalid_entries) == set(layer)
            assert shown.race("mayor") == election.race("mayor")
            assert tabulate(shown.race("mayor")).total_votes == 1234
            assert live.manual_races == frozenset()

        # A correction replaces it with no drop to confirm, and it is valid.
        store.record_entry(
            "Ann", "mayor", "p1", {"a": 800, "b": 434, "c": 100}, election=election
        )
        fixed = store.entries()[("mayor", "p1")]
        assert (fixed.problem, sum(fixed.votes.values())) == (None, 1334)
        assert len(store.audit_log()) == 2
