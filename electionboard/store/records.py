"""What the store hands back: audit records, manual entries, and their JSON.

Before and after values are kept as canonical JSON text, so the audit log reads
the same in SQLite, in a CSV export and in a later shared-server store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from electionboard.model.election import Call, CallOutcome

Subject = tuple[str, str | None]
"""What an action changes: (race, precinct) for an entry, (race, None) for a call."""


class ActionKind(StrEnum):
    """The kinds of row in the audit log."""

    ENTRY = "entry"
    RELEASE = "release"
    CALL = "call"
    TOO_CLOSE = "too_close"
    RETRACT = "retract"
    UNDO = "undo"
    REDO = "redo"
    FEED_ACCEPTED = "feed_accepted"
    """The operator showed a feed answer ignored as older; changes no state."""


FEED_SUBJECT = "(feed)"
"""The race id of rows about the feed as a whole rather than one race."""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One row of the append-only audit log.

    Attributes:
        before: the subject's value before the action, as JSON; None if unset.
        after: its value after the action, as JSON; None once released or
            retracted.
        target_id: for ``undo`` and ``redo``, the action undone or redone.
        batch: the id of the first row written by the same action, when one
            action wrote several rows (a CSV import, or undoing one); None for
            a single row. Undo and redo take a batch as one step.
    """

    id: int
    at: dt.datetime
    operator: str
    kind: ActionKind
    race_id: str
    precinct_id: str | None
    before: str | None
    after: str | None
    note: str = ""
    target_id: int | None = None
    batch: int | None = None

    @property
    def subject(self) -> Subject:
        """The entry or call this row changed."""
        return (self.race_id, self.precinct_id)


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One precinct's figures in a batch of entries, such as a CSV import."""

    race_id: str
    precinct_id: str
    votes: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class ManualEntry:
    """A precinct's manual figures now in force, and who saved them when.

    Attributes:
        problem: why the saved figures break the entry rules (a row written
            by an older version, or damaged), or None. The board leaves such
            an entry out and the desk shows it as invalid; ``votes`` is empty
            when the row could not be read at all.
    """

    race_id: str
    precinct_id: str
    votes: Mapping[str, int]
    note: str
    operator: str
    at: dt.datetime
    audit_id: int
    problem: str | None = None


def dumps(value: Mapping[str, Any]) -> str:
    """Canonical JSON, so equal values are equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def entry_value(votes: Mapping[str, int], note: str) -> str:
    """The JSON kept for a manual entry."""
    return dumps({"votes": dict(votes), "note": note})


def call_value(outcome: CallOutcome, candidate_ids: Sequence[str]) -> str:
    """The JSON kept for a desk call."""
    return dumps({"outcome": outcome.value, "candidate_ids": list(candidate_ids)})


def read_entry(value: str) -> tuple[dict[str, int], str]:
    """Votes and note back from :func:`entry_value` JSON.

    Figures are taken as they are, never coerced, so the entry rules can
    judge them; their bounds are the caller's to check.

    Raises:
        ValueError: the text is not an entry with whole-number figures (a
            damaged row, or a figure too long for Python to read).
    """
    try:
        data = json.loads(value)
        votes, note = data["votes"], data["note"]
        figures = {str(k): v for k, v in votes.items()}
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ValueError(f"the saved entry cannot be read ({error})"[:120]) from None
    for figure in figures.values():
        if type(figure) is not int:
            raise ValueError(f"votes must be whole numbers, got {figure!r}"[:80])
    return figures, str(note)


def read_call(value: str, by: str, at: dt.datetime) -> Call:
    """A model ``Call`` back from :func:`call_value` JSON."""
    data = json.loads(value)
    return Call(
        outcome=CallOutcome(data["outcome"]),
        candidate_ids=tuple(str(c) for c in data["candidate_ids"]),
        by=by,
        at=at,
    )


def parsed(value: str | None) -> object:
    """A stored JSON value as Python, for comparing values written apart."""
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value  # unreadable (a damaged row): compared as text


def utc_text(moment: dt.datetime) -> str:
    """An aware time as ISO 8601 UTC text; naive times are refused."""
    if moment.tzinfo is None:
        raise ValueError("the store's clock must give aware datetimes")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def utc_time(text: str) -> dt.datetime:
    """The aware UTC time back from :func:`utc_text`."""
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def new_record(
    at: dt.datetime,
    who: str,
    kind: ActionKind,
    subject: Subject,
    before: str | None,
    after: str | None,
    note: str,
    target_id: int | None = None,
    batch: int | None = None,
) -> AuditRecord:
    """An audit row to append (id 0: the store gives it its id), for either store."""
    race_id, precinct_id = subject
    return AuditRecord(
        0, at, who, kind, race_id, precinct_id, before, after, note, target_id, batch
    )
