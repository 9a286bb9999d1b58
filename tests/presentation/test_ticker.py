"""The ticker's words, its offset and its plan of where each segment crawls."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation import ticker as tk
from tests import builders
from tests.ui.screens.strip_inputs import la_night, made_up

WINDOW = 1000.0
GAP = 50.0


def measure(segment: tk.Segment) -> float:
    """Ten pixels a character: widths follow the words, as fonts do."""
    return 10.0 * len(segment.text)


def seg(race_id: str, words: str = "") -> tk.Segment:
    return tk.Segment(
        race_id, (tk.Run(words or race_id.upper() * 10, tk.RunKind.TITLE),)
    )


def test_the_la_segment_reads_like_a_ticker() -> None:
    segment = tk.segment_for(la_night(-1).standings[0])
    assert segment.text == (
        "MAYOR OF LOS ANGELES · ✓ Bass 43.1% · ✓ Caruso 36.0% · de León 7.8% · 100% in"
    )


def test_one_seat_names_two_and_a_race_with_no_votes_names_none() -> None:
    data = made_up()
    by_id = {s.race.id: s for s in data.standings}
    assert tk.segment_for(by_id["gov"]).text == (
        "GOVERNOR · ✓ Lee 49.7% · Park 48.3% · 50% in"
    )
    # Precincts in but no votes: nothing to rank, so no names.
    assert tk.segment_for(by_id["cd1"]).text == "U.S. HOUSE · DISTRICT 1 · 50% in"
    empty = tabulate(dataclasses.replace(builders.race([0, 0]), precincts_reporting=0))
    assert tk.reporting_words(empty) == "no votes yet"
    estimate = dataclasses.replace(
        tabulate(builders.race([10, 5])), expected_share_counted=62.9
    )
    assert tk.reporting_words(estimate) == "est. 62% in"


@given(
    st.floats(-10, 1e5, allow_nan=False),
    st.floats(0, 1e5, allow_nan=False),
    st.floats(1, 2000, allow_nan=False),
    st.sampled_from([g.HD.scale, g.UHD.scale]),
)
def test_offset_is_monotonic_and_moves_at_exactly_the_speed(
    t: float, dt: float, speed: float, scale: float
) -> None:
    before = tk.crawl_offset(t, speed, scale)
    after = tk.crawl_offset(t + dt, speed, scale)
    assert after >= before
    if t >= 0:
        assert after - before == pytest.approx(speed * scale * dt, rel=1e-9, abs=1e-6)
    else:
        assert before == 0.0


def test_segments_follow_each_other_a_gap_apart_and_loop_seamlessly() -> None:
    plan = tk.CrawlPlan(WINDOW, GAP, measure)
    plan.update([seg("a"), seg("b"), seg("c")], 0.0)
    order: dict[int, str] = {}
    for offset in range(0, 20_000, 37):
        placed = plan.advance(float(offset))
        for left, right in itertools.pairwise(placed):
            assert right.start == pytest.approx(left.end + GAP)
        # Always one queued past the right edge: nothing empty ever enters.
        assert placed[-1].start > offset
        assert placed[0].start <= offset or offset == 0
        for p in placed:
            order.setdefault(p.serial, p.segment.race_id)
    ids = [order[k] for k in sorted(order)]
    assert len(ids) > 10
    assert ids == ["abc"[n % 3] for n in range(len(ids))]


def test_one_race_loops_behind_itself() -> None:
    plan = tk.CrawlPlan(WINDOW, GAP, measure)
    plan.update([seg("a", "short")], 0.0)
    placed = plan.advance(400.0)
    assert [p.segment.race_id for p in placed] == ["a"] * len(placed)
    assert len(placed) >= 2
    assert placed[1].start == placed[0].end + GAP


def test_new_words_reach_only_segments_not_yet_on_screen() -> None:
    plan = tk.CrawlPlan(WINDOW, GAP, measure)
    plan.update([seg("a", "a" * 30), seg("b", "b" * 30)], 0.0)
    offset = 700.0  # a (300 px) is on screen, b entered at 350
    before = {p.serial: (p.start, p.segment) for p in plan.advance(offset)}
    on_screen = {p.serial for p in plan.on_screen(offset)}
    assert on_screen
    plan.update([seg("a", "A" * 90), seg("b", "B" * 5)], offset)
    after = {p.serial: (p.start, p.segment) for p in plan.placed}
    for serial in on_screen:
        assert after[serial] == before[serial]  # same place, same words
    queued = [p for p in plan.placed if p.start > offset]
    assert queued
    assert all(p.segment.runs[0].text in {"A" * 90, "B" * 5} for p in queued)
    ids = [p.segment.race_id for p in plan.placed]
    assert ids == ["ab"[n % 2] for n in range(len(ids))]


@st.composite
def night(draw: st.DrawFn) -> list[tuple[float, dict[str, int]]]:
    """Steps of the crawl: how far it moves, and each race's new word length."""
    return draw(
        st.lists(
            st.tuples(
                st.floats(0, 900, allow_nan=False),
                st.dictionaries(
                    st.sampled_from("abcd"), st.integers(1, 80), max_size=4
                ),
            ),
            min_size=1,
            max_size=30,
        )
    )


@given(night())
def test_a_segment_on_screen_never_moves_but_with_the_offset(
    steps: list[tuple[float, dict[str, int]]],
) -> None:
    plan = tk.CrawlPlan(WINDOW, GAP, measure)
    lengths = dict.fromkeys("abcd", 20)
    plan.update([seg(r, r * n) for r, n in lengths.items()], 0.0)
    offset = 0.0
    for move, changes in steps:
        shown = {
            p.serial: (plan.x(p, offset), p.segment) for p in plan.on_screen(offset)
        }
        offset += move
        lengths.update(changes)
        plan.update([seg(r, r * n) for r, n in lengths.items()], offset)
        for p in plan.placed:
            if p.serial in shown:
                x, words = shown[p.serial]
                assert plan.x(p, offset) == pytest.approx(x - move)
                assert p.segment == words
        for left, right in zip(plan.placed, plan.placed[1:], strict=False):
            assert right.start == pytest.approx(left.end + GAP)


def test_bar_runs_full_width_inside_action_safe_with_text_inside_title_safe() -> None:
    layout = tk.ticker_layout()
    bar = layout.bar
    assert (bar.x, bar.w) == (0.0, g.BASE_WIDTH)
    assert bar.bottom <= 1080 * (1 - (1 - 0.93) / 2)
    text_height = tk.TEXT_PX * g.LINE_HEIGHT
    text_top = bar.y + (bar.h - text_height) / 2
    assert text_top >= g.SAFE_TOP
    assert text_top + text_height <= g.SAFE_BOTTOM
    assert layout.label_text_x == g.SAFE_LEFT
