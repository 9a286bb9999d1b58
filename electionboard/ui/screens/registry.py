"""Which scene draws each board kind, made on demand.

Screens are imported when first made, so a board that never airs a map never
loads its shapes' code. The race board is not here: it has its own
controller (``ui/controller.py``).
"""

from __future__ import annotations

import importlib

from electionboard.model.screens import ScreenKind
from electionboard.presentation import geometry as g
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.theme import Theme

SCREEN_CLASSES: dict[ScreenKind, str] = {
    ScreenKind.BIG_BOARD: "electionboard.ui.screens.bigboard:BigBoardScene",
    ScreenKind.LOWER_THIRD: "electionboard.ui.screens.lower_third:LowerThirdScene",
    ScreenKind.TICKER: "electionboard.ui.screens.ticker:TickerScene",
    ScreenKind.TREND: "electionboard.ui.screens.trend:TrendScene",
    ScreenKind.BALANCE: "electionboard.ui.screens.balance:BalanceScene",
    ScreenKind.MAP: "electionboard.ui.screens.county_map:CountyMapScene",
}
"""Each kind's scene class as ``module:Class``."""

LAYER_KINDS = frozenset({ScreenKind.LOWER_THIRD, ScreenKind.TICKER})
"""Kinds keyed over the program as a second layer rather than replacing it."""


def screen_class(kind: ScreenKind) -> type[ScreenScene]:
    """The scene class of ``kind``.

    Raises:
        KeyError: ``kind`` is the race board, which is no ScreenScene.
    """
    module_name, class_name = SCREEN_CLASSES[kind].split(":")
    found = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(found, type) and issubclass(found, ScreenScene)):
        raise TypeError(f"{SCREEN_CLASSES[kind]} is not a ScreenScene")
    return found


def make_screen(
    kind: ScreenKind,
    raster: g.Raster,
    theme: Theme,
    *,
    animations: AnimationClock = QT_ANIMATIONS,
) -> ScreenScene:
    """A new scene of ``kind`` at ``raster`` in ``theme``."""
    return screen_class(kind)(raster, theme, animations=animations)
