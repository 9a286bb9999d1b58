"""Checks that a race is internally consistent before anything trusts it.

Parsers and the operator desk both call these, so a bad feed and a bad entry
are rejected by the same rules with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from electionboard.model.election import Election, Precinct, Race
from electionboard.model.rcv import RcvRound
from electionboard.model.rcv_tabulate import ballot_problem, check_rcv_rules

MAX_VOTES = 10**10 - 1
"""The largest vote figure (or any other count) taken from a feed or the desk.

Ten digits: above any real electorate, and small enough that shares and sums
stay exact floats, so one absurd figure cannot make tabulation overflow.
"""
MAX_RACE_VOTES = 10**12 - 1
"""The largest sum of a race's votes, over all its candidates and precincts."""
MAX_CANDIDATES = 1_000
"""The most candidates one race may list; more is a broken feed, not a ballot."""
MAX_COUNT_DIGITS = len(str(MAX_VOTES))
"""Digits in the largest count, so text parsers refuse long numbers unread."""


class InvalidRaceError(ValueError):
    """A race breaks a rule; the message names the race and the field."""

    def __init__(self, race_id: str, field: str, problem: str) -> None:
        super().__init__(f"race {race_id!r}: {field}: {problem}")
        self.race_id = race_id
        self.field = field
        self.problem = problem


def _first_duplicate(ids: Iterable[str]) -> str | None:
    listed = list(ids)
    if len(set(listed)) == len(listed):
        return None
    seen: set[str] = set()
    for item in listed:
        if item in seen:
            return item
        seen.add(item)
    return None


def count_problem(value: object) -> str | None:
    """Why ``value`` is not a usable count, or None when it is one.

    The words never print a too-large figure: it may have thousands of digits.
    """
    if type(value) is not int:
        shown = repr(value)
        return f"votes must be whole numbers, got {shown[:40]}"
    if value < 0:
        return f"votes cannot be negative, got {max(value, -MAX_VOTES):,}"
    if value > MAX_VOTES:
        return f"too large: at most {MAX_VOTES:,} votes"
    return None


def check_votes(values: Iterable[object]) -> str | None:
    """Why these vote counts are unusable, or None when they are fine."""
    for value in values:
        problem = count_problem(value)
        if problem:
            return problem
    return None


def count_from_text(text: str) -> int:
    """The count spelled by ``text`` (ASCII digits, no sign), within MAX_VOTES.

    Raises:
        ValueError: in words for the operator, without the text itself.
    """
    if not (text.isascii() and text.isdigit()):
        raise ValueError("expected a whole number")
    digits = text.lstrip("0") or "0"
    if len(digits) > MAX_COUNT_DIGITS:
        raise ValueError(f"too large: at most {MAX_VOTES:,}")
    return int(digits)


def race_vote_sum(race: Race) -> int:
    """All of a race's votes: its totals, else the sum over its precincts."""
    if race.totals is not None:
        return sum(race.totals)
    return sum(sum(p.votes) for p in race.precincts)


_COUNT_FIELDS = (
    "registered_voters",
    "remaining_ballots",
    "precincts_reporting",
    "precincts_total",
    "expected_votes",
    "electoral_votes",
)


def _count_field_problem(value: int) -> str | None:
    """A count that is not a vote figure, in its own words."""
    if value < 0:
        return "cannot be negative"
    if value > MAX_VOTES:
        return f"too large: at most {MAX_VOTES:,}"
    return None


def check_precinct(race: Race, precinct: Precinct) -> None:
    """Raise when a precinct's votes are malformed or exceed its voters."""
    where = f"precincts[{precinct.id}]"
    if len(precinct.votes) != len(race.candidates):
        raise InvalidRaceError(race.id, where, "votes do not match the candidates")
    problem = check_votes(precinct.votes)
    if problem:
        raise InvalidRaceError(race.id, f"{where}.votes", problem)
    registered = precinct.registered_voters
    if registered is not None:
        problem = _count_field_problem(registered)
        if problem:
            raise InvalidRaceError(race.id, f"{where}.registered_voters", problem)
        cast = sum(precinct.votes)
        if cast > registered:
            raise InvalidRaceError(
                race.id,
                f"{where}.votes",
                f"{cast:,} votes but only {registered:,} registered voters",
            )


def check_race(race: Race, *, counts_checked: bool = False) -> None:
    """Raise InvalidRaceError for the first problem found in ``race``.

    Args:
        race: the race to check.
        counts_checked: the caller's decoder already guaranteed that every
            precinct's votes are whole numbers from 0 to MAX_VOTES, one per
            candidate; only the registered-voter cap is left to check.
    """
    rule = race.rule
    if rule.places < 1:
        field = "seats" if rule.elects else "advance"
        raise InvalidRaceError(race.id, field, "must be at least 1")
    if len(race.candidates) > MAX_CANDIDATES:
        raise InvalidRaceError(
            race.id,
            "candidates",
            f"{len(race.candidates):,} candidates; at most {MAX_CANDIDATES:,} per race",
        )
    duplicate = _first_duplicate(c.id for c in race.candidates)
    if duplicate is not None:
        raise InvalidRaceError(race.id, "candidates", f"duplicate id {duplicate!r}")
    duplicate = _first_duplicate(p.id for p in race.precincts)
    if duplicate is not None:
        raise InvalidRaceError(race.id, "precincts", f"duplicate id {duplicate!r}")
    if counts_checked:
        for precinct in race.precincts:
            registered = precinct.registered_voters
            if registered is not None and sum(precinct.votes) > registered:
                check_precinct(race, precinct)
    else:
        for precinct in race.precincts:
            check_precinct(race, precinct)
    if race.totals is not None:
        if len(race.totals) != len(race.candidates):
            raise InvalidRaceError(race.id, "totals", "do not match the candidates")
        problem = check_votes(race.totals)
        if problem:
            raise InvalidRaceError(race.id, "totals", problem)
    if race_vote_sum(race) > MAX_RACE_VOTES:
        raise InvalidRaceError(
            race.id, "votes", f"more than {MAX_RACE_VOTES:,} votes in all"
        )
    for name in _COUNT_FIELDS:
        value = getattr(race, name)
        problem = None if value is None else _count_field_problem(value)
        if problem:
            raise InvalidRaceError(race.id, name, problem)
    if (
        race.precincts_reporting is not None
        and race.precincts_total is not None
        and race.precincts_reporting > race.precincts_total
    ):
        raise InvalidRaceError(
            race.id, "precincts_reporting", "more precincts reporting than exist"
        )
    _check_kinds(race)
    problems = rcv_problems(race)
    if problems:
        raise InvalidRaceError(race.id, "ranked_choice", problems[0])
    if race.call is not None:
        known = {c.id for c in race.candidates}
        for candidate_id in race.call.candidate_ids:
            if candidate_id not in known:
                raise InvalidRaceError(
                    race.id, "call.candidates", f"unknown candidate {candidate_id!r}"
                )


def _check_kinds(race: Race) -> None:
    """The issue-11 fields: measure choice, estimates, electoral and typed votes."""
    if race.measure is not None and not any(
        c.id == race.measure.passes_with for c in race.candidates
    ):
        raise InvalidRaceError(
            race.id,
            "measure.passes_with",
            f"{race.measure.passes_with!r} is not one of the choices",
        )
    share = race.expected_share_counted
    if share is not None and not 0 <= share <= 100:
        raise InvalidRaceError(
            race.id, "expected_share_counted", "must be from 0 to 100"
        )
    for candidate in race.candidates:
        won = candidate.electoral_votes_won
        problem = None if won is None else _count_field_problem(won)
        if problem:
            raise InvalidRaceError(
                race.id, f"candidates[{candidate.id}].electoral_votes_won", problem
            )
    if race.votes_by_type is None:
        return
    if len(race.votes_by_type) != len(race.candidates):
        raise InvalidRaceError(race.id, "votes_by_type", "do not match the candidates")
    for candidate, row in zip(race.candidates, race.votes_by_type, strict=True):
        where = f"votes_by_type[{candidate.id}]"
        if len(row) != len(race.vote_types):
            raise InvalidRaceError(race.id, where, "do not match the vote types")
        problem = check_votes(row)
        if problem:
            raise InvalidRaceError(race.id, where, problem)


def rcv_problems(race: Race) -> list[str]:
    """What is wrong with a ranked-choice race's rounds and ballots, in words.

    Rounds must number 1, 2, ... and conserve ballots (every round's tallies
    plus inactive equal round 1's), name only the race's candidates, once
    each, with counts from 0 to MAX_VOTES and inactive never falling; who is
    eliminated or elected in a round is among its tallies, and an eliminated
    candidate does not come back. Ballots must name only the race's
    candidates with whole, non-negative counts, under rules we can tabulate.
    Never raises.
    """
    ranked = race.ranked_choice
    if ranked is None:
        return []
    known = {c.id for c in race.candidates}
    found = _round_problems(ranked.rounds, known)
    if ranked.ballots:
        problem = check_rcv_rules([c.id for c in race.candidates], ranked.rules)
        if problem:
            found.append(problem)
        for number, ballot in enumerate(ranked.ballots, start=1):
            problem = ballot_problem(number, ballot, known) or count_problem(
                ballot.count
            )
            if problem:
                found.append(problem)
                break
    return found


def _round_problems(rounds: Iterable[RcvRound], known: set[str]) -> list[str]:
    found: list[str] = []
    ballots: int | None = None
    inactive_before = 0
    gone: set[str] = set()
    for position, round_ in enumerate(rounds, start=1):
        where = f"round {position}"
        if round_.number != position:
            found.append(f"{where} is numbered {round_.number!r}")
        counts_ok = True
        seen: set[str] = set()
        for candidate, votes in round_.tallies:
            if candidate not in known:
                found.append(f"{where}: {str(candidate)[:40]!r} is not a candidate")
            elif candidate in seen:
                found.append(f"{where}: {candidate!r} is listed twice")
            elif candidate in gone:
                found.append(f"{where}: {candidate!r} was already eliminated")
            seen.add(candidate)
            problem = count_problem(votes)
            if problem:
                found.append(f"{where}: {candidate!r}: {problem}")
                counts_ok = False
        problem = count_problem(round_.inactive)
        if problem:
            found.append(f"{where}: inactive: {problem}")
            counts_ok = False
        decided = [("eliminated", c) for c in round_.eliminated]
        decided += [("elected", c) for c in round_.elected]
        found.extend(
            f"{where}: {label} {str(candidate)[:40]!r} is not in its tallies"
            for label, candidate in decided
            if candidate not in seen
        )
        gone.update(round_.eliminated)
        if not counts_ok:
            continue
        cast = sum(votes for _, votes in round_.tallies) + round_.inactive
        if ballots is None:
            ballots = cast
        elif cast != ballots:
            found.append(
                f"{where}: {cast - round_.inactive:,} continuing + "
                f"{round_.inactive:,} inactive = {cast:,}, but round 1 has "
                f"{ballots:,} ballots"
            )
        if round_.inactive < inactive_before:
            found.append(
                f"{where}: {round_.inactive:,} inactive, fewer than the "
                f"{inactive_before:,} before"
            )
        inactive_before = round_.inactive
    return found


def check_election(election: Election) -> None:
    """Raise for duplicate race ids or the first invalid race."""
    duplicate = _first_duplicate(r.id for r in election.races)
    if duplicate is not None:
        raise InvalidRaceError(duplicate, "id", "duplicate race id")
    for race in election.races:
        check_race(race)


def check_built_race(race: Race) -> None:
    """``check_race`` for a race a parser built with the usual refusals done.

    A parser whose decoder and construction already guarantee the following
    may call this instead, for the bounds left open: the rule has a place;
    candidate ids are unique; there are no precincts, vote types or ranked
    choices; ``totals`` (where given) has one whole count of 0 or more per
    candidate; registered voters, remaining ballots and expected votes are
    None; every other count, and each candidate's electoral votes, is 0 or
    more; the share counted is from 0 to 100; a measure passes with one of
    its choices and a call names only candidates. On such a race it refuses
    exactly what ``check_race`` refuses, with the same words (a property
    test holds them so), at a few comparisons a race instead of every rule.

    Raises:
        InvalidRaceError: the first problem ``check_race`` would report.
    """
    candidates = race.candidates
    if len(candidates) > MAX_CANDIDATES:
        raise InvalidRaceError(
            race.id,
            "candidates",
            f"{len(candidates):,} candidates; at most {MAX_CANDIDATES:,} per race",
        )
    totals = race.totals
    if totals:
        if max(totals) > MAX_VOTES:
            raise InvalidRaceError(
                race.id, "totals", f"too large: at most {MAX_VOTES:,} votes"
            )
        if sum(totals) > MAX_RACE_VOTES:
            raise InvalidRaceError(
                race.id, "votes", f"more than {MAX_RACE_VOTES:,} votes in all"
            )
    reporting = race.precincts_reporting
    precincts = race.precincts_total
    electoral = race.electoral_votes
    for name, value in (
        ("precincts_reporting", reporting),
        ("precincts_total", precincts),
        ("electoral_votes", electoral),
    ):
        if value is not None and value > MAX_VOTES:
            raise InvalidRaceError(race.id, name, f"too large: at most {MAX_VOTES:,}")
    if reporting is not None and precincts is not None and reporting > precincts:
        raise InvalidRaceError(
            race.id, "precincts_reporting", "more precincts reporting than exist"
        )
    for candidate in candidates:
        won = candidate.electoral_votes_won
        if won is not None and won > MAX_VOTES:
            raise InvalidRaceError(
                race.id,
                f"candidates[{candidate.id}].electoral_votes_won",
                f"too large: at most {MAX_VOTES:,}",
            )
