"""Undo and redo of an operator's own actions, computed from the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from electionboard.model import CallOutcome, Election
from electionboard.store import ActionKind, ActionRefused, DeskStore, SqliteDeskStore
from tests.store.desk import replayed, state_of

FIRST = {"a": 800, "b": 450, "c": 120}
SECOND = {"a": 900, "b": 450, "c": 120}


def test_undo_restores_the_before_state_and_is_audited(
    store: DeskStore, election: Election
) -> None:
    entered = store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    undone = store.undo("Ann")
    assert store.entries() == {}
    assert (undone.kind, undone.target_id, undone.operator) == (
        ActionKind.UNDO,
        entered.id,
        "Ann",
    )
    assert (undone.before, undone.after) == (entered.after, None)
    assert undone.note == f"undo of #{entered.id}"
    redone = store.redo("Ann")
    assert (redone.kind, redone.target_id) == (ActionKind.REDO, entered.id)
    assert store.entries()[("mayor", "p1")].votes == FIRST
    assert state_of(store) == replayed(store)


def test_undo_walks_back_through_earlier_values(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    store.record_entry("Ann", "mayor", "p1", SECOND, election=election)
    store.undo("Ann")
    assert store.entries()[("mayor", "p1")].votes == FIRST
    store.undo("Ann")
    assert store.entries() == {}
    with pytest.raises(ActionRefused, match="Ann has nothing to undo"):
        store.undo("Ann")
    store.redo("Ann")
    store.redo("Ann")
    assert store.entries()[("mayor", "p1")].votes == SECOND
    with pytest.raises(ActionRefused, match="Ann has nothing to redo"):
        store.redo("Ann")


def test_undoing_a_call_restores_the_previous_call(
    store: DeskStore, election: Election
) -> None:
    store.call_race("Bob", "mayor", CallOutcome.ADVANCE, ["a"], election=election)
    store.call_race("Bob", "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election)
    store.undo("Bob")
    assert store.calls()["mayor"].candidate_ids == ("a",)
    store.retract_call("Bob", "mayor")
    store.undo("Bob")
    assert store.calls()["mayor"].candidate_ids == ("a",)
    store.mark_too_close("Bob", "mayor", election=election)
    store.undo("Bob")
    assert store.calls()["mayor"].outcome is CallOutcome.ADVANCE


def test_a_new_action_clears_the_redo_stack(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    store.undo("Ann")
    assert store.redoable("Ann") is not None
    store.record_entry("Ann", "measure", "q1", {"yes": 1, "no": 2}, election=election)
    assert store.redoable("Ann") is None
    with pytest.raises(ActionRefused):
        store.redo("Ann")


def test_undo_and_redo_survive_a_restart(data_dir: Path, election: Election) -> None:
    with SqliteDeskStore(data_dir) as store:
        first = store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
        store.record_entry("Ann", "mayor", "p1", SECOND, election=election)
        store.undo("Ann")
    with SqliteDeskStore(data_dir) as store:
        undoable = store.undoable("Ann")
        assert undoable is not None
        assert undoable.id == first.id
        store.redo("Ann")
        assert store.entries()[("mayor", "p1")].votes == SECOND
    with SqliteDeskStore(data_dir) as store:
        store.undo("Ann")
        store.undo("Ann")
        assert store.entries() == {}
        assert state_of(store) == replayed(store)


def test_each_operator_undoes_only_their_own_actions(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    store.record_entry("Bob", "measure", "q1", {"yes": 1, "no": 2}, election=election)
    store.undo("Ann")
    assert list(store.entries()) == [("measure", "q1")]
    assert store.undoable("Cat") is None
    with pytest.raises(ActionRefused):
        store.undo("Cat")


def test_undo_never_overwrites_another_operators_later_change(
    store: DeskStore, election: Election
) -> None:
    store.call_race("Ann", "measure", CallOutcome.WON, ["yes"], election=election)
    store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    store.record_entry("Bob", "mayor", "p1", SECOND, election=election)
    # Ann's entry was overtaken by Bob's, so her undo reaches her call instead.
    store.undo("Ann")
    assert store.calls() == {}
    assert store.entries()[("mayor", "p1")].votes == SECOND
    assert store.undoable("Ann") is None
    # Bob never touched the call, so Ann's redo of it still stands.
    store.redo("Ann")
    assert store.calls()["measure"].candidate_ids == ("yes",)


def test_another_operators_change_drops_a_pending_redo(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "mayor", "p1", FIRST, election=election)
    store.undo("Ann")
    store.record_entry("Bob", "mayor", "p1", SECOND, election=election)
    assert store.redoable("Ann") is None
    assert store.entries()[("mayor", "p1")].votes == SECOND
