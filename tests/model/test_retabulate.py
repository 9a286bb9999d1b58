"""Retabulating only the changed races gives exactly a full tabulation."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import Election, Race, tabulate_election
from electionboard.model.live import LiveResults
from electionboard.model.retabulate import retabulate
from electionboard.sources.merge import merge_elections
from tests.builders import election, race

_votes = st.lists(st.integers(0, 10_000), min_size=2, max_size=5)


def _night(votes: list[list[int]]) -> Election:
    races = [
        dataclasses.replace(race(v, remaining=1_000), id=f"r{n}", name=f"Race {n}")
        for n, v in enumerate(votes)
    ]
    return election(*races)


@given(
    held_votes=st.lists(_votes, min_size=1, max_size=8),
    updates=st.dictionaries(st.integers(0, 9), _votes, max_size=5),
)
def test_a_merged_update_retabulates_to_the_full_tabulation(
    held_votes: list[list[int]], updates: dict[int, list[int]]
) -> None:
    """Changed races, new races and untouched races alike."""
    held = _night(held_votes)
    previous = tabulate_election(held)
    fresh: list[Race] = [
        dataclasses.replace(race(v, remaining=500), id=f"r{n}", name=f"Race {n}")
        for n, v in updates.items()
    ]
    update = dataclasses.replace(election(*fresh), races=tuple(fresh))
    merged = merge_elections(held, update)
    changed = {r.id for r in fresh}
    assert retabulate(previous, merged, changed) == tabulate_election(merged)


@given(
    held_votes=st.lists(_votes, min_size=1, max_size=6),
    new_votes=st.lists(_votes, min_size=1, max_size=6),
)
def test_a_wrong_changed_set_costs_time_never_a_figure(
    held_votes: list[list[int]], new_votes: list[list[int]]
) -> None:
    """Told nothing changed, every race that did is still tabulated anew."""
    previous = tabulate_election(_night(held_votes))
    new = _night(new_votes)
    assert retabulate(previous, new, set()) == tabulate_election(new)


def test_untouched_races_reuse_their_standings() -> None:
    """The same race object keeps the very standings object: no work done."""
    held = _night([[5, 3], [7, 1]])
    previous = tabulate_election(held)
    again = retabulate(previous, held, {"r1"})
    assert again[0] is previous[0]
    assert again[1] is not previous[1]
    assert again == previous


@given(
    nights=st.lists(st.lists(_votes, min_size=1, max_size=5), min_size=1, max_size=4),
    share=st.sampled_from([0.0, 0.005, 0.02]),
)
def test_the_poll_workers_tabulation_is_always_the_full_one(
    nights: list[list[list[int]]], share: float
) -> None:
    """LiveResults reuses the last poll's standings, never a different figure."""
    live = LiveResults(share)
    for votes in nights:
        night = _night(votes)
        assert live.tabulate_election(night) == tabulate_election(
            night, too_close_share=share
        )


def test_the_poll_worker_reuses_the_standings_of_untouched_races() -> None:
    held = _night([[10, 20], [30, 40]])
    live = LiveResults()
    first = live.tabulate_election(held)
    update = _night([[11, 20]])
    merged = merge_elections(held, dataclasses.replace(update, races=update.races[:1]))
    second = live.tabulate_election(merged)
    assert second[1] is first[1]  # r1 came through the merge untouched
    assert second[0] != first[0]
    assert second == tabulate_election(merged)
