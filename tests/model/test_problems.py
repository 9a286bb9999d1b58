"""A race with a problem keeps its last good figures, marked."""

from __future__ import annotations

from dataclasses import replace

from electionboard.model.problems import keep_last_good, keep_last_good_election
from tests.builders import election, race


def test_a_broken_race_keeps_the_figures_held_before() -> None:
    good = race([100, 50])
    broken = replace(race([0, 0]), totals=None, problems=("totals: unknown 'zz'",))
    kept = keep_last_good(good, broken)
    assert kept.totals == (100, 50)
    assert kept.problems == ("totals: unknown 'zz'",)


def test_fresh_figures_or_no_history_win() -> None:
    good = race([100, 50])
    broken = replace(race([0, 0]), totals=None, problems=("bad",))
    assert keep_last_good(None, broken) is broken
    newer = replace(race([120, 60]), problems=("vote types disagree",))
    assert keep_last_good(good, newer) is newer
    assert keep_last_good(good, race([130, 70])).totals == (130, 70)


def test_applied_race_by_race_over_an_election() -> None:
    held = election(race([100, 50]))
    fresh = election(replace(race([0, 0]), totals=None, problems=("bad",)))
    (kept,) = keep_last_good_election(held, fresh).races
    assert kept.totals == (100, 50)
    assert kept.problems == ("bad",)
    assert keep_last_good_election(None, fresh) is fresh
