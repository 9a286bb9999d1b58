"""Laying an incremental response over the snapshot held so far."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from electionboard.model import Election, Race
from electionboard.sources.ap import parse_ap
from electionboard.sources.merge import merge_elections
from tests.builders import election, race
from tests.shared_feeds import read_shared_feed

SUPER_TUESDAY = "ap/20160301_super_tuesday.json"
LATER = dt.datetime(2022, 6, 8, 2, 0, tzinfo=dt.UTC)


def named(race_id: str, *votes: int) -> Race:
    return dataclasses.replace(race(list(votes)), id=race_id, name=race_id.upper())


def test_update_replaces_in_place_keeps_the_rest_and_appends_new() -> None:
    held = election(named("a", 1, 2), named("b", 3, 4), named("c", 5, 6))
    update = dataclasses.replace(
        election(named("d", 7, 8), named("b", 30, 40)), updated=LATER
    )
    merged = merge_elections(held, update)
    assert [r.id for r in merged.races] == ["a", "b", "c", "d"]
    assert merged.race("b").totals == (30, 40)
    assert merged.race("a") is held.race("a")
    assert merged.race("d") is update.race("d")
    assert merged.updated == LATER


def test_updated_is_the_later_of_the_two() -> None:
    held = dataclasses.replace(election(named("a", 1)), updated=LATER)
    merged = merge_elections(held, election(named("a", 2)))
    assert merged.updated == LATER
    assert merged.race("a").totals == (2,)


def test_empty_update_keeps_everything() -> None:
    held = election(named("a", 1), named("b", 2))
    merged = merge_elections(held, election())
    assert merged.races == held.races


def test_test_flag_sticks() -> None:
    held = dataclasses.replace(election(named("a", 1)), test=True)
    assert merge_elections(held, election(named("a", 2))).test
    assert not merge_elections(election(), election()).test


def test_different_elections_are_not_merged() -> None:
    other = dataclasses.replace(election(), id="other")
    with pytest.raises(ValueError, match="other"):
        merge_elections(election(), other)


def test_inputs_are_left_alone() -> None:
    held = election(named("a", 1))
    update = election(named("a", 2), named("b", 3))
    merge_elections(held, update)
    assert [r.totals for r in held.races] == [(1,)]
    assert [r.id for r in update.races] == ["a", "b"]


def test_ap_next_request_flow() -> None:
    data = read_shared_feed(SUPER_TUESDAY)
    held = parse_ap(data)
    document = json.loads(data)
    dem = document["races"][1]
    del document["races"][0]
    document["timestamp"] = "2016-03-09T16:00:00Z"
    for unit in dem["reportingUnits"]:
        for line in unit["candidates"]:
            line["voteCount"] += 1
    update = parse_ap(json.dumps(document).encode())
    merged: Election = merge_elections(held, update)
    assert [r.id for r in merged.races] == ["MA-24547", "MA-24548"]
    assert merged.race("MA-24547") is held.race("MA-24547")
    assert merged.race("MA-24548").totals == (603785, 586717, 8153, 4745, 1532)
    assert merged.updated == dt.datetime(2016, 3, 9, 16, 0, tzinfo=dt.UTC)


def test_a_race_the_update_cannot_read_keeps_its_last_good_figures() -> None:
    document = json.loads(read_shared_feed(SUPER_TUESDAY))
    held = parse_ap(json.dumps(document).encode())
    broken = document["races"][0]
    broken["reportingUnits"][0]["precinctsReporting"] = 10**6  # more than exist
    update = parse_ap(json.dumps(document).encode())
    assert update.races[0].candidates == ()
    merged = merge_elections(held, update)
    kept = merged.race("MA-24547")
    assert kept.totals == held.race("MA-24547").totals
    assert kept.candidates == held.race("MA-24547").candidates
    assert kept.problems == (
        "precincts_reporting: more precincts reporting than exist",
    )
    assert merged.race("MA-24548") is update.race("MA-24548")


def test_a_broken_race_with_no_figures_held_stays_marked() -> None:
    broken = dataclasses.replace(named("a"), problems=("no candidates",))
    merged = merge_elections(election(named("b", 1)), election(broken))
    assert merged.race("a").problems == ("no candidates",)


def test_a_fresh_race_clears_the_problems_of_the_last() -> None:
    held = election(dataclasses.replace(named("a", 1), problems=("old",)))
    merged = merge_elections(held, election(named("a", 2)))
    assert merged.race("a").problems == ()
    assert merged.race("a").totals == (2,)
