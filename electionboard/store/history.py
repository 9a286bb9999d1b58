"""Undo and redo stacks, and the desk's state, recomputed from the audit log.

Nothing but the log is kept, so the stacks survive restarts and two app
instances on one data folder agree on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from electionboard.store.errors import ActionRefused
from electionboard.store.records import ActionKind, AuditRecord, Subject, parsed

_STEPS = (ActionKind.UNDO, ActionKind.REDO)
_NOTES = (ActionKind.FEED_ACCEPTED,)
"""Rows that record a decision but change no entry or call: never undone."""


@dataclass(frozen=True, slots=True)
class Stacks:
    """One operator's undo and redo stacks; the last item is the next one."""

    undo: tuple[AuditRecord, ...]
    redo: tuple[AuditRecord, ...]


def _remove(stack: list[tuple[AuditRecord, int]], target_id: int | None) -> AuditRecord:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0].id == target_id:
            return stack.pop(index)[0]
    raise ValueError(f"audit log: step on action #{target_id}, not on the stack")


def stacks(log: Iterable[AuditRecord], operator: str) -> Stacks:
    """The undo and redo stacks of ``operator``, oldest first.

    Both hold original actions (never ``undo``/``redo`` rows). An action drops
    off for good once another operator changes the same entry or call after
    it, since undoing it would overwrite their work.
    """
    # Each item is (action, id of the row that last put it on this stack).
    undo: list[tuple[AuditRecord, int]] = []
    redo: list[tuple[AuditRecord, int]] = []
    touched_by_others: dict[Subject, int] = {}
    for record in log:
        if record.kind in _NOTES:
            continue
        if record.operator != operator:
            touched_by_others[record.subject] = record.id
        elif record.kind is ActionKind.UNDO:
            redo.append((_remove(undo, record.target_id), record.id))
        elif record.kind is ActionKind.REDO:
            undo.append((_remove(redo, record.target_id), record.id))
        else:
            undo.append((record, record.id))
            redo.clear()

    def live(stack: list[tuple[AuditRecord, int]]) -> tuple[AuditRecord, ...]:
        return tuple(
            action
            for action, since in stack
            if touched_by_others.get(action.subject, 0) < since
        )

    return Stacks(undo=live(undo), redo=live(redo))


def next_step(stack: tuple[AuditRecord, ...]) -> tuple[AuditRecord, ...]:
    """What the next undo (or redo) of ``stack`` takes, in stack order.

    The top action alone, or with every action of its batch still on the
    stack, so one keystroke undoes a whole CSV import. Batch members another
    operator has overtaken are already off the stack and stay as they are.
    """
    if not stack:
        return ()
    top = stack[-1]
    if top.batch is None:
        return (top,)
    return tuple(action for action in stack if action.batch == top.batch)


def replay(log: Iterable[AuditRecord]) -> dict[Subject, str]:
    """The desk's entries and calls rebuilt from the log alone.

    Raises:
        ValueError: a row's ``before`` is not what the rows ahead of it left,
            so the log and the state have parted.
    """
    state: dict[Subject, str] = {}
    for record in log:
        if record.kind in _NOTES:
            continue
        current = state.get(record.subject)
        if parsed(current) != parsed(record.before):
            raise ValueError(f"audit log: row #{record.id} does not follow its past")
        if record.after is None:
            state.pop(record.subject, None)
        else:
            state[record.subject] = record.after
    return state


@dataclass(frozen=True, slots=True)
class StepRow:
    """One audit row an undo or redo appends: what it puts back, and why."""

    subject: Subject
    before: str | None
    after: str | None
    note: str
    target_id: int


def step_rows(
    log: Iterable[AuditRecord],
    operator: str,
    kind: ActionKind,
    read_value: Callable[[Subject], str | None],
) -> list[StepRow]:
    """The rows ``operator``'s next undo (or redo) appends, newest target first.

    Both stores run this inside the action's transaction, reading the value in
    force with ``read_value``. A target someone has overtaken since is refused,
    never guessed: the stacks drop such actions, so log and state disagree.

    Raises:
        ActionRefused: nothing to undo or redo, or a target changed since.
    """
    both = stacks(log, operator)
    step = next_step(both.undo if kind is ActionKind.UNDO else both.redo)
    if not step:
        raise ActionRefused(f"{operator} has nothing to {kind}")
    rows = []
    # Newest first, so the other stack receives them in the same order.
    for target in reversed(step):
        expected, after = target.after, target.before
        if kind is ActionKind.REDO:
            expected, after = after, expected
        current = read_value(target.subject)
        if parsed(current) != parsed(expected):
            raise ActionRefused(f"action #{target.id} changed since; cannot {kind}")
        rows.append(
            StepRow(
                target.subject, current, after, f"{kind} of #{target.id}", target.id
            )
        )
    return rows
