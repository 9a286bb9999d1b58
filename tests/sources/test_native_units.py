"""Native ``office``, ``state``, ``seat`` and ``units``; and the bundled LA sample."""

from __future__ import annotations

import json
from typing import Any

import pytest

from electionboard.model import UnitResult, tabulate_election
from electionboard.resource_paths import sample_snapshots
from electionboard.sources.native import parse_native


def _race(race_id: str = "sen", **extra: Any) -> dict[str, Any]:
    race: dict[str, Any] = {
        "id": race_id,
        "name": "U.S. Senate",
        "candidates": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo"}],
        "totals": {"a": 300, "b": 200},
    }
    race.update(extra)
    return race


def _parse(*races: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "General", "date": "2024-11-05"},
            "updated": "2024-11-05T21:00:00-05:00",
            "races": list(races),
        }
    ).encode()


UNITS: list[dict[str, Any]] = [
    {
        "id": "alachua",
        "name": "Alachua",
        "fips": "12001",
        "votes": {"a": 100, "b": 80},
        "precincts_reporting": 3,
        "precincts_total": 4,
    },
    {"id": "baker", "name": "Baker", "votes": {"b": 120}},
]


def test_office_state_seat_and_units_are_read() -> None:
    race = parse_native(
        _parse(_race(office="U.S. Senate", state="FL", seat="Class I", units=UNITS))
    ).race("sen")
    assert race.problems == ()
    assert (race.office, race.state, race.seat) == ("U.S. Senate", "FL", "Class I")
    assert race.units == (
        UnitResult("alachua", "Alachua", (100, 80), "12001", 3, 4),
        UnitResult("baker", "Baker", (0, 120)),  # a candidate left out has 0
    )
    assert race.totals == (300, 200)  # units never make the totals


def test_all_of_them_are_optional() -> None:
    race = parse_native(_parse(_race(units=None))).race("sen")
    assert (race.office, race.state, race.seat, race.units) == (None, None, None, ())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"state": "Florida"}, "state: expected a postal code like 'CA'"),
        ({"units": [{**UNITS[0], "fips": "12"}]}, "units[0].fips: Expected `str`"),
        (
            {"units": [{**UNITS[0], "votes": {"a": -1}}]},
            "units[0].votes[...]: expected a whole number >= 0",
        ),
        (
            {"units": [{**UNITS[0], "votes": {"a": "9"}}]},
            "units[0].votes[...]: Expected `int`",
        ),
        ({"units": [{"id": "x", "votes": {}}]}, "units[0]: Object missing"),
        ({"units": {"id": "x"}}, "units: Expected `array`"),
        (
            {"units": [{**UNITS[0], "votes": {"zed": 1}}]},
            "units[alachua].votes: unknown candidate 'zed'",
        ),
        ({"units": [UNITS[0], UNITS[0]]}, "units: duplicate id 'alachua'"),
        (
            {"units": [{**UNITS[0], "precincts_reporting": 5}]},
            "units[alachua]: 5 precincts reporting of 4",
        ),
    ],
)
def test_a_bad_unit_or_state_marks_its_race_only(
    change: dict[str, Any], problem: str
) -> None:
    election = parse_native(
        _parse(_race("bad", office="Governor", **change), _race("good", units=UNITS))
    )
    bad = election.race("bad")
    assert len(bad.problems) == 1
    assert bad.problems[0].startswith(problem), bad.problems[0]
    assert bad.totals is None
    assert bad.units == ()
    assert bad.office == "Governor"  # still filterable
    good = election.race("good")
    assert good.problems == ()
    assert len(good.units) == 2
    assert len(tabulate_election(election)) == 2


def test_the_la_sample_says_its_office_and_state() -> None:
    snapshots = sample_snapshots()
    assert len(snapshots) == 20
    for path in (snapshots[0], snapshots[-1]):
        mayor = parse_native(path.read_bytes()).race("la-mayor")
        assert (mayor.office, mayor.state, mayor.seat) == ("Mayor", "CA", None)
        assert mayor.problems == ()
