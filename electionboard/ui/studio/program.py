"""Program output: puts boards on air with a crossfade, and keeps them there.

The program's race board is the board window's own scene, driven by its
controller, so new snapshots keep updating the board on air in place (bars
and numbers glide; nothing replays an entrance). A take changes the race, or
the board kind (big board, map ...), under a still of the outgoing picture on
every view, then fades the still away. A keyed kind (lower third, ticker)
goes to air as a layer over whatever is on program instead, and stays there
through takes until it is cleared.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsScene

from electionboard.model.stacks import StackEntry
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView
from electionboard.ui.controller import BoardController
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.feeder import History, _no_history
from electionboard.ui.screens.registry import LAYER_KINDS
from electionboard.ui.studio.fade import TAKE_MS, FadeOverlay
from electionboard.ui.studio.slot import ScreenSlot

log = logging.getLogger(__name__)


class ProgramOutput(QObject):
    """Takes boards to air on the program scene, crossfading every view of it."""

    transition_finished = Signal()
    """Every view shows only the live program scene again."""
    hold_released = Signal()
    """The feed answered after a restart: the held last picture is gone."""
    scene_changed = Signal(object)
    """Another board kind's scene is on program (QGraphicsScene)."""
    layer_changed = Signal(object)
    """The keyed layer changed: its ScreenScene, or None when cleared."""

    def __init__(
        self,
        controller: BoardController,
        *,
        transition_ms: int = TAKE_MS,
        history: History = _no_history,
        animations: AnimationClock = QT_ANIMATIONS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.base_theme = controller.scene.theme
        """The look of boards that have none of their own (the board's theme)."""
        self.transition_ms = transition_ms
        self._overlays: list[FadeOverlay] = []
        self._views: list[BoardView] = []
        self._awaiting_content = False
        self.slot = ScreenSlot(
            controller, history=history, animations=animations, parent=self
        )
        """What the program shows full frame."""
        self.slot.scene_changed.connect(self.scene_changed)
        self.layer_slot = ScreenSlot(
            controller, history=history, animations=animations, parent=self
        )
        """Where the keyed layer's scenes live; its views are the program's."""
        self._layer: ScreenScene | None = None
        controller.scene.content_shown.connect(self._on_content)

    @property
    def scene(self) -> BoardScene:
        """The program's race board (on air unless another kind was taken)."""
        return self.controller.scene

    @property
    def current_scene(self) -> QGraphicsScene:
        """What program shows full frame: the race board or another kind."""
        return self.slot.scene

    @property
    def layer(self) -> ScreenScene | None:
        """The keyed layer on air over program, if any."""
        return self._layer

    @property
    def layer_entry(self) -> StackEntry | None:
        """The stack entry of the layer on air, if any."""
        return self.layer_slot.entry

    def add_view(self, view: BoardView) -> FadeOverlay:
        """Show program on ``view`` and crossfade it on every take."""
        overlay = FadeOverlay(view)
        overlay.faded.connect(self._on_faded)
        self._overlays.append(overlay)
        self._views.append(view)
        self.slot.add_view(view)
        view.set_layer(self._layer)
        return overlay

    def remove_view(self, view: BoardView) -> None:
        """Stop showing program on ``view`` (before it closes)."""
        was = self.in_transition()
        for overlay in [o for o in self._overlays if o.parent() is view]:
            self._overlays.remove(overlay)
            overlay.faded.disconnect(self._on_faded)
        if view in self._views:
            self._views.remove(view)
        self.slot.remove_view(view)
        if was and not self.in_transition():
            self.transition_finished.emit()

    def take_layer(self, entry: StackEntry) -> None:
        """Key ``entry`` (a lower third or ticker) over program until cleared."""
        self.layer_slot.show(entry, self.base_theme, animate=False)
        scene = self.layer_slot.scene
        self._layer = scene if isinstance(scene, ScreenScene) else None
        for view in self._views:
            view.set_layer(self._layer)
        self.layer_changed.emit(self._layer)

    def clear_layer(self) -> bool:
        """Take the keyed layer off air; False if there was none."""
        if self._layer is None:
            return False
        self._layer = None
        self.layer_slot.deactivate()
        for view in self._views:
            view.set_layer(None)
        self.layer_changed.emit(None)
        return True

    def in_transition(self) -> bool:
        """True while any view still shows a still of the outgoing board."""
        return any(overlay.is_showing() for overlay in self._overlays)

    def take(self, entry: StackEntry, round_number: int | None = None) -> None:
        """Put ``entry`` on air now (at ``round_number``), crossfading.

        A keyed kind goes to the layer instead, with no crossfade of program.
        """
        if entry.screen in LAYER_KINDS:
            self.take_layer(entry)
            return
        self._awaiting_content = False
        for overlay in self._overlays:
            overlay.capture()
        self.slot.show(entry, self.base_theme, animate=False, round_number=round_number)
        for overlay in self._overlays:
            overlay.fade_out(self.transition_ms)

    def restore(self, entry: StackEntry, picture: QImage | None) -> None:
        """After a restart: ``entry`` on air with the first snapshot that has it.

        Until then every view holds ``picture`` (the last on-air frame, if one
        was kept), so the output is never an empty page; it fades into the
        live board when the board first has content.
        """
        if entry.screen in LAYER_KINDS:
            self.take_layer(entry)
            return
        self.slot.show(entry, self.base_theme, animate=False)
        if picture is None or picture.isNull() or self._has_content():
            return
        shown = self.current_scene
        if isinstance(shown, ScreenScene):
            shown.content_shown.connect(self._on_content)
        self._awaiting_content = True
        for overlay in self._overlays:
            overlay.hold(picture)

    def _has_content(self) -> bool:
        shown = self.current_scene
        if isinstance(shown, ScreenScene):
            return shown.shown is not None
        return self.scene.content is not None

    def holding(self) -> bool:
        """True while the views hold the last picture from before a restart."""
        return self._awaiting_content

    def _on_content(self, _content: object) -> None:
        if self._awaiting_content:
            self._awaiting_content = False
            for overlay in self._overlays:
                overlay.fade_out(self.transition_ms)
            self.hold_released.emit()

    def _on_faded(self) -> None:
        if not self.in_transition():
            self.transition_finished.emit()
