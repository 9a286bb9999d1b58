"""How the desk words its actions and values, as plain text; no Qt.

Names come from the feed and go through ``plain`` so a control character in a
candidate's name cannot break a label; ids stand in for names the feed lacks.
Times are on the election's clock (``clock_words``), the same as on air.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from electionboard.model.election import Call, CallOutcome, Election, Race
from electionboard.presentation.clock_words import clock_text, day_text, election_zone
from electionboard.presentation.text import plain
from electionboard.store import ActionKind, AuditRecord

_KIND_WORDS = {
    ActionKind.ENTRY: "entry",
    ActionKind.RELEASE: "release",
    ActionKind.CALL: "call",
    ActionKind.TOO_CLOSE: "too close",
    ActionKind.RETRACT: "retraction",
    ActionKind.UNDO: "undo",
    ActionKind.REDO: "redo",
    ActionKind.FEED_ACCEPTED: "feed answer accepted",
}


class NameBook:
    """Race, precinct and candidate names by id, and the clock, of one snapshot.

    Names are looked up and made plain only when asked for: a statewide feed
    has tens of thousands of precincts, and the desk builds a book on every
    change but words only a handful of them, on the GUI thread.
    """

    __slots__ = ("_candidates", "_election", "_precincts", "_races", "zone")

    def __init__(
        self, election: Election | None = None, zone: dt.tzinfo | None = None
    ) -> None:
        self._election = election
        self.zone = zone
        """The zone times are shown in (``clock_words.election_zone``)."""
        self._races: dict[str, Race] | None = None
        self._precincts: dict[str, dict[str, str]] = {}
        self._candidates: dict[str, dict[str, str]] = {}

    @classmethod
    def of(cls, election: Election | None, time_zone: str = "") -> NameBook:
        """The names of ``election`` (an empty book for None), on its clock.

        ``time_zone`` is the setting of that name; "" leaves it to the feed.
        """
        return cls(election, election_zone(election, time_zone))

    def clock(self, moment: dt.datetime, *, seconds: bool = False) -> str:
        """'6:45 PM' on the election's clock, as the board says it."""
        return clock_text(moment, self.zone, seconds=seconds)

    def stamp(self, moment: dt.datetime) -> str:
        """'Jun 7, 6:45:05 PM' on the election's clock, for the audit log."""
        return f"{day_text(moment, self.zone)}, {self.clock(moment, seconds=True)}"

    def _race(self, race_id: str) -> Race | None:
        if self._races is None:
            races = self._election.races if self._election is not None else ()
            self._races = {race.id: race for race in races}
        return self._races.get(race_id)

    def race(self, race_id: str) -> str:
        """The race's name, or its id."""
        race = self._race(race_id)
        return plain(race.name if race is not None else race_id)

    def precinct(self, race_id: str, precinct_id: str) -> str:
        """The precinct's name, or its id."""
        names = self._precincts.get(race_id)
        if names is None:
            race = self._race(race_id)
            precincts = race.precincts if race is not None else ()
            names = self._precincts[race_id] = {p.id: p.name for p in precincts}
        return plain(names.get(precinct_id, precinct_id))

    def candidate(self, race_id: str, candidate_id: str) -> str:
        """The candidate's name, or its id."""
        names = self._candidates.get(race_id)
        if names is None:
            race = self._race(race_id)
            candidates = race.candidates if race is not None else ()
            names = self._candidates[race_id] = {c.id: c.name for c in candidates}
        return plain(names.get(candidate_id, candidate_id))

    def subject(self, race_id: str, precinct_id: str | None) -> str:
        """'Race · Precinct', or just the race for a call."""
        if precinct_id is None:
            return self.race(race_id)
        return f"{self.race(race_id)} · {self.precinct(race_id, precinct_id)}"


def joined(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def call_text(
    outcome: CallOutcome, candidate_ids: Sequence[str], race_id: str, names: NameBook
) -> str:
    """'Ana wins', 'Ana and Bo advance', 'too close to call'."""
    if outcome is CallOutcome.TOO_CLOSE:
        return "too close to call"
    who = joined([names.candidate(race_id, c) for c in candidate_ids])
    if outcome is CallOutcome.WON:
        return f"{who} wins"
    return f"{who} advance" + ("s" if len(candidate_ids) == 1 else "")


def described_call(call: Call, race_id: str, names: NameBook) -> str:
    """A call in force, with who made it and when."""
    when = f" at {names.clock(call.at)}" if call.at is not None else ""
    what = call_text(call.outcome, call.candidate_ids, race_id, names)
    return f"{what}, by {plain(call.by)}{when}"


def value_text(value: str | None, race_id: str, names: NameBook) -> str:
    """A stored before/after value in words: figures or a call; '' for none."""
    if value is None:
        return ""
    data = json.loads(value)
    if "votes" in data:
        votes = {str(k): int(v) for k, v in data["votes"].items()}
        figures = " · ".join(
            f"{names.candidate(race_id, c)} {n:,}" for c, n in votes.items()
        )
        return f"{figures} (total {sum(votes.values()):,})"
    outcome = CallOutcome(data["outcome"])
    return call_text(outcome, [str(c) for c in data["candidate_ids"]], race_id, names)


def kind_word(kind: ActionKind) -> str:
    """An audit row's kind in words: 'entry', 'too close', 'retraction'."""
    return _KIND_WORDS[kind]


def record_text(record: AuditRecord, names: NameBook) -> str:
    """'entry Mayor · Precinct 1', 'call Mayor'."""
    subject = names.subject(record.race_id, record.precinct_id)
    return f"{kind_word(record.kind)} {subject}"


def step_text(step: Sequence[AuditRecord], names: NameBook) -> str:
    """What one undo or redo takes: an action, or a whole import."""
    if not step:
        return ""
    if len(step) > 1:
        note = f" ({plain(step[0].note)})" if step[0].note else ""
        return f"import of {len(step)} precincts{note}"
    return record_text(step[0], names)


def conflict_text(
    race_id: str,
    precinct_id: str,
    operator: str,
    at: dt.datetime,
    votes: Mapping[str, int],
    audit_id: int,
    names: NameBook,
) -> str:
    """What a colleague saved in a precinct since the operator opened it.

    'Ann saved Mayor · Precinct 2 at 9:02 PM (action #12): Ana 10, Bo 5 (15
    votes).' The desk asks whether to replace it; nothing is saved until then.
    """
    figures = ", ".join(
        f"{names.candidate(race_id, key)} {count:,}" for key, count in votes.items()
    )
    total = sum(votes.values())
    return (
        f"{plain(operator)} saved {names.subject(race_id, precinct_id)} at "
        f"{names.clock(at)} (action #{audit_id}): {figures} ({total:,} votes)."
    )


def connection_words(*, up: bool) -> str:
    """The desk's line about the shared database (operators only, never on air)."""
    if up:
        return "Database: connected; every desk's actions arrive as they are saved."
    return (
        "Database unreachable: reconnecting by itself. Nothing is saved until it "
        "answers; what you type stays in the form."
    )


def not_saved(reason: object) -> str:
    """'Not saved: <why>', once: a store's own words may already begin so."""
    text = str(reason)
    if text.casefold().startswith("not saved"):
        return text[:1].upper() + text[1:]
    return f"Not saved: {text}"
