"""Clarity county units, office, seat and state: what the map and filters read."""

from __future__ import annotations

import re

import pytest

from electionboard.model import Race
from electionboard.sources.clarity import parse_clarity
from tests.shared_feeds import read_shared_feed

GA_COUNTIES = "clarity/ga_counties_11-3.xml"
WV_COUNTIES = "clarity/wv_counties_11-3.xml"
AR_COUNTIES = "clarity/clarity-ar-2014-general-county.xml"
GWINNETT = "clarity/gwinnett_precincts_11-3.xml"
GA_STATEWIDE = "clarity/GA_statewide_detail_11-3.xml"


def _unit_sums(race: Race) -> tuple[int, ...]:
    return tuple(
        sum(unit.votes[position] for unit in race.units)
        for position in range(len(race.candidates))
    )


def test_georgia_president_has_its_159_counties_summing_to_the_totals() -> None:
    election = parse_clarity(read_shared_feed(GA_COUNTIES))
    president = election.race("5000")
    assert (president.office, president.state, president.seat) == (
        "President of the United States",
        "GA",
        None,
    )
    assert len(president.units) == 159
    assert len({unit.name for unit in president.units}) == 159
    assert all(unit.fips is None for unit in president.units)
    assert president.totals is not None
    assert sum(president.totals) > 0
    assert _unit_sums(president) == president.totals
    appling = president.units[0]
    assert (appling.id, appling.name) == ("Appling", "Appling")
    assert (appling.precincts_reporting, appling.precincts_total) == (9, 9)
    # The contest's own county lines carry its precincts: 2,656 in all.
    assert sum(u.precincts_total or 0 for u in president.units) == 2656


def test_a_district_contest_has_only_its_counties_and_their_precincts() -> None:
    senate = parse_clarity(read_shared_feed(GA_COUNTIES)).race("40100")
    assert (senate.office, senate.seat, senate.state) == (
        "State Senate",
        "District 1",
        "GA",
    )
    assert len(senate.units) == 3
    assert senate.precincts_total == sum(u.precincts_total or 0 for u in senate.units)


@pytest.mark.parametrize(
    ("name", "state", "counties"), [(WV_COUNTIES, "WV", 55), (AR_COUNTIES, "AR", 75)]
)
def test_other_states_county_files(name: str, state: str, counties: int) -> None:
    for race in parse_clarity(read_shared_feed(name)).races:
        assert race.state == state
        assert len(race.units) == counties
        # The counties sum the vote types; Arkansas's published total for Cotton
        # is 15,611 more than its vote types, and tabulation says so.
        assert race.votes_by_type is not None
        assert _unit_sums(race) == tuple(sum(types) for types in race.votes_by_type)
        assert all(u.precincts_total is not None for u in race.units)


def test_a_county_file_says_no_state_and_gives_no_county_units() -> None:
    election = parse_clarity(read_shared_feed(GWINNETT))
    for race in election.races:
        assert race.state is None  # <Region>Gwinnett</Region>
        assert race.units == ()
        assert race.precincts
    house = next(race for race in election.races if race.name.startswith("US House"))
    assert (house.office, house.seat) == ("US House", "District 4")


def test_statewide_detail_offices_and_seats() -> None:
    election = parse_clarity(read_shared_feed(GA_STATEWIDE))
    house = [race for race in election.races if race.office == "US House"]
    assert [race.seat for race in house] == [f"District {n}" for n in range(1, 15)]
    assert all(len(race.units) >= 1 for race in election.races if not race.problems)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            '<County name="Appling" votes="1753" />',
            '<County name="Appling" votes="-3" />',
            "votes",
        ),
        (
            '<County name="Appling" votes="1753" />',
            '<County name="Appling" votes="x" />',
            "votes",
        ),
        (
            '<County name="Appling" precinctsParticipating="9"',
            '<County name="Appling" precinctsParticipating="nine"',
            "precinctsParticipating",
        ),
    ],
)
def test_a_bad_county_marks_its_contest_only(old: str, new: str, problem: str) -> None:
    data = read_shared_feed(GA_COUNTIES).decode()
    contests = data.index("<Contest ")
    at = data.index(old, contests)
    broken = data[:at] + new + data[at + len(old) :]
    election = parse_clarity(broken.encode())
    president = election.race("5000")
    assert len(president.problems) == 1
    assert re.search(rf"<County> {problem}", president.problems[0])
    assert president.units == ()
    assert (president.office, president.state) == (
        "President of the United States",
        "GA",
    )
    senate = election.race("40100")
    assert senate.problems == ()
    assert len(senate.units) == 3


def test_a_split_county_counts_only_the_contests_precincts() -> None:
    election = parse_clarity(read_shared_feed(GA_STATEWIDE))
    first = election.race("30100")
    assert (first.office, first.seat) == ("US House", "District 1")
    effingham = next(unit for unit in first.units if unit.name == "Effingham")
    # 11 of the county's 17 precincts vote in the 1st district.
    assert effingham.precincts_total == 11
    president = election.race("5000")
    whole = next(unit for unit in president.units if unit.name == "Effingham")
    assert whole.precincts_total == 17
