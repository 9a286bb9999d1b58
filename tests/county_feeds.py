"""Races with county units for the map tests: made up, or read from real feeds."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence

from electionboard.model import Candidate, Election, Race, Rule, tabulate_election
from electionboard.model.election import UnitResult
from electionboard.model.standings import RaceStandings
from electionboard.model.us_states import us_state
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources import load_election
from tests.shared_feeds import shared_feed

UPDATED = dt.datetime(2024, 11, 6, 3, 30, tzinfo=dt.UTC)


def feed_race(name: str, race_id: str) -> Race:
    """Race ``race_id`` of ``../shared/feeds/<name>``, as the parsers read it
    (units included); skips the test where the file is absent."""
    return load_election(str(shared_feed(name))).race(race_id)


def made_up_race(
    county_names: Mapping[str, str],
    *,
    state: str,
    parties: Sequence[str | None] = ("DEM", "REP"),
    names: Sequence[str] = ("Alex Rivera", "Jordan Blake"),
    seed: int = 7,
    silent: Sequence[str] = (),
    tied: Sequence[str] = (),
) -> Race:
    """A race with a county unit for every county: illustrative figures.

    ``silent`` counties report nothing; ``tied`` ones tie for first.
    """
    rng = random.Random(seed)
    units = []
    for n, (fips, county) in enumerate(county_names.items()):
        if fips in silent:
            votes = tuple(0 for _ in names)
            reporting = 0
        elif fips in tied:
            votes = tuple(500 for _ in names)
            reporting = 4
        else:
            lean = rng.gauss(0.0, 0.16) + (0.08 if n % 3 == 0 else -0.05)
            base = rng.randint(4_000, 90_000)
            first = int(base * (0.5 + lean))
            votes = (
                first,
                base - first,
                *(rng.randint(0, base // 30) for _ in names[2:]),
            )
            reporting = rng.randint(1, 10)
        units.append(UnitResult(f"u{fips}", county, votes, fips, reporting, 10))
    totals = tuple(sum(u.votes[i] for u in units) for i in range(len(names)))
    return Race(
        id="map-race",
        name=f"{us_state(state).name} Governor",
        rule=Rule(),
        candidates=tuple(
            Candidate(id=f"c{i}", name=name, party=party, ballot_order=i + 1)
            for i, (name, party) in enumerate(zip(names, parties, strict=True))
        ),
        totals=totals,
        precincts_reporting=sum(u.precincts_reporting or 0 for u in units),
        precincts_total=sum(u.precincts_total or 0 for u in units),
        state=state,
        units=tuple(units),
    )


def screen_input(race: Race, *, test: bool = False) -> ScreenInput:
    """What the map is drawn from for an election of this one race."""
    election = Election(
        id="e",
        name="General",
        date=UPDATED.date(),
        updated=UPDATED,
        races=(race,),
        test=test,
    )
    standings: tuple[RaceStandings, ...] = tuple(tabulate_election(election))
    return ScreenInput(election=election, standings=standings, race_id=race.id)
