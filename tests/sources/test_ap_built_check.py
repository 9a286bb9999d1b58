"""Properties: AP's races as read with ``check_built_race`` and with ``check_race``.

The parser now checks only the bounds its decoder and construction leave
open; on any AP-shaped answer (one race or several, state units or summed
counties, counts up to and past every bound) it must keep and refuse the
same races, with the same problems, as the full check did.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import MAX_VOTES, Race, check_race
from electionboard.sources import ap

_counts = st.one_of(
    st.sampled_from([0, 1, MAX_VOTES // 2 + 1, MAX_VOTES]),
    st.integers(0, 50),
)
_maybe = st.one_of(st.none(), _counts)


def _mostly(usual: Any, rare: Any) -> st.SearchStrategy[Any]:
    """``usual`` four times in five, else ``rare`` (values or strategies)."""
    usual_s = usual if isinstance(usual, st.SearchStrategy) else st.just(usual)
    rare_s = rare if isinstance(rare, st.SearchStrategy) else st.just(rare)
    return st.integers(0, 4).flatmap(lambda i: rare_s if i == 4 else usual_s)


@st.composite
def _lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    lines = []
    # Mostly distinct ids, so most races get as far as the bounds.
    ids = draw(
        _mostly(
            st.permutations(["1", "2", "3"]),
            st.lists(st.sampled_from(["1", "2", "", None]), min_size=3, max_size=3),
        )
    )
    for candidate_id in ids[: draw(st.integers(0, 3))]:
        line: dict[str, Any] = {
            "last": draw(st.sampled_from(["Yes", "No", "Smith", ""])),
            "voteCount": draw(_counts),
        }
        if candidate_id is not None:
            line["candidateID"] = candidate_id
        winner = draw(st.sampled_from([None, "X", "R"]))
        if winner is not None:
            line["winner"] = winner
        won = draw(_maybe)
        if won is not None:
            line["electWon"] = won
        lines.append(line)
    return lines


@st.composite
def _unit(draw: st.DrawFn, level: str) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "level": level,
        "statePostal": draw(_mostly("CT", "")),
        "candidates": draw(_lines()),
    }
    for key in ("precinctsReporting", "precinctsTotal", "electTotal"):
        value = draw(_maybe)
        if value is not None:
            unit[key] = value
    return unit


@st.composite
def _race(draw: st.DrawFn, number: int) -> dict[str, Any]:
    levels = draw(st.sampled_from([["state"], ["state", "county"], ["county"] * 3, []]))
    return {
        "raceID": str(number),
        "officeID": draw(st.sampled_from(["P", "I"])),
        "officeName": "Office",
        "raceType": draw(st.sampled_from(["Primary", "Top Two"])),
        "raceTypeID": draw(st.sampled_from(["D", "L"])),
        "numWinners": draw(st.integers(0, 2)),
        "reportingUnits": [draw(_unit(level)) for level in levels],
        "candidates": draw(_lines()),
    }


@st.composite
def answers(draw: st.DrawFn) -> bytes:
    races = [draw(_race(number)) for number in range(draw(st.integers(1, 3)))]
    document = {
        "electionDate": "2016-04-26",
        "timestamp": "2016-04-27T03:00:00Z",
        "races": races,
    }
    return json.dumps(document).encode()


def _read(data: bytes) -> str:
    election = ap.parse_ap(data)
    return repr(election) + repr([tuple(race.units) for race in election.races])


@pytest.mark.allow_log(r"its county units are unreadable")
@settings(max_examples=300, deadline=None)
@given(answers())
def test_built_check_reads_every_answer_as_the_full_check(data: bytes) -> None:
    built = _read(data)
    with mock.patch.object(ap, "check_built_race", check_race):
        full = _read(data)
    assert built == full


def test_positional_race_fields_follow_race() -> None:
    """``_built`` passes Race's fields by position: their order is held here."""
    assert tuple(f.name for f in dataclasses.fields(Race)) == ap._RACE_FIELDS


def test_a_summed_race_over_the_vote_bound_is_kept_broken() -> None:
    """Counties that each fit but sum past MAX_VOTES: the built check refuses."""
    line = {"candidateID": "1", "last": "Smith", "voteCount": MAX_VOTES}
    units = [
        {"level": "county", "statePostal": "CT", "candidates": [line]} for _ in range(2)
    ]
    document = {
        "electionDate": "2016-04-26",
        "timestamp": "2016-04-27T03:00:00Z",
        "races": [{"raceID": "1", "officeName": "Office", "reportingUnits": units}],
    }
    (race,) = ap.parse_ap(json.dumps(document).encode()).races
    assert race.problems == (f"totals: too large: at most {MAX_VOTES:,} votes",)
