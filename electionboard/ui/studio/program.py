"""Program output: puts boards on air with a crossfade, and keeps them there.

The program scene is the board window's own scene, driven by its controller,
so new snapshots keep updating the board on air in place (bars and numbers
glide; nothing replays an entrance). A take changes the race (and the board's
own look and row count) under a still of the outgoing picture on every view of
the scene, then fades the still away.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsView

from electionboard.model.stacks import StackEntry
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.controller import BoardController
from electionboard.ui.studio.fade import TAKE_MS, FadeOverlay
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
    """Show a stack entry in a controller's scene: look first, then the race.

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


class ProgramOutput(QObject):
    """Takes boards to air on the program scene, crossfading every view of it."""

    transition_finished = Signal()
    """Every view shows only the live program scene again."""
    hold_released = Signal()
    """The feed answered after a restart: the held last picture is gone."""

    def __init__(
        self,
        controller: BoardController,
        *,
        transition_ms: int = TAKE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.base_theme = controller.scene.theme
        """The look of boards that have none of their own (the board's theme)."""
        self.transition_ms = transition_ms
        self._overlays: list[FadeOverlay] = []
        self._awaiting_content = False
        controller.scene.content_shown.connect(self._on_content)

    @property
    def scene(self) -> BoardScene:
        """The program scene."""
        return self.controller.scene

    def add_view(self, view: QGraphicsView) -> FadeOverlay:
        """Crossfade ``view`` on every take; returns its overlay."""
        overlay = FadeOverlay(view)
        overlay.faded.connect(self._on_faded)
        self._overlays.append(overlay)
        return overlay

    def remove_view(self, view: QGraphicsView) -> None:
        """Stop crossfading ``view`` (before it closes)."""
        was = self.in_transition()
        for overlay in [o for o in self._overlays if o.parent() is view]:
            self._overlays.remove(overlay)
            overlay.faded.disconnect(self._on_faded)
        if was and not self.in_transition():
            self.transition_finished.emit()

    def in_transition(self) -> bool:
        """True while any view still shows a still of the outgoing board."""
        return any(overlay.is_showing() for overlay in self._overlays)

    def take(self, entry: StackEntry, round_number: int | None = None) -> None:
        """Put ``entry`` on air now (at ``round_number``), crossfading."""
        self._awaiting_content = False
        for overlay in self._overlays:
            overlay.capture()
        show_entry(
            self.controller,
            entry,
            self.base_theme,
            animate=False,
            round_number=round_number,
        )
        for overlay in self._overlays:
            overlay.fade_out(self.transition_ms)

    def restore(self, entry: StackEntry, picture: QImage | None) -> None:
        """After a restart: ``entry`` on air with the first snapshot that has it.

        Until then every view holds ``picture`` (the last on-air frame, if one
        was kept), so the output is never an empty page; it fades into the
        live board when the board first has content.
        """
        show_entry(self.controller, entry, self.base_theme, animate=False)
        if picture is None or picture.isNull() or self.scene.content is not None:
            return
        self._awaiting_content = True
        for overlay in self._overlays:
            overlay.hold(picture)

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
