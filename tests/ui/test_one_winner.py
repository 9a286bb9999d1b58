"""From the scene's own texts: WINNER airs at most once per frame, and never
while the banner says the race is open, over every race of real feeds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from electionboard.model.tabulate import tabulate_election
from electionboard.presentation.content import board_content
from electionboard.sources import load_election
from electionboard.ui.board.items import PillItem
from electionboard.ui.board.scene import BoardScene
from tests.shared_feeds import shared_feed

FEEDS = [
    "ap/20121106_me_fl_senate.json",
    "ap/20160201_district_results.json",
    "ap/20160426-ri_mail_ballots.json",
    "clarity/greenup-ky-2014-primary-precinct.xml",
]
OPEN = ("TOO EARLY", "TOO CLOSE", "AWAITING", "NOT YET CALLED")


def scene_texts(scene: BoardScene) -> list[str]:
    texts = []
    for item in scene.items():
        if not item.isVisible():
            continue
        if isinstance(item, QGraphicsSimpleTextItem | PillItem):
            texts.append(item.text())
    return texts


@pytest.mark.parametrize("name", FEEDS)
def test_one_winner_per_frame(qtbot: QtBot, name: str) -> None:  # noqa: ARG001
    election = load_election(str(shared_feed(name)))
    scene = BoardScene()
    try:
        for standings in tabulate_election(election)[:60]:
            scene.show_content(board_content(standings, election.updated))
            scene.finish_animation()
            texts = scene_texts(scene)
            winners = sum(text.count("WINNER") for text in texts)
            assert winners <= 1, texts
            headline = scene.banner_texts()[0]
            if any(word in headline for word in OPEN):
                assert winners == 0, texts
    finally:
        scene.deleteLater()
