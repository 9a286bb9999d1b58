"""The ``desk`` command's lines: one audit row in words, by ids, for scripts.

The desk window names races and candidates from the feed
(``presentation.desk_wording``); that layer sits above this one, and a script
wants ids it can match anyway, so these lines keep the feed's ids and use the
desk's verbs. Text from operators or feeds is made one printable line, so a
newline in a note cannot forge a second row.
"""

from __future__ import annotations

import json

from electionboard.model.election import CallOutcome
from electionboard.store import ActionKind, AuditRecord


def one_line(text: str) -> str:
    """``text`` with control characters and runs of spaces as single spaces."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())


def subject_words(record: AuditRecord) -> str:
    """'mayor / p1' for an entry, 'mayor' for a call."""
    race = one_line(record.race_id)
    if record.precinct_id is None:
        return race
    return f"{race} / {one_line(record.precinct_id)}"


def _joined(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c', as the desk joins names."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def value_words(value: str | None) -> str:
    """A stored value by ids: '(a=700, b=434)' or 'a wins'; '' for none."""
    if value is None:
        return ""
    try:
        data = json.loads(value)
        if "votes" in data:
            figures = ", ".join(
                f"{one_line(str(c))}={n}" for c, n in data["votes"].items()
            )
            return f"({figures})"
        outcome = CallOutcome(data["outcome"])
        who = [one_line(str(c)) for c in data["candidate_ids"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        return "(unreadable value)"
    if outcome is CallOutcome.TOO_CLOSE:
        return "too close to call"
    if outcome is CallOutcome.WON:
        return f"{_joined(who)} wins"
    return f"{_joined(who)} advance" + ("s" if len(who) == 1 else "")


def action_words(record: AuditRecord) -> str:
    """'Ann entered mayor / p1 (a=700, b=434)': who did what to which subject."""
    who = one_line(record.operator)
    where = subject_words(record)
    kind = record.kind
    if kind is ActionKind.ENTRY:
        return f"{who} entered {where} {value_words(record.after)}"
    if kind is ActionKind.RELEASE:
        return f"{who} released {where} to the feed"
    if kind is ActionKind.CALL:
        return f"{who} called {where}: {value_words(record.after)}"
    if kind is ActionKind.TOO_CLOSE:
        return f"{who} called {where} too close to call"
    if kind is ActionKind.RETRACT:
        return f"{who} retracted the call on {where}"
    if kind in (ActionKind.UNDO, ActionKind.REDO):
        verb = "undid" if kind is ActionKind.UNDO else "redid"
        gone = "the feed's figures" if record.precinct_id else "no desk call"
        now = value_words(record.after) or gone
        return f"{who} {verb} #{record.target_id} on {where}, now {now}"
    return f"{who} showed a feed answer the board had ignored"


def saved_line(record: AuditRecord) -> str:
    """The line an action prints once the store has saved it."""
    return f"saved #{record.id}: {action_words(record)}"


def log_line(record: AuditRecord) -> str:
    """One audit row for ``desk log``: id, UTC time, the action and its note."""
    at = record.at.isoformat(timespec="seconds")
    line = f"#{record.id} {at} {action_words(record)}"
    steps = (ActionKind.UNDO, ActionKind.REDO)
    if record.note and record.kind not in steps:  # steps' notes repeat the target
        line += f" [note: {one_line(record.note)}]"
    return line
