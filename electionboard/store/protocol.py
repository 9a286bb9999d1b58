"""The desk store's interface, so a shared database server can replace SQLite.

Every action checks, changes the state and appends its audit row as one unit,
and returns that row; reads never return a half-applied action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Protocol

from electionboard.model.election import Call, CallOutcome, Election
from electionboard.store.errors import BatchConflict, CallConflict, EntryConflict
from electionboard.store.records import AuditRecord, EntryRow, ManualEntry

NOT_CHECKED = -1
"""``seen`` for a caller that does not ask whether a colleague came first."""


def check_seen(current: ManualEntry | None, seen: int | None, operator: str) -> None:
    """Refuse an entry that would silently replace a colleague's later one.

    ``seen`` is the audit id of the entry the desk showed when the operator
    opened the precinct (None: it showed none). A different entry in force now,
    saved by someone else, raises ``EntryConflict`` with who, what and when;
    the operator's own later entry, or none at all, is no conflict.

    Raises:
        EntryConflict: a colleague's entry came in between.
    """
    if seen == NOT_CHECKED or current is None:
        return
    if current.audit_id != seen and current.operator != operator:
        raise EntryConflict(
            current.operator, current.at, current.votes, current.audit_id
        )


SeenEntries = Mapping[tuple[str, str], int]
"""The audit ids of the entries the desk showed, by (race, precinct); a
precinct missing from it showed no entry."""


def check_seen_rows(
    rows: Sequence[EntryRow],
    current: Callable[[tuple[str, str]], ManualEntry | None],
    seen: SeenEntries | None,
    operator: str,
) -> None:
    """``check_seen`` for every row of a batch, all refused together.

    ``seen`` None: the caller does not ask (a script replaying a file).

    Raises:
        BatchConflict: every precinct a colleague saved after the desk looked.
    """
    if seen is None:
        return
    conflicts: dict[tuple[str, str], EntryConflict] = {}
    for row in rows:
        subject = (row.race_id, row.precinct_id)
        try:
            check_seen(current(subject), seen.get(subject), operator)
        except EntryConflict as conflict:
            conflicts[subject] = conflict
    if conflicts:
        raise BatchConflict(conflicts)


class Unchecked(Enum):
    """``seen`` for a caller that does not ask whether a colleague came first."""

    UNCHECKED = "unchecked"


UNCHECKED = Unchecked.UNCHECKED

SeenCall = Call | None | Unchecked
"""The desk's call the operator saw in a race (None: none), or UNCHECKED."""


def check_seen_call(
    race_id: str, current: Call | None, seen: SeenCall, operator: str
) -> None:
    """Refuse a call that would silently replace a colleague's later one.

    Raises:
        CallConflict: the call in force is another operator's, and not the one
            the operator saw.
    """
    if seen is UNCHECKED or current is None:
        return
    if current != seen and current.by != operator:
        raise CallConflict(race_id, current)


class DeskStore(Protocol):
    """Operator entries, desk calls and their audit log.

    Actions raise ``EntryRejected`` (one message per field) for bad input and
    ``ActionRefused`` when there is nothing to release, retract, undo or redo.
    """

    def record_entry(
        self,
        operator: str,
        race_id: str,
        precinct_id: str,
        votes: Mapping[str, int],
        *,
        election: Election,
        note: str = "",
        confirm_drop: bool = False,
        seen: int | None = NOT_CHECKED,
    ) -> AuditRecord:
        """Save manual figures for a precinct, checked against ``election``.

        With ``seen``, a colleague's entry saved since raises ``EntryConflict``
        before anything is saved (``check_seen``).
        """
        ...

    def record_entries(
        self,
        operator: str,
        rows: Sequence[EntryRow],
        *,
        election: Election,
        note: str = "",
        confirm_drop: bool = False,
        seen: SeenEntries | None = None,
    ) -> list[AuditRecord]:
        """Save many precincts' figures as one all-or-nothing, undo-as-one action.

        Raises ``BatchRejected`` listing every bad row when any row is bad, and
        with ``seen``, ``BatchConflict`` for colleagues' later entries.
        """
        ...

    def release_entry(
        self, operator: str, race_id: str, precinct_id: str, *, note: str = ""
    ) -> AuditRecord:
        """Hand a precinct back to the feed."""
        ...

    def call_race(
        self,
        operator: str,
        race_id: str,
        outcome: CallOutcome,
        candidate_ids: Sequence[str],
        *,
        election: Election,
        note: str = "",
        seen: SeenCall = UNCHECKED,
    ) -> AuditRecord:
        """Call a race for the desk, replacing any earlier desk call.

        With ``seen``, a colleague's call made since raises ``CallConflict``.
        """
        ...

    def mark_too_close(
        self,
        operator: str,
        race_id: str,
        *,
        election: Election,
        note: str = "",
        seen: SeenCall = UNCHECKED,
    ) -> AuditRecord:
        """Declare a race too close to call."""
        ...

    def retract_call(
        self,
        operator: str,
        race_id: str,
        *,
        note: str = "",
        seen: SeenCall = UNCHECKED,
    ) -> AuditRecord:
        """Withdraw the desk's call; the feed's own call, if any, shows again."""
        ...

    def record_feed_accepted(self, operator: str, *, note: str) -> AuditRecord:
        """Log that the operator showed a feed answer the board had ignored."""
        ...

    def undo(self, operator: str) -> AuditRecord:
        """Restore what the operator's latest undoable action replaced."""
        ...

    def redo(self, operator: str) -> AuditRecord:
        """Re-apply the operator's latest undone action."""
        ...

    def undoable(self, operator: str) -> AuditRecord | None:
        """The action ``undo`` would reverse, for the menu's label."""
        ...

    def redoable(self, operator: str) -> AuditRecord | None:
        """The action ``redo`` would re-apply, for the menu's label."""
        ...

    def entries(self) -> dict[tuple[str, str], ManualEntry]:
        """Manual entries in force, by (race, precinct)."""
        ...

    def calls(self) -> dict[str, Call]:
        """Desk calls in force, by race; ``by`` is the operator."""
        ...

    def audit_log(self) -> list[AuditRecord]:
        """Every action, oldest first."""
        ...

    def revision(self) -> int:
        """Grows with every action from any instance, so views know to re-read."""
        ...

    def export_audit_csv(self, path: Path) -> int:
        """Write the audit log as CSV with a header; the number of rows back."""
        ...

    def close(self) -> None:
        """Release the database; the store is unusable afterwards."""
        ...
