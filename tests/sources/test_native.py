"""The native feed parser: what it accepts, and the words it rejects with."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from electionboard.model import MAJORITY, CallOutcome, Measure, Rule, Threshold
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import FeedFormatError, detect_format, parse_feed
from electionboard.sources.native import parse_native


def document(**race_overrides: Any) -> dict[str, Any]:
    race: dict[str, Any] = {
        "id": "mayor",
        "name": "Mayor",
        "advance": 2,
        "majority_wins": True,
        "registered_voters": 1000,
        "candidates": [
            {"id": "a", "name": "Ann", "party": "DEM", "ballot_order": 2},
            {"id": "b", "name": "Bo", "withdrawn": True},
        ],
        "precincts": [
            {
                "id": "p1",
                "reporting": True,
                "registered_voters": 100,
                "votes": {"a": 40, "b": 30},
            },
            {"id": "p2", "name": "North", "reporting": False, "votes": {"a": 0}},
        ],
    }
    race.update(race_overrides)
    return {
        "format": "electionboard/1",
        "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
        "updated": "2022-06-07T21:00:00-07:00",
        "races": [race],
    }


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


def test_parses_a_precinct_race() -> None:
    election = parse_native(encode(document()))
    race = election.race("mayor")
    assert race.rule.advance == 2
    assert race.rule.majority_wins
    assert [c.id for c in race.candidates] == ["a", "b"]
    assert race.candidates[0].ballot_order == 2
    assert race.candidates[1].ballot_order == 2  # defaults to list position
    assert race.candidates[1].withdrawn
    assert race.precincts[0].votes == (40, 30)
    assert race.precincts[1].votes == (0, 0)
    assert race.precincts[1].name == "North"
    assert race.precincts[0].name == "p1"
    assert election.updated.utcoffset() is not None


def test_parses_totals_and_call() -> None:
    doc = document(
        precincts=None,
        totals={"a": 10, "b": 5},
        precincts_reporting=3,
        precincts_total=9,
        call={
            "outcome": "advance",
            "candidates": ["a", "b"],
            "by": "AP",
            "at": "2022-06-08T01:30:00-07:00",
        },
    )
    del doc["races"][0]["precincts"]
    race = parse_native(encode(doc)).race("mayor")
    assert race.totals == (10, 5)
    assert (race.precincts_reporting, race.precincts_total) == (3, 9)
    assert race.call is not None
    assert race.call.outcome is CallOutcome.ADVANCE
    assert race.call.candidate_ids == ("a", "b")


def test_detected_without_naming_the_format() -> None:
    assert parse_feed(encode(document())).name == "Primary"


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        (
            {"precincts": [{"id": "p", "reporting": True, "votes": {"a": -1}}]},
            "race 'mayor': precincts[0].votes[...]: expected a whole number >= 0",
        ),
        (
            {"precincts": [{"id": "p", "reporting": True, "votes": {"a": 1.5}}]},
            "race 'mayor'",
        ),
        (
            {"precincts": [{"id": "p", "reporting": True, "votes": {"a": 10**10}}]},
            "race 'mayor': precincts[0].votes[...]: too large: at most 9,999,999,999",
        ),
        ({"advance": "two"}, "race 'mayor': advance: Expected `int | null`, got `str`"),
        ({"advance": 0}, "race 'mayor': advance: Expected `int` >= 1"),
        ({"seats": 0}, "race 'mayor': seats: Expected `int` >= 1"),
        ({"outright": {"share": "30%"}}, "race 'mayor': outright.share"),
        ({"measure": {"passes_with": "a", "threshold": 0.6}}, "measure.threshold"),
    ],
)
def test_rejects_bad_races_naming_field_and_race(
    overrides: dict[str, Any], words: str
) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_native(encode(document(**overrides)))
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        (
            {"precincts": [{"id": "p", "reporting": True, "votes": {"zz": 1}}]},
            "unknown candidate 'zz'",
        ),
        (
            {
                "precincts": [
                    {
                        "id": "p",
                        "reporting": True,
                        "registered_voters": 5,
                        "votes": {"a": 6},
                    }
                ]
            },
            "6 votes but only 5 registered voters",
        ),
        (
            {"candidates": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]},
            "duplicate",
        ),
        (
            {
                "precincts": [
                    {"id": "p", "reporting": True, "votes": {}},
                    {"id": "p", "reporting": True, "votes": {}},
                ]
            },
            "precincts: duplicate id 'p'",
        ),
        ({"totals": {"a": 1}}, "give exactly one of precincts or totals"),
        (
            {"call": {"outcome": "won", "candidates": ["nobody"], "by": "AP"}},
            "call.candidates: unknown candidate 'nobody'",
        ),
        ({"seats": 2, "advance": 2}, "rule: a race either elects seats"),
        ({"outright": {"share": "3/0"}}, "outright.share: '3/0' divides by zero"),
        ({"outright": {"share": "7/5"}}, "'7/5' is not a share above 0"),
        ({"measure": {"passes_with": "zz"}}, "'zz' is not one of the choices"),
    ],
)
def test_a_race_that_contradicts_itself_is_kept_with_its_problem(
    overrides: dict[str, Any], words: str
) -> None:
    doc = document(**overrides)
    doc["races"].append({**document()["races"][0], "id": "sheriff"})
    election = parse_native(encode(doc))
    broken = election.race("mayor")
    (problem,) = broken.problems
    assert words in problem
    assert broken.totals is None
    assert broken.precincts == ()
    assert broken.call is None
    # Every other race applies as it stands.
    sheriff = election.race("sheriff")
    assert sheriff.problems == ()
    assert sheriff.precincts[0].votes == (40, 30)


def test_rejects_missing_field_by_path() -> None:
    doc = document()
    del doc["races"][0]["candidates"][0]["name"]
    with pytest.raises(FeedFormatError, match=r"race 'mayor'.*name"):
        parse_native(encode(doc))


def test_rejects_malformed_json() -> None:
    with pytest.raises(FeedFormatError, match="not valid JSON"):
        parse_native(encode(document())[:-5])


def test_rejects_wrong_format_tag() -> None:
    doc = document()
    doc["format"] = "electionboard/9"
    with pytest.raises(FeedFormatError, match="format: expected"):
        parse_native(encode(doc))


def test_rejects_duplicate_race_ids() -> None:
    doc = document()
    doc["races"].append(doc["races"][0])
    with pytest.raises(FeedFormatError, match="duplicate race id"):
        parse_native(encode(doc))


def test_rejects_naive_timestamp() -> None:
    doc = document()
    doc["updated"] = "2022-06-07T21:00:00"
    with pytest.raises(FeedFormatError, match="updated"):
        parse_native(encode(doc))


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"<html><body>Oops</body></html>", "HTML"), (b"{}", "known")],
)
def test_detection_explains_unknown_documents(data: bytes, words: str) -> None:
    with pytest.raises(FeedFormatError, match=words):
        parse_feed(data)


def test_a_race_summing_past_the_race_bound_is_kept_without_figures() -> None:
    precincts = [
        {"id": f"p{n}", "reporting": True, "votes": {"a": 9_999_999_999}}
        for n in range(101)
    ]
    doc = document(precincts=precincts, registered_voters=None)
    race = parse_native(encode(doc)).race("mayor")
    assert race.problems == ("votes: more than 999,999,999,999 votes in all",)
    assert race.precincts == ()


def test_more_candidates_than_the_bound_keep_the_race_but_none_of_them() -> None:
    candidates = [{"id": f"c{n}", "name": f"C {n}"} for n in range(1001)]
    doc = document(candidates=candidates, precincts=None, totals={})
    race = parse_native(encode(doc)).race("mayor")
    assert race.problems == ("candidates: 1,001 candidates; at most 1,000 per race",)
    assert race.candidates == ()


def test_a_file_with_a_utf8_byte_order_mark_is_detected_and_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document(name="Mayor é")), encoding="utf-8-sig")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert detect_format(data).name == "native"
    assert parse_feed(data).race("mayor").name == "Mayor é"


def test_a_bad_field_after_a_byte_order_mark_still_names_the_race(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document(advance="two")), encoding="utf-8-sig")
    with pytest.raises(FeedFormatError, match="race 'mayor': advance: Expected"):
        parse_feed(path.read_bytes())


def test_old_documents_keep_their_meaning() -> None:
    single = parse_native(encode(document(advance=1, majority_wins=False)))
    assert single.race("mayor").rule == Rule(seats=1)
    primary = parse_native(encode(document())).race("mayor").rule
    assert primary == Rule(advance=2, majority_wins=True)
    assert primary.seats is None
    bare = document()
    del bare["races"][0]["advance"]
    del bare["races"][0]["majority_wins"]
    assert parse_native(encode(bare)).race("mayor").rule == Rule(seats=1)


def test_reads_every_race_kind_field() -> None:
    doc = document(
        advance=None,
        majority_wins=False,
        seats=None,
        outright={"share": "3/10"},
        uncontested=True,
        expected_votes=5000,
    )
    doc["races"][0]["advance"] = 2
    race = parse_native(encode(doc)).race("mayor")
    assert race.rule == Rule(advance=2, outright=Threshold(Fraction(3, 10)))
    assert race.uncontested
    assert race.expected_votes == 5000
    judges = parse_native(encode(document(advance=None, majority_wins=False, seats=4)))
    assert judges.race("mayor").rule == Rule(seats=4)


def test_reads_a_measure_with_an_exact_bar() -> None:
    doc = document(
        advance=None,
        majority_wins=False,
        measure={"passes_with": "a", "threshold": "3/5", "at_least": True},
    )
    race = parse_native(encode(doc)).race("mayor")
    assert race.measure == Measure("a", Threshold(Fraction(3, 5), at_least=True))
    assert parse_native(encode(document(measure={"passes_with": "b"}))).race(
        "mayor"
    ).measure == Measure("b", MAJORITY)


@pytest.mark.parametrize(
    ("party", "expected"),
    [("GOP", "REP"), ("Rep", "REP"), ("dem", "DEM"), ("NP", None), ("Wfp", "WFP")],
)
def test_party_codes_are_normalised_as_ap_and_clarity_are(
    party: str, expected: str | None
) -> None:
    doc = document()
    doc["races"][0]["candidates"][0]["party"] = party
    ann = parse_native(json.dumps(doc).encode()).races[0].candidates[0]
    assert ann.party == expected


def test_the_elections_time_zone_is_read_and_optional() -> None:
    doc = document()
    assert parse_native(encode(doc)).time_zone is None
    doc["election"]["time_zone"] = "America/Los_Angeles"
    assert parse_native(encode(doc)).time_zone == "America/Los_Angeles"


def test_the_bundled_sample_night_is_in_los_angeles_time() -> None:
    for path in sample_snapshots():
        assert parse_native(path.read_bytes()).time_zone == "America/Los_Angeles"
