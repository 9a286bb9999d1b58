"""What a ranked-choice race's rounds, or its first choices alone, allow us to say.

A tabulation is *complete* once it has elected someone and no ballots are
outstanding (the race is final, or its remaining ballots are 0): its winner
then WON and everyone else is ELIMINATED. Before that, rounds (preliminary,
like San Francisco's nightly ones) are shown but decide nothing; the only
result from first choices is the safe one: a candidate whose first choices are
more than half of every first choice counted plus every ballot outstanding
wins in round 1 whatever those ballots say (they can add at most one vote each
to the continuing votes). Otherwise no round-1 leader is ever a winner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model.election import Race
from electionboard.model.rcv import RcvRound, RcvTabulation
from electionboard.model.rcv_tabulate import tabulate_rcv
from electionboard.model.standings import Outcome


@dataclass(frozen=True, slots=True)
class FirstChoiceVerdict:
    """Whether the first choices alone settle a ranked-choice race."""

    safe: int | None
    """Index of the candidate who wins in round 1 whatever is outstanding."""
    possible: int | None
    """Every first choice counted plus every ballot outstanding; None if unknown."""
    reason: str
    """Why, in numbers."""


def first_choice_verdict(
    first_choices: Sequence[int], outstanding: int | None
) -> FirstChoiceVerdict:
    """The safe candidate, if any: more than half of all possible first choices.

    Args:
        first_choices: votes per candidate counted so far (round-1 tallies).
        outstanding: the most ballots still to be counted; None when unknown
            (then nobody is safe).
    """
    counted = sum(first_choices)
    if outstanding is None:
        return FirstChoiceVerdict(
            None, None, "first choices only; ballots still to be counted: unknown"
        )
    possible = counted + outstanding
    for index, votes in enumerate(first_choices):
        if 2 * votes > possible:
            return FirstChoiceVerdict(
                index,
                possible,
                f"{_percent(votes, possible)} of all possible first choices "
                f"({votes:,} of {possible:,}): wins in round 1",
            )
    return FirstChoiceVerdict(
        None,
        possible,
        f"first choices only: no one above 50% of all possible first choices "
        f"({possible:,})",
    )


def published_tabulation(rounds: Sequence[RcvRound]) -> RcvTabulation:
    """Published rounds as a tabulation: winners are those marked elected."""
    winners: list[str] = []
    for round_ in rounds:
        winners.extend(c for c in round_.elected if c not in winners)
    ballots = rounds[0].continuing_votes + rounds[0].inactive if rounds else 0
    return RcvTabulation(rounds=tuple(rounds), winners=tuple(winners), ballots=ballots)


def race_tabulation(race: Race) -> tuple[RcvTabulation | None, str | None]:
    """The race's rounds: published ones, else tabulated from its ballots.

    Returns the tabulation (None when there is neither) and a problem in
    words when the ballots cannot be tabulated.
    """
    ranked = race.ranked_choice
    if ranked is None:
        return None, None
    if ranked.rounds:
        return published_tabulation(ranked.rounds), None
    if not ranked.ballots:
        return None, None
    try:
        tabulation = tabulate_rcv(
            ranked.ballots, [c.id for c in race.candidates], ranked.rules
        )
    except ValueError as error:
        return None, f"ranked ballots: {error}"
    return tabulation, None


def first_round_votes(race: Race, tabulation: RcvTabulation) -> list[int]:
    """Round-1 tallies aligned with the race's candidates (0 when absent)."""
    first = dict(tabulation.rounds[0].tallies) if tabulation.rounds else {}
    return [first.get(c.id, 0) for c in race.candidates]


@dataclass(frozen=True, slots=True)
class RcvOutcomes:
    """Each candidate's outcome and reason (race order), and the summary line."""

    outcomes: list[tuple[Outcome, str]]
    summary: str


def rcv_outcomes(
    race: Race,
    first_choices: Sequence[int],
    outstanding: int | None,
    tabulation: RcvTabulation | None,
) -> RcvOutcomes:
    """Outcomes of a ranked-choice race: a complete count, a safe lead, or pending."""
    ids = [c.id for c in race.candidates]
    if len(ids) <= 1:
        return RcvOutcomes([(Outcome.WON, "unopposed")] * len(ids), "Unopposed")
    if tabulation is not None and tabulation.winners and outstanding == 0:
        return _complete(ids, tabulation)
    verdict = first_choice_verdict(first_choices, outstanding)
    if verdict.safe is not None:
        name = race.candidates[verdict.safe].name
        lost = f"cannot win: {name} has more than half of all possible first choices"
        outcomes = [
            (Outcome.WON, verdict.reason)
            if i == verdict.safe
            else (Outcome.ELIMINATED, lost)
            for i in range(len(ids))
        ]
        return RcvOutcomes(outcomes, f"{name}: {verdict.reason}")
    still = (
        "ballots still to be counted: unknown"
        if outstanding is None
        else f"{outstanding:,} ballots still to be counted"
    )
    if tabulation is None or not tabulation.rounds:
        return RcvOutcomes(
            [(Outcome.PENDING, verdict.reason)] * len(ids),
            _capital(f"{verdict.reason}; {still}"),
        )
    return _preliminary(race, ids, tabulation, still)


def _complete(ids: list[str], tabulation: RcvTabulation) -> RcvOutcomes:
    final = tabulation.rounds[-1]
    reasons: dict[str, tuple[Outcome, str]] = {}
    for round_ in tabulation.rounds:
        for candidate in round_.elected:
            share = _percent(round_.votes_of(candidate) or 0, round_.continuing_votes)
            reasons.setdefault(
                candidate,
                (
                    Outcome.WON,
                    f"won in round {round_.number} with {share} of continuing votes",
                ),
            )
        for candidate in round_.eliminated:
            reasons.setdefault(
                candidate,
                (
                    Outcome.ELIMINATED,
                    f"eliminated in round {round_.number} with "
                    f"{round_.votes_of(candidate) or 0:,} votes",
                ),
            )
    for candidate, votes in final.tallies:
        reasons.setdefault(
            candidate,
            (
                Outcome.ELIMINATED,
                f"lost in round {final.number} with {votes:,} votes "
                f"({_percent(votes, final.continuing_votes)} of continuing votes)",
            ),
        )
    outcomes = [
        reasons.get(c, (Outcome.ELIMINATED, "not among round 1's candidates"))
        for c in ids
    ]
    winner = tabulation.winners[0]
    return RcvOutcomes(
        outcomes, _capital(reasons[winner][1]) if winner in reasons else ""
    )


def _preliminary(
    race: Race, ids: list[str], tabulation: RcvTabulation, still: str
) -> RcvOutcomes:
    """Rounds of a count still going: shown, never a result."""
    last = tabulation.rounds[-1]
    out_in: dict[str, RcvRound] = {}
    for round_ in tabulation.rounds:
        for candidate in round_.eliminated:
            out_in.setdefault(candidate, round_)
    outcomes: list[tuple[Outcome, str]] = []
    for candidate in ids:
        if candidate in out_in:
            round_ = out_in[candidate]
            votes = round_.votes_of(candidate) or 0
            reason = f"eliminated in round {round_.number} with {votes:,} votes so far"
        else:
            votes = last.votes_of(candidate) or 0
            reason = (
                f"round {last.number}: {votes:,} votes "
                f"({_percent(votes, last.continuing_votes)} of continuing votes) so far"
            )
        outcomes.append((Outcome.PENDING, f"{reason}; {still}"))
    summary = f"Round {last.number} of the count so far; {still}"
    if last.tallies:
        leader, votes = last.tallies[0]
        name = race.candidates[ids.index(leader)].name if leader in ids else leader
        summary = (
            f"Round {last.number} of the count so far: {name} leads with "
            f"{_percent(votes, last.continuing_votes)} of continuing votes; {still}"
        )
    return RcvOutcomes(outcomes, summary)


def _percent(votes: int, total: int) -> str:
    return f"{100 * votes / total:.1f}%" if total else "0.0%"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
