"""Two operators on one precinct or one race: the second is told before saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from electionboard.model import CallOutcome, Election
from electionboard.store import (
    BatchConflict,
    CallConflict,
    DeskStore,
    EntryConflict,
    EntryRow,
    PostgresDeskStore,
    SqliteDeskStore,
)
from tests.store.desk import Clock


@pytest.fixture(params=["sqlite", "postgresql"])
def two_desks(
    request: pytest.FixtureRequest, data_dir: Path
) -> tuple[DeskStore, DeskStore]:
    """Two desks on one store, each with its own connection."""
    if request.param == "sqlite":
        return SqliteDeskStore(data_dir, clock=Clock()), SqliteDeskStore(
            data_dir, clock=Clock()
        )
    url = request.getfixturevalue("pg_url")
    return PostgresDeskStore(url, clock=Clock()), PostgresDeskStore(url, clock=Clock())


def test_a_colleagues_later_entry_is_never_overwritten_silently(
    two_desks: tuple[DeskStore, DeskStore], election: Election
) -> None:
    ann, bob = two_desks
    # Both open precinct p2 while it has no entry.
    first = ann.record_entry(
        "Ann", "mayor", "p2", {"a": 10, "b": 5, "c": 1}, election=election, seen=None
    )
    with pytest.raises(EntryConflict) as told:
        bob.record_entry(
            "Bob",
            "mayor",
            "p2",
            {"a": 12, "b": 5, "c": 1},
            election=election,
            seen=None,
        )
    conflict = told.value
    assert (conflict.operator, conflict.audit_id) == ("Ann", first.id)
    assert conflict.votes == {"a": 10, "b": 5, "c": 1}
    assert "Ann saved this precinct after you opened it" in str(conflict)
    assert len(bob.audit_log()) == 1  # nothing of Bob's was saved
    # Bob chooses to replace it, having been told: his entry is saved.
    replaced = bob.record_entry(
        "Bob",
        "mayor",
        "p2",
        {"a": 12, "b": 5, "c": 1},
        election=election,
        seen=conflict.audit_id,
    )
    assert ann.entries()[("mayor", "p2")].audit_id == replaced.id
    ann.close()
    bob.close()


def test_an_operators_own_later_entry_or_none_is_no_conflict(
    two_desks: tuple[DeskStore, DeskStore], election: Election
) -> None:
    ann, bob = two_desks
    ann.record_entry("Ann", "mayor", "p2", {"a": 1, "b": 1, "c": 1}, election=election)
    # Ann again, from the precinct she opened before her own save: no conflict.
    ann.record_entry(
        "Ann", "mayor", "p2", {"a": 2, "b": 1, "c": 1}, election=election, seen=None
    )
    # Nobody's entry in force (released): nothing to overwrite.
    bob.release_entry("Bob", "mayor", "p2")
    bob.record_entry(
        "Bob", "mayor", "p2", {"a": 3, "b": 1, "c": 1}, election=election, seen=99
    )
    # Without ``seen`` (a script, an import) nothing is checked, as before.
    ann.record_entry("Ann", "mayor", "p2", {"a": 4, "b": 1, "c": 1}, election=election)
    assert ann.entries()[("mayor", "p2")].votes["a"] == 4
    ann.close()
    bob.close()


def test_two_desks_calling_one_race_cannot_both_win_silently(
    two_desks: tuple[DeskStore, DeskStore], election: Election
) -> None:
    ann, bob = two_desks
    # Both look at the mayor's race with no desk call in force.
    ann.call_race(
        "Ann", "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election, seen=None
    )
    with pytest.raises(CallConflict) as told:
        bob.call_race(
            "Bob",
            "mayor",
            CallOutcome.ADVANCE,
            ["a", "c"],
            election=election,
            seen=None,
        )
    assert told.value.call.by == "Ann"
    assert told.value.call.candidate_ids == ("a", "b")
    assert len(bob.audit_log()) == 1
    with pytest.raises(CallConflict):
        bob.retract_call("Bob", "mayor", seen=None)
    # Told, Bob replaces Ann's call; it is one more audited action.
    bob.call_race(
        "Bob",
        "mayor",
        CallOutcome.ADVANCE,
        ["a", "c"],
        election=election,
        seen=told.value.call,
    )
    assert ann.calls()["mayor"].candidate_ids == ("a", "c")
    assert [r.operator for r in ann.audit_log()] == ["Ann", "Bob"]
    ann.close()
    bob.close()


def test_an_import_over_a_colleagues_later_entries_is_refused_whole(
    two_desks: tuple[DeskStore, DeskStore], election: Election
) -> None:
    ann, bob = two_desks
    mine = bob.record_entry(
        "Bob", "mayor", "p1", {"a": 700, "b": 434, "c": 101}, election=election
    )
    seen = {("mayor", "p1"): mine.id}  # what Bob's desk showed when he imported
    theirs = ann.record_entry(
        "Ann", "mayor", "p2", {"a": 10, "b": 5, "c": 1}, election=election
    )
    rows = [
        EntryRow("mayor", "p1", {"a": 701, "b": 434, "c": 101}),
        EntryRow("mayor", "p2", {"a": 12, "b": 5, "c": 1}),
        EntryRow("mayor", "p3", {"a": 3, "b": 3, "c": 3}),
    ]
    with pytest.raises(BatchConflict) as told:
        bob.record_entries("Bob", rows, election=election, seen=seen)
    assert list(told.value.conflicts) == [("mayor", "p2")]  # his own p1 is no conflict
    conflict = told.value.conflicts[("mayor", "p2")]
    assert (conflict.operator, conflict.audit_id) == ("Ann", theirs.id)
    assert "mayor/p2 by Ann" in str(told.value)
    assert len(bob.audit_log()) == 2  # nothing of the import was saved
    # Told, Bob replaces hers: the import goes in whole.
    saved = bob.record_entries(
        "Bob", rows, election=election, seen={**seen, ("mayor", "p2"): theirs.id}
    )
    assert [record.precinct_id for record in saved] == ["p1", "p2", "p3"]
    # A script that does not ask (no seen) imports as before.
    again = [EntryRow("mayor", "p2", {"a": 13, "b": 5, "c": 1})]
    assert ann.record_entries("Ann", again, election=election)
