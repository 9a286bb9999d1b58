"""WINNER airs at most once per frame on a vote-for-N race and a measure too.

A vote for three elects three: three ELECTED chips and never a WINNER; a
measure passes or fails in the banner, with no chip on any choice. Checked on
every sampled frame of the call's moment (manual animation clock) and on the
settled board, from the scene's own visible texts.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from electionboard.model import CallOutcome, Measure, Race, Rule, Threshold, tabulate
from electionboard.presentation.content import BannerTone, board_content
from electionboard.ui.board.banner import REVEAL_AT, WIPE_MS
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, call, race
from tests.ui.manual_animations import ManualAnimations
from tests.ui.test_one_winner import scene_texts

pytestmark = pytest.mark.usefixtures("qtbot")

VOTE_FOR_THREE = dataclasses.replace(
    race([900, 800, 700, 300, 200, 100], remaining=10_000), rule=Rule(seats=3)
)
MEASURE = dataclasses.replace(
    race([700, 300], names=["Yes", "No"], remaining=10_000),
    measure=Measure("yes", Threshold(Fraction(3, 5), at_least=True)),
)


def chips(scene: BoardScene) -> list[str]:
    return [scene.row(key).texts()["tag"] for key in scene.row_order()]


def frames(before: Race, after: Race) -> list[tuple[list[str], list[str]]]:
    """(visible texts, row chips) of each 50 ms frame as ``before`` turns ``after``."""
    clock = ManualAnimations()
    scene = BoardScene(animations=clock)
    try:
        first = board_content(tabulate(before), UPDATED)
        then = board_content(tabulate(after), UPDATED)
        assert first.tone is not BannerTone.CALLED
        scene.show_content(first, animate=False)
        scene.show_content(then)
        sampled = [(scene_texts(scene), chips(scene))]
        for _ in range(WIPE_MS // 50 + 2):
            clock.advance(50)
            sampled.append((scene_texts(scene), chips(scene)))
        assert not scene.is_animating()
        return sampled
    finally:
        scene.deleteLater()


def winners(texts: list[str]) -> int:
    return sum(text.count("WINNER") for text in texts)


@pytest.mark.parametrize(
    "settled",
    [
        dataclasses.replace(
            VOTE_FOR_THREE, call=call("a", "b", "c", outcome=CallOutcome.WON)
        ),
        dataclasses.replace(VOTE_FOR_THREE, remaining_ballots=0, final=True),
    ],
    ids=["called", "final count"],
)
def test_a_vote_for_three_elects_three_and_names_no_winner(settled: Race) -> None:
    sampled = frames(VOTE_FOR_THREE, settled)
    for texts, row_chips in sampled:
        assert winners(texts) == 0, texts
        assert row_chips.count("ELECTED") <= 3, row_chips
        assert set(row_chips) <= {"", "ELECTED"}, row_chips
    texts, row_chips = sampled[-1]
    assert row_chips == ["ELECTED"] * 3 + [""] * 3
    assert "ELECTED: A, B, C" in texts


@pytest.mark.parametrize(
    ("settled", "headline"),
    [
        (
            dataclasses.replace(MEASURE, call=call("yes", outcome=CallOutcome.WON)),
            "PASSES · NEEDED 60%",
        ),
        (
            dataclasses.replace(MEASURE, totals=(570, 430), remaining_ballots=0),
            "FAILS · NEEDED 60%",
        ),
    ],
    ids=["called", "final count"],
)
def test_a_measure_passes_or_fails_in_the_banner_with_no_chip(
    settled: Race, headline: str
) -> None:
    for texts, row_chips in frames(MEASURE, settled):
        assert winners(texts) == 0, texts
        assert "ELECTED" not in " ".join(texts)
        assert row_chips == ["", ""], row_chips
    assert headline in texts


def test_a_single_seat_call_airs_one_winner_and_only_from_the_reveal() -> None:
    open_race = race([900, 700, 300], remaining=10_000)
    called = dataclasses.replace(open_race, call=call("a", outcome=CallOutcome.WON))
    counts = [winners(texts) for texts, _ in frames(open_race, called)]
    assert max(counts) == 1
    reveal = counts.index(1)
    assert counts[reveal:] == [1] * (len(counts) - reveal)  # once up, it stays
    assert reveal * 50 >= REVEAL_AT * WIPE_MS  # not before the banner reveals it
