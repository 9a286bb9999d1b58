"""What the board's frames hold, read from the scene: text boxes and their sizes."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from electionboard.model import RaceStandings, tabulate
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import race

NAMES = (
    "Karen Bass",
    "Rick Caruso",
    "Kevin de León",
    "Joe Buscaino",
    "Mike Feuer",
    "Gina Viola",
    "Ramit Varma",
    "Alex Gruenenfelder Smith",
    "Craig Greiwe",
    "John Jackson",
    "Andrew Kim",
    "Mel Wilson",
)
PARTIES = ("DEM", "REP", "GRN", "LIB", "IND", "DEM", "REP", "NPP", "DEM", "REP")


def mayor_race(
    votes: Sequence[int], *, names: Sequence[str] = NAMES, title: str = "Mayor"
) -> RaceStandings:
    """A majority-or-top-two race with party tags on every candidate."""
    base = race(votes, advance=2, majority_wins=True, names=names[: len(votes)])
    candidates = tuple(
        dataclasses.replace(c, party=PARTIES[i % len(PARTIES)])
        for i, c in enumerate(base.candidates)
    )
    return tabulate(dataclasses.replace(base, candidates=candidates, name=title))


def text_items(scene: BoardScene) -> list[QGraphicsItem]:
    """Every visible, non-empty text or pill drawn on the scene."""
    found: list[QGraphicsItem] = []
    for item in scene.items():
        if not item.isVisible() or item.effectiveOpacity() == 0.0:
            continue
        if (isinstance(item, TextItem) and item.text()) or (
            isinstance(item, PillItem) and item.text()
        ):
            found.append(item)
    return found


def label(item: QGraphicsItem) -> str:
    """The words of a text or pill, for failure messages."""
    return item.text() if isinstance(item, TextItem | PillItem) else repr(item)


def overlaps(items: Sequence[QGraphicsItem]) -> list[tuple[str, str]]:
    """Pairs of texts whose scene boxes intersect (touching edges do not)."""
    rects = [(label(item), item.sceneBoundingRect()) for item in items]
    return [
        (a, b)
        for (a, ra), (b, rb) in itertools.combinations(rects, 2)
        if ra.intersected(rb).width() > 0.01 and ra.intersected(rb).height() > 0.01
    ]


def inside(rect: QRectF, box: QRectF) -> bool:
    """``rect`` lies within ``box`` (a hair of rounding allowed)."""
    return box.adjusted(-0.01, -0.01, 0.01, 0.01).contains(rect)
