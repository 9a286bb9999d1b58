"""Every real AP and Clarity file in ../shared/feeds, read exactly.

Each expectation is computed from the raw JSON or XML here, independently of
the parsers, so a parser that drops, double-counts or misplaces a figure fails.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

import pytest

from electionboard.model import (
    MAJORITY,
    CallOutcome,
    Measure,
    RaceStatus,
    Rule,
    Threshold,
    tabulate,
)
from electionboard.sources.ap import parse_ap
from electionboard.sources.clarity import parse_clarity
from tests.shared_feeds import needs_shared_feed, read_shared_feed

AP_FILES = (
    "00000000_fake.json",
    "20121106_ak_prez.json",
    "20121106_me_fl_senate.json",
    "20151103_national.json",
    "20151103_national_initialization.json",
    "20160201_district_results.json",
    "20160301_super_tuesday.json",
    "20160305_me_no_townships.json",
    "20160426-ri_mail_ballots.json",
    "20160426_ct_rollups.json",
    "20161100_national_pre_results.json",
    "derived_national_plus_race_with_empty_candidates.json",
    "derived_national_plus_race_with_empty_units.json",
)
CLARITY_FILES = (
    "GA_statewide_detail_11-3.xml",
    "clarity-ar-2014-general-county.xml",
    "derived_ga_bacon_questions.xml",
    "derived_ga_counties_two_counties_one_precinct_short.xml",
    "ga_atkinson_precincts_11-3.xml",
    "ga_bacon_precincts_11-3.xml",
    "ga_counties_11-3.xml",
    "greenup-ky-2014-primary-precinct.xml",
    "gwinnett_precincts_11-3.xml",
    "wv_counties_11-3.xml",
)
AP_BROKEN = {
    "20151103_national_initialization.json": {"KY-18525", "MS-25002"},
    "20160426_ct_rollups.json": {"PA-39728"},
    "20161100_national_pre_results.json": {"CA-0"},
    "derived_national_plus_race_with_empty_candidates.json": {"CO-99999"},
    "derived_national_plus_race_with_empty_units.json": {"CO-99998"},
}
"""The races each file leaves without units or candidates: kept, with a problem."""


def ap_params(names: tuple[str, ...], folder: str) -> list[Any]:
    return [
        pytest.param(name, marks=needs_shared_feed(f"{folder}/{name}"), id=name)
        for name in names
    ]


def expected_ap_race(
    race: dict[str, Any],
) -> tuple[dict[str, int], int | None, int | None]:
    """Votes by candidate id and precinct counts, straight from the JSON."""
    units = race.get("reportingUnits") or []
    chosen = [u for u in units if u.get("level") == "state"][:1]
    for level in ("district", "county", "subunit"):
        if chosen:
            break
        chosen = [u for u in units if u.get("level") == level]
    if not units:
        chosen = []
    votes: dict[str, int] = {}
    for unit in chosen:
        for line in unit["candidates"]:
            key = line.get("candidateID") or line["polID"]
            votes[key] = votes.get(key, 0) + line.get("voteCount", 0)
    if not units:
        votes = {
            c.get("candidateID") or c["polID"]: 0 for c in race.get("candidates", [])
        }
    reporting = sum(u["precinctsReporting"] for u in chosen) if chosen else None
    total = sum(u["precinctsTotal"] for u in chosen) if chosen else None
    return votes, reporting, total


@pytest.mark.parametrize("name", ap_params(AP_FILES, "ap"))
def test_every_ap_file_is_ingested_with_the_files_own_totals(name: str) -> None:
    data = read_shared_feed(f"ap/{name}")
    raw = json.loads(data)
    election = parse_ap(data)
    assert len(election.races) == len(raw["races"])
    broken = set()
    for wire, race in zip(raw["races"], election.races, strict=True):
        units = wire.get("reportingUnits") or []
        state = wire.get("statePostal") or units[0]["statePostal"]
        assert race.id == f"{state}-{wire['raceID']}"
        votes, reporting, total = expected_ap_race(wire)
        assert race.totals is not None
        assert dict(zip((c.id for c in race.candidates), race.totals, strict=True)) == (
            votes
        )
        if units:
            assert (race.precincts_reporting, race.precincts_total) == (
                reporting,
                total,
            )
        if race.problems:
            broken.add(race.id)
        tabulate(race)  # every race, broken or not, reaches the board
    assert broken == AP_BROKEN.get(name, set())


@pytest.mark.parametrize("name", ap_params(CLARITY_FILES, "clarity"))
def test_every_clarity_file_is_ingested_with_the_files_own_totals(name: str) -> None:
    """Published totals, vote types, precincts; disagreements are flagged."""
    data = read_shared_feed(f"clarity/{name}")
    root = ET.fromstring(data)
    election = parse_clarity(data)
    contests = root.findall("Contest")
    assert len(election.races) == len(contests)
    for contest, race in zip(contests, election.races, strict=True):
        assert race.id == contest.get("key")
        assert race.problems == ()
        choices = contest.findall("Choice")
        assert race.totals == tuple(int(c.get("totalVotes", "")) for c in choices)
        assert race.rule == Rule(seats=int(contest.get("voteFor", "")))
        assert race.is_measure == (contest.get("isQuestion") == "true")
        by_type = [
            {t.get("name"): int(t.get("votes", "")) for t in c.findall("VoteType")}
            for c in choices
        ]
        assert race.votes_by_type is not None
        assert [
            dict(zip(race.vote_types, row, strict=True)) for row in race.votes_by_type
        ] == (by_type)
        disagreements = tuple(
            f"{c.get('text')}: published total {int(c.get('totalVotes', '')):,} but "
            f"the vote types sum to {sum(types.values()):,}"
            for c, types in zip(choices, by_type, strict=True)
            if int(c.get("totalVotes", "")) != sum(types.values())
        )
        standings = tabulate(race)
        assert standings.problems == disagreements
        if contest.get("precinctsParticipating") is not None:
            assert (standings.precincts_reporting, standings.precincts_total) == (
                int(contest.get("precinctsReported", "")),
                int(contest.get("precinctsParticipating", "")),
            )


def test_pa_house_30_is_kept_uncontested_and_the_other_435_races_apply() -> None:
    election = parse_ap(read_shared_feed("ap/20160426_ct_rollups.json"))
    assert len(election.races) == 436
    house = election.race("PA-39728")
    assert house.uncontested
    assert house.name == "Pennsylvania · State House District 30 (DEM)"
    assert house.candidates == ()
    assert house.problems == ("reportingUnits: none given, and no candidates",)
    assert sum(1 for race in election.races if not race.problems) == 435


def test_initialization_answer_loads_races_with_no_votes_yet() -> None:
    election = parse_ap(read_shared_feed("ap/20151103_national_initialization.json"))
    kentucky = election.race("KY-18525")
    assert kentucky.name == "Kentucky · Governor"
    assert [c.name for c in kentucky.candidates] == [
        "Matt Bevin",
        "Jack Conway",
        "Drew Curtis",
    ]
    assert [c.party for c in kentucky.candidates] == ["REP", "DEM", "IND"]
    assert kentucky.totals == (0, 0, 0)
    assert tabulate(kentucky).status is RaceStatus.NOT_STARTED


def test_circuit_court_judges_are_seats_not_most_votes_or_advance() -> None:
    election = parse_ap(read_shared_feed("ap/20160426_ct_rollups.json"))
    assert parse_ap(read_shared_feed("ap/20160426-ri_mail_ballots.json")).race(
        "MD-22417"
    ).rule == Rule(seats=4)
    anne_arundel = election.race("MD-22417")
    assert anne_arundel.rule == Rule(seats=4)
    assert anne_arundel.rule.describe() == "Vote for 4; four elected"
    assert anne_arundel.call is not None
    assert anne_arundel.call.outcome is CallOutcome.WON  # three of four seats called
    assert len(anne_arundel.call.candidate_ids) == 3
    assert election.race("MD-22475").rule == Rule(seats=6)
    montgomery = election.race("MD-22451")
    assert montgomery.rule == Rule(seats=3)
    assert montgomery.uncontested


def test_senate_titles_carry_the_state_and_gop_is_rep() -> None:
    election = parse_ap(read_shared_feed("ap/20121106_me_fl_senate.json"))
    assert election.race("FL-10005").name == "Florida · U.S. Senate"
    assert election.race("ME-20978").name == "Maine · U.S. Senate"
    parties = {c.party for race in election.races for c in race.candidates}
    assert "GOP" not in parties
    assert {"REP", "DEM"} <= parties


def test_ap_ballot_issues_are_measures_that_yes_passes() -> None:
    election = parse_ap(read_shared_feed("ap/20151103_national.json"))
    measure = election.race("CO-7582")
    assert measure.measure == Measure(passes_with="12480", threshold=MAJORITY)
    assert [c.party for c in measure.candidates] == [None, None]
    assert not election.race("KY-18525").is_measure


def test_georgia_county_file_counts_precincts_not_counties() -> None:
    full = parse_clarity(read_shared_feed("clarity/ga_counties_11-3.xml"))
    president = tabulate(full.race("5000"))
    assert len(full.race("5000").precincts) == 159  # the units are counties
    assert (president.precincts_reporting, president.precincts_total) == (2656, 2656)
    short = parse_clarity(
        read_shared_feed(
            "clarity/derived_ga_counties_two_counties_one_precinct_short.xml"
        )
    )
    standings = tabulate(short.race("5000"))
    assert (standings.precincts_reporting, standings.precincts_total) == (2654, 2656)
    assert standings.reporting_percent == 99
    assert Fraction(2654, 2656) > Fraction(999, 1000)  # the file's 99.92%


def test_georgia_choices_take_the_party_from_their_text() -> None:
    race = parse_clarity(read_shared_feed("clarity/ga_counties_11-3.xml")).race("5000")
    assert [c.party for c in race.candidates] == ["REP", "DEM", "LIB"]


def test_bacon_questions_are_measures_and_the_contests_are_not() -> None:
    election = parse_clarity(read_shared_feed("clarity/derived_ga_bacon_questions.xml"))
    questions = [race for race in election.races if race.is_measure]
    assert [race.id for race in questions] == ["18", "19", "20"]
    for race in questions:
        assert race.measure is not None
        passing = race.candidates[race.candidate_index(race.measure.passes_with)]
        assert passing.name == "YES"
        assert race.measure.threshold == Threshold(Fraction(1, 2))
        assert all(c.party is None for c in race.candidates)
    plain = parse_clarity(read_shared_feed("clarity/ga_bacon_precincts_11-3.xml"))
    assert not any(race.is_measure for race in plain.races)


def test_gwinnett_soil_and_water_board_elects_two() -> None:
    election = parse_clarity(read_shared_feed("clarity/gwinnett_precincts_11-3.xml"))
    board = election.race("44")
    assert board.rule == Rule(seats=2)
    assert board.rule.describe() == "Vote for 2; two elected"


def test_greenup_published_totals_and_vote_types() -> None:
    race = parse_clarity(
        read_shared_feed("clarity/greenup-ky-2014-primary-precinct.xml")
    ).race("4")
    assert race.totals == (820, 11, 1135, 48, 46)
    assert race.vote_types == ("Election",)
    assert tabulate(race).precincts_total == 33


def test_a_published_total_that_disagrees_with_its_vote_types_is_flagged() -> None:
    data = read_shared_feed("clarity/greenup-ky-2014-primary-precinct.xml")
    edited = data.replace(b'totalVotes="820"', b'totalVotes="821"', 1)
    assert edited != data
    race = parse_clarity(edited).race("4")
    assert race.totals == (821, 11, 1135, 48, 46)  # the published total
    problems = tabulate(race).problems
    assert problems == (
        "Matt BEVIN: published total 821 but the vote types sum to 820",
    )


def test_arkansas_senate_total_that_disagrees_with_its_types_is_flagged() -> None:
    race = parse_clarity(read_shared_feed("clarity/clarity-ar-2014-general-county.xml"))
    problems = tabulate(race.race("100")).problems
    assert problems == (
        "Tom Cotton: published total 477,734 but the vote types sum to 462,123",
    )
