"""Entries and calls are checked against the feed before anything is saved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from electionboard.model import CallOutcome, Election
from electionboard.store import (
    ActionRefused,
    DeskStore,
    DropNotConfirmed,
    EntryRejected,
)

GOOD = {"a": 800, "b": 450, "c": 120}


@pytest.mark.parametrize(
    ("race_id", "precinct_id", "votes", "field", "message"),
    [
        ("nope", "p1", GOOD, "race", "no race 'nope' in this feed"),
        ("mayor", "p9", GOOD, "precinct", "no precinct 'p9' in Mayor"),
        ("council", "p1", {"x": 1, "y": 1}, "precinct", "no precinct 'p1' in Council"),
        ("mayor", "p1", {**GOOD, "z": 5}, "votes.z", "'z' is not a candidate"),
        ("mayor", "p1", {"a": 800, "b": 450}, "votes.c", "missing: enter 0 for none"),
        ("mayor", "p1", {**GOOD, "b": -1}, "votes.b", "cannot be negative, got -1"),
        ("mayor", "p1", {**GOOD, "a": 800.5}, "votes.a", "whole numbers, got 800.5"),
        ("mayor", "p1", {**GOOD, "a": "800"}, "votes.a", "whole numbers, got '800'"),
        ("mayor", "p1", {**GOOD, "a": True}, "votes.a", "whole numbers, got True"),
        (
            "mayor",
            "p1",
            {"a": 1500, "b": 450, "c": 120},
            "votes",
            "2,070 votes but only 2,000 registered voters",
        ),
    ],
)
def test_bad_entries_are_rejected_at_their_field_and_not_saved(
    store: DeskStore,
    election: Election,
    race_id: str,
    precinct_id: str,
    votes: Mapping[str, object],
    field: str,
    message: str,
) -> None:
    with pytest.raises(EntryRejected) as caught:
        store.record_entry(
            "Ann",
            race_id,
            precinct_id,
            votes,  # type: ignore[arg-type]  # deliberately malformed
            election=election,
        )
    assert message in caught.value.problems[field]
    assert store.audit_log() == []
    assert store.entries() == {}


def test_every_bad_field_is_reported_at_once(
    store: DeskStore, election: Election
) -> None:
    with pytest.raises(EntryRejected) as caught:
        store.record_entry("Ann", "mayor", "p1", {"a": -1, "z": 2}, election=election)
    assert set(caught.value.problems) == {"votes.a", "votes.b", "votes.c", "votes.z"}


def test_an_operator_name_is_required(store: DeskStore, election: Election) -> None:
    with pytest.raises(EntryRejected) as caught:
        store.record_entry("  ", "mayor", "p1", GOOD, election=election)
    assert "operator" in caught.value.problems


def test_a_total_below_the_feeds_needs_confirmation(
    store: DeskStore, election: Election
) -> None:
    lower = {"a": 700, "b": 400, "c": 100}
    with pytest.raises(DropNotConfirmed) as caught:
        store.record_entry("Ann", "mayor", "p1", lower, election=election)
    assert caught.value.problems == {"votes": "total falls from 1,234 to 1,200"}
    assert (caught.value.before, caught.value.after) == (1234, 1200)
    assert store.audit_log() == []
    row = store.record_entry(
        "Ann", "mayor", "p1", lower, election=election, confirm_drop=True
    )
    assert store.entries()[("mayor", "p1")].votes == lower
    assert store.audit_log() == [row]


def test_a_total_below_an_earlier_entry_needs_confirmation(
    store: DeskStore, election: Election
) -> None:
    store.record_entry(
        "Ann", "measure", "q1", {"yes": 300, "no": 200}, election=election
    )
    with pytest.raises(DropNotConfirmed, match="falls from 500 to 499"):
        store.record_entry(
            "Bob", "measure", "q1", {"yes": 300, "no": 199}, election=election
        )
    store.record_entry(
        "Bob", "measure", "q1", {"yes": 300, "no": 200}, election=election
    )
    assert len(store.audit_log()) == 2


@pytest.mark.parametrize(
    ("race_id", "outcome", "candidates", "field", "message"),
    [
        ("nope", CallOutcome.WON, ["a"], "race", "no race 'nope'"),
        ("mayor", CallOutcome.ADVANCE, ["z"], "candidates", "'z' is not a candidate"),
        ("mayor", CallOutcome.ADVANCE, ["a", "a"], "candidates", "named twice"),
        ("mayor", CallOutcome.ADVANCE, ["a", "b", "c"], "candidates", "1 to 2"),
        ("mayor", CallOutcome.ADVANCE, [], "candidates", "1 to 2"),
        ("measure", CallOutcome.WON, ["yes", "no"], "candidates", "exactly one"),
        ("measure", CallOutcome.TOO_CLOSE, ["yes"], "candidates", "names no"),
        ("mayor", CallOutcome.WON, ["a"], "outcome", "nobody wins Mayor outright"),
        ("measure", CallOutcome.ADVANCE, ["yes"], "outcome", "has one winner"),
    ],
)
def test_bad_calls_are_rejected_and_not_saved(
    store: DeskStore,
    election: Election,
    race_id: str,
    outcome: CallOutcome,
    candidates: Sequence[str],
    field: str,
    message: str,
) -> None:
    with pytest.raises(EntryRejected) as caught:
        store.call_race("Bob", race_id, outcome, candidates, election=election)
    assert message in caught.value.problems[field]
    assert store.audit_log() == []


def test_releasing_or_retracting_nothing_is_refused(store: DeskStore) -> None:
    with pytest.raises(ActionRefused, match="no manual entry to release"):
        store.release_entry("Ann", "mayor", "p1")
    with pytest.raises(ActionRefused, match="no desk call to retract"):
        store.retract_call("Ann", "mayor")
    assert store.audit_log() == []
