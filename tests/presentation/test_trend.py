"""The trend screen's words and layout, without Qt: the LA night and the rules."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenOptions, TrendMeasure
from electionboard.model.trend import TrendSample
from electionboard.presentation.clock_words import election_zone
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.trend import (
    LABEL_GAP,
    LABEL_PITCH,
    PLOT,
    PLOT_RIGHT_MAX,
    PLOT_RIGHT_MIN,
    label_centres,
    plot_for,
    spread,
    surname,
    trend_content,
)
from electionboard.presentation.trend_axes import (
    GAP_WIDTH,
    time_scale,
    time_ticks,
    uncrowded,
    value_range,
    value_ticks,
)
from electionboard.replay.trend_replay import history_from_recording
from electionboard.resource_paths import sample_night_dir, sample_snapshots
from electionboard.sources import load_election

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
History = dict[str, tuple[TrendSample, ...]]


@pytest.fixture(scope="module")
def la_history() -> History:
    return dict(history_from_recording([sample_night_dir()]))


def la_input(
    history: History,
    measure: TrendMeasure = TrendMeasure.SHARE,
    snapshot: int = -1,
) -> ScreenInput:
    election = load_election(str(sample_snapshots()[snapshot]))
    return ScreenInput(
        election=election,
        standings=tabulate_election(election),
        race_id="la-mayor",
        options=ScreenOptions(measure=measure),
        zone=election_zone(election),
        history=history,
    )


def test_the_la_night_draws_the_top_four_with_end_labels(
    la_history: History,
) -> None:
    content = trend_content(la_input(la_history))
    assert content is not None
    assert content.title == "Mayor of Los Angeles"
    assert content.strap == "SHARE OF THE VOTE OVER THE NIGHT"
    assert [line.label for line in content.lines] == [
        "BASS 43.1%",
        "CARUSO 36.0%",
        "DE LEÓN 7.8%",
        "VIOLA 6.9%",
    ]
    assert content.left_out == 8
    assert content.frame.top == 50.0
    assert [words for _, words in content.value_ticks] == [
        "0%", "10%", "20%", "30%", "40%", "50%",
    ]  # fmt: skip
    assert content.as_of == "AS OF JUL 1 · 5:00 PM PDT"
    # Bass and Caruso share a ballot's party, so ballot order colours them apart.
    keys = [line.colour_key for line in content.lines]
    assert len(set(keys)) == 4


def test_votes_say_counts_on_round_gridlines(
    la_history: History,
) -> None:
    content = trend_content(la_input(la_history, TrendMeasure.VOTES))
    assert content is not None
    assert content.strap == "VOTES OVER THE NIGHT"
    assert content.lines[0].label == "BASS 278,511"
    assert [w for _, w in content.value_ticks] == ["0", "100K", "200K", "300K"]
    # The empty first snapshot counts as a point of 0 votes.
    assert content.lines[0].points[0][1] == 0.0


def test_election_night_alone_reads_in_clock_words(
    la_history: History,
) -> None:
    night = {"la-mayor": la_history["la-mayor"][:13]}
    content = trend_content(la_input(night, snapshot=12))
    assert content is not None
    assert [w for _, w in content.time_ticks] == [
        "9 PM", "10 PM", "11 PM", "12 AM", "1 AM", "2 AM",
    ]  # fmt: skip
    assert content.lines[0].label.startswith("CARUSO")


def test_a_race_the_snapshot_lacks_has_no_trend(
    la_history: History,
) -> None:
    data = la_input(la_history)
    assert trend_content(ScreenInput(data.election, data.standings, "nope")) is None


def test_before_any_vote_there_is_a_message_and_no_line() -> None:
    data = la_input({})
    content = trend_content(data)
    assert content is not None
    assert content.lines == ()
    assert content.message == "NO VOTES COUNTED YET"


def test_days_of_counting_read_as_dates() -> None:
    start = dt.datetime(2022, 6, 7, 20, 30, tzinfo=LA)
    ticks = time_ticks(start, dt.datetime(2022, 7, 1, 17, tzinfo=LA), LA)
    assert 2 <= len(ticks) <= 6
    assert all(words.startswith(("JUN", "JUL")) for _, words in ticks)
    assert [t for t, _ in ticks] == sorted(t for t, _ in ticks)


def test_half_hours_are_said_with_their_minutes() -> None:
    start = dt.datetime(2022, 6, 7, 20, 10, tzinfo=LA)
    ticks = time_ticks(start, start + dt.timedelta(minutes=170), LA)
    assert [w for _, w in ticks] == [
        "8:30 PM", "9 PM", "9:30 PM", "10 PM", "10:30 PM", "11 PM",
    ]  # fmt: skip


@given(st.floats(min_value=0, max_value=100))
def test_the_share_axis_tops_a_round_ten_above_every_point(largest: float) -> None:
    top, step = value_range(largest, TrendMeasure.SHARE)
    assert top >= largest
    assert top % 10 == 0
    assert len(value_ticks(top, step, TrendMeasure.SHARE)) <= 7


@given(st.integers(min_value=0, max_value=10**9))
def test_the_votes_axis_takes_a_few_round_whole_steps(largest: int) -> None:
    top, step = value_range(largest, TrendMeasure.VOTES)
    assert top >= largest
    assert step.is_integer()
    assert 2 <= len(value_ticks(top, step, TrendMeasure.VOTES)) <= 6


def test_surnames_keep_particles_and_drop_given_names() -> None:
    assert surname("Karen Bass") == "Bass"
    assert surname("Kevin de León") == "de León"
    assert surname('John "Jsamuel" Jackson') == "Jackson"
    assert surname("Cher") == "Cher"


@given(
    st.lists(st.floats(min_value=PLOT.top, max_value=PLOT.bottom), max_size=6),
)
def test_end_labels_never_overlap_keep_order_and_stay_in_the_plot(
    wanted: list[float],
) -> None:
    placed = spread(wanted, LABEL_PITCH, PLOT.top, PLOT.bottom)
    assert len(placed) == len(wanted)
    ordered = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    heights = [placed[i] for i in ordered]
    for above, below in itertools.pairwise(heights):
        assert below - above >= LABEL_PITCH - 1e-6
    assert all(PLOT.top - 1e-6 <= y <= PLOT.bottom + 1e-6 for y in placed)


@given(st.lists(st.floats(min_value=0, max_value=500), min_size=1, max_size=4))
def test_labels_far_apart_stay_where_their_lines_end(gaps: list[float]) -> None:
    wanted = []
    y = PLOT.top
    for gap in gaps:
        y += LABEL_PITCH + gap
        wanted.append(y)
    if wanted[-1] <= PLOT.bottom:
        assert spread(wanted, LABEL_PITCH, PLOT.top, PLOT.bottom) == pytest.approx(
            wanted
        )


def test_la_labels_sit_apart_even_where_lines_bunch(
    la_history: History,
) -> None:
    content = trend_content(la_input(la_history))
    assert content is not None
    centres = label_centres(content)
    # De León and Viola end a point apart: their labels are pushed apart.
    assert abs(centres[2] - centres[3]) >= LABEL_PITCH - 1e-6


def test_weeks_of_counting_do_not_squeeze_the_night(
    la_history: History,
) -> None:
    content = trend_content(la_input(la_history))
    assert content is not None
    bass = content.lines[0].points
    night_end = bass[11][0]  # 2:05 AM, the semi-final count
    share = (night_end - content.frame.start) / (
        content.frame.end - content.frame.start
    )
    assert 0.3 < share < 0.7, "election night keeps a fair part of the axis"
    assert len(content.breaks) == 7
    words = [w for _, w in content.time_ticks]
    assert words[:3] == ["9 PM", "10 PM", "11 PM"]
    assert "JUN 14" in words


def test_a_time_scale_is_real_time_until_a_long_wait() -> None:
    start = dt.datetime(2022, 6, 7, 20, 0, tzinfo=LA)
    moments = [start + dt.timedelta(hours=h) for h in (0, 1, 2, 50, 51)]
    scale = time_scale(moments)
    positions = [scale.position(m.timestamp()) for m in moments]
    assert positions[1] - positions[0] == 3600
    assert positions[3] - positions[2] == GAP_WIDTH
    assert positions[4] - positions[3] == 3600
    assert scale.breaks == (positions[2] + GAP_WIDTH / 2,)


@given(
    st.lists(st.integers(min_value=0, max_value=30 * 86_400), min_size=1, max_size=40)
)
def test_a_time_scale_keeps_the_order_of_moments(offsets: list[int]) -> None:
    start = dt.datetime(2022, 6, 7, 20, 0, tzinfo=LA)
    moments = sorted({start + dt.timedelta(seconds=o) for o in offsets})
    scale = time_scale(moments)
    positions = [scale.position(m.timestamp()) for m in moments]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=2000),
            st.floats(min_value=1, max_value=200),
        ),
        max_size=20,
    )
)
def test_time_words_kept_never_crowd_each_other(
    ticks: list[tuple[float, float]],
) -> None:
    kept = [tick for tick, ok in zip(ticks, uncrowded(ticks, 20.0), strict=True) if ok]
    for i, (a, wa) in enumerate(kept):
        for b, wb in kept[i + 1 :]:
            assert abs(a - b) >= (wa + wb) / 2 + 20.0
    if ticks:
        assert kept[0] == ticks[0], "the most telling word is always kept"


@given(st.lists(st.text(min_size=1, max_size=40), max_size=4))
def test_the_plot_leaves_the_widest_label_its_room_within_bounds(
    labels: list[str],
) -> None:
    plot = plot_for(labels, lambda text: 22.0 * len(text))
    assert PLOT_RIGHT_MIN <= plot.right <= PLOT_RIGHT_MAX
    widest = max((22.0 * len(text) for text in labels), default=0.0)
    if labels and plot.right > PLOT_RIGHT_MIN:
        assert plot.right + LABEL_GAP + widest <= 1824.0
    assert (plot.left, plot.top, plot.bottom) == (PLOT.left, PLOT.top, PLOT.bottom)
    assert plot_for(labels, None) == PLOT
