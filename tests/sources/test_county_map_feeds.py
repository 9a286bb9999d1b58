"""Real feeds' county units meet the Census Bureau's counties: AP by FIPS code
(Maine's towns by their county's code), Clarity by name alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from electionboard.model.county_results import county_results
from electionboard.sources import load_election
from electionboard.sources.county_shapes import load_state_shapes
from tests.shared_feeds import shared_feed


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shapes")


@pytest.mark.parametrize(
    ("name", "race_id", "state", "counties", "units"),
    [
        ("ap/20121106_me_fl_senate.json", "FL-10005", "FL", 67, 67),
        ("ap/20121106_me_fl_senate.json", "ME-20978", "ME", 16, 499),
        ("clarity/ga_counties_11-3.xml", "5000", "GA", 159, 159),
        ("clarity/clarity-ar-2014-general-county.xml", "100", "AR", 75, 75),
    ],
)
def test_every_unit_finds_its_county(
    cache: Path, name: str, race_id: str, state: str, counties: int, units: int
) -> None:
    election = load_election(str(shared_feed(name)))
    race = election.race(race_id)
    assert race.state == state
    shapes = load_state_shapes(state, cache)
    results = county_results(race, state, shapes.county_names())
    assert results.unmatched == ()
    assert len(results.counties) == counties
    assert sum(c.units for c in results.counties.values()) == units
    # Nothing is lost on the way: the counties hold every unit's votes.
    for i in range(len(race.candidates)):
        assert sum(c.votes[i] for c in results.counties.values()) == sum(
            u.votes[i] for u in race.units
        )


def test_units_that_are_no_county_are_listed() -> None:
    """Kansas' caucus reports by congressional district: nothing to colour."""
    election = load_election(str(shared_feed("ap/20160305_me_no_townships.json")))
    race = election.race("KS-17180")
    shapes = load_state_shapes("KS", None)
    results = county_results(race, "KS", shapes.county_names())
    assert len(results.unmatched) == len(race.units) == 4
    assert all("Congressional District" in u.unit.name for u in results.unmatched)
