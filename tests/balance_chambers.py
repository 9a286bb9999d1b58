"""Chambers of races for balance-of-power tests: illustrative, not real results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from electionboard.model import (
    Call,
    CallOutcome,
    Candidate,
    Election,
    Race,
    RaceStandings,
    Rule,
    tabulate_election,
)

UPDATED = dt.datetime(2024, 11, 6, 3, 30, tzinfo=dt.UTC)


def seat(
    race_id: str,
    parties: Sequence[str | None],
    votes: Sequence[int],
    *,
    won_by: int | None = None,
    final: bool = False,
    seats: int = 1,
    office: str | None = "U.S. House",
    state: str | None = "FL",
    electoral_votes: int | None = None,
    electoral_won: Sequence[int | None] | None = None,
    names: Sequence[str] | None = None,
) -> Race:
    """One race: candidates of ``parties`` with ``votes``, called for ``won_by``.

    ``final`` settles it by the math (all counted); otherwise a race without
    a call is still counting, half its precincts in.
    """
    ev = list(electoral_won) if electoral_won else [None] * len(parties)
    candidates = tuple(
        Candidate(
            id=f"{race_id}-{n}",
            name=names[n] if names else f"Candidate {chr(ord('A') + n)}",
            party=party,
            ballot_order=n + 1,
            electoral_votes_won=ev[n],
        )
        for n, party in enumerate(parties)
    )
    call = (
        Call(CallOutcome.WON, (candidates[won_by].id,), by="AP", at=UPDATED)
        if won_by is not None
        else None
    )
    return Race(
        id=race_id,
        name=f"District {race_id}",
        rule=Rule(seats=seats),
        candidates=candidates,
        totals=tuple(votes),
        precincts_reporting=2 if final else 1,
        precincts_total=2,
        final=final,
        remaining_ballots=0 if final else None,
        call=call,
        office=office,
        state=state,
        electoral_votes=electoral_votes,
    )


def house(won: Sequence[str], undecided: int, *, state: str = "FL") -> list[Race]:
    """A delegation: a called seat for each party in ``won`` (a third party's
    winner beats a Democrat and a Republican), then ``undecided`` seats still
    counting between the two."""
    races = []
    for n, party in enumerate(won):
        race_id = f"{state}-{n + 1}"
        if party in ("DEM", "REP"):
            winner = 0 if party == "DEM" else 1
            races.append(seat(race_id, ["DEM", "REP"], [52_000, 48_000], won_by=winner))
        else:
            three = [party, "DEM", "REP"]
            races.append(seat(race_id, three, [40_000, 35_000, 25_000], won_by=0))
    for n in range(len(won), len(won) + undecided):
        races.append(seat(f"{state}-{n + 1}", ["DEM", "REP"], [30_100, 29_900]))
    return races


def election(races: Sequence[Race], *, test: bool = False) -> Election:
    """An election of ``races`` as of ``UPDATED``."""
    return Election(
        id="chamber",
        name="General Election",
        date=dt.date(2024, 11, 5),
        updated=UPDATED,
        races=tuple(races),
        test=test,
    )


def standings(races: Sequence[Race]) -> tuple[RaceStandings, ...]:
    """Every race tabulated."""
    return tuple(tabulate_election(election(races)))


ELECTORAL_2024 = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 54, "CO": 10, "CT": 7, "DE": 3,
    "DC": 3, "FL": 30, "GA": 16, "HI": 4, "ID": 4, "IL": 19, "IN": 11, "IA": 6,
    "KS": 6, "KY": 8, "LA": 8, "ME": 4, "MD": 10, "MA": 11, "MI": 15, "MN": 10,
    "MS": 6, "MO": 10, "MT": 4, "NE": 5, "NV": 6, "NH": 4, "NJ": 14, "NM": 5,
    "NY": 28, "NC": 16, "ND": 3, "OH": 17, "OK": 7, "OR": 8, "PA": 19, "RI": 4,
    "SC": 9, "SD": 3, "TN": 11, "TX": 40, "UT": 6, "VT": 3, "VA": 13, "WA": 12,
    "WV": 4, "WI": 10, "WY": 3,
}  # fmt: skip
"""Electoral votes per state (and DC) from the 2020 apportionment: 538."""


NOMINEES = ("Ann Alder", "Bo Birch")
"""Made-up nominees: the electoral night is illustrative, not a real one."""


def electoral_night(called: dict[str, str]) -> list[Race]:
    """A presidential race per state; ``called`` maps a state to its winner's
    party (the winner takes all, AP ``electWon``), the rest still counting."""
    races = []
    for state, votes in ELECTORAL_2024.items():
        party = called.get(state)
        won = None
        if party is not None:
            won = [votes, 0] if party == "DEM" else [0, votes]
        races.append(
            seat(
                state,
                ["DEM", "REP"],
                [50_000, 50_000],
                won_by=None if party is None else (0 if party == "DEM" else 1),
                office="President",
                state=state,
                electoral_votes=votes,
                electoral_won=won,
                names=NOMINEES,
            )
        )
    return races


def council(outright: int, runoff: int, counting: int) -> list[Race]:
    """A nonpartisan council primary (a majority wins outright, else the top
    two go on): ``outright`` seats won, ``runoff`` settled as runoffs and
    ``counting`` still counting, in that district order."""
    races = []
    shapes = (
        [(62_000, 25_000, 13_000, True)] * outright
        + [(41_000, 33_000, 26_000, True)] * runoff
        + [(41_000, 33_000, 26_000, False)] * counting
    )
    for n, (a, b, c, final) in enumerate(shapes):
        district = 2 * n + 1
        races.append(
            Race(
                id=f"cd{district}",
                name=f"City Council District {district}",
                rule=Rule(advance=2, majority_wins=True),
                candidates=tuple(
                    Candidate(
                        id=f"cd{district}-{k}", name=f"Candidate {k}", ballot_order=k
                    )
                    for k in (1, 2, 3)
                ),
                totals=(a, b, c),
                precincts_reporting=10 if final else 5,
                precincts_total=10,
                final=final,
                remaining_ballots=0 if final else None,
                office="City Council",
                state="CA",
            )
        )
    return races
