"""The desk's overlay: manual precinct figures and desk calls over a feed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from electionboard.model import (
    Call,
    CallOutcome,
    Candidate,
    Election,
    Precinct,
    Race,
    Rule,
    tabulate,
)
from electionboard.model.overlay import (
    DropNotConfirmed,
    EntryRejected,
    apply_overlay,
    check_call,
    check_entry,
)

AT = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
DESK = Call(CallOutcome.ADVANCE, ("a", "b"), "Ann", AT)


def feed(*, totals: bool = False) -> Election:
    precincts = (
        Precinct("p1", "One", True, (10, 20), 100),
        Precinct("p2", "Two", False, (0, 0), 100),
    )
    race = Race(
        id="r",
        name="Race",
        rule=Rule(advance=2),
        candidates=(Candidate("a", "A"), Candidate("b", "B")),
        precincts=precincts,
        totals=(40, 20) if totals else None,
        call=Call(CallOutcome.WON, ("a",), "Feed desk"),
    )
    other = dataclasses.replace(race, id="s", name="Other")
    return Election("e", "E", dt.date(2022, 6, 7), AT, races=(race, other))


def test_an_entry_replaces_the_precinct_and_marks_it_reporting() -> None:
    result = apply_overlay(feed(), {("r", "p2"): {"a": 5, "b": 7}}, {})
    race = result.election.race("r")
    assert race.precincts[1] == Precinct("p2", "Two", True, (5, 7), 100)
    assert race.precincts[0] == feed().race("r").precincts[0]
    assert tabulate(race).total_votes == 42
    assert result.manual_races == frozenset({"r"})
    assert result.election.race("s") == feed().race("s")


def test_aligned_tuples_are_accepted_and_lengths_checked() -> None:
    result = apply_overlay(feed(), {("r", "p1"): (1, 2)}, {})
    assert result.election.race("r").precincts[0].votes == (1, 2)
    with pytest.raises(ValueError, match="3 figures for 2 candidates"):
        apply_overlay(feed(), {("r", "p1"): (1, 2, 3)}, {})


def test_mapping_entries_tolerate_a_changed_candidate_list() -> None:
    result = apply_overlay(feed(), {("r", "p1"): {"a": 3, "gone": 9}}, {})
    assert result.election.race("r").precincts[0].votes == (3, 0)


def test_feed_totals_move_by_the_entrys_difference() -> None:
    result = apply_overlay(feed(totals=True), {("r", "p1"): {"a": 15, "b": 20}}, {})
    assert result.election.race("r").totals == (45, 20)


def test_entries_hold_against_the_feed_until_released_by_default() -> None:
    reported = feed()
    result = apply_overlay(reported, {("r", "p1"): {"a": 1, "b": 1}}, {})
    assert result.election.race("r").precincts[0].votes == (1, 1)
    assert result.superseded == frozenset()


def test_optionally_the_feed_takes_over_once_it_reports_figures() -> None:
    entries = {("r", "p1"): {"a": 1, "b": 1}, ("r", "p2"): {"a": 2, "b": 2}}
    result = apply_overlay(feed(), entries, {}, release_when_feed_reports=True)
    race = result.election.race("r")
    assert race.precincts[0].votes == (10, 20)
    assert race.precincts[1].votes == (2, 2)
    assert result.superseded == frozenset({("r", "p1")})
    assert result.manual_races == frozenset({"r"})
    only_p1 = apply_overlay(
        feed(), {("r", "p1"): (1, 1)}, {}, release_when_feed_reports=True
    )
    assert only_p1.manual_races == frozenset()


def test_entries_the_snapshot_lacks_are_kept_aside() -> None:
    entries = {("r", "p9"): (1, 1), ("zz", "p1"): (1, 1)}
    result = apply_overlay(feed(), entries, {})
    assert result.unmatched == frozenset(entries)
    assert result.election == feed()
    assert result.manual_races == frozenset()


def test_desk_calls_replace_the_feeds_and_absent_ones_leave_it() -> None:
    result = apply_overlay(feed(), {}, {"r": DESK})
    assert result.election.race("r").call == DESK
    assert result.election.race("s").call == feed().race("s").call
    assert tabulate(result.election.race("r")).call == DESK


def test_check_entry_returns_aligned_votes() -> None:
    assert check_entry(feed(), "r", "p2", {"b": 3, "a": 4}) == (4, 3)


def test_a_drop_counts_from_the_higher_of_feed_and_earlier_entry() -> None:
    with pytest.raises(DropNotConfirmed, match="falls from 30 to 29"):
        check_entry(feed(), "r", "p1", {"a": 9, "b": 20})
    with pytest.raises(DropNotConfirmed, match="falls from 50 to 40"):
        check_entry(feed(), "r", "p1", {"a": 20, "b": 20}, recorded_total=50)
    assert check_entry(
        feed(), "r", "p1", {"a": 0, "b": 0}, recorded_total=50, confirm_drop=True
    ) == (0, 0)


def test_rejections_carry_a_message_per_field() -> None:
    with pytest.raises(EntryRejected) as caught:
        check_entry(feed(), "r", "p1", {"a": -2, "b": 1.5})  # type: ignore[dict-item]
    assert set(caught.value.problems) == {"votes.a", "votes.b"}
    assert "votes.a: votes cannot be negative" in str(caught.value)


def test_check_call_follows_the_rule() -> None:
    check_call(feed(), "r", CallOutcome.ADVANCE, ["a", "b"])
    check_call(feed(), "r", CallOutcome.TOO_CLOSE, [])
    with pytest.raises(EntryRejected, match="1 to 2"):
        check_call(feed(), "r", CallOutcome.ADVANCE, [])
    runoff = dataclasses.replace(
        feed().race("r"), rule=Rule(advance=2, majority_wins=True)
    )
    check_call(
        dataclasses.replace(feed(), races=(runoff,)), "r", CallOutcome.WON, ["a"]
    )
    with pytest.raises(EntryRejected, match="nobody wins Race outright"):
        check_call(feed(), "r", CallOutcome.WON, ["a"])
