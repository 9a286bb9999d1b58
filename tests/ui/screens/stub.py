"""Stand-in screens for studio wiring tests: they draw their races' count.

The real screens have tests of their own; these let the program, preview,
layer and watch-folder wiring be tested whichever screens exist.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QGraphicsSimpleTextItem

from electionboard.model.screens import ScreenKind, selected_races
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.screens.base import ScreenScene


class StubScreen(ScreenScene):
    """Says how many races it was given, and keeps every input."""

    kind: ClassVar[ScreenKind] = ScreenKind.BIG_BOARD

    def _build(self) -> None:
        self.words = QGraphicsSimpleTextItem()
        self.words.setPos(self.px(200), self.px(200))
        self.addItem(self.words)
        self.inputs: list[tuple[ScreenInput, bool]] = []

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        if not hasattr(self, "words"):
            self._build()
        self.inputs.append((data, animate))
        count = len(selected_races(data.standings, data.options))
        self.words.setText(f"{self.kind.value}: {count} races")


class StubLayer(StubScreen):
    """A keyed stand-in (a ticker)."""

    kind: ClassVar[ScreenKind] = ScreenKind.TICKER
    layer: ClassVar[bool] = True
