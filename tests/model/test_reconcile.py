"""Reconcile: corrections flagged, vanished races and candidates kept."""

from __future__ import annotations

import dataclasses

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
