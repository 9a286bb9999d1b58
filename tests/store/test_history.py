"""The pure audit-log helpers: stacks and replay, on hand-built rows."""

from __future__ import annotations

import pytest

from electionboard.store import ActionKind, AuditRecord, replay, stacks
from tests.store.desk import UPDATED

A = '{"note":"","votes":{"a":1}}'
B = '{"note":"","votes":{"a":2}}'


def row(
    id_: int,
    operator: str,
    kind: ActionKind,
    before: str | None,
    after: str | None,
    target: int | None = None,
) -> AuditRecord:
    return AuditRecord(
        id_, UPDATED, operator, kind, "r", "p", before, after, "", target
    )


def test_replay_follows_the_log() -> None:
    log = [
        row(1, "Ann", ActionKind.ENTRY, None, A),
        row(2, "Ann", ActionKind.ENTRY, A, B),
        row(3, "Ann", ActionKind.UNDO, B, A, target=2),
    ]
    assert replay(log) == {("r", "p"): A}
    assert [r.id for r in stacks(log, "Ann").undo] == [1]
    assert [r.id for r in stacks(log, "Ann").redo] == [2]


def test_replay_refuses_a_log_that_breaks_its_chain() -> None:
    log = [
        row(1, "Ann", ActionKind.ENTRY, None, A),
        row(2, "Bob", ActionKind.ENTRY, B, A),
    ]
    with pytest.raises(ValueError, match="row #2"):
        replay(log)


def test_stacks_refuse_a_step_on_an_action_not_on_the_stack() -> None:
    log = [
        row(1, "Ann", ActionKind.ENTRY, None, A),
        row(2, "Ann", ActionKind.REDO, None, A, 1),
    ]
    with pytest.raises(ValueError, match="#1"):
        stacks(log, "Ann")
