"""Reconcile: corrections flagged, vanished races and candidates kept."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import Candidate, Precinct, Race, Rule, tabulate
from electionboard.model.reconcile import NoticeKind, reconcile
from tests.builders import election, race


def precinct_race(votes: tuple[int, int], *, with_b: bool = True) -> Race:
    candidates = (Candidate("a", "Ann"), Candidate("b", "Bo"))
    if not with_b:
        return Race(
            id="r2",
            name="Precincts",
            rule=Rule(),
            candidates=candidates[:1],
            precincts=(Precinct("p1", "North", True, votes[:1]),),
        )
    return Race(
        id="r2",
        name="Precincts",
        rule=Rule(),
        candidates=candidates,
        precincts=(Precinct("p1", "North", True, votes),),
    )


def test_first_snapshot_passes_through() -> None:
    new = election(race([1, 2]))
    assert reconcile(None, new).election is new


def test_lowered_precinct_figure_is_applied_and_flagged() -> None:
    result = reconcile(
        election(precinct_race((50, 40))), election(precinct_race((45, 41)))
    )
    assert result.election.race("r2").precincts[0].votes == (45, 41)
    (notice,) = result.notices
    assert notice.kind is NoticeKind.CORRECTION
    assert notice.text == "Precincts, precinct North: Ann corrected down from 50 to 45"


def test_lowered_total_is_flagged() -> None:
    result = reconcile(election(race([50, 40])), election(race([50, 39])))
    assert [n.kind for n in result.notices] == [NoticeKind.CORRECTION]


def test_vanished_race_is_kept_and_marked_once() -> None:
    first = election(race([5, 3]), precinct_race((1, 1)))
    second = election(precinct_race((2, 2)))
    result = reconcile(first, second)
    kept = result.election.race("r1")
    assert kept.missing_from_feed
    assert kept.totals == (5, 3)
    assert [n.kind for n in result.notices] == [NoticeKind.RACE_MISSING]
    again = reconcile(result.election, second)
    assert again.election.race("r1").missing_from_feed
    assert again.notices == ()


def test_vanished_candidate_keeps_last_votes() -> None:
    result = reconcile(
        election(precinct_race((10, 30))),
        election(precinct_race((12, 0), with_b=False)),
    )
    kept = result.election.race("r2")
    assert [c.id for c in kept.candidates] == ["a", "b"]
    assert kept.candidates[1].missing_from_feed
    assert kept.precincts[0].votes == (12, 30)
    assert tabulate(kept).standing("b").votes == 30
    assert result.notices[0].kind is NoticeKind.CANDIDATE_MISSING
    assert "keeping 30 votes" in result.notices[0].text


def test_unchanged_snapshot_has_no_notices() -> None:
    first = election(precinct_race((10, 30)))
    second = dataclasses.replace(first)
    assert reconcile(first, second).notices == ()


def test_a_fall_in_one_precinct_among_rises_is_flagged() -> None:
    # The same candidates and precincts in the same order: the quick check.
    candidates = (Candidate("a", "Ann"), Candidate("b", "Bo"))

    def make(votes: list[tuple[int, int]]) -> Race:
        units = tuple(
            Precinct(f"p{n}", f"Unit {n}", True, v) for n, v in enumerate(votes)
        )
        return Race("r", "Mayor", Rule(), candidates, precincts=units)

    old = make([(10, 10), (20, 20), (30, 30)])
    new = make([(11, 12), (21, 19), (31, 30)])
    (notice,) = reconcile(election(old), election(new)).notices
    assert notice.text == "Mayor, precinct Unit 1: Bo corrected down from 20 to 19"
    rises = make([(10, 11), (20, 20), (31, 30)])
    assert reconcile(election(old), election(rises)).notices == ()
    # Listed in another order and compared position by position, Unit 0's
    # fall from 10 to 9 would hide behind Unit 1's rise.
    before = make([(10, 10), (5, 5)])
    after = dataclasses.replace(
        before,
        precincts=(
            Precinct("p1", "Unit 1", True, (10, 10)),
            Precinct("p0", "Unit 0", True, (9, 10)),
        ),
    )
    (notice,) = reconcile(election(before), election(after)).notices
    assert notice.text == "Mayor, precinct Unit 0: Ann corrected down from 10 to 9"

    # The same with the candidates listed the other way round.
    # (Bo rises from 5 to 10 where Ann was, and Ann falls to 9 where Bo was.)
    ann_first = make([(10, 5)])
    turned = dataclasses.replace(
        ann_first,
        candidates=candidates[::-1],
        precincts=(Precinct("p0", "Unit 0", True, (10, 9)),),
    )
    (notice,) = reconcile(election(ann_first), election(turned)).notices
    assert notice.text == "Mayor, precinct Unit 0: Ann corrected down from 10 to 9"

    # Candidates listed the other way round with the very same tuple: Bo's
    # 5 is now Ann's, so Ann fell from 10 to 5 (found by hypothesis below).
    unmoved = dataclasses.replace(ann_first, candidates=candidates[::-1])
    notices = reconcile(election(ann_first), election(unmoved)).notices
    assert [n.text for n in notices] == [
        "Mayor, precinct Unit 0: Ann corrected down from 10 to 5"
    ]


@st.composite
def two_snapshots(draw: st.DrawFn) -> tuple[Race, Race]:
    """A race and the next snapshot of it: figures up or down, maybe reordered."""
    count = draw(st.integers(1, 4))
    units = draw(st.integers(1, 5))
    candidates = tuple(Candidate(f"c{i}", f"Cand {i}") for i in range(count))
    old_votes = [
        tuple(draw(st.integers(0, 50)) for _ in range(count)) for _ in range(units)
    ]
    new_votes = [
        tuple(max(0, v + draw(st.integers(-2, 3))) for v in row) for row in old_votes
    ]
    old = Race(
        "r",
        "Race",
        Rule(),
        candidates,
        precincts=tuple(
            Precinct(f"p{n}", f"P{n}", True, v) for n, v in enumerate(old_votes)
        ),
    )
    order = draw(st.permutations(range(count)))
    rows = draw(st.permutations(range(units)))
    new = Race(
        "r",
        "Race",
        Rule(),
        tuple(candidates[i] for i in order),
        precincts=tuple(
            Precinct(f"p{n}", f"P{n}", True, tuple(new_votes[n][i] for i in order))
            for n in rows
        ),
    )
    return old, new


@given(two_snapshots())
def test_every_fall_is_flagged_whatever_the_order(pair: tuple[Race, Race]) -> None:
    old, new = pair
    before = {p.id: p for p in old.precincts}
    old_index = {c.id: i for i, c in enumerate(old.candidates)}
    expected = [
        f"Race, precinct {p.name}: {c.name} corrected down from "
        f"{before[p.id].votes[old_index[c.id]]:,} to {p.votes[i]:,}"
        for p in new.precincts
        for i, c in enumerate(new.candidates)
        if p.votes[i] < before[p.id].votes[old_index[c.id]]
    ]
    notices = reconcile(election(old), election(new)).notices
    assert [n.text for n in notices] == expected


def test_a_race_shown_last_poll_itself_passes_through_as_a_copy_would() -> None:
    same = precinct_race((50, 40))
    first = election(race([5, 3]), same)
    second = election(race([5, 4]), same)
    copied = election(race([5, 4]), dataclasses.replace(same))
    result = reconcile(first, second)
    assert result.election.race("r2") is same
    assert result == reconcile(first, copied)
