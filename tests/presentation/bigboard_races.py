"""A night of varied races for big board tests: every call state, long names.

Figures are illustrative, not any real contest. Each race sets office, state
and seat, so the screens' filters have something to choose by.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from electionboard.model import (
    Call,
    CallOutcome,
    Candidate,
    Election,
    Race,
    Rule,
    tabulate_election,
)
from electionboard.model.election import Measure
from electionboard.model.screens import ScreenOptions
from electionboard.presentation.screen_input import ScreenInput

UPDATED = dt.datetime(2024, 11, 6, 3, 30, tzinfo=dt.UTC)
LONG_NAME = "Maximiliana Theodora Rodríguez-Castellanos y Montgomery"
LONG_RACE = "U.S. House District 13 Special Election for the Unexpired Term"

Person = tuple[str, str, str | None, int]


def contest(
    race_id: str,
    name: str,
    people: Sequence[Person],
    *,
    office: str,
    state: str,
    seat: str | None = None,
    reporting: tuple[int, int] = (62, 100),
    rule: Rule | None = None,
    call: Call | None = None,
    measure: Measure | None = None,
    expected: float | None = None,
) -> Race:
    """One race from totals, in ballot order."""
    return Race(
        id=race_id,
        name=name,
        rule=rule or Rule(),
        candidates=tuple(
            Candidate(id=cid, name=who, party=party, ballot_order=n)
            for n, (cid, who, party, _) in enumerate(people, start=1)
        ),
        totals=tuple(votes for *_, votes in people),
        precincts_reporting=reporting[0],
        precincts_total=reporting[1],
        call=call,
        measure=measure,
        office=office,
        state=state,
        seat=seat,
        expected_share_counted=expected,
    )


def won(*ids: str, outcome: CallOutcome = CallOutcome.WON) -> Call:
    """AP's call of ``ids``."""
    return Call(outcome=outcome, candidate_ids=ids, by="AP", at=UPDATED)


def races(
    *,
    long_names: bool = False,
    scale: float = 1.0,
    totals: Mapping[str, tuple[int, ...]] | None = None,
) -> tuple[Race, ...]:
    """Nine races: counting, called, too close, not started, runoff, measure...

    ``long_names`` gives every race and its first candidate a name far
    longer than any tile's room; ``scale`` multiplies every count (a later
    snapshot of the same night); ``totals`` replaces some races' counts by id.
    """

    def v(votes: int) -> int:
        return round(votes * scale)

    long = LONG_NAME if long_names else None
    made = [
        contest(
            "fl-gov",
            "Florida · Governor",
            [
                ("park", long or "Elena Park", "DEM", v(1_812_440)),
                ("haines", "Robert Haines", "REP", v(1_590_113)),
                ("castellanos", "Jo Castellanos", "LIB", v(61_508)),
            ],
            office="Governor",
            state="FL",
            expected=64.0,
        ),
        contest(
            "fl-sen",
            "Florida · U.S. Senate",
            [
                ("nelson", long or "Bill Nelson", "DEM", v(4_523_451)),
                ("mack", "Connie Mack", "REP", v(3_458_267)),
            ],
            office="U.S. Senate",
            state="FL",
            reporting=(5_900, 6_089),
            call=won("nelson"),
        ),
        contest(
            "fl-h13",
            LONG_RACE if long_names else "Florida · U.S. House District 13",
            [
                ("luna", long or "Anna Paulina Luna", "REP", v(181_487)),
                ("lynn", "Eric Lynn", "DEM", v(180_113)),
            ],
            office="U.S. House",
            state="FL",
            seat="District 13",
            reporting=(399, 400),
            call=won(outcome=CallOutcome.TOO_CLOSE),
        ),
        contest(
            "fl-h7",
            "Florida · U.S. House District 7",
            [
                ("mills", long or "Cory Mills", "REP", 0),
                ("green", "Karen Green", "DEM", 0),
            ],
            office="U.S. House",
            state="FL",
            seat="District 7",
            reporting=(0, 310),
        ),
        contest(
            "ga-sen",
            "Georgia · U.S. Senate",
            [
                ("warnock", long or "Raphael Warnock", "DEM", v(1_946_117)),
                ("walker", "Herschel Walker", "REP", v(1_908_442)),
                ("oliver", "Chase Oliver", "LIB", v(81_365)),
            ],
            office="U.S. Senate",
            state="GA",
            reporting=(2_650, 2_650),
            rule=Rule(advance=2, majority_wins=True),
            call=won("warnock", "walker", outcome=CallOutcome.ADVANCE),
        ),
        contest(
            "fl-a1",
            "Florida · Amendment 1",
            [("yes", "Yes", None, v(1_255_710)), ("no", "No", None, v(947_300))],
            office="Amendment",
            state="FL",
            reporting=(6_089, 6_089),
            measure=Measure(passes_with="yes"),
        ),
        contest(
            "ga-h2",
            "Georgia · U.S. House District 2",
            [
                ("bishop", long or "Sanford Bishop", "DEM", v(136_749)),
                ("hunt", "Chris West", "REP", v(118_547)),
            ],
            office="U.S. House",
            state="GA",
            seat="District 2",
            reporting=(3, 412),
        ),
        contest(
            "me-sen",
            "Maine · U.S. Senate",
            [
                ("king", long or "Angus King", "IND", v(370_580)),
                ("summers", "Charles Summers", "REP", v(215_399)),
                ("dill", "Cynthia Dill", "DEM", v(92_900)),
                ("dodge", "Andrew Ian Dodge", "IND", v(5_624)),
            ],
            office="U.S. Senate",
            state="ME",
            reporting=(533, 599),
            call=won("king"),
        ),
        contest(
            "ca-mayor",
            "Los Angeles · Mayor",
            [
                ("bass", long or "Karen Bass", "DEM", v(278_511)),
                ("caruso", "Rick Caruso", "DEM", v(232_490)),
                ("deleon", "Kevin de León", "DEM", v(50_372)),
            ],
            office="Mayor",
            state="CA",
            rule=Rule(advance=2, majority_wins=True),
        ),
    ]
    changes = totals or {}
    return tuple(
        dataclasses.replace(race, totals=changes[race.id])
        if race.id in changes
        else race
        for race in made
    )


def night(
    options: ScreenOptions | None = None,
    *,
    long_names: bool = False,
    scale: float = 1.0,
    test: bool = False,
    totals: Mapping[str, tuple[int, ...]] | None = None,
) -> ScreenInput:
    """The nine races as a big board's input."""
    election = Election(
        id="gen-2024",
        name="General Election",
        date=dt.date(2024, 11, 5),
        updated=UPDATED + dt.timedelta(minutes=round(10 * (scale - 1))),
        races=races(long_names=long_names, scale=scale, totals=totals),
        test=test,
    )
    return ScreenInput(
        election,
        tuple(tabulate_election(election)),
        options=options or ScreenOptions(),
        zone=dt.timezone(dt.timedelta(hours=-5)),
    )


def with_options(data: ScreenInput, **changes: object) -> ScreenInput:
    """``data`` with some screen options changed."""
    options = dataclasses.replace(data.options, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(data, options=options)
