"""ScreenInputs for the lower third and the ticker: made-up races, the LA
sample and the real AP file, so each test states only what it varies."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from electionboard.model import Call, CallOutcome, tabulate_election
from electionboard.model.screens import ScreenOptions
from electionboard.presentation.screen_input import ScreenInput
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from tests import builders
from tests.shared_feeds import shared_feed

AP_SENATE = "ap/20121106_me_fl_senate.json"

RACES = (
    ("gov", "Governor", (512_340, 498_120, 20_400), ("Ann Lee", "Bo Park", "Cy Dee")),
    (
        "sen",
        "U.S. Senate",
        (1_812_440, 1_650_002),
        ("Maria Esperanza Castellanos", "Tom Hu"),
    ),
    ("ag", "Attorney General", (300, 200, 100), ("Al Ng", "Di Ro", "Ed Fox")),
    ("cd1", "U.S. House · District 1", (0, 0), ("Fay Orr", "Gus Bell")),
    (
        "mayor",
        "Mayor of a City With a Very Long Name Indeed",
        (60, 40),
        ("Hal Ivy", "Ida Jo"),
    ),
    ("sos", "Secretary of State", (5, 9), ("Jan Kim", "Kai Lu")),
)


def made_up(
    *,
    votes: dict[str, Sequence[int]] | None = None,
    called: Sequence[str] = ("gov",),
    options: ScreenOptions | None = None,
) -> ScreenInput:
    """Six races; ``votes`` overrides a race's counts; ``called`` races are
    called for their first candidate (ballot order)."""
    races = []
    for race_id, name, counts, names in RACES:
        shown = tuple((votes or {}).get(race_id, counts))
        call = (
            Call(CallOutcome.WON, (names[0].lower(),), "AP")
            if race_id in called
            else None
        )
        race = builders.race(shown, names=names, call=call)
        races.append(dataclasses.replace(race, id=race_id, name=name))
    election = builders.election(*races)
    return ScreenInput(
        election, tuple(tabulate_election(election)), options=options or ScreenOptions()
    )


def from_feed(source: str, options: ScreenOptions | None = None) -> ScreenInput:
    """Every race of a feed file, as a screen is given them on a poll."""
    election = load_election(source)
    return ScreenInput(
        election, tuple(tabulate_election(election)), options=options or ScreenOptions()
    )


def la_night(index: int = -1, options: ScreenOptions | None = None) -> ScreenInput:
    """The bundled LA 2022 mayoral primary at one of its snapshots."""
    return from_feed(str(sample_snapshots()[index]), options)


def ap_senate(options: ScreenOptions | None = None) -> ScreenInput:
    """AP's 2012 Maine and Florida Senate races (skips when the file is absent)."""
    return from_feed(str(shared_feed(AP_SENATE)), options)
