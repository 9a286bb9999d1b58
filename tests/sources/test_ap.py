"""The AP Elections API v2 parser, on AP's own files and on edited copies."""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from electionboard.model import (
    MAJORITY,
    CallOutcome,
    Measure,
    RaceStatus,
    Rule,
    tabulate,
)
from electionboard.sources import FeedFormatError, detect_format
from electionboard.sources.ap import looks_ap, next_request_url, parse_ap
from electionboard.sources.states import STATE_NAMES, STATE_ZONES, state_zone
from tests.shared_feeds import read_shared_feed, shared_feed

SUPER_TUESDAY = "ap/20160301_super_tuesday.json"
NATIONAL = "ap/20151103_national.json"
ME_FL_SENATE = "ap/20121106_me_fl_senate.json"


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_bytes())
    return document


def encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


def candidate(
    candidate_id: str, last: str, votes: int, winner: str | None = None
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "first": "A",
        "last": last,
        "party": "NP",
        "candidateID": candidate_id,
        "polID": f"pol{candidate_id}",
        "ballotOrder": int(candidate_id),
        "voteCount": votes,
    }
    if winner is not None:
        line["winner"] = winner
    return line


def small_race(
    *lines: dict[str, Any], race_type: str = "Primary", state: str = "GA"
) -> dict[str, Any]:
    return {
        "test": False,
        "raceID": "100",
        "raceType": race_type,
        "raceTypeID": "X",
        "officeName": "State Senate",
        "seatName": "District 9",
        "reportingUnits": [
            {
                "statePostal": state,
                "level": "state",
                "precinctsReporting": 10,
                "precinctsTotal": 12,
                "candidates": list(lines),
            }
        ],
    }


def response(*races: dict[str, Any], timestamp: str = "2024-05-21T23:00:00Z") -> bytes:
    return encode(
        {
            "electionDate": "2024-05-21",
            "timestamp": timestamp,
            "races": list(races),
            "nextrequest": "https://api.ap.org/v2/elections/2024-05-21?minDateTime=x",
        }
    )


def test_super_tuesday_races_totals_and_calls() -> None:
    election = parse_ap(read_shared_feed(SUPER_TUESDAY))
    assert [race.id for race in election.races] == ["MA-24547", "MA-24548"]
    assert election.date == dt.date(2016, 3, 1)
    assert election.updated == dt.datetime(2016, 3, 9, 15, 50, 46, 194000, dt.UTC)
    assert election.test is False

    gop = election.race("MA-24547")
    assert gop.name == "Massachusetts · President (REP)"
    assert gop.rule == Rule(seats=1)
    assert gop.precincts == ()
    assert gop.precincts_reporting == 2172
    assert gop.precincts_total == 2173
    assert gop.totals is not None
    by_name = dict(zip((c.name for c in gop.candidates), gop.totals, strict=True))
    assert by_name["Donald Trump"] == 311313
    assert by_name["John Kasich"] == 113783
    assert by_name["Marco Rubio"] == 112822
    assert by_name["No Preference"] == 3236  # no first name in the file
    assert len(gop.candidates) == 14
    trump = gop.candidates[gop.candidate_index("33360")]
    assert (trump.party, trump.ballot_order) == ("REP", 2)  # AP writes GOP
    assert gop.call is not None
    assert gop.call.outcome is CallOutcome.WON
    assert gop.call.candidate_ids == ("33360",)
    assert gop.call.by == "AP"


def test_n_flag_beside_an_x_is_not_a_call() -> None:
    dem = parse_ap(read_shared_feed(SUPER_TUESDAY)).race("MA-24548")
    assert dem.name == "Massachusetts · President (DEM)"
    assert dem.call is not None
    assert dem.call.candidate_ids == ("33345",)  # Clinton; Sanders is flagged N
    assert dem.totals is not None
    assert dem.totals[dem.candidate_index("33347")] == 586716


def test_ballot_measures_and_seat_names() -> None:
    election = parse_ap(read_shared_feed(NATIONAL))
    assert len(election.races) == 5
    measure = election.race("CO-7582")
    assert measure.name == "Colorado · Proposition - BB Retain Revenue"
    assert [c.name for c in measure.candidates] == ["Yes", "No"]
    assert measure.totals == (805617, 354769)
    governor = election.race("KY-18525")
    assert governor.name == "Kentucky · Governor"
    assert governor.totals == (511771, 426944, 35629)
    assert governor.precincts_reporting == governor.precincts_total == 3697
    assert governor.call is not None
    assert governor.call.candidate_ids == ("5295",)


def test_uncalled_race_and_incumbent() -> None:
    election = parse_ap(read_shared_feed(ME_FL_SENATE))
    florida = election.race("FL-10005")
    assert florida.call is None
    assert (florida.precincts_reporting, florida.precincts_total) == (17, 6089)
    nelson = florida.candidates[florida.candidate_index("18702")]
    assert nelson.name == "Bill Nelson"
    assert nelson.incumbent
    assert not florida.candidates[florida.candidate_index("18705")].incumbent
    maine = election.race("ME-20978")
    assert maine.call is not None
    assert maine.call.candidate_ids == ("28168",)
    assert tabulate(maine).status is RaceStatus.CALLED


def test_registered_voters_are_left_unknown() -> None:
    for race in parse_ap(read_shared_feed(ME_FL_SENATE)).races:
        assert race.registered_voters is None
        assert race.remaining_ballots is None
        assert tabulate(race).outstanding is None


def test_test_flag_comes_from_the_races() -> None:
    document = load(shared_feed(NATIONAL))
    document["races"][2]["test"] = True
    assert parse_ap(encode(document)).test is True


def test_next_request_url() -> None:
    assert next_request_url(read_shared_feed(SUPER_TUESDAY)) == (
        "http://api.ap.org/v2/elections/2016-03-01?format=json&level=ru"
        "&statePostal=MA&national=True&minDateTime=2016-03-02T20%3a35%3a54.000Z"
    )
    assert next_request_url(b'{"races": []}') is None
    with pytest.raises(FeedFormatError):
        next_request_url(b"<html>")


def test_detected_by_sniff() -> None:
    for name in (SUPER_TUESDAY, NATIONAL, ME_FL_SENATE):
        data = read_shared_feed(name)
        assert looks_ap(data)
        assert detect_format(data).name == "ap"
    assert not looks_ap(b'{"format": "electionboard/1"}')


def test_runoff_flags_call_advance_to_runoff() -> None:
    race = parse_ap(
        response(
            small_race(
                candidate("1", "Ames", 400, "R"),
                candidate("2", "Bell", 350, "R"),
                candidate("3", "Cole", 250),
            )
        )
    ).race("GA-100")
    assert race.rule == Rule(advance=2, majority_wins=True)
    assert race.call is not None
    assert race.call.outcome is CallOutcome.ADVANCE
    assert race.call.candidate_ids == ("1", "2")
    assert race.name == "Georgia · State Senate District 9"


def test_top_two_primary_x_flags_advance() -> None:
    race = parse_ap(
        response(
            small_race(
                candidate("1", "Ames", 400, "X"),
                candidate("2", "Bell", 350, "X"),
                candidate("3", "Cole", 250),
                race_type="Top Two Primary",
                state="CA",
            )
        )
    ).race("CA-100")
    assert race.rule == Rule(advance=2)
    assert race.call is not None
    assert race.call.outcome is CallOutcome.ADVANCE
    assert race.call.candidate_ids == ("1", "2")


def test_call_for_a_candidate_not_leading_is_kept() -> None:
    race = parse_ap(
        response(
            small_race(
                candidate("1", "Ames", 400),
                candidate("2", "Bell", 350, "X"),
                race_type="General",
            )
        )
    ).race("GA-100")
    standings = tabulate(race)
    assert standings.call is not None
    assert standings.call.candidate_ids == ("2",)
    assert standings.status is RaceStatus.CALLED
    assert standings.candidates[0].candidate.id == "1"


def test_units_are_summed_when_no_state_unit() -> None:
    full = parse_ap(read_shared_feed(SUPER_TUESDAY))
    document = load(shared_feed(SUPER_TUESDAY))
    for race in document["races"]:
        race["reportingUnits"] = [
            unit for unit in race["reportingUnits"] if unit["level"] != "state"
        ]
    summed = parse_ap(encode(document))
    for race in full.races:
        other = summed.race(race.id)
        assert other.totals is not None
        assert race.totals is not None
        assert dict(
            zip((c.id for c in other.candidates), other.totals, strict=True)
        ) == (dict(zip((c.id for c in race.candidates), race.totals, strict=True)))
        assert other.precincts_reporting == race.precincts_reporting
        assert other.precincts_total == race.precincts_total
        assert other.call == race.call


def test_race_ids_are_keyed_by_state() -> None:
    election = parse_ap(
        response(
            small_race(candidate("1", "Ames", 1), state="GA"),
            small_race(candidate("1", "Ames", 2), state="AL"),
        )
    )
    assert [race.id for race in election.races] == ["GA-100", "AL-100"]
    with pytest.raises(FeedFormatError, match="duplicate race id"):
        parse_ap(
            response(
                small_race(candidate("1", "Ames", 1)),
                small_race(candidate("1", "Ames", 2)),
            )
        )


def test_time_without_offset_is_read_as_utc() -> None:
    election = parse_ap(
        response(small_race(candidate("1", "A", 1)), timestamp="2024-05-21T23:00:00")
    )
    assert election.updated == dt.datetime(2024, 5, 21, 23, 0, tzinfo=dt.UTC)


def test_candidate_id_falls_back_to_pol_id() -> None:
    line = candidate("1", "Ames", 5)
    del line["candidateID"]
    race = parse_ap(response(small_race(line))).race("GA-100")
    assert [c.id for c in race.candidates] == ["pol1"]


def test_markup_and_control_characters_stay_plain_text() -> None:
    line = candidate("1", "<b>Ames</b>\x00\x1b[31m", 5)
    line["first"] = "<script>alert(1)</script>"
    race = parse_ap(response(small_race(line))).race("GA-100")
    assert (
        race.candidates[0].name == "<script>alert(1)</script> <b>Ames</b>\x00\x1b[31m"
    )


@pytest.mark.parametrize(
    ("unit_edit", "candidate_edit", "message"),
    [
        ({}, {"voteCount": -1}, ">= 0"),
        ({}, {"voteCount": "9"}, "Expected `int`"),
        ({}, {"voteCount": 10**400}, "too large: at most 9,999,999,999"),
        ({}, {"voteCount": 10**10}, "too large: at most 9,999,999,999"),
        ({"statePostal": None}, {}, "statePostal"),
        ({"precinctsReporting": 13}, {}, "more precincts reporting than exist"),
        ({}, {"candidateID": None, "polID": None}, "no candidateID or polID"),
        ({}, {"candidateID": "2"}, "candidates: duplicate id '2'"),
        (
            {"precinctsTotal": -5},
            {},
            r"^reportingUnits\[0\]\.precinctsTotal: Expected `int` >= 0$",
        ),
    ],
)
def test_a_bad_race_is_kept_marked_while_the_others_apply(
    unit_edit: dict[str, Any], candidate_edit: dict[str, Any], message: str
) -> None:
    race = small_race(candidate("1", "Ames", 5), candidate("2", "Bell", 3))
    unit = race["reportingUnits"][0]
    unit.update(unit_edit)
    unit["candidates"][0].update(candidate_edit)
    good = small_race(candidate("1", "Ames", 7), state="AL")
    election = parse_ap(response(race, good))
    bad = election.races[0]
    assert bad.id in ("GA-100", "100")  # no statePostal: keyed by raceID alone
    assert len(bad.problems) == 1
    assert re.search(message, bad.problems[0])
    assert (bad.candidates, bad.totals, bad.call) == ((), None, None)
    assert election.race("AL-100").totals == (7,)
    assert election.race("AL-100").problems == ()


def test_a_race_without_reporting_units_is_kept_marked() -> None:
    race = small_race(candidate("1", "Ames", 5))
    race["reportingUnits"] = []
    kept = parse_ap(response(race)).races[0]
    assert kept.candidates == ()
    assert kept.problems == ("reportingUnits: none given, and no candidates",)


def test_an_entry_without_a_race_id_refuses_the_document() -> None:
    race = small_race(candidate("1", "Ames", 5))
    del race["raceID"]
    with pytest.raises(FeedFormatError, match="race #1: raceID"):
        parse_ap(response(race))


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b"[]", b'{"races": []}', b"{" * 5000, b'{"a":' + b"[" * 9999],
)
def test_unreadable_documents_are_refused(data: bytes) -> None:
    with pytest.raises(FeedFormatError):
        parse_ap(data)


def test_more_candidates_than_the_bound_are_refused_in_that_race() -> None:
    lines = [candidate(str(n + 1), f"L{n}", 1) for n in range(1001)]
    race = parse_ap(response(small_race(*lines))).race("GA-100")
    assert race.candidates == ()
    assert race.problems == ("candidates: 1,001 candidates; at most 1,000 per race",)


def test_a_race_listing_no_candidates_is_kept() -> None:
    race = parse_ap(response(small_race())).race("GA-100")
    assert race.candidates == ()
    assert race.totals == ()
    assert race.problems == ("candidates: none listed in any reporting unit",)


def test_a_file_with_a_utf8_byte_order_mark_is_detected_and_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ap.json"
    path.write_bytes(b"\xef\xbb\xbf" + response(small_race(candidate("1", "Ames", 5))))
    data = path.read_bytes()
    assert detect_format(data).name == "ap"
    assert parse_ap(data).race("GA-100").totals == (5,)
    assert next_request_url(data) is not None


def test_num_winners_elects_that_many_seats_and_x_flags_are_won() -> None:
    race_document = small_race(
        candidate("1", "Ames", 400, "X"),
        candidate("2", "Bell", 350, "X"),
        candidate("3", "Cole", 250),
        race_type="General",
    )
    race_document["numWinners"] = 2
    race = parse_ap(response(race_document)).race("GA-100")
    assert race.rule == Rule(seats=2)
    assert race.call is not None
    assert race.call.outcome is CallOutcome.WON
    assert race.call.candidate_ids == ("1", "2")


def test_ballot_issue_is_a_measure_yes_passes_by_a_majority() -> None:
    yes = candidate("1", "Yes", 60, "X")
    no = candidate("2", "No", 40)
    yes["party"], no["party"] = "Yes", "No"
    yes.pop("first"), no.pop("first")
    race_document = small_race(yes, no, race_type="Ballot Issue")
    race_document["officeID"] = "I"
    race = parse_ap(response(race_document)).race("GA-100")
    assert race.measure == Measure(passes_with="1", threshold=MAJORITY)
    assert [(c.name, c.party) for c in race.candidates] == [("Yes", None), ("No", None)]


def test_uncontested_eevp_and_seat_words_are_kept() -> None:
    race_document = small_race(candidate("1", "Ames", 40), state="OH")
    race_document.update(officeName="U.S. House", seatName="District 13")
    race_document["uncontested"] = True
    race_document["reportingUnits"][0]["eevp"] = 62.5
    race = parse_ap(response(race_document)).race("OH-100")
    assert race.name == "Ohio · U.S. House District 13"
    assert race.uncontested
    assert race.expected_share_counted == 62.5
    race_document["reportingUnits"][0]["eevp"] = 101
    broken = parse_ap(response(race_document)).race("OH-100")
    assert broken.problems == ("reportingUnits[0].eevp: Expected `float` <= 100.0",)


def test_electoral_votes_are_kept() -> None:
    race = parse_ap(read_shared_feed("ap/20121106_ak_prez.json")).race("AK-0")
    assert race.electoral_votes == 3
    romney = race.candidates[race.candidate_index("6018")]
    obama = race.candidates[race.candidate_index("6017")]
    assert (romney.electoral_votes_won, obama.electoral_votes_won) == (3, 0)
    assert (romney.party, obama.party) == ("REP", "DEM")


def test_the_time_zone_comes_from_the_races_state() -> None:
    one = small_race(candidate("1", "Lee", 10), state="CA")
    assert parse_ap(response(one)).time_zone == "America/Los_Angeles"
    georgia = small_race(candidate("1", "Lee", 10))
    assert parse_ap(response(georgia)).time_zone == "America/New_York"
    other = dict(one, raceID="101")
    other["reportingUnits"] = [dict(one["reportingUnits"][0], statePostal="TX")]
    # Two zones in one answer: the board's time_zone setting decides.
    assert parse_ap(response(one, other)).time_zone is None
    assert set(STATE_ZONES) == set(STATE_NAMES)  # every state has its zone
    assert state_zone("hi") == "Pacific/Honolulu"
    assert state_zone("ZZ") is None
    for name in STATE_ZONES.values():
        zoneinfo.ZoneInfo(name)  # each one a real IANA zone
