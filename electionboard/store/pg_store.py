"""The desk store in a shared PostgreSQL database, for a newsroom of many desks.

It behaves as :class:`~electionboard.store.sqlite_store.SqliteDeskStore` does
(the same rules, audit rows, undo and redo, all-or-nothing batches and
errors); only the SQL differs. Connections come from ``pg_pool``, which turns
a lost server into ``StoreUnreachable``. Each action is one transaction under the
desks' advisory lock (see ``pg_tables``), and sends ``NOTIFY
electionboard_desk, '<revision>'`` as it commits, for ``PgChangeListener``.

Who may do what is the database's business (``pg_schema``, migration 2): an
operator's login role belongs to one group, and the operator name on every
audit row is that login (``current_user``). The store only says so early and
turns the database's refusal into ``NotPermitted``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import psycopg

from electionboard.model.election import Call, CallOutcome, Election
from electionboard.model.overlay import EntryRejected, check_call
from electionboard.store import pg_pool
from electionboard.store import pg_tables as tables
from electionboard.store.errors import ActionRefused, BatchRejected, NotPermitted
from electionboard.store.export import write_audit_csv
from electionboard.store.history import stacks, step_rows
from electionboard.store.pg_listener import PgChangeListener
from electionboard.store.pg_schema import migrate
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
    new_record,
    utc_text,
    utc_time,
)
from electionboard.store.sqlite_store import SqliteDeskStore, _operator
from electionboard.store.urls import redacted

_checked_entry = SqliteDeskStore._checked_entry
"""The entry rules are the SQLite store's own, so both stores judge alike."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _bound_login(connection: tables.Connection) -> str | None:
    """``current_user``, unless it owns the audit table (an administrator)."""
    row = connection.execute(
        "SELECT current_user, pg_has_role(current_user, "
        "(SELECT relowner FROM pg_class WHERE oid = 'audit'::regclass), 'MEMBER')"
    ).fetchone()
    if row is None or row[1]:
        return None
    return str(row[0])


DESK_READ_ONLY = (
    "this login may only read the desk's records "
    "(ask for the entry or decision desk role)"
)


class PostgresDeskStore:
    """:class:`~electionboard.store.protocol.DeskStore` in a PostgreSQL database.

    Args:
        url: ``postgresql://user:password@host:port/database``; read it from
            the environment or a file, never from the command line.
        clock: the time stamped on audit rows; must be timezone-aware.
        timeout: seconds to wait for a connection before ``StoreUnreachable``.
        max_connections: the pool's ceiling; one desk rarely needs two.

    Raises:
        StoreUnreachable: the server did not answer within ``timeout``.
        SchemaTooNew: a newer electionboard wrote the database.
    """

    def __init__(
        self,
        url: str,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
        timeout: float = 5.0,
        max_connections: int = 4,
    ) -> None:
        self._url = url
        self._clock = clock
        self._pool = pg_pool.open_pool(url, timeout=timeout, max_size=max_connections)
        try:
            with self._connection() as connection:
                migrate(connection)
                self._login = _bound_login(connection)
        except BaseException:
            self._pool.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresDeskStore({redacted(self._url)!r})"

    def __enter__(self) -> PostgresDeskStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pool; committed actions are already on the server."""
        self._pool.close()

    @property
    def location(self) -> str:
        """Where the store is, safe to show: the URL with its password hidden."""
        return redacted(self._url)

    @property
    def signed_in_as(self) -> str | None:
        """The operator's login role when the database binds the operator name
        to it; None for the schema's owner (an administrator), who may sign
        rows with any name, as the single-desk and test set-ups do."""
        return self._login

    def _who(self, operator: str) -> str:
        """The operator name for an audit row: the login, when there is one.

        Raises:
            NotPermitted: ``operator`` names someone other than the login.
        """
        if self._login is None:
            return _operator(operator)
        name = operator.strip()
        if name and name != self._login:
            raise NotPermitted(
                f"signed in to the database as {self._login}, not {name}: "
                "the operator name is the database login"
            )
        return self._login

    def change_listener(
        self,
        on_revision: Callable[[int], None],
        *,
        on_state: Callable[[bool], None] | None = None,
    ) -> PgChangeListener:
        """A listener for every desk's committed actions on this database
        (not started), so the URL never leaves the store."""
        return PgChangeListener(self._url, on_revision, on_state=on_state)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[tables.Connection]:
        with (
            pg_pool.permitted(DESK_READ_ONLY),
            pg_pool.connection(self._pool, self._url) as lent,
        ):
            yield lent

    @contextlib.contextmanager
    def _action(self) -> Iterator[tables.Connection]:
        with (
            pg_pool.permitted(DESK_READ_ONLY),
            pg_pool.action(self._pool, self._url) as lent,
        ):
            yield lent

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

        The drop check reads the earlier entry under the desks' lock, so
        another desk's entry cannot slip in between check and save; ``seen``
        refuses to replace a colleague's later entry (``check_seen``).
        """
        who = self._who(operator)
        subject = (race_id, precinct_id)
        row = EntryRow(race_id, precinct_id, votes)
        with self._action() as db:
            check_seen(tables.read_entries(db).get(subject), seen, who)
            current = tables.read_value(db, subject)
            after = _checked_entry(
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

        Raises:
            BatchRejected: with every bad row by its index; nothing was saved.
            BatchConflict: (with ``seen``) colleagues' later entries; nothing
                was saved.
        """
        who = self._who(operator)
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
        with self._action() as db:
            changes: list[tuple[Subject, str | None, str]] = []
            for index, row in enumerate(rows):
                if index in rejected:
                    continue
                subject = (row.race_id, row.precinct_id)
                current = tables.read_value(db, subject)
                try:
                    after = _checked_entry(
                        election, row, current, note, confirm_drop=confirm_drop
                    )
                except EntryRejected as error:
                    rejected[index] = error
                    continue
                changes.append((subject, current, after))
            if rejected:
                raise BatchRejected(rejected)
            if seen is not None:
                check_seen_rows(rows, tables.read_entries(db).get, seen, who)
            batch = tables.latest_id(db) + 1
            written = [
                self._append(
                    db, who, ActionKind.ENTRY, subject, before, after, note, batch=batch
                )
                for subject, before, after in changes
            ]
            if written[0].id != batch:
                raise psycopg.DataError("the audit log skipped an id")
            return written

    def release_entry(
        self, operator: str, race_id: str, precinct_id: str, *, note: str = ""
    ) -> AuditRecord:
        """Hand a precinct back to the feed."""
        who = self._who(operator)
        subject = (race_id, precinct_id)
        with self._action() as db:
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

        Two desks calling at once are serialised by the lock: the later row's
        ``before`` is the earlier call, and with ``seen`` the later desk is
        told of it instead (``check_seen_call``).
        """
        who = self._who(operator)
        outcome = CallOutcome(outcome)
        check_call(election, race_id, outcome, candidate_ids)
        too_close = outcome is CallOutcome.TOO_CLOSE
        kind = ActionKind.TOO_CLOSE if too_close else ActionKind.CALL
        subject = (race_id, None)
        with self._action() as db:
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
        who = self._who(operator)
        subject = (race_id, None)
        with self._action() as db:
            check_seen_call(race_id, tables.read_calls(db).get(race_id), seen, who)
            current = tables.read_value(db, subject)
            if current is None:
                raise ActionRefused(f"race {race_id!r} has no desk call to retract")
            return self._append(
                db, who, ActionKind.RETRACT, subject, current, None, note
            )

    def record_feed_accepted(self, operator: str, *, note: str) -> AuditRecord:
        """Log that the operator showed a feed answer the board had ignored."""
        who = self._who(operator)
        with self._action() as db:
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
        """Restore what the operator's latest undoable action (or batch) replaced."""
        return self._step(self._who(operator), ActionKind.UNDO)

    def redo(self, operator: str) -> AuditRecord:
        """Re-apply the operator's latest undone action (or batch)."""
        return self._step(self._who(operator), ActionKind.REDO)

    def _step(self, who: str, kind: ActionKind) -> AuditRecord:
        """Undo or redo, with the stacks read under the desks' lock."""
        with self._action() as db:
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
                raise psycopg.DataError("the audit log skipped an id")
            return written[-1]

    def _append(
        self,
        db: tables.Connection,
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
        undo = stacks(self.audit_log(), self._login or operator.strip()).undo
        return undo[-1] if undo else None

    def redoable(self, operator: str) -> AuditRecord | None:
        """The action ``redo`` would re-apply, for the menu's label."""
        redo = stacks(self.audit_log(), self._login or operator.strip()).redo
        return redo[-1] if redo else None

    def entries(self) -> dict[tuple[str, str], ManualEntry]:
        """Manual entries in force, by (race, precinct)."""
        with self._connection() as db:
            return tables.read_entries(db)

    def calls(self) -> dict[str, Call]:
        """Desk calls in force, by race; ``by`` is the operator."""
        with self._connection() as db:
            return tables.read_calls(db)

    def audit_log(self) -> list[AuditRecord]:
        """Every action, oldest first."""
        with self._connection() as db:
            return tables.read_log(db)

    def revision(self) -> int:
        """The latest audit id: ids are handed out under the desks' lock in commit
        order, so this grows with every action from any desk and never skips one.
        """
        with self._connection() as db:
            return tables.latest_id(db)

    def export_audit_csv(self, path: Path) -> int:
        """Write the audit log as CSV with a header; the number of rows back."""
        return write_audit_csv(self.audit_log(), path)
