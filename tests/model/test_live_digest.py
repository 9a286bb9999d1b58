"""A snapshot digested on the poll worker shows exactly what the GUI thread would."""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import live as live_module
from electionboard.model.election import Election
from electionboard.model.live import LiveResults
from electionboard.sources import parse_feed


@st.composite
def feeds(draw: st.DrawFn, minute: int) -> Election:
    """A small native feed: races and candidates may vanish, figures may drop."""
    races: list[dict[str, Any]] = []
    for number in draw(st.sets(st.integers(0, 3), min_size=1)):
        candidates = sorted(draw(st.sets(st.integers(0, 3), min_size=1)))
        precincts = [
            {
                "id": f"p{p}",
                "name": f"Precinct {p}",
                "reporting": draw(st.booleans()),
                "votes": {f"c{c}": draw(st.integers(0, 50)) for c in candidates},
            }
            for p in sorted(draw(st.sets(st.integers(0, 3), min_size=1)))
        ]
        races.append(
            {
                "id": f"r{number}",
                "name": f"Race {number}",
                "candidates": [
                    {"id": f"c{c}", "name": f"Cand {c}", "ballot_order": c + 1}
                    for c in candidates
                ],
                "precincts": precincts,
            }
        )
    document = {
        "format": "electionboard/1",
        "election": {"id": "e", "name": "Night", "date": "2026-06-02"},
        "updated": f"2026-06-02T23:{minute:02d}:00-07:00",
        "races": races,
    }
    return parse_feed(json.dumps(document).encode(), "native")


@settings(max_examples=60, deadline=None)
@given(feeds(0), feeds(1), feeds(2))
def test_a_worker_digest_shows_what_the_gui_thread_would(
    first: Election, second: Election, third: Election
) -> None:
    plain, digested = LiveResults(), LiveResults()
    for snapshot in (first, second, third):
        digest = digested.digester()(snapshot)  # as the worker runs it
        plain.apply_snapshot(snapshot)
        digested.apply_snapshot(snapshot, digest=digest)
        assert digested.election == plain.election
        assert digested.standings == plain.standings
        assert digested.notices == plain.notices


@settings(max_examples=30, deadline=None)
@given(feeds(0), feeds(1), feeds(2))
def test_a_digest_made_against_another_feed_is_not_used(
    first: Election, second: Election, third: Election
) -> None:
    plain, digested = LiveResults(), LiveResults()
    stale = digested.digester()  # captured before ``first`` was shown
    for live in (plain, digested):
        live.apply_snapshot(first)
        live.apply_snapshot(second)
    plain.apply_snapshot(third)
    digested.apply_snapshot(third, digest=stale(third))
    assert digested.election == plain.election
    assert digested.notices == plain.notices


def one_race(minute: int, votes: dict[str, int]) -> Election:
    document = {
        "format": "electionboard/1",
        "election": {"id": "e", "name": "Night", "date": "2026-06-02"},
        "updated": f"2026-06-02T23:{minute:02d}:00-07:00",
        "races": [
            {
                "id": "r",
                "name": "Race",
                "candidates": [
                    {"id": c, "name": c.upper(), "ballot_order": n + 1}
                    for n, c in enumerate(votes)
                ],
                "precincts": [
                    {"id": "p", "name": "P", "reporting": True, "votes": votes}
                ],
            }
        ],
    }
    return parse_feed(json.dumps(document).encode(), "native")


def test_a_race_the_digest_makes_anew_is_tabulated_on_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    live, plain = LiveResults(), LiveResults()
    first = one_race(0, {"a": 10, "b": 20})
    second = one_race(1, {"a": 12})  # b vanished: kept, a new race object
    for results in (live, plain):
        results.apply_snapshot(first)
    plain.apply_snapshot(second)
    # The worker's part: standings of the snapshot, then its digest.
    standings = live.tabulate_election(second)
    digest = live.digester()(second)

    def on_the_gui_thread(*_: object, **__: object) -> None:
        raise AssertionError("tabulated on the GUI thread")

    monkeypatch.setattr(live_module, "tabulate", on_the_gui_thread)
    assert live.apply_snapshot(second, standings, digest)
    assert live.standings == plain.standings
    assert [s.votes for s in live.standings[0].candidates] == [20, 12]


def test_the_worker_lets_go_of_the_feed_shown_before_the_last() -> None:
    # It is freed on the worker (a race at a time), never on the GUI thread.
    live = LiveResults()
    first, second, third = (one_race(m, {"a": 10 + m}) for m in range(3))
    live.apply_snapshot(first)
    live.apply_snapshot(second)  # first is retired now
    work = live.digester()

    def holds_first() -> bool:
        seen: list[object] = [work]
        for _ in range(3):  # the call, its arguments, what they hold
            seen = gc.get_referents(*seen)
            if any(held is first for held in seen):
                return True
        return False

    assert holds_first()
    live.apply_snapshot(third, digest=work(third))
    assert not holds_first()
