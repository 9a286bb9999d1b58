"""Test data: a three-round instant runoff shaped like Alaska's 2022 special.

CLEARLY LABELLED TEST DATA, not the official count: first choices are close
to the August 16, 2022 special general election for U.S. House (Peltola,
Palin, Begich, write-ins); the transfers are made up so that every round adds
up. The official figures live in resources/samples/ (typed in by another
helper, with their source).
"""

from __future__ import annotations

import dataclasses

from electionboard.model import (
    Candidate,
    RaceStandings,
    RankedChoice,
    RcvRound,
    RcvTabulation,
    Rule,
    tabulate,
)
from electionboard.model.election import Race
from electionboard.model.rcv import Transfer

FIRST = {"peltola": 74_817, "palin": 58_339, "begich": 53_756, "writein": 4_356}
BALLOTS = sum(FIRST.values())  # 191,268

ROUND_1 = RcvRound(
    1,
    (("peltola", 74_817), ("palin", 58_339), ("begich", 53_756), ("writein", 4_356)),
    inactive=0,
    eliminated=("writein",),
)
ROUND_2 = RcvRound(
    2,
    (("peltola", 75_917), ("palin", 59_639), ("begich", 54_956)),
    inactive=756,
    eliminated=("begich",),
    transfers=(
        Transfer("writein", "peltola", 1_100),
        Transfer("writein", "palin", 1_300),
        Transfer("writein", "begich", 1_200),
        Transfer("writein", None, 756),
    ),
)
ROUND_3 = RcvRound(
    3,
    (("peltola", 91_266), ("palin", 86_026)),
    inactive=13_976,
    elected=("peltola",),
    transfers=(
        Transfer("begich", "peltola", 15_349),
        Transfer("begich", "palin", 26_387),
        Transfer("begich", None, 13_220),
    ),
)
ROUNDS = (ROUND_1, ROUND_2, ROUND_3)


def alaska_race(*, final: bool = True, totals: dict[str, int] | None = None) -> Race:
    """The race with its first choices as votes."""
    votes = totals or FIRST
    names = {
        "peltola": ("Mary Peltola", "DEM"),
        "palin": ("Sarah Palin", "REP"),
        "begich": ("Nick Begich", "REP"),
        "writein": ("Write-in", None),
    }
    candidates = tuple(
        Candidate(id=key, name=name, party=party, ballot_order=i + 1)
        for i, (key, (name, party)) in enumerate(names.items())
    )
    return Race(
        id="ak-house",
        name="U.S. House · Alaska (special)",
        rule=Rule(),
        candidates=candidates,
        totals=tuple(votes.get(c.id, 0) for c in candidates),
        precincts_reporting=402,
        precincts_total=402 if final else 410,
        final=final,
        ranked_choice=RankedChoice(rounds=ROUNDS if final else (), published=True),
    )


def with_rounds(
    standings: RaceStandings, rounds: tuple[RcvRound, ...] = ROUNDS
) -> RaceStandings:
    """Standings carrying ``rounds`` (as the tabulator will fill them)."""
    winners = rounds[-1].elected if rounds else ()
    tabulation = RcvTabulation(rounds, winners, BALLOTS)
    return dataclasses.replace(standings, rcv=tabulation)


def alaska_standings() -> RaceStandings:
    """The final three rounds."""
    return with_rounds(tabulate(alaska_race()))


def first_choices(totals: dict[str, int] | None = None) -> RaceStandings:
    """First choices only, the count still going."""
    return tabulate(alaska_race(final=False, totals=totals))
