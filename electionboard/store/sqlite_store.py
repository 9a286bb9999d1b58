"""The desk store as one SQLite file in the data folder, safe to share.

Two app instances may use one data folder at once: each action is a single
``BEGIN IMMEDIATE`` transaction that reads, checks and writes, so writers queue
on SQLite's lock (``busy_timeout``) instead of overwriting each other, and WAL
lets the board keep reading meanwhile. The folder must be on a local disk;
WAL's shared memory does not work over network file systems.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from electionboard.model.election import Call, CallOutcome, Election
from electionboard.model.overlay import EntryRejected, check_call, check_entry
from electionboard.model.validation import check_votes
from electionboard.store import tables
from electionboard.store.errors import ActionRefused, BatchRejected
from electionboard.store.export import write_audit_csv
from electionboard.store.history import stacks, step_rows
from electionboard.store.protocol import (
    NOT_CHECKED,
    UNCHECKED,
    SeenCall,
    SeenEntries,
    check_seen,
    check_seen_call,
    check_seen_rows,
)
from electionboard.store.records import (
    FEED_SUBJECT,
    ActionKind,
    AuditRecord,
    EntryRow,
    ManualEntry,
    Subject,
    call_value,
    entry_value,
    new_record,
    read_entry,
    utc_text,
    utc_time,
)
from electionboard.store.schema import connect

DB_NAME = "desk.sqlite3"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _operator(name: str) -> str:
    """Stacks and the log are keyed by name, so stray spaces must not split them."""
    who = name.strip()
    if not who:
        raise EntryRejected({"operator": "an operator name is needed"})
    return who


def _recorded_total(current: str | None) -> int | None:
    """The total of the entry in force; None when there is none to measure.

    An entry that breaks the rules (saved by an older version) measures
    nothing, so the correction replacing it needs no drop confirmation.
    """
    if current is None:
        return None
    try:
        votes = read_entry(current)[0]
    except ValueError:
        return None
    if check_votes(votes.values()):
        return None
    return sum(votes.values())


class SqliteDeskStore:
    """:class:`~electionboard.store.protocol.DeskStore` in ``<data_dir>/desk.sqlite3``.

    Args:
        data_dir: the user data folder or ``--data-dir``; created if missing.
        clock: the time stamped on audit rows; must be timezone-aware.
        busy_timeout: seconds to wait for another instance's write to finish.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
        busy_timeout: float = 10.0,
    ) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / DB_NAME
        self._clock = clock
        self._db = connect(self.path, busy_timeout)

    def __enter__(self) -> SqliteDeskStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; committed actions are already on disk."""
        self._db.close()

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

        The drop check reads the earlier entry inside the action's transaction,
        so another instance's entry cannot slip in between check and save.
        ``seen`` (``check_seen``) refuses to replace a colleague's later entry.
        """
        who = _operator(operator)
        subject = (race_id, precinct_id)
        row = EntryRow(race_id, precinct_id, votes)
        with tables.write_transaction(self._db) as db:
            check_seen(tables.read_entry_of(db, race_id, precinct_id), seen, who)
            current = tables.read_value(db, subject)
            after = self._checked_entry(
                election, row, current, note, confirm_drop=confirm_drop
            )
            return self._append(
                db, who, ActionKind.ENTRY, subject, current, after, note
            )

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
        """Save several precincts' figures as one action: all of them or none.

        Each precinct gets its own audit row, as a typed entry would; the rows
        share a ``batch``, so a single undo takes the whole batch back.

        Raises:
            BatchRejected: with every bad row by its index; nothing was saved.
                ``drops_only`` says whether confirming the drops would do.
            BatchConflict: (with ``seen``) colleagues' later entries; nothing
                was saved.
        """
        who = _operator(operator)
        if not rows:
            raise EntryRejected({"rows": "there are no figures to save"})
        rejected: dict[int, EntryRejected] = {}
        first_row: dict[tuple[str, str], int] = {}
        for index, row in enumerate(rows):
            subject = (row.race_id, row.precinct_id)
            if subject in first_row:
                rejected[index] = EntryRejected(
                    {"precinct": f"already given in row {first_row[subject] + 1}"}
                )
            first_row.setdefault(subject, index)
        with tables.write_transaction(self._db) as db:
            changes: list[tuple[Subject, str | None, str]] = []
            for index, row in enumerate(rows):
                if index in rejected:
                    continue
                subject = (row.race_id, row.precinct_id)
                current = tables.read_value(db, subject)
                try:
                    after = self._checked_entry(
                        election, row, current, note, confirm_drop=confirm_drop
                    )
                except EntryRejected as error:
                    rejected[index] = error
                    continue
                changes.append((subject, current, after))
            if rejected:
                raise BatchRejected(rejected)
            check_seen_rows(
                rows, lambda subject: tables.read_entry_of(db, *subject), seen, who
            )
            batch = tables.latest_id(db) + 1
            written = [
                self._append(
                    db, who, ActionKind.ENTRY, subject, before, after, note, batch=batch
                )
                for subject, before, after in changes
            ]
            if written[0].id != batch:
                raise sqlite3.DatabaseError("the audit log skipped an id")
            return written

    @staticmethod
    def _checked_entry(
        election: Election,
        row: EntryRow,
        current: str | None,
        note: str,
        *,
        confirm_drop: bool,
    ) -> str:
        """The JSON to store for ``row``, checked against what is in force."""
        recorded = _recorded_total(current)
        aligned = check_entry(
            election,
            row.race_id,
            row.precinct_id,
            row.votes,
            recorded_total=recorded,
            confirm_drop=confirm_drop,
        )
        ids = [c.id for c in election.race(row.race_id).candidates]
        return entry_value(dict(zip(ids, aligned, strict=True)), note)

    def release_entry(
        self, operator: str, race_id: str, precinct_id: str, *, note: str = ""
    ) -> AuditRecord:
        """Hand a precinct back to the feed."""
        who = _operator(operator)
        subject = (race_id, precinct_id)
        with tables.write_transaction(self._db) as db:
            current = tables.read_value(db, subject)
            if current is None:
                raise ActionRefused(
                    f"precinct {precinct_id!r} of race {race_id!r} has no manual "
                    "entry to release"
                )
            return self._append(
                db, who, ActionKind.RELEASE, subject, current, None, note
            )

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

        Calls are serialised by the write lock; with ``seen``, a colleague's
        call made since the operator looked is refused (``check_seen_call``).
        """
        who = _operator(operator)
        outcome = CallOutcome(outcome)
        check_call(election, race_id, outcome, candidate_ids)
        too_close = outcome is CallOutcome.TOO_CLOSE
        kind = ActionKind.TOO_CLOSE if too_close else ActionKind.CALL
        subject = (race_id, None)
        with tables.write_transaction(self._db) as db:
            check_seen_call(race_id, tables.read_calls(db).get(race_id), seen, who)
            current = tables.read_value(db, subject)
            after = call_value(outcome, candidate_ids)
            return self._append(db, who, kind, subject, current, after, note)

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
        return self.call_race(
            operator,
            race_id,
            CallOutcome.TOO_CLOSE,
            (),
            election=election,
            note=note,
            seen=seen,
        )

    def retract_call(
        self,
        operator: str,
        race_id: str,
        *,
        note: str = "",
        seen: SeenCall = UNCHECKED,
    ) -> AuditRecord:
        """Withdraw the desk's call; the feed's own call, if any, shows again."""
        who = _operator(operator)
        subject = (race_id, None)
        with tables.write_transaction(self._db) as db:
            check_seen_call(race_id, tables.read_calls(db).get(race_id), seen, who)
            current = tables.read_value(db, subject)
            if current is None:
                raise ActionRefused(f"race {race_id!r} has no desk call to retract")
            return self._append(
                db, who, ActionKind.RETRACT, subject, current, None, note
            )

    def record_feed_accepted(self, operator: str, *, note: str) -> AuditRecord:
        """Log that the operator showed a feed answer the board had ignored."""
        who = _operator(operator)
        with tables.write_transaction(self._db) as db:
            return self._append(
                db,
                who,
                ActionKind.FEED_ACCEPTED,
                (FEED_SUBJECT, None),
                None,
                None,
                note,
            )

    def undo(self, operator: str) -> AuditRecord:
        """Restore what the operator's latest undoable action replaced.

        A batch (a CSV import) is undone whole; the last row written is
        returned, and every row shares one ``batch``.
        """
        return self._step(_operator(operator), ActionKind.UNDO)

    def redo(self, operator: str) -> AuditRecord:
        """Re-apply the operator's latest undone action (or batch)."""
        return self._step(_operator(operator), ActionKind.REDO)

    def _step(self, who: str, kind: ActionKind) -> AuditRecord:
        """Undo or redo, with the stacks read inside the same transaction."""
        with tables.write_transaction(self._db) as db:
            rows = step_rows(
                tables.read_log(db), who, kind, lambda s: tables.read_value(db, s)
            )
            batch = tables.latest_id(db) + 1 if len(rows) > 1 else None
            written = [
                self._append(
                    db,
                    who,
                    kind,
                    r.subject,
                    r.before,
                    r.after,
                    r.note,
                    r.target_id,
                    batch,
                )
                for r in rows
            ]
            if batch is not None and written[0].id != batch:
                raise sqlite3.DatabaseError("the audit log skipped an id")
            return written[-1]

    def _append(
        self,
        db: sqlite3.Connection,
        who: str,
        kind: ActionKind,
        subject: Subject,
        before: str | None,
        after: str | None,
        note: str,
        target_id: int | None = None,
        batch: int | None = None,
    ) -> AuditRecord:
        at = utc_time(utc_text(self._clock()))
        row = new_record(at, who, kind, subject, before, after, note, target_id, batch)
        return tables.append(db, row)

    def undoable(self, operator: str) -> AuditRecord | None:
        """The action ``undo`` would reverse, for the menu's label."""
        undo = stacks(self.audit_log(), operator.strip()).undo
        return undo[-1] if undo else None

    def redoable(self, operator: str) -> AuditRecord | None:
        """The action ``redo`` would re-apply, for the menu's label."""
        redo = stacks(self.audit_log(), operator.strip()).redo
        return redo[-1] if redo else None

    def entries(self) -> dict[tuple[str, str], ManualEntry]:
        """Manual entries in force, by (race, precinct)."""
        return tables.read_entries(self._db)

    def calls(self) -> dict[str, Call]:
        """Desk calls in force, by race; ``by`` is the operator."""
        return tables.read_calls(self._db)

    def audit_log(self) -> list[AuditRecord]:
        """Every action, oldest first."""
        return tables.read_log(self._db)

    def revision(self) -> int:
        """The latest audit id: grows with every action from any instance."""
        return tables.latest_id(self._db)

    def export_audit_csv(self, path: Path) -> int:
        """Write the audit log as CSV with a header; the number of rows back."""
        return write_audit_csv(self.audit_log(), path)
