"""Errors the store raises besides the model's ``EntryRejected``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from electionboard.model.election import Call
from electionboard.model.overlay import DropNotConfirmed, EntryRejected


class StoreError(Exception):
    """The desk store could not do what was asked; the message says why."""


class ActionRefused(StoreError):
    """The action makes no sense now (nothing to undo, no call to retract)."""


class StoreBusy(StoreError):
    """Another instance held the write lock past the busy timeout; not saved."""


class StoreDamaged(StoreError):
    """The desk file is empty or not a database; it is kept, never replaced."""


class StoreUnreachable(StoreError):
    """The database server did not answer; the action was not saved.

    The message never holds a password or a full connection string.

    Attributes:
        maybe_saved: the server went away while the action was committing,
            so it may have been saved after all: check the log before
            repeating it (an undo repeated would undo one more action).
    """

    def __init__(self, message: str, *, maybe_saved: bool = False) -> None:
        super().__init__(message)
        self.maybe_saved = maybe_saved


class NotPermitted(StoreError):
    """The database refused the action for the operator's role; not saved.

    On PostgreSQL each operator signs in as their own login role, a member of
    one group (entry, desk, producer, viewer); the database checks the group,
    so the message says which role the action needs.
    """


class SchemaTooNew(StoreError):
    """The data folder was written by a newer electionboard; never downgrade it."""


class EntryConflict(StoreError):
    """A colleague saved this precinct after the desk last looked: not saved.

    The operator is told who entered what and when, and chooses: send again
    with ``seen`` set to ``audit_id`` to replace it, or keep it.
    """

    def __init__(
        self,
        operator: str,
        at: dt.datetime,
        votes: Mapping[str, int],
        audit_id: int,
    ) -> None:
        figures = ", ".join(f"{key}={count:,}" for key, count in votes.items())
        super().__init__(
            f"{operator} saved this precinct after you opened it "
            f"({at:%Y-%m-%d %H:%M} UTC, action #{audit_id}: {figures})"
        )
        self.operator = operator
        self.at = at
        self.votes = dict(votes)
        self.audit_id = audit_id


class BatchConflict(StoreError):
    """Colleagues saved some of a batch's precincts after the desk looked: not saved.

    ``conflicts`` holds each such precinct's ``EntryConflict`` by (race,
    precinct). Send the batch again with those audit ids as seen to replace
    them, or keep theirs.
    """

    def __init__(self, conflicts: Mapping[tuple[str, str], EntryConflict]) -> None:
        self.conflicts = dict(conflicts)
        count = len(self.conflicts)
        listing = "; ".join(
            f"{race}/{precinct} by {conflict.operator} (action #{conflict.audit_id})"
            for (race, precinct), conflict in list(self.conflicts.items())[:5]
        )
        more = f"; and {count - 5} more" if count > 5 else ""
        super().__init__(
            f"{count} precinct{'s' if count != 1 else ''} of this batch "
            f"{'were' if count != 1 else 'was'} saved by colleagues after you "
            f"looked: {listing}{more}; nothing was saved"
        )


class CallConflict(StoreError):
    """A colleague called (or marked) this race after the desk last looked.

    Nothing was saved: the operator is told the call in force and chooses to
    replace it (send again with ``seen`` set to ``call``) or leave it.
    """

    def __init__(self, race_id: str, call: Call) -> None:
        super().__init__(
            f"{call.by} changed the desk's call in {race_id} after you looked "
            f"({call.outcome.value}: {', '.join(call.candidate_ids) or 'no one'})"
        )
        self.race_id = race_id
        self.call = call


class BatchRejected(EntryRejected):
    """Rows of a batch of entries break the rules; none of the batch was saved.

    Attributes:
        rejected: each bad row's own rejection, by the row's index in the batch.
    """

    def __init__(self, rejected: Mapping[int, EntryRejected]) -> None:
        ordered = dict(sorted(rejected.items()))
        super().__init__(
            {
                f"rows[{index}].{key}": text
                for index, error in ordered.items()
                for key, text in error.problems.items()
            }
        )
        self.rejected = ordered

    @property
    def drops_only(self) -> bool:
        """Every rejection is a fall in a total: confirm them and send again."""
        return all(isinstance(e, DropNotConfirmed) for e in self.rejected.values())
