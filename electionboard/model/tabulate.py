"""Turn a race snapshot into standings: totals, ranks, margins, verdicts, status."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import attrgetter, truth

from electionboard.model.clinch import PlaceVerdict, place_verdicts
from electionboard.model.columns import ColumnsMemo, PrecinctColumns, precinct_columns
from electionboard.model.election import Call, CallOutcome, Election, Race
from electionboard.model.makers import positional_maker
from electionboard.model.pacing import pause_point
from electionboard.model.precinct_table import PrecinctTable
from electionboard.model.rcv_standings import (
    first_round_votes,
    race_tabulation,
    rcv_outcomes,
)
from electionboard.model.standings import (
    CandidateStanding,
    Margin,
    MeasureResult,
    Outcome,
    OutrightVerdict,
    RaceStandings,
    RaceStatus,
)
from electionboard.model.thresholds import (
    UNKNOWN,
    OutrightCheck,
    measure_verdict,
    outright_check,
    won_outright_words,
)

DEFAULT_TOO_CLOSE_SHARE = 0.05
"""A race is too close when the cutoff margin is within this share of R."""
_make_standing = positional_maker(CandidateStanding)
_make_standings = positional_maker(RaceStandings)
"""The short roads' constructors, in field order, without ``__init__``."""
_VOTES = attrgetter("votes")
_REPORTING = attrgetter("reporting")
_REGISTERED = attrgetter("registered_voters")
"""A precinct's fields, read in C-level ``map`` passes: a statewide feed's
25,000 precincts run no Python bytecode per precinct."""


def _made_for(race: Race, columns: PrecinctColumns | None) -> PrecinctColumns | None:
    """``columns`` if they were made from this race's precincts, else None.

    A table's own columns where none were made: summing them makes no rows.
    """
    if columns is not None and columns.precincts is race.precincts:
        return columns
    if isinstance(race.precincts, PrecinctTable) and race.precincts:
        return precinct_columns(race.precincts)
    return None


def candidate_totals(race: Race, columns: PrecinctColumns | None = None) -> list[int]:
    """Votes per candidate: the feed's totals, or the sum over precincts.

    ``columns`` of the race's precincts, where made already, give the sums.
    """
    if race.totals is not None:
        return list(race.totals)
    if not race.precincts:
        return [0] * len(race.candidates)
    columns = _made_for(race, columns)
    if columns is not None:
        return list(columns.totals)
    return [sum(column) for column in zip(*map(_VOTES, race.precincts), strict=False)]


def precinct_counts(
    race: Race, columns: PrecinctColumns | None = None
) -> tuple[int, int]:
    """(reporting, total) precincts: the feed's own counts, else the precinct list.

    A feed's counts win where it gives both: a county-level Clarity file lists
    159 counties as its units, but its contest says 2,654 of 2,656 precincts.
    """
    if race.precincts_reporting is not None and race.precincts_total is not None:
        return race.precincts_reporting, race.precincts_total
    if race.precincts:
        columns = _made_for(race, columns)
        if columns is not None:
            return columns.reporting, len(race.precincts)
        reporting = sum(map(truth, map(_REPORTING, race.precincts)))
        return reporting, len(race.precincts)
    return race.precincts_reporting or 0, race.precincts_total or 0


def registered_voters(race: Race, columns: PrecinctColumns | None = None) -> int | None:
    """The race's registered voters, or the precincts' sum when all give one."""
    if race.registered_voters is not None:
        return race.registered_voters
    if not race.precincts:
        return None
    columns = _made_for(race, columns)
    if columns is not None:
        return columns.registered
    each = list(map(_REGISTERED, race.precincts))
    return None if None in each else sum(each)


def outstanding_votes(
    race: Race, total_votes: int, columns: PrecinctColumns | None = None
) -> int | None:
    """R: the most votes still to be counted; None when nothing bounds it."""
    if race.final:
        return 0
    bounds: list[int] = []
    if race.remaining_ballots is not None:
        bounds.append(race.remaining_ballots)
    registered = registered_voters(race, columns)
    if registered is not None:
        bounds.append(max(0, registered - total_votes))
    return min(bounds) if bounds else None


def _rank_order(race: Race, votes: Sequence[int]) -> list[int]:
    """Candidate indices by votes; equal votes fall back to ballot order."""
    # Each key made once, not once per comparison's lookups.
    keys = [
        (-mine, candidate.ballot_order, candidate.name)
        for mine, candidate in zip(votes, race.candidates, strict=False)
    ]
    return sorted(range(len(votes)), key=keys.__getitem__)


def _share(votes: int, total: int) -> float:
    # Integer true division is exact and, with votes <= total, cannot overflow
    # a float the way ``100.0 * votes`` does for a huge figure.
    return 100 * votes / total if total else 0.0


def _margin(upper: int, lower: int, total: int) -> Margin:
    return Margin(upper - lower, _share(upper, total) - _share(lower, total))


def _outright_outcomes(
    race: Race,
    check: OutrightCheck,
    verdicts: list[PlaceVerdict],
) -> list[tuple[Outcome, str]] | None:
    """Outcomes under an outright threshold, or None once nobody can reach it."""
    assert race.rule.outright is not None
    if check.verdict is OutrightVerdict.IMPOSSIBLE:
        return None
    if check.winner is not None:
        lost = won_outright_words(
            race.candidates[check.winner].name, race.rule.outright
        )
        return [
            (Outcome.WON, check.reason)
            if j == check.winner
            else (Outcome.ELIMINATED, lost)
            for j in range(len(race.candidates))
        ]
    return _hold_clinched(verdicts, check.reason)


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
    verdicts: list[PlaceVerdict],
    check: OutrightCheck | None,
) -> list[tuple[Outcome, str]]:
    if check is not None:
        outright = _outright_outcomes(race, check, verdicts)
        if outright is not None:
            return outright
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


def _measure(
    race: Race,
    votes: Sequence[int],
    total: int,
    remaining: int | None,
    call: Call | None,
) -> tuple[MeasureResult, str, list[tuple[Outcome, str]]]:
    """A measure's result, its reason, and each choice's outcome.

    The math settles it when it can; otherwise a call (the feed's or the
    desk's) does: naming the passing choice passes it, naming another fails it.
    """
    assert race.measure is not None
    index = race.candidate_index(race.measure.passes_with)
    choice = race.candidates[index].name
    result, reason = measure_verdict(
        choice, votes[index], total, race.measure.threshold, remaining
    )
    if (
        result is MeasureResult.PENDING
        and call is not None
        and call.outcome is not CallOutcome.TOO_CLOSE
        and call.candidate_ids
    ):
        passed = race.measure.passes_with in call.candidate_ids
        result = MeasureResult.PASSES if passed else MeasureResult.FAILS
        reason = f"called by {call.by}"
    if result is MeasureResult.PENDING:
        return result, reason, [(Outcome.PENDING, reason)] * len(votes)
    passes = result is MeasureResult.PASSES
    outcomes = [
        (Outcome.WON if (j == index) == passes else Outcome.ELIMINATED, reason)
        for j in range(len(votes))
    ]
    return result, reason, outcomes


def _expected_share(race: Race, total: int) -> float | None:
    """The feed's estimate of the vote counted, or counted / expected votes."""
    if race.expected_share_counted is not None:
        return race.expected_share_counted
    if race.expected_votes:
        return min(100.0, 100 * total / race.expected_votes)
    return None


def _problems(race: Race, votes: Sequence[int]) -> tuple[str, ...]:
    """The race's own problems, and published totals that disagree with types."""
    found = list(race.problems)
    if race.votes_by_type is not None:
        for candidate, total, row in zip(
            race.candidates, votes, race.votes_by_type, strict=True
        ):
            typed = sum(row)
            if typed != total:
                found.append(
                    f"{candidate.name}: published total {total:,} but the vote "
                    f"types sum to {typed:,}"
                )
    return tuple(found)


def _status(
    *,
    settled_without_votes: bool,
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
    if settled_without_votes and all(o is not Outcome.PENDING for o in outcomes):
        return RaceStatus.DECIDED
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
    measure_reason: str,
) -> str:
    """One line of reason in numbers for the banner's second line."""
    if status is RaceStatus.NOT_STARTED:
        return "No votes counted yet"
    if measure_reason:
        return measure_reason[:1].upper() + measure_reason[1:]
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
    columns: PrecinctColumns | None = None,
) -> RaceStandings:
    """Compute the standings of one race.

    Args:
        race: the snapshot.
        call: a desk call that outranks the feed's own call, if any.
        too_close_share: cutoff margin, as a share of R, at or under which
            an undecided race is too close to call.
        columns: the columns of ``race.precincts`` where made already (the
            poll worker's ``ColumnsMemo``); ignored if made from other ones.
    """
    totals = race.totals
    if (
        totals is not None
        and race.ranked_choice is None
        and race.measure is None
        and race.votes_by_type is None
    ):
        count = len(totals)
        places = race.rule.places
        if 0 < count <= places:
            # Most races on a primary night have no more candidates than places.
            return _tabulate_uncontested(race, totals, call)
        if (
            count > places
            and not race.final
            and race.remaining_ballots is None
            and race.registered_voters is None
            and not race.precincts
        ):
            # Nothing bounds the vote still out (AP never says): nothing settles.
            return _tabulate_unbounded(race, totals, call)
    return tabulate_general(
        race, call=call, too_close_share=too_close_share, columns=columns
    )


def _tabulate_uncontested(
    race: Race, totals: tuple[int, ...], call: Call | None
) -> RaceStandings:
    """``tabulate_general`` for a candidate race with no more names than places.

    Every candidate is inside the cutoff however the rest fall, so there is no
    clinch, threshold or too-close arithmetic to do: only ranks, shares and
    the words ``tabulate_general`` would give (a property test holds them equal).
    """
    count = len(totals)
    rule = race.rule
    places = rule.places
    total = sum(totals)
    outcome = Outcome.WON if rule.elects else Outcome.ADVANCES
    candidates = race.candidates
    standings: list[CandidateStanding]
    if count == 1:
        # One name (most of a primary night): first, untied, no lead to give.
        mine = totals[0]
        standings = [
            _make_standing(
                candidates[0],
                mine,
                100 * mine / total if total else 0.0,
                1,
                False,
                True,
                False,
                outcome,
                f"1 candidates for {places} places: "
                f"{candidates[0].name} cannot finish outside them",
            )
        ]
        lead = None
    else:
        standings = _inside_standings(race, totals, total, outcome)
        order_first = standings[0].votes
        lead = _margin(order_first, standings[1].votes, total)
    first = standings[0]
    reason = standings[-1].reason
    effective_call = call if call is not None else race.call
    reporting, precinct_total = precinct_counts(race)
    # Positional, in ``RaceStandings``' field order: one per race per poll.
    return _make_standings(
        race,
        tuple(standings),
        total,
        reporting,
        precinct_total,
        outstanding_votes(race, total),
        first if total > 0 and not first.tied else None,
        lead,
        None,
        _called_or(effective_call, RaceStatus.DECIDED),
        effective_call,
        reason[:1].upper() + reason[1:],
        None,
        "",
        None,
        "",
        _expected_share(race, total),
        tuple(race.problems),
        None,
    )


def _inside_standings(
    race: Race, totals: tuple[int, ...], total: int, outcome: Outcome
) -> list[CandidateStanding]:
    """Ranked standings of several names, all inside the cutoff."""
    votes = list(totals)
    count = len(votes)
    places = race.rule.places
    candidates = race.candidates
    order = _rank_order(race, votes)
    ties = len(set(votes)) < count
    sharing = Counter(votes) if ties and total > 0 else None
    standings: list[CandidateStanding] = []
    rank = 0
    previous: int | None = None
    for position, i in enumerate(order, start=1):
        mine = votes[i]
        if mine != previous:
            rank = position
            previous = mine
        candidate = candidates[i]
        standings.append(
            _make_standing(
                candidate,
                mine,
                100 * mine / total if total else 0.0,
                rank,
                sharing is not None and sharing[mine] > 1,
                True,
                False,
                outcome,
                f"{count} candidates for {places} places: "
                f"{candidate.name} cannot finish outside them",
            )
        )
    return standings


def _tabulate_unbounded(
    race: Race, totals: tuple[int, ...], call: Call | None
) -> RaceStandings:
    """``tabulate_general`` for a contested candidate race with R unknown.

    With no bound on the vote still out, no place clinches or is lost and no
    outright threshold is settled: every candidate is pending for the same
    reason, the race counting (or not started) unless called. Only ranks,
    shares and margins are left to compute (a property test holds the roads
    equal).
    """
    votes = list(totals)
    count = len(votes)
    rule = race.rule
    places = rule.places
    total = sum(votes)
    effective_call = call if call is not None else race.call
    candidates = race.candidates
    if count == 2:
        # ``_rank_order`` of two: the first unless the second sorts before it.
        first_c, second_c = candidates
        key0 = (-votes[0], first_c.ballot_order, first_c.name)
        key1 = (-votes[1], second_c.ballot_order, second_c.name)
        order = [0, 1] if key0 <= key1 else [1, 0]
    else:
        order = _rank_order(race, votes)
    sharing = Counter(votes) if total > 0 and len(set(votes)) < count else None
    standings: list[CandidateStanding] = []
    rank = 0
    previous: int | None = None
    for position, i in enumerate(order, start=1):
        mine = votes[i]
        if mine != previous:
            rank = position
            previous = mine
        standings.append(
            _make_standing(
                candidates[i],
                mine,
                100 * mine / total if total else 0.0,
                rank,
                sharing is not None and sharing[mine] > 1,
                False,
                False,
                Outcome.PENDING,
                UNKNOWN,
            )
        )
    first = standings[0]
    reporting, precinct_total = precinct_counts(race)
    outright = rule.outright is not None
    status = _called_or(
        effective_call, RaceStatus.COUNTING if total else RaceStatus.NOT_STARTED
    )
    return _make_standings(
        race,
        tuple(standings),
        total,
        reporting,
        precinct_total,
        None,
        first if total > 0 and not first.tied else None,
        _margin(votes[order[0]], votes[order[1]], total),
        _margin(votes[order[places - 1]], votes[order[places]], total),
        status,
        effective_call,
        (
            "No votes counted yet"
            if status is RaceStatus.NOT_STARTED
            else "Votes still to be counted: unknown"
        ),
        None,
        "",
        OutrightVerdict.OPEN if outright else None,
        UNKNOWN if outright else "",
        _expected_share(race, total),
        tuple(race.problems),
        None,
    )


def _called_or(call: Call | None, status: RaceStatus) -> RaceStatus:
    """A call's status (called, or too close), else ``status``."""
    if call is None:
        return status
    if call.outcome is CallOutcome.TOO_CLOSE:
        return RaceStatus.TOO_CLOSE
    return RaceStatus.CALLED


def tabulate_general(
    race: Race,
    *,
    call: Call | None = None,
    too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
    columns: PrecinctColumns | None = None,
) -> RaceStandings:
    """The standings of any race by the full arithmetic (``tabulate``'s args).

    ``tabulate`` takes a shorter road for races where the outcome is settled
    by the count of names alone; this is the road every race can take.
    """
    ranked = race.is_ranked_choice
    rcv, rcv_problem = race_tabulation(race)
    if rcv is not None and race.totals is None and not race.precincts:
        votes = first_round_votes(race, rcv)  # ballots only: round 1 is the count
    else:
        votes = candidate_totals(race, columns)
    total = sum(votes)
    remaining = outstanding_votes(race, total, columns)
    names = [c.name for c in race.candidates]
    rule = race.rule
    effective_call = call if call is not None else race.call
    contested = len(votes) > rule.places
    verdicts = place_verdicts(names, votes, rule.places, remaining)
    check = None
    if rule.outright is not None and contested and not race.is_measure and not ranked:
        check = outright_check(names, votes, rule.outright, remaining)
    measure_result = None
    measure_reason = ""
    rcv_summary = ""
    if race.is_measure:
        measure_result, measure_reason, outcomes = _measure(
            race, votes, total, remaining, effective_call
        )
    elif ranked:
        settled = rcv_outcomes(race, votes, remaining, rcv)
        outcomes, rcv_summary = settled.outcomes, settled.summary
    else:
        outcomes = _outcomes(race, verdicts, check)

    order = _rank_order(race, votes)
    # Counted only when two candidates share a figure: most races have none.
    sharing = Counter(votes) if total > 0 and len(set(votes)) < len(votes) else None
    candidates = race.candidates
    clinch_counts = not race.is_measure and not ranked
    standings: list[CandidateStanding] = []
    rank = 0
    previous: int | None = None
    for position, i in enumerate(order, start=1):
        mine = votes[i]
        if mine != previous:
            rank = position
            previous = mine
        outcome, reason = outcomes[i]
        # Positional, in ``CandidateStanding``'s field order.
        standings.append(
            _make_standing(
                candidates[i],
                mine,
                _share(mine, total),
                rank,
                sharing is not None and sharing[mine] > 1,
                (clinch_counts and verdicts[i].clinched) or outcome is Outcome.WON,
                outcome is Outcome.ELIMINATED,
                outcome,
                reason,
            )
        )

    places = rule.places
    lead = _margin(votes[order[0]], votes[order[1]], total) if len(order) > 1 else None
    cutoff = (
        _margin(votes[order[places - 1]], votes[order[places]], total)
        if len(order) > places and not race.is_measure and not ranked
        else None
    )
    leader = standings[0] if total > 0 and not standings[0].tied else None
    if ranked:
        # The first-choice leader is not the leader of a ranked count that
        # has a winner: the winner is.
        won = [s for s in standings if s.outcome is Outcome.WON]
        leader = won[0] if won else leader
    status = _status(
        settled_without_votes=bool(votes) and not contested and not race.is_measure,
        total=total,
        remaining=remaining,
        call=effective_call,
        outcomes=[s.outcome for s in standings],
        cutoff=cutoff,
        too_close_share=too_close_share,
    )
    reporting, precinct_total = precinct_counts(race, columns)
    # Positional, in ``RaceStandings``' field order: one per race per poll.
    return _make_standings(
        race,
        tuple(standings),
        total,
        reporting,
        precinct_total,
        remaining,
        leader,
        lead,
        cutoff,
        status,
        effective_call,
        (
            rcv_summary
            if ranked and status is not RaceStatus.NOT_STARTED
            else _summary(race, standings, status, remaining, measure_reason)
        ),
        measure_result,
        measure_reason,
        None if check is None else check.verdict,
        "" if check is None else check.reason,
        _expected_share(race, total),
        _problems(race, votes) + ((rcv_problem,) if rcv_problem else ()),
        rcv,
    )


def tabulate_election(
    election: Election,
    calls: Mapping[str, Call] | None = None,
    too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
    memo: ColumnsMemo | None = None,
) -> tuple[RaceStandings, ...]:
    """Standings for every race, desk calls (by race id) outranking the feed's.

    With ``memo`` (the poll worker's), each race's precinct columns are made
    there, for this poll's reconciliation and the next one's to compare.
    The cyclic GC is paused meanwhile, as the parsers pause it: standings form
    no cycles, and a collection triggered every few hundred of them would
    rescan the whole election just parsed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _tabulate_all(election, calls, too_close_share, memo)
    finally:
        if was_enabled:
            gc.enable()


def _tabulate_all(
    election: Election,
    calls: Mapping[str, Call] | None,
    too_close_share: float,
    memo: ColumnsMemo | None,
) -> tuple[RaceStandings, ...]:
    desk = calls or {}
    made = []
    for race in election.races:
        pause_point()  # a frame being painted goes first (model/pacing.py)
        made.append(
            tabulate(
                race,
                call=desk.get(race.id),
                too_close_share=too_close_share,
                columns=race_columns(race, memo),
            )
        )
    return tuple(made)


def race_columns(race: Race, memo: ColumnsMemo | None) -> PrecinctColumns | None:
    """The race's precinct columns from ``memo`` or its table; else None.

    None without precincts, or for a tuple of them without ``memo``.
    """
    if not race.precincts:
        return None
    if memo is None:
        return _made_for(race, None)
    return memo.columns(race.precincts)
