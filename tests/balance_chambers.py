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
) -> Race:
    """One race: candidates of ``parties`` with ``votes``, called for ``won_by``.

    ``final`` settles it by the math (all counted); otherwise a race without
    a call is still counting, half its precincts in.
    """
    ev = list(electoral_won) if electoral_won else [None] * len(parties)
    candidates = tuple(
        Candidate(
            id=f"{race_id}-{n}",
            name=f"Candidate {chr(ord('A') + n)}",
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
