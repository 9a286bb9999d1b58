"""Balance of power: seats (or electoral votes) won per party, and who controls.

A chamber is a set of races. A seat counts as won only once it is settled:
the race is called won, or the math says a candidate has WON. A top-two
primary's "advances" fills no seat (the seat is decided later), a measure is
no seat at all, and a vote-for-N race holds N seats. Control is claimed only
when it is certain: a party holds the seats needed and no rival can still
reach them, so the screen never calls a chamber a later count could take back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.election import CallOutcome, Race
from electionboard.model.parties import normalise_party
from electionboard.model.standings import Outcome, RaceStandings

INDEPENDENT = "IND"
"""Independents and candidates of no party affiliation (NPA, NPP)."""
NO_PARTY = "OTH"
"""A winner the feed gives no party at all (nonpartisan seats, blanks)."""
_INDEPENDENTS = frozenset({"IND", "NPA", "NPP"})


def seat_party(code: str | None) -> str:
    """The party a seat is counted for: normalised, independents as IND."""
    party = normalise_party(code)
    if party is None:
        return NO_PARTY
    return INDEPENDENT if party in _INDEPENDENTS else party


def majority(total: int) -> int:
    """More than half of ``total``: 218 of 435, 270 of 538, 1 of 0."""
    return total // 2 + 1


class Control(StrEnum):
    """Where a party stands against the seats needed for control."""

    CONTROL = "control"
    """It holds the seats needed, and no rival can reach them."""
    OPEN = "open"
    """It can still reach control (or a rival still can take it)."""
    CANNOT_REACH = "cannot_reach"
    """Even every undecided seat would leave it short."""


@dataclass(frozen=True, slots=True)
class PartyTally:
    """One party's line: what it has won, how it stands, and why in numbers.

    Attributes:
        party: the code ("DEM", "REP", "IND", "OTH" ...).
        won: seats (or electoral votes) won.
        contested: races it has a candidate in, so a screen can keep the
            two main parties on their sides all night.
        control: where it stands against the number needed.
        reason: the verdict in numbers ("DEM 5 of 8 needed; 2 undecided").
    """

    party: str
    won: int
    contested: int
    control: Control
    reason: str

    @property
    def has_control(self) -> bool:
        """True once this party's control is certain."""
        return self.control is Control.CONTROL


@dataclass(frozen=True, slots=True)
class SeatBalance:
    """A chamber's seats: per party won, undecided, and the number needed.

    ``parties`` is the chamber's party order: most won first, then by code.
    ``partisan`` is False when no candidate in the chamber carries a party (a
    nonpartisan city council): the seats are then only decided or not.
    """

    parties: tuple[PartyTally, ...]
    total: int
    undecided: int
    needed: int
    partisan: bool
    runoff: int = 0
    """Undecided seats whose race is settled as a runoff (its advancers known)."""
    problems: tuple[str, ...] = ()

    @property
    def won(self) -> int:
        """Seats decided so far."""
        return self.total - self.undecided

    @property
    def controlling(self) -> PartyTally | None:
        """The party with control, if any is certain."""
        return next((p for p in self.parties if p.has_control), None)

    def tally(self, party: str) -> PartyTally | None:
        """One party's line by code, None when it has no line."""
        return next((p for p in self.parties if p.party == party), None)


@dataclass(frozen=True, slots=True)
class ElectoralBalance:
    """Electoral votes per party, at stake in the races given, and needed."""

    parties: tuple[PartyTally, ...]
    total: int
    undecided: int
    needed: int
    problems: tuple[str, ...] = ()

    @property
    def won(self) -> int:
        """Electoral votes allocated so far."""
        return self.total - self.undecided

    @property
    def controlling(self) -> PartyTally | None:
        """The party that has won the presidency by the count, if any."""
        return next((p for p in self.parties if p.has_control), None)

    def tally(self, party: str) -> PartyTally | None:
        """One party's line by code, None when it has no line."""
        return next((p for p in self.parties if p.party == party), None)


def race_seats(standings: RaceStandings) -> int:
    """Seats a race fills: N for vote-for-N, one for a primary, none for a measure."""
    race = standings.race
    if race.is_measure:
        return 0
    return race.rule.seats if race.rule.seats is not None else 1


def seat_winners(standings: RaceStandings) -> tuple[str, ...]:
    """Ids of the candidates who have won a seat in this race, ballot order kept.

    A call of WON names them; otherwise the math's WON outcomes do. ADVANCES
    (a runoff or a general election to come) is never a seat.
    """
    race = standings.race
    seats = race_seats(standings)
    if not seats:
        return ()
    call = standings.call
    known = {c.id for c in race.candidates}
    if call is not None and call.outcome is CallOutcome.WON:
        ids = tuple(i for i in dict.fromkeys(call.candidate_ids) if i in known)
    else:
        ids = tuple(
            s.candidate.id for s in standings.candidates if s.outcome is Outcome.WON
        )
    return ids[:seats]


def goes_to_runoff(standings: RaceStandings) -> bool:
    """True when no seat is won and who goes on is settled (called or by math)."""
    if seat_winners(standings) or standings.race.rule.elects:
        return False
    call = standings.call
    if call is not None and call.outcome is CallOutcome.ADVANCE:
        return True
    going = [s for s in standings.candidates if s.outcome is Outcome.ADVANCES]
    return len(going) >= standings.race.rule.places


def _party_of(race: Race, candidate_id: str) -> str:
    for candidate in race.candidates:
        if candidate.id == candidate_id:
            return seat_party(candidate.party)
    return NO_PARTY


def _contested(races: Iterable[Race]) -> Counter[str]:
    """Races each party has a candidate in (each race counted once a party)."""
    counts: Counter[str] = Counter()
    for race in races:
        counts.update({seat_party(c.party) for c in race.candidates})
    return counts


def _verdict(
    party: str, won: int, rivals: Sequence[int], undecided: int, needed: int, unit: str
) -> tuple[Control, str]:
    """Control only when it is certain: ``needed`` held and no rival can reach it.

    With ``needed`` more than half, holding it already shuts every rival out;
    a producer's lower number (a vice president's tie-break) needs the check.
    Winners of no party are no bloc: they never take control.
    """
    reach = won + undecided
    shut_out = all(r + undecided < needed for r in rivals)
    if party != NO_PARTY and won >= needed and shut_out:
        units = unit if won == 1 else f"{unit}s"
        return Control.CONTROL, f"{party} has control: {won} {units}, {needed} needed"
    if reach < needed:
        return (
            Control.CANNOT_REACH,
            f"{party} cannot reach control: {won} won + {undecided} undecided"
            f" is under {needed} needed",
        )
    return Control.OPEN, f"{party} {won} of {needed} needed; {undecided} undecided"


def _tallies(
    won: Mapping[str, int],
    contested: Mapping[str, int],
    undecided: int,
    needed: int,
    unit: str,
) -> tuple[PartyTally, ...]:
    parties = set(won) | set(contested)
    order = sorted(parties, key=lambda p: (-won.get(p, 0), p))
    tallies = []
    for party in order:
        mine = won.get(party, 0)
        rivals = [won.get(p, 0) for p in parties if p != party]
        control, reason = _verdict(party, mine, rivals, undecided, needed, unit)
        tallies.append(
            PartyTally(party, mine, contested.get(party, 0), control, reason)
        )
    return tuple(tallies)


def seat_balance(
    standings: Sequence[RaceStandings], seats_needed: int | None
) -> SeatBalance:
    """Seats won per party across ``standings`` (a chamber's races).

    Args:
        standings: the chamber's races; measures are skipped.
        seats_needed: seats for control; None is more than half of all seats.
    """
    seated = [s for s in standings if race_seats(s)]
    total = sum(race_seats(s) for s in seated)
    won: Counter[str] = Counter()
    for race_standings in seated:
        for winner in seat_winners(race_standings):
            won[_party_of(race_standings.race, winner)] += 1
    undecided = total - sum(won.values())
    runoff = sum(race_seats(s) for s in seated if goes_to_runoff(s))
    needed = seats_needed if seats_needed is not None else majority(total)
    contested = _contested(s.race for s in seated)
    partisan = any(
        seat_party(c.party) != NO_PARTY for s in seated for c in s.race.candidates
    )
    return SeatBalance(
        parties=_tallies(won, contested, undecided, needed, "seat"),
        total=total,
        undecided=undecided,
        needed=needed,
        partisan=partisan,
        runoff=runoff,
    )


def _race_electoral(standings: RaceStandings) -> tuple[int, Counter[str], str | None]:
    """A race's electoral votes at stake, won per party, and any problem."""
    race = standings.race
    won: Counter[str] = Counter()
    given = [c for c in race.candidates if c.electoral_votes_won is not None]
    at_stake = race.electoral_votes or 0
    for candidate in given:
        if candidate.electoral_votes_won:
            won[seat_party(candidate.party)] += candidate.electoral_votes_won
    if not won and at_stake:
        # No electWon yet (absent, or all 0 while AP catches up with its own
        # call): a called (or won) state gives all its votes to its one
        # winner; a split state (Maine, Nebraska) must say so in electWon.
        winners = seat_winners(standings)
        if len(winners) == 1:
            won[_party_of(race, winners[0])] += at_stake
    allocated = sum(won.values())
    if allocated > at_stake:
        problem = f"{race.name}: {allocated} electoral votes won of {at_stake} at stake"
        return allocated, won, problem
    return at_stake, won, None


def electoral_balance(
    standings: Sequence[RaceStandings], *, needed: int | None = None
) -> ElectoralBalance:
    """Electoral votes won per party in the races that carry them.

    Total at stake is the sum of the races' ``electoral_votes`` (AP
    ``electTotal``); won is the sum of the candidates' ``electoral_votes_won``
    (``electWon``), by party. ``needed`` defaults to more than half of the
    total at stake (270 of 538).
    """
    total = 0
    won: Counter[str] = Counter()
    problems: list[str] = []
    contested: Counter[str] = Counter()
    for race_standings in standings:
        race = race_standings.race
        if race.electoral_votes is None and not any(
            c.electoral_votes_won for c in race.candidates
        ):
            continue
        at_stake, race_won, problem = _race_electoral(race_standings)
        total += at_stake
        won.update(race_won)
        contested.update({seat_party(c.party) for c in race.candidates})
        if problem:
            problems.append(problem)
    undecided = total - sum(won.values())
    goal = needed if needed is not None else majority(total)
    return ElectoralBalance(
        parties=_tallies(won, contested, undecided, goal, "electoral vote"),
        total=total,
        undecided=undecided,
        needed=goal,
        problems=tuple(problems),
    )
