"""One place a board is shown (program or preview), whatever its kind.

A slot owns the race board's controller and, made as they are first asked
for, one scene of each other kind with a feeder; showing a stack entry puts
the right scene, in the entry's look, on every view of the slot. Keyed kinds
(lower third, ticker) are shown on a slot's views as their scene too: the
program keeps them in a layer of its own instead (``ProgramOutput``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGraphicsScene

from electionboard.model.screens import ScreenKind
from electionboard.model.stacks import StackEntry
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.view import BoardView
from electionboard.ui.controller import BoardController
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.feeder import History, ScreenFeeder, _no_history
from electionboard.ui.screens.registry import make_screen
from electionboard.ui.theme import Theme, theme_named

log = logging.getLogger(__name__)


def entry_theme(entry: StackEntry, base: Theme) -> Theme:
    """The look a board of a stack goes to air in: its own, or ``base``.

    A board's own theme is made broadcast-safe when ``base`` is; an unknown
    name (a stack saved by a later version) falls back to ``base``.
    """
    if entry.theme is None:
        return base
    try:
        return theme_named(entry.theme, safe=base.legal_range)
    except ValueError:
        log.warning("unknown theme %r in a stack; using %s", entry.theme, base.name)
        return base


def show_entry(
    controller: BoardController,
    entry: StackEntry,
    base: Theme,
    *,
    animate: bool,
    round_number: int | None = None,
) -> None:
    """Show a race entry in a controller's scene: look first, then the race.

    ``round_number`` is a ranked-choice race's round (None: the last).
    """
    theme = entry_theme(entry, base)
    if controller.scene.theme != theme:
        controller.scene.set_theme(theme)
    controller.show_race(
        entry.race_id,
        max_rows=entry.max_rows,
        animate=animate,
        round_number=round_number,
    )


class ScreenSlot(QObject):
    """Shows entries of any kind on its views; ``scene`` is what they show."""

    scene_changed = Signal(object)  # QGraphicsScene now on the views
    screen_made = Signal(object)  # a ScreenScene just made (maps need shapes)

    def __init__(
        self,
        controller: BoardController,
        *,
        history: History = _no_history,
        animations: AnimationClock = QT_ANIMATIONS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._animations = animations
        self._views: list[BoardView] = []
        self._screens: dict[ScreenKind, ScreenScene] = {}
        self.feeder = ScreenFeeder(
            controller.bridge,
            style=controller.style,
            time_zone=controller.time_zone,
            history=history,
            parent=self,
        )
        self._scene: QGraphicsScene = controller.scene
        self.entry: StackEntry | None = None
        """The entry shown, once one has been."""

    @property
    def scene(self) -> QGraphicsScene:
        """The scene on the views: the race board's or another kind's."""
        return self._scene

    def add_view(self, view: BoardView) -> None:
        """Show this slot's scene on ``view`` from now on."""
        self._views.append(view)
        view.show_scene(self._scene)

    def remove_view(self, view: BoardView) -> None:
        """Stop showing this slot on ``view``."""
        if view in self._views:
            self._views.remove(view)

    def deactivate(self) -> None:
        """Nothing shows this slot's screen any more (a layer cleared)."""
        self.feeder.stop()
        if isinstance(self._scene, ScreenScene):
            self._scene.set_active(False)
        self._scene = self.controller.scene
        self.entry = None

    def screen(self, kind: ScreenKind) -> ScreenScene:
        """This slot's scene of ``kind``, made the first time it is asked for."""
        scene = self._screens.get(kind)
        if scene is None:
            board = self.controller.scene
            scene = make_screen(
                kind, board.raster, board.theme, animations=self._animations
            )
            scene.setParent(self)
            self._screens[kind] = scene
            self.screen_made.emit(scene)
        return scene

    def show(
        self,
        entry: StackEntry,
        base: Theme,
        *,
        animate: bool,
        round_number: int | None = None,
    ) -> None:
        """Show ``entry`` in its look on every view."""
        self.entry = entry
        if entry.screen is ScreenKind.RACE:
            self.feeder.stop()
            show_entry(
                self.controller,
                entry,
                base,
                animate=animate,
                round_number=round_number,
            )
            self._put(self.controller.scene)
            return
        scene = self.screen(entry.screen)
        theme = entry_theme(entry, base)
        if scene.theme != theme:
            scene.set_theme(theme)
        self.feeder.follow(scene, entry)
        self._put(scene)

    def _put(self, scene: QGraphicsScene) -> None:
        if scene is self._scene:
            return
        if isinstance(self._scene, ScreenScene):
            self._scene.set_active(False)
        if isinstance(scene, ScreenScene):
            scene.set_active(True)
        self._scene = scene
        for view in self._views:
            view.show_scene(scene)
        self.scene_changed.emit(scene)
