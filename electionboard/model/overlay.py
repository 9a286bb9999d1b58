"""The operator desk's layer over a feed snapshot: checks, then merge.

The desk's entries and calls never change the feed's snapshot; the board shows
``apply_overlay(feed, entries, calls)``, so releasing an entry or retracting a
call brings the feed's own figures back without re-fetching anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from electionboard.model.election import Call, CallOutcome, Election, Precinct, Race
from electionboard.model.validation import MAX_RACE_VOTES, check_votes, race_vote_sum

EntryVotes = Sequence[int] | Mapping[str, int]
"""Manual figures: aligned with the race's candidates, or by candidate id."""


class EntryRejected(ValueError):
    """A desk entry or call breaks a rule; one message per field for the form."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {text}" for key, text in problems.items()))
        self.problems = dict(problems)


class DropNotConfirmed(EntryRejected):
    """A lower total is a correction, so it needs the operator to confirm it."""

    def __init__(self, before: int, after: int) -> None:
        super().__init__({"votes": f"total falls from {before:,} to {after:,}"})
        self.before = before
        self.after = after


def _race(election: Election, race_id: str) -> Race:
    try:
        return election.race(race_id)
    except KeyError:
        raise EntryRejected({"race": f"no race {race_id!r} in this feed"}) from None


def check_entry(
    election: Election,
    race_id: str,
    precinct_id: str,
    votes: Mapping[str, int],
    *,
    recorded_total: int | None = None,
    confirm_drop: bool = False,
) -> tuple[int, ...]:
    """Check manual precinct figures before they are saved; aligned votes back.

    Every candidate needs a figure, so a forgotten field is never read as zero.

    Args:
        election: the feed snapshot the operator is looking at.
        race_id: the race.
        precinct_id: a precinct of that race.
        votes: a figure for every candidate, by candidate id.
        recorded_total: the total of an earlier manual entry for the precinct.
        confirm_drop: the operator confirmed a total lower than the one recorded.

    Raises:
        EntryRejected: with a message per field (``race``, ``precinct``,
            ``votes.<candidate id>``, ``votes``).
        DropNotConfirmed: the total falls and ``confirm_drop`` is false.
    """
    race = _race(election, race_id)
    precinct = next((p for p in race.precincts if p.id == precinct_id), None)
    if precinct is None:
        raise EntryRejected({"precinct": f"no precinct {precinct_id!r} in {race.name}"})
    problems: dict[str, str] = {}
    for candidate_id in votes:
        if not any(c.id == candidate_id for c in race.candidates):
            problems[f"votes.{candidate_id}"] = f"{candidate_id!r} is not a candidate"
    aligned: list[int] = []
    for candidate in race.candidates:
        value = votes.get(candidate.id)
        problem = "missing: enter 0 for none" if value is None else check_votes([value])
        if problem:
            problems[f"votes.{candidate.id}"] = problem
        elif value is not None:
            aligned.append(value)
    if problems:
        raise EntryRejected(problems)
    total = sum(aligned)
    if race_vote_sum(race) - sum(precinct.votes) + total > MAX_RACE_VOTES:
        raise EntryRejected(
            {"votes": f"{race.name} would have more than {MAX_RACE_VOTES:,} votes"}
        )
    registered = precinct.registered_voters
    if registered is not None and total > registered:
        raise EntryRejected(
            {"votes": f"{total:,} votes but only {registered:,} registered voters"}
        )
    before = max(sum(precinct.votes), recorded_total or 0)
    if total < before and not confirm_drop:
        raise DropNotConfirmed(before, total)
    return tuple(aligned)


def check_call(
    election: Election,
    race_id: str,
    outcome: CallOutcome,
    candidate_ids: Sequence[str],
) -> None:
    """Check a desk call against the race's candidates and rule.

    Raises:
        EntryRejected: with a message per field (``race``, ``outcome``,
            ``candidates``).
    """
    race = _race(election, race_id)
    rule = race.rule
    if outcome is CallOutcome.WON and not rule.elects and not rule.majority_wins:
        raise EntryRejected(
            {"outcome": f"nobody wins {race.name} outright: call who advances"}
        )
    if outcome is CallOutcome.ADVANCE and rule.elects:
        raise EntryRejected({"outcome": f"{race.name} has one winner: call a win"})
    known = {c.id for c in race.candidates}
    unknown = [c for c in candidate_ids if c not in known]
    count = len(candidate_ids)
    if unknown:
        problem = f"{unknown[0]!r} is not a candidate in {race.name}"
    elif len(set(candidate_ids)) != count:
        problem = "a candidate is named twice"
    elif outcome is CallOutcome.TOO_CLOSE and count:
        problem = "a too-close call names no candidates"
    elif outcome is CallOutcome.WON and not 1 <= count <= (rule.seats or 1):
        problem = (
            "a win names exactly one candidate"
            if (rule.seats or 1) == 1
            else f"name 1 to {rule.seats} candidates elected"
        )
    elif outcome is CallOutcome.ADVANCE and not 1 <= count <= rule.places:
        problem = f"name 1 to {rule.places} candidates who advance"
    else:
        return
    raise EntryRejected({"candidates": problem})


@dataclass(frozen=True, slots=True)
class Overlaid:
    """The board's election, and what the desk changed in it.

    Attributes:
        election: the feed snapshot with the desk's entries and calls applied.
        manual_races: races whose figures include a manual entry, for a marker.
        superseded: entries the feed now covers (only with
            ``release_when_feed_reports``); the desk may release them.
        unmatched: entries naming a race or precinct this snapshot lacks.
        invalid: entries left out because a figure breaks the entry rules
            (one saved by an older version), with the reason, for the desk.
    """

    election: Election
    manual_races: frozenset[str]
    superseded: frozenset[tuple[str, str]]
    unmatched: frozenset[tuple[str, str]]
    invalid: Mapping[tuple[str, str], str] = dataclasses.field(default_factory=dict)


def _aligned(race: Race, precinct: Precinct, votes: EntryVotes) -> tuple[int, ...]:
    if isinstance(votes, Mapping):
        return tuple(votes.get(c.id, 0) for c in race.candidates)
    if len(votes) != len(race.candidates):
        raise ValueError(
            f"entry for precinct {precinct.id!r} of race {race.id!r} has "
            f"{len(votes)} figures for {len(race.candidates)} candidates"
        )
    return tuple(votes)


def _feed_covers(precinct: Precinct) -> bool:
    return precinct.reporting and sum(precinct.votes) > 0


def _overlay_race(
    race: Race,
    wanted: Mapping[str, EntryVotes],
    *,
    release_when_feed_reports: bool,
    superseded: set[tuple[str, str]],
) -> Race:
    """``race`` with its wanted precincts replaced; superseded ones noted."""
    precincts: list[Precinct] = []
    delta = [0] * len(race.candidates)
    for precinct in race.precincts:
        votes = wanted.get(precinct.id)
        if votes is None:
            precincts.append(precinct)
        elif release_when_feed_reports and _feed_covers(precinct):
            superseded.add((race.id, precinct.id))
            precincts.append(precinct)
        else:
            aligned = _aligned(race, precinct, votes)
            for i, (new, old) in enumerate(zip(aligned, precinct.votes, strict=True)):
                delta[i] += new - old
            precincts.append(precinct._replace(votes=aligned, reporting=True))
    totals = race.totals
    if totals is not None:
        totals = tuple(t + d for t, d in zip(totals, delta, strict=True))
    return dataclasses.replace(race, precincts=tuple(precincts), totals=totals)


def apply_overlay(
    election: Election,
    entries: Mapping[tuple[str, str], EntryVotes],
    calls: Mapping[str, Call],
    *,
    release_when_feed_reports: bool = False,
) -> Overlaid:
    """The election the board shows: feed figures with the desk's on top.

    Merge rule:
        * A manual entry for (race, precinct) replaces that precinct's votes and
          marks it reporting; its registered voters stay the feed's.
        * The entry holds until the desk releases it. With
          ``release_when_feed_reports``, the feed wins instead as soon as it
          reports the precinct with votes, and the entry is listed in
          ``superseded``.
        * A race that also carries feed ``totals`` has them moved by the
          entry's difference from the feed's precinct figures, so the totals
          the tabulation reads agree with the precincts.
        * Mapping entries give 0 to candidates they lack and drop ids the race
          lacks (a feed may add a write-in after the entry was saved).
        * A desk call replaces the race's ``call``; with no desk call the
          feed's own call stands.
        * Entries for races or precincts this snapshot lacks are ignored and
          listed in ``unmatched``, since the next snapshot may bring them back.
        * An entry with a figure the entry rules refuse (not a whole number,
          negative, over ``MAX_VOTES``) is left out and listed in ``invalid``
          with the reason: a database written before the bounds may hold one,
          and it must not stop the board.

    Raises:
        ValueError: a sequence entry is not aligned with its race's candidates.
    """
    by_race: dict[str, dict[str, EntryVotes]] = {}
    invalid: dict[tuple[str, str], str] = {}
    for (race_id, precinct_id), votes in entries.items():
        figures = votes.values() if isinstance(votes, Mapping) else votes
        problem = check_votes(figures)
        if problem:
            invalid[(race_id, precinct_id)] = problem
            continue
        by_race.setdefault(race_id, {})[precinct_id] = votes
    manual: set[str] = set()
    superseded: set[tuple[str, str]] = set()
    matched: set[tuple[str, str]] = set()
    races: list[Race] = []
    for race in election.races:
        asked = by_race.get(race.id)
        wanted = (
            {p.id: asked[p.id] for p in race.precincts if p.id in asked}
            if asked
            else {}
        )
        matched.update((race.id, precinct_id) for precinct_id in wanted)
        shown = race
        if wanted:
            skipped = len(superseded)
            shown = _overlay_race(
                race,
                wanted,
                release_when_feed_reports=release_when_feed_reports,
                superseded=superseded,
            )
            if len(superseded) - skipped < len(wanted):
                manual.add(race.id)
        if race.id in calls:
            shown = dataclasses.replace(shown, call=calls[race.id])
        races.append(shown)
    return Overlaid(
        election=dataclasses.replace(election, races=tuple(races)),
        manual_races=frozenset(manual),
        superseded=frozenset(superseded),
        unmatched=frozenset(set(entries) - matched - set(invalid)),
        invalid=invalid,
    )
