"""The native parser's in-loop precinct checks refuse what check_race refuses.

``check_built`` reads duplicate ids, votes over registered voters and the
race's vote sum from facts gathered while the precincts are built; the old
path walked the built race again with ``check_race``. Both must name the
same first problem, in the same words, for any race.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import MAX_VOTES, InvalidRaceError, check_race
from electionboard.sources import native, parse_feed
from electionboard.sources.native_precincts import check_built

_COUNTS = st.sampled_from([0, 1, 7, 400, MAX_VOTES])


@st.composite
def _race(draw: st.DrawFn, number: int) -> dict[str, object]:
    ids = draw(st.lists(st.sampled_from("abcdefghijk"), min_size=1, max_size=11))
    huge = draw(st.booleans())
    rows = []
    for n in range(draw(st.integers(0, 11))):
        listed = draw(st.lists(st.sampled_from([*ids, "zz"]), unique=True))
        votes = {i: MAX_VOTES if huge else draw(_COUNTS) for i in listed}
        row: dict[str, object] = {
            "id": draw(st.sampled_from([f"p{n}", "p0", "p1"])),
            "reporting": draw(st.booleans()),
            "votes": votes,
        }
        registered = draw(st.sampled_from([None, 0, 5, 1_000, MAX_VOTES]))
        if registered is not None:
            row["registered_voters"] = registered
        rows.append(row)
    race: dict[str, object] = {
        "id": f"r{number}",
        "name": "Race",
        "candidates": [{"id": i, "name": i.upper()} for i in ids],
    }
    if draw(st.integers(0, 5)) == 0:
        race["totals"] = {i: draw(_COUNTS) for i in ids}
    else:
        race["precincts"] = rows
    optional = {
        "measure": st.builds(
            lambda choice: {"passes_with": choice}, st.sampled_from([ids[0], "zz"])
        ),
        "call": st.builds(
            lambda who: {"outcome": "won", "candidates": [who], "by": "AP"},
            st.sampled_from([ids[0], "zz"]),
        ),
        "precincts_reporting": st.integers(0, 3),
        "precincts_total": st.integers(0, 3),
        "state": st.sampled_from(["CA", "California"]),
        "advance": st.integers(1, 3),
    }
    for field, values in optional.items():
        if draw(st.booleans()):
            race[field] = draw(values)
    return race


@st.composite
def _document(draw: st.DrawFn) -> bytes:
    return _bytes([draw(_race(n)) for n in range(draw(st.integers(1, 3)))])


def _old_problem(wire: native._Race) -> str | None:
    """The old path: build the race, then walk it again with check_race."""
    try:
        race, _ = native._race(wire)
        check_race(race, counts_checked=True)
    except InvalidRaceError as error:
        return f"{error.field}: {error.problem}"
    return None


@settings(max_examples=400)
@given(_document())
def test_the_parser_refuses_what_check_race_refuses(data: bytes) -> None:
    """Same races refused, same first problem, same words; the rest apply."""
    wires = native._DECODER.decode(data).races
    parsed = parse_feed(data, "native")
    for wire, race in zip(wires, parsed.races, strict=True):
        problem = _old_problem(wire)
        assert race.problems == (() if problem is None else (problem,))


def _raised(check: Callable[[], None]) -> tuple[str, str, str] | None:
    try:
        check()
    except InvalidRaceError as error:
        return error.race_id, error.field, error.problem
    return None


@settings(max_examples=400)
@given(_document())
def test_check_built_raises_the_error_check_race_raises(data: bytes) -> None:
    """The typed error itself: race id, field and problem all match."""
    for wire in native._DECODER.decode(data).races:
        try:
            race, facts = native._race(wire)
        except InvalidRaceError:
            continue
        assert _raised(partial(check_built, race, facts)) == _raised(
            partial(check_race, race, counts_checked=True)
        )


def test_too_many_candidates_is_named_before_the_precincts() -> None:
    """check_race's order: the candidate count before a duplicate precinct."""
    candidates = [{"id": f"c{n}", "name": f"C{n}"} for n in range(1_001)]
    row = {"id": "p", "reporting": True, "votes": {}}
    race: dict[str, object] = {
        "id": "r",
        "name": "R",
        "candidates": candidates,
        "precincts": [row, row],
    }
    data = _bytes([race])
    assert parse_feed(data, "native").race("r").problems == (
        "candidates: 1,001 candidates; at most 1,000 per race",
    )


@pytest.mark.parametrize("measure", [None, {"passes_with": "zz"}])
def test_the_vote_sum_is_named_after_the_precincts(
    measure: dict[str, str] | None,
) -> None:
    """11 candidates by 10 precincts at the most votes: over the race's bound,
    named before the measure's unknown choice (check_race's order)."""
    ids = [f"c{n}" for n in range(11)]
    race: dict[str, object] = {
        "id": "r",
        "name": "R",
        "candidates": [{"id": i, "name": i} for i in ids],
        "precincts": [
            {"id": f"p{n}", "reporting": True, "votes": dict.fromkeys(ids, MAX_VOTES)}
            for n in range(10)
        ],
    }
    if measure is not None:
        race["measure"] = measure
    data = _bytes([race])
    wire = native._DECODER.decode(data).races[0]
    assert _old_problem(wire) == "votes: more than 999,999,999,999 votes in all"
    assert parse_feed(data, "native").race("r").problems == (_old_problem(wire),)


def _bytes(races: list[dict[str, object]]) -> bytes:
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "E", "date": "2026-06-02"},
            "updated": "2026-06-02T20:00:00-07:00",
            "races": races,
        }
    ).encode()
