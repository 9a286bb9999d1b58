"""Turn a race snapshot into standings: totals, ranks, margins, verdicts, status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from electionboard.model.clinch import PlaceVerdict, majority_threshold, place_verdicts
from electionboard.model.election import Call, CallOutcome, Election, Race
from electionboard.model.standings import (
    CandidateStanding,
    Margin,
    Outcome,
    RaceStandings,
    RaceStatus,
)

DEFAULT_TOO_CLOSE_SHARE = 0.05
"""A race is too close when the cutoff margin is within this share of R."""


def candidate_totals(race: Race) -> list[int]:
    """Votes per candidate: the feed's totals, or the sum over precincts."""
    if race.totals is not None:
        return list(race.totals)
    if not race.precincts:
        return [0] * len(race.candidates)
    return [
        sum(column) for column in zip(*(p.votes for p in race.precincts), strict=False)
    ]


def precinct_counts(race: Race) -> tuple[int, int]:
    """(reporting, total) precincts: the feed's own counts, else the precinct list.

    A feed's counts win where it gives both: a county-level Clarity file lists
    159 counties as its units, but its contest says 2,654 of 2,656 precincts.
    """
    if race.precincts_reporting is not None and race.precincts_total is not None:
        return race.precincts_reporting, race.precincts_total
    if race.precincts:
        reporting = sum(1 for p in race.precincts if p.reporting)
        return reporting, len(race.precincts)
    return race.precincts_reporting or 0, race.precincts_total or 0


def registered_voters(race: Race) -> int | None:
    """The race's registered voters, or the precincts' sum when all give one."""
    if race.registered_voters is not None:
        return race.registered_voters
    if not race.precincts:
        return None
    total = 0
    for precinct in race.precincts:
        if precinct.registered_voters is None:
            return None
        total += precinct.registered_voters
    return total


def outstanding_votes(race: Race, total_votes: int) -> int | None:
    """R: the most votes still to be counted; None when nothing bounds it."""
    if race.final:
        return 0
    bounds: list[int] = []
    if race.remaining_ballots is not None:
        bounds.append(race.remaining_ballots)
    registered = registered_voters(race)
    if registered is not None:
        bounds.append(max(0, registered - total_votes))
    return min(bounds) if bounds else None


def _rank_order(race: Race, votes: Sequence[int]) -> list[int]:
    """Candidate indices by votes; equal votes fall back to ballot order."""
    return sorted(
        range(len(votes)),
        key=lambda i: (
            -votes[i],
            race.candidates[i].ballot_order,
            race.candidates[i].name,
        ),
    )


def _share(votes: int, total: int) -> float:
    # Integer true division is exact and, with votes <= total, cannot overflow
    # a float the way ``100.0 * votes`` does for a huge figure.
    return 100 * votes / total if total else 0.0


def _margin(upper: int, lower: int, total: int) -> Margin:
    return Margin(upper - lower, _share(upper, total) - _share(lower, total))


def _majority_outcomes(
    race: Race,
    votes: Sequence[int],
    total: int,
    remaining: int | None,
    verdicts: list[PlaceVerdict],
) -> list[tuple[Outcome, str]] | None:
    """Outcomes under a majority-wins rule, or None when no majority is possible."""
    names = [c.name for c in race.candidates]
    if remaining is None:
        return _hold_clinched(
            verdicts, "the number of votes still to be counted is unknown"
        )
    possible = total + remaining
    needed = majority_threshold(possible)
    for i, vote_count in enumerate(votes):
        if vote_count >= needed:
            won = (
                f"{names[i]} has {vote_count:,} of at most {possible:,} votes, "
                "a majority however the rest fall"
            )
            lost = f"{names[i]} has won a majority outright"
            return [
                (Outcome.WON, won) if j == i else (Outcome.ELIMINATED, lost)
                for j in range(len(votes))
            ]
    contenders = [i for i, v in enumerate(votes) if v + remaining >= needed]
    if not contenders:
        return None
    best = max(contenders, key=lambda i: votes[i])
    return _hold_clinched(
        verdicts,
        f"a majority is still possible: {names[best]} needs "
        f"{needed - votes[best]:,} of the {remaining:,} votes remaining",
    )


def _hold_clinched(verdicts: list[PlaceVerdict], why: str) -> list[tuple[Outcome, str]]:
    """Clinched places stay pending (for ``why``); eliminations stand."""
    result: list[tuple[Outcome, str]] = []
    for verdict in verdicts:
        if verdict.eliminated:
            result.append((Outcome.ELIMINATED, verdict.reason))
        elif verdict.clinched:
            result.append((Outcome.PENDING, why))
        else:
            result.append((Outcome.PENDING, verdict.reason))
    return result


def _outcomes(
    race: Race,
    votes: Sequence[int],
    total: int,
    remaining: int | None,
    verdicts: list[PlaceVerdict],
) -> list[tuple[Outcome, str]]:
    if race.rule.majority_wins:
        majority = _majority_outcomes(race, votes, total, remaining, verdicts)
        if majority is not None:
            return majority
    clinched = Outcome.WON if race.rule.elects else Outcome.ADVANCES
    result: list[tuple[Outcome, str]] = []
    for verdict in verdicts:
        if verdict.clinched:
            result.append((clinched, verdict.reason))
        elif verdict.eliminated:
            result.append((Outcome.ELIMINATED, verdict.reason))
        else:
            result.append((Outcome.PENDING, verdict.reason))
    return result


def _status(
    total: int,
    remaining: int | None,
    call: Call | None,
    outcomes: Sequence[Outcome],
    cutoff: Margin | None,
    too_close_share: float,
) -> RaceStatus:
    if call is not None:
        if call.outcome is CallOutcome.TOO_CLOSE:
            return RaceStatus.TOO_CLOSE
        return RaceStatus.CALLED
    if total == 0:
        return RaceStatus.NOT_STARTED
    if all(outcome is not Outcome.PENDING for outcome in outcomes):
        return RaceStatus.DECIDED
    if (
        cutoff is not None
        and remaining is not None
        and cutoff.votes <= too_close_share * remaining
    ):
        return RaceStatus.TOO_CLOSE
    return RaceStatus.COUNTING


def _summary(
    race: Race,
    standings: Sequence[CandidateStanding],
    status: RaceStatus,
    remaining: int | None,
) -> str:
    """One line of reason in numbers for the banner's second line."""
    if status is RaceStatus.NOT_STARTED:
        return "No votes counted yet"
    settled = [s for s in standings if s.outcome in (Outcome.WON, Outcome.ADVANCES)]
    if settled:
        return settled[-1].reason[:1].upper() + settled[-1].reason[1:]
    if remaining is None:
        return "Votes still to be counted: unknown"
    places = race.rule.places
    if len(standings) > places:
        edge = standings[places - 1]
        return edge.reason[:1].upper() + edge.reason[1:]
    return f"{remaining:,} votes still to be counted"


def tabulate(
    race: Race,
    *,
    call: Call | None = None,
    too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
) -> RaceStandings:
    """Compute the standings of one race.

    Args:
        race: the snapshot.
        call: a desk call that outranks the feed's own call, if any.
        too_close_share: cutoff margin, as a share of R, at or under which
            an undecided race is too close to call.
    """
    votes = candidate_totals(race)
    total = sum(votes)
    remaining = outstanding_votes(race, total)
    names = [c.name for c in race.candidates]
    verdicts = place_verdicts(names, votes, race.rule.places, remaining)
    outcomes = _outcomes(race, votes, total, remaining, verdicts)

    order = _rank_order(race, votes)
    sharing = Counter(votes)
    standings: list[CandidateStanding] = []
    rank = 0
    for position, i in enumerate(order, start=1):
        if position == 1 or votes[i] != votes[order[position - 2]]:
            rank = position
        tied = total > 0 and sharing[votes[i]] > 1
        verdict = verdicts[i]
        outcome, reason = outcomes[i]
        standings.append(
            CandidateStanding(
                candidate=race.candidates[i],
                votes=votes[i],
                share=_share(votes[i], total),
                rank=rank,
                tied=tied,
                clinched=verdict.clinched or outcome is Outcome.WON,
                eliminated=outcome is Outcome.ELIMINATED,
                outcome=outcome,
                reason=reason,
            )
        )

    places = race.rule.places
    lead = _margin(votes[order[0]], votes[order[1]], total) if len(order) > 1 else None
    cutoff = (
        _margin(votes[order[places - 1]], votes[order[places]], total)
        if len(order) > places
        else None
    )
    leader = standings[0] if total > 0 and not standings[0].tied else None
    effective_call = call if call is not None else race.call
    status = _status(
        total,
        remaining,
        effective_call,
        [s.outcome for s in standings],
        cutoff,
        too_close_share,
    )
    reporting, precinct_total = precinct_counts(race)
    return RaceStandings(
        race=race,
        candidates=tuple(standings),
        total_votes=total,
        precincts_reporting=reporting,
        precincts_total=precinct_total,
        outstanding=remaining,
        leader=leader,
        lead_margin=lead,
        cutoff_margin=cutoff,
        status=status,
        call=effective_call,
        summary=_summary(race, standings, status, remaining),
    )


def tabulate_election(
    election: Election,
    calls: Mapping[str, Call] | None = None,
    too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
) -> tuple[RaceStandings, ...]:
    """Standings for every race, desk calls (by race id) outranking the feed's."""
    desk = calls or {}
    return tuple(
        tabulate(race, call=desk.get(race.id), too_close_share=too_close_share)
        for race in election.races
    )
