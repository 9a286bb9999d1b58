"""The board's words: banner, tags, rows and cutoff label, without a screen."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from electionboard.model import CallOutcome, Race, tabulate
from electionboard.presentation.content import (
    BannerTone,
    Tag,
    age_text,
    banner_for,
    board_content,
    colour_keys,
    rows_for,
)
from electionboard.presentation.text import plain
from tests.builders import UPDATED, call, race


def test_too_early_while_counting() -> None:
    headline, detail, tone = banner_for(tabulate(race([60, 40, 5], remaining=200)))
    assert headline == "TOO EARLY TO CALL"
    assert detail == "50% of precincts reporting; 200 ballots outstanding"
    assert tone is BannerTone.EARLY


def test_too_close_names_the_gap() -> None:
    headline, detail, tone = banner_for(tabulate(race([1000, 995], remaining=1000)))
    assert headline == "TOO CLOSE TO CALL"
    assert detail == "5 votes apart at the cutoff; 1,000 ballots outstanding"
    assert tone is BannerTone.CLOSE


def test_called_runoff_names_both_candidates() -> None:
    standings = tabulate(
        race(
            [500, 400, 100],
            advance=2,
            majority_wins=True,
            remaining=10_000,
            call=call("karen bass", "rick caruso"),
            names=["Karen Bass", "Rick Caruso", "Kevin de León"],
        )
    )
    headline, detail, tone = banner_for(standings, UPDATED)
    assert headline == "KAREN BASS AND RICK CARUSO ADVANCE TO RUNOFF"
    assert detail == "Called by Desk at 1:00 AM"
    assert tone is BannerTone.CALLED


def test_call_on_another_day_gives_the_date() -> None:
    standings = tabulate(race([5, 4], call=call("a", outcome=CallOutcome.WON)))
    _, detail, _ = banner_for(standings, UPDATED + dt.timedelta(days=3))
    assert detail == "Called by Desk at Jun 8, 1:00 AM"


def test_math_decided_winner_with_reason() -> None:
    standings = tabulate(
        race([1000, 700, 100], remaining=299, names=["Ann", "Bo", "Cy"])
    )
    headline, detail, tone = banner_for(standings)
    assert headline == "ANN WINS"
    assert detail == "Bo needs 300 more votes than Ann gains; only 299 remain"
    assert tone is BannerTone.DECIDED


def test_no_votes_yet() -> None:
    assert banner_for(tabulate(race([0, 0])))[0] == "AWAITING FIRST RESULTS"


def test_rows_beyond_the_limit_become_others() -> None:
    standings = tabulate(race([50, 40, 30, 20, 10], remaining=1000))
    rows = rows_for(standings, max_rows=3)
    assert [r.key for r in rows] == ["a", "b", "__others__"]
    assert rows[-1].name == "3 OTHERS"
    assert rows[-1].votes == 60
    # A share axis, not the leader's bar: the others' 40% sets it at 50%.
    assert rows[0].bar_fraction == pytest.approx(100 / 3 / 50)
    assert rows[1].bar_fraction == pytest.approx(80 / 3 / 50)
    assert rows[-1].bar_fraction == pytest.approx(0.8)


def test_tags_follow_call_and_math() -> None:
    standings = tabulate(
        race([600, 300, 99], advance=2, remaining=100, call=call("a", "b"))
    )
    rows = {r.key: r for r in rows_for(standings, 7)}
    assert rows["a"].tag is Tag.ADVANCES
    assert rows["a"].checked
    assert rows["c"].dimmed
    assert rows["c"].tag is Tag.NONE


def test_cutoff_label_and_position() -> None:
    standings = tabulate(race([500, 300, 150], advance=2, remaining=10_000))
    content = board_content(standings, UPDATED)
    assert content.cutoff_after == 2
    assert content.cutoff_label == "TOP TWO · MARGIN 150 (15.8 PTS)"
    assert content.reporting == "1 OF 2 PRECINCTS · 50%"
    assert content.updated == "RESULTS AS OF JUN 8, 1:00 AM"


def test_no_margin_before_any_vote() -> None:
    content = board_content(tabulate(race([0, 0, 0], advance=2)), UPDATED)
    assert content.cutoff_label == "TOP TWO"


def test_party_colours_unless_contenders_share_a_party() -> None:
    mixed = tabulate(race([5, 4, 3]))
    assert set(colour_keys(mixed).values()) == {"slot:0", "slot:1", "slot:2"}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<b>Bold</b>", "<b>Bold</b>"),
        ("Line\nbreak\tand\x00nul", "Line break and nul"),
        ("Right\u202eleft", "Right left"),
        ("  spaced   out ", "spaced out"),
    ],
)
def test_plain_keeps_markup_and_drops_control_characters(raw: str, shown: str) -> None:
    assert plain(raw) == shown


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 S"), (59.9, "59 S"), (61, "1 MIN"), (3_900, "1 H 5 MIN"), (-5, "0 S")],
)
def test_age_text(seconds: float, text: str) -> None:
    assert age_text(seconds) == text


def test_flags_for_desk_figures_and_vanished_races() -> None:
    import dataclasses

    base = race([5, 4])
    gone = dataclasses.replace(base, missing_from_feed=True)
    content = board_content(tabulate(gone), UPDATED, manual=True)
    assert content.flags == ("INCLUDES DESK FIGURES", "NOT IN FEED")
    assert board_content(tabulate(base), UPDATED).flags == ()


def test_notes_for_withdrawn_and_vanished_candidates() -> None:
    import dataclasses

    base = race([5, 4, 3])
    candidates = (
        base.candidates[0],
        dataclasses.replace(base.candidates[1], withdrawn=True),
        dataclasses.replace(base.candidates[2], missing_from_feed=True),
    )
    rows = rows_for(tabulate(dataclasses.replace(base, candidates=candidates)), 7)
    assert [r.note for r in rows] == ["", "WITHDRAWN", "NOT IN FEED"]


def test_totals_only_feed_counts_votes_instead_of_precincts() -> None:
    import dataclasses

    standings = tabulate(
        dataclasses.replace(
            race([5, 3]), precincts_reporting=None, precincts_total=None
        )
    )
    assert board_content(standings, UPDATED).reporting == "8 VOTES COUNTED"


def test_a_called_race_says_when_the_count_is_final() -> None:
    standings = tabulate(
        race([5, 4], final=True, call=call("a", outcome=CallOutcome.WON))
    )
    _, detail, _ = banner_for(standings, UPDATED)
    assert detail == "Called by Desk at 1:00 AM · Final count"


# -- precincts and the outstanding vote ------------------------------------------


def _precincts(reporting: int, total: int, remaining: int | None = None) -> Race:
    base = race([60_000, 40_000], remaining=remaining)
    return dataclasses.replace(
        base, precincts_reporting=reporting, precincts_total=total
    )


@pytest.mark.parametrize(
    ("reporting", "total", "percent"),
    [(2_172, 2_173, 99), (1, 3, 33), (2, 3, 66), (2_173, 2_173, 100), (0, 9, 0)],
)
def test_precinct_percent_rounds_down(reporting: int, total: int, percent: int) -> None:
    standings = tabulate(_precincts(reporting, total, remaining=5))
    assert standings.reporting_percent == percent
    content = board_content(standings, UPDATED)
    if reporting < total:
        assert content.reporting.endswith(f"PRECINCTS · {percent}%")


def test_a_few_precincts_of_thousands_read_under_one_percent() -> None:
    # AP's Florida Senate race early: 17 of 6,089 is 0.28%, never "0%".
    standings = tabulate(_precincts(17, 6_089))
    content = board_content(standings, UPDATED)
    assert content.reporting == "17 OF 6,089 PRECINCTS · UNDER 1%"
    assert content.detail.startswith("Under 1% of precincts reporting; ")


def test_all_precincts_in_with_ballots_left_says_so() -> None:
    standings = tabulate(_precincts(250, 250, remaining=350_000))
    assert board_content(standings, UPDATED).reporting == (
        "ALL PRECINCTS IN · 350,000 BALLOTS LEFT"
    )
    headline, detail, _ = banner_for(standings)
    assert headline == "TOO EARLY TO CALL"
    assert detail == "All precincts in; 350,000 ballots outstanding"


def test_all_precincts_in_and_outstanding_unknown_is_not_too_early() -> None:
    standings = tabulate(_precincts(159, 159))
    headline, detail, tone = banner_for(standings)
    assert headline == "ALL PRECINCTS IN · NOT YET CALLED"
    assert detail == "Outstanding vote unknown"
    assert tone is BannerTone.EARLY
    assert board_content(standings, UPDATED).reporting == "159 OF 159 PRECINCTS · 100%"


def test_outstanding_says_ballots_only_when_the_figure_is_remaining_ballots() -> None:
    # The registered voters yet to vote bound it tighter: votes, not ballots.
    by_registered = tabulate(race([60, 40], remaining=5_000, registered=300))
    assert by_registered.outstanding == 200
    assert banner_for(by_registered)[1].endswith("; 200 votes outstanding")
    by_ballots = tabulate(race([60, 40], remaining=150, registered=300))
    assert banner_for(by_ballots)[1].endswith("; 150 ballots outstanding")
    unknown = tabulate(race([60, 40]))
    assert banner_for(unknown)[1].endswith("; outstanding vote unknown")
