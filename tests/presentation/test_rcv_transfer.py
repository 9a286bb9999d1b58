"""The transfer between rounds conserves every vote, at every point of it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import RcvRound, RcvTabulation
from electionboard.model.rcv import Transfer
from electionboard.presentation.rcv_rounds import (
    HEADROOM,
    OTHERS,
    incoming_spans,
    rounds_view,
    transfer_frame,
)
from tests.presentation.rcv_contest import BALLOTS, ROUNDS

SAMPLES = (0.0, 0.1, 0.25, 0.5, 0.73, 0.9, 1.0)


def alaska() -> RcvTabulation:
    return RcvTabulation(ROUNDS, ("peltola",), BALLOTS)


def test_into_round_three_begich_drains_into_peltola_palin_and_inactive() -> None:
    view = rounds_view(alaska(), 3, max_rows=7)
    # Every round keeps every row: the latest out (Begich) right after the
    # continuing, then the write-ins, out in round 1.
    assert view.keys == ("peltola", "palin", "begich", "writein")
    half = transfer_frame(view, 0.5)
    assert half.bar("peltola").own == 75_917
    assert half.bar("peltola").incoming == (("begich", 15_349 / 2),)
    assert half.bar("palin").incoming == (("begich", 26_387 / 2),)
    assert half.bar("begich").total == pytest.approx(54_956 / 2)
    assert half.inactive == pytest.approx(756 + 13_220 / 2)
    for t in SAMPLES:
        assert transfer_frame(view, t).counted == pytest.approx(BALLOTS)
    end = transfer_frame(view, 1.0)
    assert [bar.total for bar in end.bars] == [91_266, 86_026, 0, 0]
    assert end.inactive == 13_976


def test_one_scale_for_every_round_so_a_moved_vote_keeps_its_length() -> None:
    views = [rounds_view(alaska(), n, max_rows=7) for n in (1, 2, 3)]
    assert len({view.scale_votes for view in views}) == 1
    # Round 1's threshold (half of 191,268) is the most anything reaches.
    assert views[0].scale_votes == pytest.approx(BALLOTS / 2 * HEADROOM)


def test_arriving_votes_sit_where_the_bar_stood_before_the_transfer() -> None:
    view = rounds_view(alaska(), 3, max_rows=7)
    bar = transfer_frame(view, 0.4).bar("palin")
    ((source, start, end),) = incoming_spans(view, "palin", 0.4, bar.total)
    assert source == "begich"
    assert start == pytest.approx(59_639)
    assert end - start == pytest.approx(26_387 * 0.4)
    assert incoming_spans(view, "begich", 0.4, 1.0) == ()


def test_published_rounds_without_transfers_are_derived_from_the_changes() -> None:
    bare = tuple(
        RcvRound(r.number, r.tallies, r.inactive, r.eliminated, r.elected)
        for r in ROUNDS
    )
    view = rounds_view(RcvTabulation(bare, ("peltola",), BALLOTS), 3, max_rows=7)
    flows = {(f.source, f.target): f.votes for f in view.flows}
    assert flows == {
        ("begich", "peltola"): 15_349,
        ("begich", "palin"): 26_387,
        ("begich", None): 13_220,
    }


@st.composite
def tables(draw: st.DrawFn) -> tuple[RcvTabulation, int]:
    """A consistent round table: last place out each round, its votes split."""
    count = draw(st.integers(2, 7))
    names = [f"c{i}" for i in range(count)]
    votes = dict(
        zip(
            names,
            draw(st.lists(st.integers(0, 5000), min_size=count, max_size=count)),
            strict=True,
        )
    )
    inactive = draw(st.integers(0, 300))
    ballots = sum(votes.values()) + inactive
    published = draw(st.booleans())
    rounds: list[RcvRound] = []
    transfers: tuple[Transfer, ...] = ()
    while True:
        order = sorted(votes, key=lambda c: (-votes[c], c))
        tallies = tuple((c, votes[c]) for c in order)
        out = () if len(order) <= 1 else (order[-1],)
        rounds.append(
            RcvRound(
                len(rounds) + 1,
                tallies,
                inactive,
                out,
                (),
                transfers if published else (),
            )
        )
        if not out:
            break
        loser = out[0]
        left = votes.pop(loser)
        moves = []
        for target in [*sorted(votes), None]:
            moved = left if target is None else draw(st.integers(0, left))
            left -= moved
            moves.append(Transfer(loser, target, moved))
            if target is None:
                inactive += moved
            else:
                votes[target] += moved
        transfers = tuple(moves)
    return RcvTabulation(tuple(rounds), (), ballots), draw(st.integers(2, 7))


@given(tables(), st.data())
def test_bars_plus_inactive_are_the_ballots_at_every_point(
    table: tuple[RcvTabulation, int], data: st.DataObject
) -> None:
    tabulation, max_rows = table
    number = data.draw(st.integers(1, len(tabulation.rounds)))
    view = rounds_view(tabulation, number, max_rows)
    assert len(view.keys) <= max_rows
    assert len(set(view.keys)) == len(view.keys)
    for t in (*SAMPLES, data.draw(st.floats(0, 1))):
        frame = transfer_frame(view, t)
        assert frame.counted == pytest.approx(tabulation.ballots)
        assert all(bar.total >= -1e-9 for bar in frame.bars)
    start, end = transfer_frame(view, 0.0), transfer_frame(view, 1.0)
    assert [bar.total for bar in start.bars] == pytest.approx(list(view.previous))
    assert [bar.total for bar in end.bars] == pytest.approx(list(view.votes))
    assert end.inactive == pytest.approx(view.inactive)
    # Every candidate's bar fits the track (a grouped "others" bar may not).
    singles = [v for k, v in zip(view.keys, view.votes, strict=True) if k != OTHERS]
    assert view.fraction(max(singles, default=0)) <= 1.0
    if OTHERS in view.keys:
        assert view.keys[-1] == OTHERS
