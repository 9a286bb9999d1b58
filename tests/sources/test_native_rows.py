"""The race-by-race native reading equals the whole-document reading.

``parse_native`` decodes each race's precinct rows apart, with a decoder made
for the race's candidates (sources/native_rows.py), and falls back to the
whole-document reading wherever that path is unsure. Either way the board must
show the same races, the same figures and the same problems, and a refused
feed must be refused with the same words.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import Election, Precinct
from electionboard.model.precinct_table import PrecinctTable
from electionboard.sources import FeedFormatError, native, native_rows, parse_feed


def _bytes(races: list[dict[str, Any]]) -> bytes:
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "E", "date": "2026-06-02"},
            "updated": "2026-06-02T20:00:00-07:00",
            "races": races,
        }
    ).encode()


def _race(race_id: str, ids: list[str], rows: Any) -> dict[str, Any]:
    return {
        "id": race_id,
        "name": race_id.upper(),
        "candidates": [{"id": i, "name": f"Candidate {i}"} for i in ids],
        "precincts": rows,
    }


def _row(precinct_id: str, votes: Any, **more: Any) -> dict[str, Any]:
    return {"id": precinct_id, "reporting": True, "votes": votes, **more}


def _whole(data: bytes) -> Election | str:
    """The reference reading, or the words it refuses the feed with."""
    try:
        return native._parse_whole(data)
    except FeedFormatError as error:
        return str(error)


def _parsed(data: bytes) -> Election | str:
    try:
        return native.parse_native(data)
    except FeedFormatError as error:
        return str(error)


def _by_race(data: bytes) -> Election | str:
    """What ``parse_native`` returns, or the words it refuses the feed with.

    Parsed twice, as two polls: the first reads each race's rows the plain
    way, the second with the decoder made for its candidates; both must agree.
    """
    if len(native_rows._decoders) >= native_rows.DECODER_CACHE_SIZE:
        native_rows.forget_decoders()
    first = _parsed(data)
    second = _parsed(data)
    assert second == first
    return second


def _fast_path_taken(data: bytes) -> bool:
    try:
        native._parse_by_race(data)
    except native._Unsure:
        return False
    return True


@pytest.mark.parametrize(
    "odd",
    ['say "no"', "back\\slash", "tab\there", "", "a.b[0]", "über", "\u2028", "🗳"],
)
def test_a_candidate_id_with_odd_characters(odd: str) -> None:
    """Quotes, backslashes and control characters cannot name a msgspec field:
    such a race is read the plain way; the others take the fast decoder."""
    ids = ["x", odd]
    data = _bytes([_race("r", ids, [_row("p", {odd: 7, "x": 3})])])
    race = parse_feed(data, "native").race("r")
    assert race.problems == ()
    assert race.precincts == (Precinct("p", "p", True, (3, 7)),)
    assert _by_race(data) == _whole(data)


def test_key_order_and_escapes_do_not_matter() -> None:
    """Votes land in ballot order whatever order, or escaping, the keys have."""
    ids = ["a", "b", "c"]
    data = _bytes([_race("r", ids, [_row("p", {"c": 3, "a": 1, "b": 2})])])
    data = data.replace(b'"a": 1', b'"\\u0061": 1')
    assert b"\\u0061" in data
    assert parse_feed(data, "native").race("r").precincts[0].votes == (1, 2, 3)
    assert _fast_path_taken(data)


def test_a_candidate_left_out_has_no_votes() -> None:
    data = _bytes([_race("r", ["a", "b", "c"], [_row("p", {"b": 5})])])
    assert parse_feed(data, "native").race("r").precincts[0].votes == (0, 5, 0)
    assert _fast_path_taken(data)


def test_a_key_given_twice_counts_as_its_last_value() -> None:
    """As a dict reads it: the plain reading's behaviour, kept."""
    data = _bytes([_race("r", ["a", "b"], [_row("p", {"a": 1, "b": 2})])])
    data = data.replace(b'"a": 1', b'"a": 1, "a": 9')
    assert parse_feed(data, "native").race("r").precincts[0].votes == (9, 2)
    assert _by_race(data) == _whole(data)


def test_an_unknown_candidate_keeps_the_race_with_its_problem() -> None:
    """One bad race never blanks a feed: the others still show."""
    data = _bytes(
        [
            _race("bad", ["a", "b"], [_row("p1", {"a": 1}), _row("p2", {"zz": 4})]),
            _race("good", ["a", "b"], [_row("p1", {"a": 1, "b": 2})]),
        ]
    )
    election = parse_feed(data, "native")
    assert election.race("bad").problems == (
        "precincts[p2].votes: unknown candidate 'zz'",
    )
    assert election.race("bad").precincts == ()
    assert election.race("good").problems == ()
    assert election.race("good").precincts[0].votes == (1, 2)
    assert _by_race(data) == _whole(data)


@pytest.mark.parametrize("rows", [5, "rows", {"p": {}}, [5], [{"id": "p"}], True])
def test_precincts_that_are_not_a_list_of_rows_refuse_the_feed(rows: Any) -> None:
    """As the whole reading refuses it, naming the race and the field."""
    data = _bytes([_race("r", ["a"], [_row("p", {"a": 1})]), _race("s", ["a"], rows)])
    refused = _by_race(data)
    assert isinstance(refused, str)
    assert refused.startswith("race 's': precincts")
    assert refused == _whole(data)


def test_the_first_problem_in_the_document_is_the_one_named() -> None:
    """A bad count in race 1's rows is named before a bad field of race 2,
    though race 2's fields are decoded before race 1's rows."""
    data = _bytes(
        [
            _race("one", ["a"], [_row("p", {"a": -1})]),
            {**_race("two", ["a"], []), "advance": "two"},
        ]
    )
    assert _by_race(data) == (
        "race 'one': precincts[0].votes[...]: expected a whole number >= 0"
    )
    assert _by_race(data) == _whole(data)


def test_rows_are_checked_even_when_the_race_is_refused_first() -> None:
    """Duplicate candidate ids refuse the race before its rows are built; a
    malformed row still refuses the feed, as the whole reading does."""
    race = _race("r", ["a", "a"], [_row("p", {"a": 1.5})])
    data = _bytes([race])
    assert isinstance(_by_race(data), str)
    assert _by_race(data) == _whole(data)


def test_a_duplicate_race_id_is_refused_as_before() -> None:
    race = _race("r", ["a"], [_row("p", {"a": 1})])
    data = _bytes([race, race])
    assert _by_race(data) == "race 'r': id: duplicate race id"


def test_the_decoder_is_made_once_per_candidate_list() -> None:
    """The first poll reads the plain way, the second makes the decoder, and
    later polls reuse it; every poll reads the same votes."""
    ids = ("cache-test-a", "cache-test-b")
    data = _bytes([_race("r", list(ids), [_row("p", {ids[1]: 1})])])
    polls = []
    for _ in range(3):
        polls.append(parse_feed(data, "native"))
        if len(polls) == 1:
            assert ids not in native_rows._decoders
    made = native_rows._decoders[ids]
    assert made is not None
    assert native_rows.rows_decoder(ids) is made
    assert all(p.race("r").precincts[0].votes == (0, 1) for p in polls)
    assert polls[0] == polls[1] == polls[2]


def test_the_decoder_cache_is_bounded() -> None:
    """Once full, a new candidate list is read the plain way, and read right:
    a feed with more lists than the cache holds makes no decoder each poll."""
    native_rows.forget_decoders()
    try:
        for n in range(native_rows.DECODER_CACHE_SIZE + 10):
            native_rows.rows_decoder((f"bound-{n}",))
            native_rows.rows_decoder((f"bound-{n}",))
        assert len(native_rows._decoders) == native_rows.DECODER_CACHE_SIZE
        assert native_rows.rows_decoder(("late", "comer")) is None
        assert native_rows.rows_decoder(("late", "comer")) is None
        data = _bytes([_race("r", ["b", "a"], [_row("p", {"a": 1, "b": 2})])])
        assert parse_feed(data, "native").race("r").precincts[0].votes == (2, 1)
        assert _fast_path_taken(data)
        assert len(native_rows._decoders) == native_rows.DECODER_CACHE_SIZE
    finally:
        native_rows.forget_decoders()


def test_no_decoder_where_msgspec_cannot_name_the_fields() -> None:
    assert native_rows._made_decoder(("a", "a")) is None
    assert native_rows._made_decoder(('a"b',)) is None
    assert native_rows._made_decoder(("a", "b")) is not None


def test_the_second_poll_decodes_with_the_race_decoder() -> None:
    """What the tests above compare is the fast decoder's reading too."""
    ids = ("second-poll-a", "second-poll-b")
    data = _bytes([_race("r", list(ids), [_row("p", {ids[0]: 3})])])
    assert isinstance(_by_race(data), Election)
    decoder = native_rows._decoders[ids]
    assert decoder is not None
    rows = native_rows.decode_rows(msgspec.Raw(json.dumps([_row("p", {})])), ids)
    assert type(rows) is native_rows._Fast


_IDS = st.sampled_from(["a", "b", "c", 'q"', "e\\", "zz", ""])
_BAD_COUNTS = st.sampled_from([-1, 10**10, 1.5, "7", None])


@st.composite
def _rows(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from([None, None, 5, {}, [1]]))
    rows = []
    for n in range(draw(st.integers(0, 5))):
        counts = st.sampled_from([0, 1, 40, 999_999_999])
        votes: Any = draw(st.dictionaries(_IDS, counts, max_size=4))
        if draw(st.integers(0, 29)) == 0:
            votes[draw(_IDS)] = draw(_BAD_COUNTS)
        if draw(st.integers(0, 29)) == 0:
            votes = [1, 2]
        row: dict[str, Any] = {
            "id": draw(st.sampled_from([f"p{n}", "p0"])),
            "reporting": draw(st.booleans()),
            "votes": votes,
        }
        if draw(st.booleans()):
            row["name"] = draw(st.sampled_from(["North", None]))
        if draw(st.integers(0, 29)) == 0:
            row["name"] = 3
        if draw(st.booleans()):
            row["registered_voters"] = draw(st.sampled_from([0, 5, 2_000, None]))
        if draw(st.integers(0, 29)) == 0:
            del row["reporting"]
        rows.append(row)
    return rows


@st.composite
def _document(draw: st.DrawFn) -> bytes:
    races = []
    for n in range(draw(st.integers(1, 3))):
        ids = draw(st.lists(_IDS, min_size=0, max_size=4))
        race_id = "r0" if draw(st.integers(0, 9)) == 0 else f"r{n}"
        race = _race(race_id, ids, draw(_rows()))
        if race["precincts"] is None and draw(st.booleans()):
            del race["precincts"]
        if draw(st.integers(0, 4)) == 0:
            race["totals"] = dict.fromkeys(ids, 1)
        races.append(race)
    return _bytes(races)


@settings(max_examples=400)
@given(_document())
def test_both_readings_agree(data: bytes) -> None:
    """Same races, figures and problems, or the same refusal in the same words."""
    assert _by_race(data) == _whole(data)


def test_the_second_poll_keeps_precincts_as_a_table_without_rows() -> None:
    ids = ["table-a", "table-b"]
    rows = [
        _row("p0", {"table-a": 3, "table-b": 4}, name="North", registered_voters=9),
        _row("p1", {"table-a": 8}),
    ]
    data = _bytes([_race("r", ids, rows)])
    first = native.parse_native(data)
    table = native.parse_native(data).races[0].precincts
    assert isinstance(table, PrecinctTable)
    assert not table.rows_made
    assert table == first.races[0].precincts
    assert [p.name for p in table] == ["North", "p1"]


@pytest.mark.parametrize("registered", [[9, 5, None], [9, 5, 7]])
def test_a_precinct_over_its_registered_voters_is_named_from_a_table(
    registered: list[int | None],
) -> None:
    ids = ["over-a", "over-b"]
    votes = [{"over-a": 3, "over-b": 4}, {"over-a": 8}, {"over-b": 1}]
    rows = [
        _row(f"p{n}", given, registered_voters=voters)
        for n, (given, voters) in enumerate(zip(votes, registered, strict=True))
    ]
    data = _bytes([_race("r", ids, rows)])
    first = native.parse_native(data).races[0].problems
    second = native.parse_native(data).races[0].problems
    assert second == first
    assert "p1" in second[0]
