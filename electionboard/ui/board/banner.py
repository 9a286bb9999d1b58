"""The race-call banner: a coloured bar with a headline, a detail and flags.

A call is an event, not a cut: when a race turns called on air, the call's
colour wipes across the banner carrying a held "PROJECTED", then the call's
own words come up through it, while the numbers above go on rolling. The
reveal is the call's one moment: ``on_reveal`` tells the scene, whose rows
hold their call chips (WINNER, ADVANCES) back until then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEasingCurve, QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BannerTone, BoardContent
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

BEAT_WORD = "PROJECTED"
WIPE_MS = 1600
"""The whole call moment: wipe in, hold the beat, bring up the call."""
WIPE_IN = 0.1875
"""Share of it the wipe takes (300 ms)."""
REVEAL_AT = 0.6875
"""From here (1100 ms) the beat gives way to the call's words (500 ms)."""
BANNER_Z = 6.0
"""Above the rows, so nothing of theirs crosses the banner mid-glide."""


class CallBanner:
    """Banner items, created once and updated in place for each content."""

    def __init__(
        self,
        scale: float,
        theme: Theme,
        *,
        owner: QObject,
        animations: AnimationClock = QT_ANIMATIONS,
        on_reveal: Callable[[], None] | None = None,
    ) -> None:
        s = self._s = scale
        self._theme = theme
        self._on_reveal = on_reveal
        self._revealed = True
        self._shown: BoardContent | None = None
        self._target: BoardContent | None = None
        self._room_taken: tuple[float, float] = (0.0, 0.0)
        self.plate = QGraphicsRectItem(
            QRectF(
                g.SAFE_LEFT * s,
                g.BANNER_TOP * s,
                (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
                g.BANNER_HEIGHT * s,
            )
        )
        self.plate.setPen(QPen(Qt.PenStyle.NoPen))
        inner = (g.SAFE_RIGHT - g.SAFE_LEFT - 2 * g.BANNER_PAD) * s
        self._headline = TextItem(
            board_font(g.HEADLINE_PX * s, QFont.Weight.ExtraBold),
            QColor(theme.text),
            max_width=inner,
            min_pixel_size=round(g.HEADLINE_MIN_PX * s),
        )
        self._detail = TextItem(
            board_font(g.DETAIL_PX * s, QFont.Weight.Medium),
            QColor(theme.text),
            max_width=inner,
            min_pixel_size=round(g.BODY_MIN_PX * s),
        )
        self._flags = PillItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.ExtraBold),
            QColor(theme.text),
            QColor(theme.text),
            outline=True,
        )
        self._flags.setVisible(False)
        left = (g.SAFE_LEFT + g.BANNER_PAD) * s
        self._headline.set_anchor(left, (g.BANNER_TOP + 20) * s)
        self._detail.set_anchor(left, (g.BANNER_TOP + 102) * s)
        # The wipe: the call's plate growing from the left, clipping its beat.
        self._wipe = QGraphicsRectItem()
        self._wipe.setPen(QPen(Qt.PenStyle.NoPen))
        self._wipe.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self._beat = TextItem(
            board_font(g.HEADLINE_PX * s * 1.25, QFont.Weight.ExtraBold),
            QColor(theme.text),
            self._wipe,
        )
        self._beat.set_text(BEAT_WORD)
        beat_height = self._beat.boundingRect().height()
        self._beat.set_anchor(
            left, (g.BANNER_TOP + g.BANNER_HEIGHT / 2) * s - beat_height / 2
        )
        self._wipe.setVisible(False)
        for item in self.items():
            item.setZValue(BANNER_Z)
        self._wipe.setZValue(BANNER_Z + 1)
        self._easing = QEasingCurve(QEasingCurve.Type.OutCubic)
        self._tween = animations.tween(
            owner, QEasingCurve.Type.Linear, self._moment_frame
        )

    def items(self) -> tuple[QGraphicsItem, ...]:
        """The items to add to the scene."""
        return self.plate, self._headline, self._detail, self._flags, self._wipe

    def texts(self) -> tuple[str, str]:
        """Headline and second line as they settle (the call, mid-wipe)."""
        if self._target is not None and self.is_wiping():
            return self._target.headline, self._target.detail
        return self._headline.text(), self._detail.text()

    def drawn_texts(self) -> tuple[str, ...]:
        """What the banner shows in this frame: the beat, then the call's words."""
        words = (self._headline.text(), self._detail.text())
        covering = self._wipe.isVisible() and self._wipe.rect().width() > 0
        if covering and self._wipe.opacity() > 0:
            return (BEAT_WORD,) if self._wipe.opacity() == 1 else (BEAT_WORD, *words)
        return words

    def is_wiping(self) -> bool:
        """True during the call's moment."""
        return self._tween.is_running()

    def holds_call(self) -> bool:
        """True while the beat still holds the call back (before the reveal)."""
        return self.is_wiping() and not self._revealed

    def wipe_rect(self) -> QRectF:
        """The call plate's extent in this frame, empty when not wiping."""
        return self._wipe.rect() if self._wipe.isVisible() else QRectF()

    def flags_text(self) -> str:
        """The flags (desk figures, not in feed), empty when none."""
        return self._flags.text() if self._flags.isVisible() else ""

    def show(
        self,
        content: BoardContent,
        theme: Theme,
        *,
        moment: bool = False,
        room_taken: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        """Words and colours for ``content``'s tone in ``theme``.

        With ``moment``, a race turning called gets its wipe and held beat
        instead of a cut; anything else, or another change mid-wipe that is
        no longer a call, shows at once. ``room_taken`` is what the logo bug
        and locator take from the right of the headline and of the second
        line (ui/board/logo.py).
        """
        self._theme = theme
        self._room_taken = room_taken
        turning = (
            self._shown is not None
            and self._shown.race_id == content.race_id
            and self._shown.tone is not BannerTone.CALLED
            and content.tone is BannerTone.CALLED
        )
        self._target = content
        if self.is_wiping() and content.tone is BannerTone.CALLED:
            self._wipe_frame(self._tween.progress())
            return
        if moment and turning:
            fill, ink = theme.banner[content.tone]
            self._wipe.setBrush(QBrush(QColor(fill)))
            self._beat.set_colour(QColor(ink))
            self._revealed = False
            self._tween.start(WIPE_MS)
            return
        self._tween.stop()
        self._revealed = True  # a cut: nothing is held back
        self._wipe.setVisible(False)
        self._apply(content)

    def finish(self) -> None:
        """Jump to the end of the call's moment."""
        self._tween.stop()
        self._wipe_frame(1.0)
        self._reveal()

    def _moment_frame(self, t: float) -> None:
        """A frame of the moment on air; at REVEAL_AT the call is revealed."""
        self._wipe_frame(t)
        if t >= REVEAL_AT:
            self._reveal()

    def _reveal(self) -> None:
        if self._revealed:
            return
        self._revealed = True
        if self._on_reveal is not None:
            self._on_reveal()

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """The settled banner inside the block, then the moment where it was."""
        if not self.is_wiping():
            yield
            return
        shown = self._shown
        self._wipe_frame(1.0)
        try:
            yield
        finally:
            if shown is not None:
                self._apply(shown)
            self._wipe_frame(self._tween.progress())

    def _wipe_frame(self, t: float) -> None:
        target = self._target
        if target is None:
            return
        s = self._s
        full = QRectF(
            g.SAFE_LEFT * s,
            g.BANNER_TOP * s,
            (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
            g.BANNER_HEIGHT * s,
        )
        grown = self._easing.valueForProgress(min(1.0, t / WIPE_IN))
        self._wipe.setRect(
            QRectF(full.left(), full.top(), full.width() * grown, full.height())
        )
        scene = self._wipe.scene()
        if scene is not None:
            # The clipped, fading beat leaves a stale pixel column in a view
            # that repaints only what changed (tests/ui/test_view_repaint.py):
            # the rare call's moment repaints the whole frame, as every frame
            # did before.
            scene.update()
        if t >= WIPE_IN and self._shown is not target:
            self._apply(target)  # under a full cover: the cut nobody sees
        fade = max(0.0, (t - REVEAL_AT) / (1 - REVEAL_AT))
        self._wipe.setOpacity(1.0 - self._easing.valueForProgress(min(1.0, fade)))
        self._wipe.setVisible(t < 1.0)

    def _apply(self, content: BoardContent) -> None:
        s = self._s
        self._shown = content
        fill, ink = self._theme.banner[content.tone]
        self.plate.setBrush(QBrush(QColor(fill)))
        self._headline.set_colour(QColor(ink))
        self._detail.set_colour(QColor(ink))
        self._flags.set_colours(QColor(ink), QColor(ink))
        self._flags.set_content(" · ".join(content.flags))
        inner = (g.SAFE_RIGHT - g.SAFE_LEFT - 2 * g.BANNER_PAD) * s
        headline_cut, detail_cut = self._room_taken
        detail_room = inner - detail_cut
        if content.flags:
            width = self._flags.boundingRect().width()
            right = (g.SAFE_RIGHT - g.BANNER_PAD) * s - detail_cut
            self._flags.setPos(right - width, (g.BANNER_TOP + 102) * s)
            detail_room -= width + 24 * s
        self._headline.set_max_width(inner - headline_cut)
        self._detail.set_max_width(detail_room)
        self._headline.set_text(content.headline)
        self._detail.set_text(content.detail)
