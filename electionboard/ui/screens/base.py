"""What every screen shares: raster, theme, background, the TEST DATA slug.

A screen is a scene at a fixed raster, drawn from a ``ScreenInput`` on each
poll. Like the race board it is shown scaled in windows and rendered 1:1 for
export, so the program output, the watch folder and ``export --screen`` treat
every kind alike. A layer screen (lower third, ticker) has no full-frame
background: it is keyed over other pictures, so everything but its strip is
alpha 0 whatever the theme.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget

from electionboard.model.screens import ScreenKind, file_id
from electionboard.presentation import geometry as g
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.backdrop import Backdrop
from electionboard.ui.board.slug import TestSlug
from electionboard.ui.fonts import register_fonts
from electionboard.ui.screens.glide import Glide
from electionboard.ui.theme import DARK, Theme

SCREEN_MIN_PX = 28
"""The smallest type on any screen, in pixels at 1080 lines (56 at 2160)."""


class ScreenScene(QGraphicsScene):
    """Base of every screen: subclasses build items and implement ``_show``.

    ``content_shown`` fires with the ScreenInput each time ``show_input``
    puts it on the scene (the watch folder writes then).
    """

    content_shown = Signal(object)  # ScreenInput
    kind: ClassVar[ScreenKind]
    layer: ClassVar[bool] = False
    """True for screens keyed over others: no full-frame background."""

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
    ) -> None:
        super().__init__(0, 0, raster.width, raster.height, parent)
        register_fonts()
        self.raster = raster
        self.theme = theme
        self._s = raster.scale
        self._animations = animations
        self._input: ScreenInput | None = None
        self._glide: Glide | None = None
        """A subclass that glides sets its one tween here (``glide.Glide``)."""
        self._stale_text = ""
        self._backdrop = Backdrop(raster)
        for item in self._backdrop.items():
            self.addItem(item)
        self._slug = TestSlug(raster, theme)
        self.addItem(self._slug)
        self._hidden_background = False
        self._restyle_base()

    # -- for subclasses ----------------------------------------------------------

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        """Put ``data`` on the scene; glide from what was shown if ``animate``."""
        raise NotImplementedError

    def _apply_theme(self) -> None:
        """Recolour the subclass's items for ``self.theme`` (then ``_show`` runs)."""

    def _glides_with(self, glide: Glide) -> Glide:
        """Use ``glide`` for ``is_animating``, ``finish_animation``, ``end_state``."""
        self._glide = glide
        return glide

    def px(self, pixels_at_1080: float) -> float:
        """Scene pixels for a size given at 1080 lines."""
        return pixels_at_1080 * self._s

    def font_px(self, pixels_at_1080: float) -> int:
        """A font's pixel size at this raster, never under ``SCREEN_MIN_PX``."""
        return round(max(pixels_at_1080, SCREEN_MIN_PX) * self._s)

    # -- public ------------------------------------------------------------------

    @property
    def shown(self) -> ScreenInput | None:
        """What the scene shows (the animation's end state)."""
        return self._input

    def show_input(self, data: ScreenInput, *, animate: bool = True) -> None:
        """Show a snapshot; changes glide unless ``animate`` is False."""
        self._input = data
        self._slug.setVisible(data.test_data)
        self._show(data, animate=animate)
        self.content_shown.emit(data)

    def export_id(self) -> str | None:
        """What export files are named after: the kind, and the entry's race
        for a one-race screen ("map_FL-10005"); None before anything is shown."""
        if self._input is None:
            return None
        return file_id(self.kind, self._input.race_id)

    def set_theme(self, theme: Theme) -> None:
        """Restyle in place; what is shown jumps to its end state in the new look."""
        self.theme = theme
        self._restyle_base()
        self._apply_theme()
        if self._input is not None:
            self._show(self._input, animate=False)

    def set_transparent(self, *, transparent: bool) -> None:
        """Hide the full-frame background whatever the theme (alpha 0 there)."""
        self._hidden_background = transparent
        self._backdrop.set_background_hidden(hidden=transparent or self.layer)

    def set_stale(self, text: str | None) -> None:
        """The feed is stale (``text`` like 'STALE · 2 MIN') or fresh (None)."""
        self._stale_text = text or ""

    def stale_text(self) -> str:
        """The stale words the screen was given, empty when fresh."""
        return self._stale_text

    def set_active(self, active: bool) -> None:  # noqa: FBT001 - a plain switch
        """Shown (True) or on no view (False): a screen with timers of its own
        (a crawl, a cycle) stops them while nothing shows it, and goes on
        from where it was when shown again."""

    def is_animating(self) -> bool:
        """True while anything still glides (exports wait for the end state)."""
        return self._glide is not None and self._glide.is_running()

    def finish_animation(self) -> None:
        """Jump to the end state (tests)."""
        if self._glide is not None:
            self._glide.finish()

    def end_state(self) -> contextlib.AbstractContextManager[None]:
        """Show the end state inside the block, then put a glide back where it was."""
        if self._glide is None:
            return contextlib.nullcontext()
        return self._glide.end_state()

    def shows_test_slug(self) -> bool:
        """True while the TEST DATA · NOT FOR AIR slug is on."""
        return self._slug.isVisible()

    def slug_rect(self) -> QRectF:
        """The slug's scene rectangle (tests)."""
        return self._slug.sceneBoundingRect()

    def text_items(self) -> list[QGraphicsItem]:
        """Every visible item that draws words (layout tests): each has
        ``text()`` and ``font()``; the slug is left out."""
        found = []
        for item in self.items():
            text = getattr(item, "text", None)
            font = getattr(item, "font", None)
            if item is self._slug or not callable(text) or not callable(font):
                continue
            if not item.isVisible() or item.effectiveOpacity() <= 0.0:
                continue
            words = text()
            if isinstance(words, str) and words.strip() and isinstance(font(), QFont):
                found.append(item)
        return found

    def _restyle_base(self) -> None:
        self._backdrop.set_theme(self.theme)
        if self.layer:
            self._backdrop.plate.setVisible(False)
        self._backdrop.set_background_hidden(
            hidden=self._hidden_background or self.layer
        )
        self._slug.set_theme(self.theme)
