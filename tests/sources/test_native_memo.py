"""A polled native feed's unchanged races: the very races read last time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.sources import parse_feed
from electionboard.sources.native import RaceMemo, parse_native
from electionboard.sources.polling import LocationSource, PollOk, SequenceSource
from tests.feedserver import Answer, FeedServer

RACES = ("mayor", "council-1", "council-2", "measure-a")


def document(votes: dict[str, list[list[int]]], stamp: int = 0) -> bytes:
    """Four races, each with two candidates and ``votes`` rows of precincts."""
    races: list[dict[str, Any]] = []
    for race_id in RACES:
        rows = votes[race_id]
        races.append(
            {
                "id": race_id,
                "name": race_id.title(),
                "advance": 1,
                "candidates": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo"}],
                "precincts": [
                    {
                        "id": f"p{number}",
                        "name": f"Precinct {number}",
                        "reporting": any(row),
                        "votes": {"a": row[0], "b": row[1]},
                    }
                    for number, row in enumerate(rows)
                ],
            }
        )
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
            "updated": f"2022-06-07T21:{stamp:02d}:00-07:00",
            "races": races,
        }
    ).encode()


def night(**changed: list[list[int]]) -> dict[str, list[list[int]]]:
    votes = {race_id: [[10, 5], [3, 4], [0, 0]] for race_id in RACES}
    votes.update({key.replace("_", "-"): rows for key, rows in changed.items()})
    return votes


def test_unchanged_races_are_last_answers_own_and_the_rest_read_anew() -> None:
    memo = RaceMemo()
    first = parse_native(document(night()), memo=memo)
    second = parse_native(
        document(night(council_1=[[11, 5], [3, 4], [0, 0]]), stamp=1), memo=memo
    )
    assert second == parse_native(
        document(night(council_1=[[11, 5], [3, 4], [0, 0]]), stamp=1)
    )
    same = [old is new for old, new in zip(first.races, second.races, strict=True)]
    assert same == [True, False, True, True]
    assert second.race("council-1").precincts[0].votes == (11, 5)


def test_without_a_memo_every_parse_reads_every_race() -> None:
    data = document(night())
    first, second = parse_native(data), parse_native(data)
    assert first == second
    assert not any(a is b for a, b in zip(first.races, second.races, strict=True))


def test_parse_feed_hands_the_memo_to_native_feeds_only() -> None:
    memo = RaceMemo()
    data = document(night())
    first = parse_feed(data, memo=memo)  # detected
    second = parse_feed(data, "native", memo=memo)
    assert all(a is b for a, b in zip(first.races, second.races, strict=True))


_rows = st.lists(
    st.lists(st.integers(0, 30), min_size=2, max_size=2), min_size=1, max_size=3
)
_night = st.fixed_dictionaries(dict.fromkeys(RACES, _rows))
_steps = st.lists(
    st.dictionaries(st.sampled_from(RACES), _rows, max_size=2), max_size=5
)
"""Each later answer changes a few races (none, one or two) and repeats the rest."""


@settings(max_examples=60, deadline=None)
@given(_night, _steps)
def test_a_memo_never_changes_what_any_answer_reads_as(
    votes: dict[str, list[list[int]]], steps: list[dict[str, list[list[int]]]]
) -> None:
    memo = RaceMemo()
    data = document(votes)
    assert parse_native(data, memo=memo) == parse_native(data)
    for stamp, changes in enumerate(steps, start=1):
        votes = {**votes, **changes}
        data = document(votes, stamp)
        assert parse_native(data, memo=memo) == parse_native(data)


def _reused(first: object, second: object) -> list[bool]:
    assert isinstance(first, PollOk)
    assert isinstance(second, PollOk)
    return [
        a is b for a, b in zip(first.election.races, second.election.races, strict=True)
    ]


def test_a_polled_url_reuses_the_races_its_last_answer_had(
    feed_server: FeedServer,
) -> None:
    source = LocationSource(feed_server.url)
    feed_server.answer = Answer(document(night()))
    first = source.prepare(1)()
    source.settle(first)
    feed_server.answer = Answer(document(night(mayor=[[20, 5], [3, 4], [0, 0]]), 1))
    second = source.prepare(2)()
    assert _reused(first, second) == [False, True, True, True]


def test_a_replay_reuses_the_races_its_last_file_had(tmp_path: Path) -> None:
    paths = [tmp_path / "1.json", tmp_path / "2.json"]
    paths[0].write_bytes(document(night()))
    paths[1].write_bytes(document(night(measure_a=[[1, 1]]), 1))
    source = SequenceSource(paths)
    first = source.prepare(1)()
    source.settle(first)
    second = source.prepare(2)()
    assert _reused(first, second) == [True, True, True, False]
