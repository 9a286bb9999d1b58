"""Precinct columns: the worker's shared pass gives what each pass gave alone."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import Candidate, Precinct, Race, Rule
from electionboard.model.columns import (
    ColumnsMemo,
    PrecinctColumns,
    no_figure_fell,
    packed_figures,
    precinct_columns,
)
from electionboard.model.reconcile import reconcile
from electionboard.model.tabulate import (
    candidate_totals,
    precinct_counts,
    registered_voters,
    tabulate,
)
from tests.builders import election

_figure = st.integers(0, 60)


@st.composite
def precinct_rows(draw: st.DrawFn, count: int) -> tuple[Precinct, ...]:
    """Precincts for ``count`` candidates; some rows may be short or long."""
    ragged = draw(st.booleans())
    rows = []
    for n in range(draw(st.integers(1, 6))):
        width = draw(st.integers(0, count + 1)) if ragged else count
        rows.append(
            Precinct(
                f"p{n}",
                f"P{n}",
                draw(st.booleans()),
                tuple(draw(_figure) for _ in range(width)),
                draw(st.one_of(st.none(), st.integers(0, 500))),
            )
        )
    return tuple(rows)


@st.composite
def precinct_races(draw: st.DrawFn) -> Race:
    count = draw(st.integers(1, 4))
    places = draw(st.integers(1, 2))
    return Race(
        "r",
        "Race",
        Rule(seats=places),
        tuple(Candidate(f"c{i}", f"Cand {i}") for i in range(count)),
        precincts=draw(precinct_rows(count)),
        registered_voters=draw(st.one_of(st.none(), st.integers(0, 2_000))),
        final=draw(st.booleans()),
    )


@given(precinct_races())
def test_columns_give_what_each_pass_gives(race: Race) -> None:
    columns = precinct_columns(race.precincts)
    assert list(columns.totals) == candidate_totals(race)
    assert candidate_totals(race, columns) == candidate_totals(race)
    assert precinct_counts(race, columns) == precinct_counts(race)
    assert registered_voters(race, columns) == registered_voters(race)
    widths = {len(p.votes) for p in race.precincts}
    figures = packed_figures(race.precincts)
    assert figures.width == min(widths) == len(columns.totals)
    assert figures.aligned == (widths == {figures.width})
    assert figures.ids == tuple(p.id for p in race.precincts)


def _standings_or_error(race: Race, columns: PrecinctColumns | None) -> object:
    try:
        return tabulate(race, columns=columns)
    except IndexError:  # ragged rows fail alike either way
        return IndexError


@given(precinct_races())
def test_tabulation_from_columns_equals_tabulation_alone(race: Race) -> None:
    columns = precinct_columns(race.precincts)
    assert _standings_or_error(race, columns) == _standings_or_error(race, None)


def test_columns_of_other_precincts_are_ignored() -> None:
    candidates = (Candidate("a", "Ann"), Candidate("b", "Bo"))
    race = Race(
        "r",
        "Race",
        Rule(),
        candidates,
        precincts=(Precinct("p0", "P0", True, (5, 3)),),
    )
    other = precinct_columns((Precinct("p0", "P0", True, (1, 9)),))
    assert candidate_totals(race, other) == [5, 3]
    assert tabulate(race, columns=other) == tabulate(race)


def _notices_or_error(
    old: Race, new: Race, memo: ColumnsMemo | None
) -> tuple[str, ...] | type[Exception]:
    try:
        notices = reconcile(election(old), election(new), memo).notices
    except Exception as error:  # the slow road may fail on ragged rows
        return type(error)
    return tuple(n.text for n in notices)


@st.composite
def snapshot_pairs(draw: st.DrawFn) -> tuple[Race, Race]:
    """A race and its next snapshot: figures up or down, precincts reordered,
    candidates reordered, added or dropped, rows sometimes ragged."""
    old = draw(precinct_races())
    count = len(old.candidates)
    order = list(draw(st.permutations(range(count))))
    if draw(st.booleans()):
        order = order[: draw(st.integers(1, count))]
    candidates = [old.candidates[i] for i in order]
    added = draw(st.integers(0, 1))
    candidates += [Candidate(f"n{k}", f"New {k}") for k in range(added)]
    rows = list(draw(st.permutations(range(len(old.precincts)))))
    if not draw(st.booleans()):
        rows.sort()  # most polls keep the precincts' order
    moves = draw(st.lists(st.integers(-3, 4), min_size=50, max_size=50))

    def moved(precinct: Precinct, n: int) -> tuple[int, ...]:
        kept = tuple(
            max(0, precinct.votes[i] + moves[(n * 5 + i) % 50])
            for i in order
            if i < len(precinct.votes)
        )
        return kept + (7,) * added

    new = dataclasses.replace(
        old,
        candidates=tuple(candidates),
        precincts=tuple(
            old.precincts[n]._replace(votes=moved(old.precincts[n], n)) for n in rows
        ),
    )
    return old, new


@given(snapshot_pairs())
def test_reconciling_with_columns_equals_reconciling_without(
    pair: tuple[Race, Race],
) -> None:
    old, new = pair
    memo = ColumnsMemo()
    assert _notices_or_error(old, new, memo) == _notices_or_error(old, new, None)
    # Columns made ahead (by the tabulation) answer the same.
    memo.columns(old.precincts)
    memo.columns(new.precincts)
    assert _notices_or_error(old, new, memo) == _notices_or_error(old, new, None)


def test_a_fall_among_rises_is_found_from_columns() -> None:
    candidates = (Candidate("a", "Ann"), Candidate("b", "Bo"))
    old = Race(
        "r",
        "Mayor",
        Rule(),
        candidates,
        precincts=tuple(
            Precinct(f"p{n}", f"Unit {n}", True, (10 * n, 10 * n)) for n in range(50)
        ),
    )
    new = dataclasses.replace(
        old,
        precincts=tuple(
            p._replace(votes=(p.votes[0] + 1, p.votes[1] - (p.id == "p31")))
            for p in old.precincts
        ),
    )
    memo = ColumnsMemo()
    memo.columns(old.precincts)
    memo.columns(new.precincts)
    (notice,) = reconcile(election(old), election(new), memo).notices
    assert notice.text == "Mayor, precinct Unit 31: Bo corrected down from 310 to 309"


def test_the_memo_keeps_this_poll_and_the_last() -> None:
    memo = ColumnsMemo()
    first = (Precinct("p0", "P0", True, (1, 2)),)
    second = (Precinct("p0", "P0", True, (2, 3)),)
    made = memo.columns(first)
    memo.next_poll()
    assert memo.columns(first) is made  # asked again: kept another poll
    memo.columns(second)
    memo.next_poll()
    memo.next_poll()
    assert memo.columns(first) is not made  # two polls without it: made anew
    assert memo.columns(first) == made


@pytest.mark.parametrize("worker", ["tabulates", "digests only"])
def test_the_memo_turns_over_once_a_poll(worker: str) -> None:
    """A digest alone turns it over too, so a worker without tabulation holds
    no more than two polls' columns."""
    memo = ColumnsMemo()
    polls = [(Precinct("p0", "P0", True, (n,)),) for n in range(4)]
    made = []
    for precincts in polls:
        if worker == "tabulates":
            memo.next_poll()
        made.append(memo.columns(precincts))
        memo.digested()
    assert memo.columns(polls[-1]) is made[-1]
    assert memo.columns(polls[0]) is not made[0]


_edge = st.sampled_from([0, 1, 2**63 - 2, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -1])
_any_figure = st.one_of(st.integers(0, 60), _edge, st.integers(-(2**70), 2**70))


@given(
    st.integers(1, 4),
    st.lists(st.tuples(_any_figure, st.integers(-3, 3), st.booleans()), max_size=30),
)
def test_packed_figures_answer_as_the_figures_do(
    count: int, cells: list[tuple[int, int, bool]]
) -> None:
    """Where the packed comparison answers, it is the figure-by-figure one."""
    rows = max(1, len(cells) // count)
    cells = (cells + [(0, 0, False)] * (rows * count))[: rows * count]
    old = [c[0] for c in cells]
    # A move, or a figure near the old one at a field's edge.
    new = [c[0] + c[1] if c[2] else max(0, c[0]) for c in cells]

    def precincts(figures: list[int]) -> tuple[Precinct, ...]:
        return tuple(
            Precinct(f"p{n}", "P", True, tuple(figures[n * count : (n + 1) * count]))
            for n in range(rows)
        )

    answer = no_figure_fell(
        packed_figures(precincts(old)), packed_figures(precincts(new))
    )
    if answer is not None:
        assert answer == all(n >= o for n, o in zip(new, old, strict=True))
    if all(0 <= f < 2**63 for f in old + new):
        assert answer is not None  # every ordinary figure is answered packed


def test_a_figure_too_big_to_pack_is_compared_by_columns() -> None:
    candidates = (Candidate("a", "Ann"),)
    old = Race(
        "r",
        "Mayor",
        Rule(),
        candidates,
        precincts=(Precinct("p0", "U", True, (2**64,)),),
    )
    new = dataclasses.replace(old, precincts=(Precinct("p0", "U", True, (2**64 - 1,)),))
    memo = ColumnsMemo()
    assert packed_figures(old.precincts).packed is None
    (notice,) = reconcile(election(old), election(new), memo).notices
    assert notice.text.endswith(f"corrected down from {2**64:,} to {2**64 - 1:,}")


def test_the_old_snapshots_columns_are_read_not_kept() -> None:
    """Kept, they would hold the old snapshot's precincts a poll longer."""
    memo = ColumnsMemo()
    old = (Precinct("p0", "P0", True, (1, 2)),)
    made = memo.figures(old, current=False)
    assert memo.figures(old, current=False) is not made  # not kept: made anew
    kept = memo.figures(old)
    memo.next_poll()
    assert memo.figures(old, current=False) is kept
    memo.next_poll()
    assert memo.figures(old, current=False) is not kept


def test_figures_after_the_tabulation_match_figures_made_alone() -> None:
    memo = ColumnsMemo()
    precincts = (
        Precinct("p0", "P0", True, (1, 2)),
        Precinct("p1", "P1", False, (3, 4)),
    )
    memo.columns(precincts)
    assert memo.figures(precincts) == packed_figures(precincts)
