"""LiveResults: newest snapshot wins, desk calls recompute, subscribers hear."""

from __future__ import annotations

import dataclasses
import datetime as dt

from electionboard.model import CallOutcome, RaceStatus
from electionboard.model.live import LiveResults, ResultsChanged, future_stamp_refusal
from tests.builders import UPDATED, call, election, race


def test_applies_newer_and_drops_older_snapshots() -> None:
    live = LiveResults()
    heard: list[ResultsChanged] = []
    live.subscribe(heard.append)
    first = election(race([10, 5]))
    newer = dataclasses.replace(
        election(race([20, 5])), updated=first.updated + dt.timedelta(minutes=5)
    )
    assert live.apply_snapshot(first)
    assert live.apply_snapshot(newer)
    assert not live.apply_snapshot(first)
    assert live.election == newer
    assert [c.standings[0].total_votes for c in heard] == [15, 25]


def test_desk_calls_recompute_standings() -> None:
    live = LiveResults()
    live.apply_snapshot(election(race([10, 5])))
    race_standings = live.race_standings("r1")
    assert race_standings is not None
    assert race_standings.status is RaceStatus.COUNTING
    live.set_desk_state({}, {"r1": call("a", outcome=CallOutcome.WON)})
    race_standings = live.race_standings("r1")
    assert race_standings is not None
    assert race_standings.status is RaceStatus.CALLED
    assert live.race_standings("nope") is None


def test_desk_entries_overlay_the_feed_and_release_restores_it() -> None:
    from electionboard.model import Candidate, Precinct, Race, Rule

    feed_race = Race(
        id="r1",
        name="Race",
        rule=Rule(),
        candidates=(Candidate("a", "A"), Candidate("b", "B")),
        precincts=(
            Precinct("p1", "One", False, (0, 0)),
            Precinct("p2", "Two", True, (5, 1)),
        ),
    )
    live = LiveResults()
    heard: list[ResultsChanged] = []
    live.subscribe(heard.append)
    live.apply_snapshot(election(feed_race))
    live.set_desk_state({("r1", "p1"): {"a": 10, "b": 20}}, {})
    shown = live.race_standings("r1")
    assert shown is not None
    assert [s.votes for s in shown.candidates] == [21, 15]
    assert shown.precincts_reporting == 2
    assert heard[-1].manual_races == frozenset({"r1"})
    live.set_desk_state({}, {})
    shown = live.race_standings("r1")
    assert shown is not None
    assert shown.total_votes == 6
    assert live.manual_races == frozenset()


def test_standings_tabulated_elsewhere_are_reused_for_untouched_races() -> None:
    from electionboard.model import tabulate_election

    snapshot = election(race([10, 5]))
    given = tabulate_election(snapshot)
    live = LiveResults()
    live.apply_snapshot(snapshot, given)
    assert live.race_standings("r1") is given[0]
    # A desk call makes a new race object, which is tabulated afresh.
    live.set_desk_state({}, {"r1": call("a", outcome=CallOutcome.WON)})
    shown = live.race_standings("r1")
    assert shown is not given[0]
    assert shown is not None
    assert shown.status is RaceStatus.CALLED


def test_a_rehearsal_that_loops_starts_the_night_over() -> None:
    late = dataclasses.replace(
        election(race([50, 40])), updated=UPDATED + dt.timedelta(hours=5), test=True
    )
    early = dataclasses.replace(election(race([5, 4])), test=True)
    live = LiveResults()
    assert live.apply_snapshot(late)
    assert live.apply_snapshot(early)
    shown = live.race_standings("r1")
    assert shown is not None
    assert shown.total_votes == 9
    # Real data never goes back in time.
    real_late = dataclasses.replace(late, test=False)
    live = LiveResults()
    live.apply_snapshot(real_late)
    assert not live.apply_snapshot(dataclasses.replace(early, test=False))


def test_older_answers_are_counted_and_the_newest_can_be_accepted() -> None:
    live = LiveResults()
    future = dataclasses.replace(
        election(race([90, 5])), updated=dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
    )
    real = election(race([10, 5]))
    later = dataclasses.replace(
        election(race([20, 5])), updated=real.updated + dt.timedelta(minutes=1)
    )
    assert live.apply_snapshot(future)
    assert live.older_in_a_row == 0
    assert not live.apply_snapshot(real)
    assert not live.apply_snapshot(later)
    assert live.older_in_a_row == 2
    assert live.newest_ignored == later
    assert live.accept_ignored() == later
    assert live.election == later
    assert live.older_in_a_row == 0
    assert [live.newest_ignored] == [None]
    assert live.accept_ignored() is None  # nothing ignored any more
    newer = dataclasses.replace(later, updated=later.updated + dt.timedelta(minutes=1))
    assert live.apply_snapshot(newer)  # the board follows the feed again


def test_a_stamp_far_ahead_of_the_clock_is_refused() -> None:
    now = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
    assert future_stamp_refusal(now + dt.timedelta(minutes=15), now) is None
    assert future_stamp_refusal(now - dt.timedelta(days=400), now) is None
    assert future_stamp_refusal(now + dt.timedelta(hours=3, minutes=12), now) == (
        "the feed's answer is stamped 3 h 12 min ahead of this machine's clock; refused"
    )
    assert "16 min ahead" in (
        future_stamp_refusal(now + dt.timedelta(minutes=16), now) or ""
    )
    far = dt.datetime.fromisoformat("9999-12-31T23:59:59+14:00")
    assert "days ahead" in (future_stamp_refusal(far, now) or "")
    # The clock's UTC reading labelled -05:00 (zones mixed up): five hours ahead.
    mislabelled = now.replace(tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert "5 h 0 min" in (future_stamp_refusal(mislabelled, now) or "")


def test_the_threshold_lives_in_one_place_and_the_worker_uses_it() -> None:
    from electionboard.model import tabulate_election

    snapshot = election(race([50, 45], remaining=100))
    live = LiveResults(too_close_share=0.5)
    assert live.too_close_share == 0.5
    worked = live.tabulate_election(snapshot)  # what the poll worker runs
    assert worked == tabulate_election(snapshot, too_close_share=0.5)
    assert live.apply_snapshot(snapshot, worked)
    assert live.race_standings("r1") is worked[0]  # reused, not recomputed


def test_notices_belong_to_the_latest_snapshot_shown() -> None:
    first = election(race([10, 5]))
    gone = dataclasses.replace(
        election(), updated=first.updated + dt.timedelta(minutes=5)
    )
    live = LiveResults()
    live.apply_snapshot(first)
    assert not live.notices
    live.apply_snapshot(gone)
    assert [n.race_id for n in live.notices] == ["r1"]
    live.set_desk_state({}, {})  # a desk change tells nothing new
    assert [n.race_id for n in live.notices] == ["r1"]


def test_a_race_the_next_answer_cannot_read_keeps_its_figures_marked() -> None:
    live = LiveResults()
    good = race([600, 400])
    live.apply_snapshot(election(good))
    broken = dataclasses.replace(
        good, totals=None, problems=("votes: more than registered voters",)
    )
    later = dataclasses.replace(
        election(broken), updated=UPDATED + dt.timedelta(minutes=5)
    )
    assert live.apply_snapshot(later)
    (shown,) = live.standings
    assert [s.votes for s in shown.candidates] == [600, 400]
    assert shown.race.problems == ("votes: more than registered voters",)
    fixed = dataclasses.replace(
        election(race([700, 400])), updated=UPDATED + dt.timedelta(minutes=10)
    )
    assert live.apply_snapshot(fixed)
    (shown,) = live.standings
    assert [s.votes for s in shown.candidates] == [700, 400]
    assert shown.race.problems == ()
