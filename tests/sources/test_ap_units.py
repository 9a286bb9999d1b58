"""AP county units, office, state and seat: what the map and the filters read."""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import Race, tabulate_election
from electionboard.sources.ap import parse_ap
from tests.shared_feeds import read_shared_feed

ME_FL_SENATE = "ap/20121106_me_fl_senate.json"
NATIONAL = "ap/20151103_national.json"
ROLLUPS = "ap/20160426_ct_rollups.json"
DISTRICTS = "ap/20160201_district_results.json"


def _document(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(read_shared_feed(name))
    return document


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


def _unit_sums(race: Race) -> tuple[int, ...]:
    """Each candidate's votes summed over the race's units."""
    return tuple(
        sum(unit.votes[position] for unit in race.units)
        for position in range(len(race.candidates))
    )


def test_florida_has_its_67_counties_summing_to_the_state_totals() -> None:
    florida = parse_ap(read_shared_feed(ME_FL_SENATE)).race("FL-10005")
    assert (florida.office, florida.state, florida.seat) == ("U.S. Senate", "FL", None)
    assert len(florida.units) == 67
    fips = {unit.fips for unit in florida.units}
    assert len(fips) == 67
    assert all(code is not None and code.startswith("12") for code in fips)
    assert florida.totals is not None
    assert sum(florida.totals) > 0
    assert _unit_sums(florida) == florida.totals
    alachua = florida.units[0]
    assert (alachua.id, alachua.name, alachua.fips) == ("10001", "Alachua", "12001")
    assert (alachua.precincts_reporting, alachua.precincts_total) == (0, 63)


def test_maine_towns_keep_their_county_fips_for_a_rollup() -> None:
    maine = parse_ap(read_shared_feed(ME_FL_SENATE)).race("ME-20978")
    assert len(maine.units) == 499
    assert len({unit.fips for unit in maine.units}) == 16
    assert maine.units[0].name == "Abbot"
    assert maine.totals is not None
    assert _unit_sums(maine) == maine.totals


def test_never_the_state_unit_and_every_unit_as_wide_as_the_candidates() -> None:
    election = parse_ap(read_shared_feed(ROLLUPS))
    with_units = [race for race in election.races if race.units]
    assert len(with_units) > 400
    for race in with_units:
        assert all(len(u.votes) == len(race.candidates) for u in race.units)
        assert all(u.name for u in race.units)
    connecticut = election.race("CT-7002")
    assert connecticut.state == "CT"
    assert connecticut.office == "President"
    assert len(connecticut.units) == 169  # towns, one per reporting unit


def test_seat_names_are_kept_apart_from_the_office() -> None:
    election = parse_ap(read_shared_feed(ROLLUPS))
    judges = election.race("MD-22415")
    assert judges.office == "Circuit Court Judges"
    assert judges.seat == "District 3-Harford County"
    assert judges.state == "MD"
    governor = parse_ap(read_shared_feed(NATIONAL)).race("KY-18525")
    assert (governor.office, governor.seat) == ("Governor", None)


def test_district_units_are_not_counties() -> None:
    for race in parse_ap(read_shared_feed(DISTRICTS)).races:
        assert race.units == ()
        assert race.state is not None


def test_a_unit_missing_a_candidate_counts_zero_for_it() -> None:
    document = _document(ME_FL_SENATE)
    florida = document["races"][0]
    units = florida["reportingUnits"]
    dropped = units[1]["candidates"].pop(0)
    units[1]["candidates"].reverse()  # and out of the state unit's order
    race = parse_ap(_encode(document)).race("FL-10005")
    assert race.problems == ()
    position = race.candidate_index(dropped["candidateID"])
    assert race.units[0].votes[position] == 0
    assert race.units[0].votes == tuple(
        next(
            (c["voteCount"] for c in units[1]["candidates"] if c["candidateID"] == cid),
            0,
        )
        for cid in (c.id for c in race.candidates)
    )


def _break(unit: dict[str, Any], how: str) -> None:
    if how == "negative votes":
        unit["candidates"][0]["voteCount"] = -5
    elif how == "votes as text":
        unit["candidates"][0]["voteCount"] = "12"
    elif how == "fips as a number":
        unit["fipsCode"] = 12001
    elif how == "unknown candidate":
        unit["candidates"][0]["candidateID"] = "nobody"
    elif how == "duplicate candidate":
        unit["candidates"][1] = copy.deepcopy(unit["candidates"][0])
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    ("how", "where"),
    [
        ("negative votes", "reportingUnits[5].candidates[0].voteCount"),
        ("votes as text", "reportingUnits[5].candidates[0].voteCount"),
        ("unknown candidate", "reportingUnits[5].candidates: 'nobody'"),
        ("duplicate candidate", "reportingUnits[5].candidates: duplicate id"),
    ],
)
def test_a_bad_county_leaves_its_race_without_units_and_nothing_else(
    how: str, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Units are read when a map first asks: a bad county costs the map its
    race, never the race's own figures, nor any other race."""
    document = _document(ME_FL_SENATE)
    _break(document["races"][0]["reportingUnits"][5], how)
    election = parse_ap(_encode(document))
    florida = election.race("FL-10005")
    assert florida.problems == ()
    assert florida.totals == (184935, 122658, 4124, 2392)
    with caplog.at_level(logging.WARNING):
        assert tuple(florida.units) == ()
    assert where in caplog.text
    assert (florida.office, florida.state) == ("U.S. Senate", "FL")  # filterable
    maine = election.race("ME-20978")
    assert maine.problems == ()
    assert len(maine.units) == 499
    assert len(tabulate_election(election)) == 2


def test_a_unit_the_decoder_refuses_makes_its_race_a_problem_and_nothing_else() -> None:
    document = _document(ME_FL_SENATE)
    _break(document["races"][0]["reportingUnits"][5], "fips as a number")
    election = parse_ap(_encode(document))
    florida = election.race("FL-10005")
    assert len(florida.problems) == 1
    assert florida.problems[0].startswith("reportingUnits[5].fipsCode")
    assert florida.totals is None
    assert (florida.office, florida.state) == ("U.S. Senate", "FL")
    maine = election.race("ME-20978")
    assert maine.problems == ()
    assert len(maine.units) == 499


def test_units_are_read_only_when_a_map_asks() -> None:
    florida = parse_ap(_encode(_document(ME_FL_SENATE))).race("FL-10005")
    assert repr(florida.units) == "LazyUnits(<not read yet>)"
    assert len(florida.units) == 67
    assert "not read yet" not in repr(florida.units)


def test_without_a_state_unit_the_counties_are_both_totals_and_units() -> None:
    document = _document(ME_FL_SENATE)
    florida = document["races"][0]
    florida["reportingUnits"] = [
        u for u in florida["reportingUnits"] if u["level"] != "state"
    ]
    race = parse_ap(_encode(document)).race("FL-10005")
    assert race.problems == ()
    assert len(race.units) == 67
    assert race.totals == (184935, 122658, 4124, 2392)
    assert _unit_sums(race) == race.totals


def test_county_level_units_are_used_where_that_is_the_level_given() -> None:
    document = _document(ME_FL_SENATE)
    for unit in document["races"][0]["reportingUnits"]:
        if unit["level"] == "subunit":
            unit["level"] = "county"
    race = parse_ap(_encode(document)).race("FL-10005")
    assert len(race.units) == 67


def test_an_initialization_answer_says_office_and_state() -> None:
    election = parse_ap(read_shared_feed("ap/20151103_national_initialization.json"))
    kentucky = election.race("KY-18525")
    assert (kentucky.office, kentucky.state, kentucky.units) == ("Governor", "KY", ())


@given(st.data())
@settings(max_examples=60)
def test_unit_votes_follow_the_race_order_whatever_the_unit_lists(
    data: st.DataObject,
) -> None:
    ids = ["1", "2", "3", "4"]
    state_lines = [
        {"candidateID": cid, "last": f"C{cid}", "voteCount": 0} for cid in ids
    ]
    listed = data.draw(
        st.permutations(ids).flatmap(
            lambda order: st.integers(0, len(order)).map(lambda n: order[:n])
        )
    )
    votes = {cid: data.draw(st.integers(0, 10**9)) for cid in listed}
    unit = {
        "level": "subunit",
        "reportingunitID": "u1",
        "reportingunitName": "Town",
        "fipsCode": "23001",
        "candidates": [{"candidateID": c, "voteCount": votes[c]} for c in listed],
    }
    document = {
        "electionDate": "2024-11-05",
        "timestamp": "2024-11-06T03:00:00Z",
        "races": [
            {
                "raceID": "1",
                "officeName": "Governor",
                "reportingUnits": [
                    {"statePostal": "ME", "level": "state", "candidates": state_lines},
                    unit,
                ],
            }
        ],
    }
    race = parse_ap(_encode(document)).race("ME-1")
    assert race.problems == ()
    assert race.units[0].votes == tuple(votes.get(cid, 0) for cid in ids)
