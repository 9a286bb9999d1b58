"""The balance of power screen: one big bar of seats (or electoral votes).

Items are built once and updated in place. Between snapshots the blocks grow
and the numbers roll for half a second on the AnimationClock; the words (the
title, the statuses, the banner) change at once, since they state where the
count stands, not how it got there.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from electionboard.model.screens import ScreenKind
from electionboard.presentation import balance_geometry as b
from electionboard.presentation import geometry as g
from electionboard.presentation.balance import BalanceView, balance_view
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.balance_items import SideItems, block_colour, rect_item
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.glide import Glide
from electionboard.ui.theme import DARK, Theme

ANIMATION_MS = 500


class BalanceScene(ScreenScene):
    """Seats won per party across the selected races, and the seats needed.

    Drawn from ``ScreenInput``: the races ``selected_races`` picks from its
    options, ``options.seats_needed`` for control and ``options.electoral``
    to count electoral votes instead of seats.
    """

    kind = ScreenKind.BALANCE

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
    ) -> None:
        super().__init__(raster, theme, parent, animations=animations)
        self._view: BalanceView | None = None
        self._start: dict[str, float] = {}
        self._target: dict[str, float] = {}
        self._shown: dict[str, float] = {}
        self._blocks: dict[str, QGraphicsRectItem] = {}
        self._markers: list[QGraphicsRectItem] = []
        self._others: list[tuple[QGraphicsRectItem, TextItem]] = []
        self._build_header()
        self._build_bar()
        self._left = SideItems(self, right=False)
        self._right = SideItems(self, right=True)
        self._build_banner()
        self._motion = self._glides_with(Glide(self, animations, self._on_frame))
        self._apply_theme()

    # -- building -------------------------------------------------------------------

    def _rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.px(x), self.px(y), self.px(w), self.px(h))

    def _text(
        self,
        pixels: int,
        weight: QFont.Weight,
        colour: str,
        *,
        right: bool = False,
        max_width: float | None = None,
        min_px: int = g.CAPS_MIN_PX,
    ) -> TextItem:
        item = TextItem(
            board_font(self.font_px(pixels), weight),
            QColor(colour),
            right_aligned=right,
            max_width=self.px(max_width) if max_width is not None else None,
            min_pixel_size=self.font_px(min_px),
        )
        self.addItem(item)
        return item

    def _build_header(self) -> None:
        theme = self.theme
        self._title = self._text(
            b.TITLE_PX,
            QFont.Weight.ExtraBold,
            theme.text,
            max_width=g.TITLE_MAX_WIDTH,
            min_px=g.TITLE_MIN_PX,
        )
        self._title.set_anchor(self.px(g.SAFE_LEFT), self.px(g.TITLE_Y))
        self._subtitle = self._text(
            b.SUBTITLE_PX, QFont.Weight.DemiBold, theme.accent, max_width=860
        )
        self._subtitle.set_anchor(self.px(g.SAFE_LEFT), self.px(g.SUBTITLE_Y))
        self._updated = self._text(
            b.UPDATED_PX, QFont.Weight.DemiBold, theme.muted, right=True, max_width=820
        )
        self._updated.set_anchor(self.px(g.SAFE_RIGHT), self.px(g.SUBTITLE_Y + 4))
        self._stale = PillItem(
            board_font(self.font_px(b.UPDATED_PX), QFont.Weight.ExtraBold),
            QColor(theme.stale),
            QColor(theme.on_stale),
        )
        self._stale.setVisible(False)
        self.addItem(self._stale)
        self._rule = rect_item()
        self._rule.setRect(
            self._rect(g.SAFE_LEFT, g.RULE_Y, g.SAFE_RIGHT - g.SAFE_LEFT, g.RULE_HEIGHT)
        )
        self.addItem(self._rule)

    def _build_bar(self) -> None:
        self._track = rect_item(z=1)
        bar = self._rect(b.BAR_LEFT, b.BAR_TOP, b.BAR_WIDTH, b.BAR_HEIGHT)
        self._track.setRect(bar)
        self.addItem(self._track)
        self._control = self._text(
            b.CONTROL_PX, QFont.Weight.ExtraBold, self.theme.text
        )
        self._undecided = self._text(
            b.UNDECIDED_PX, QFont.Weight.DemiBold, self.theme.text
        )

    def _build_banner(self) -> None:
        self._banner = rect_item()
        self._banner.setRect(
            self._rect(
                g.SAFE_LEFT, b.BANNER_TOP, g.SAFE_RIGHT - g.SAFE_LEFT, b.BANNER_HEIGHT
            )
        )
        self.addItem(self._banner)
        room = g.SAFE_RIGHT - g.SAFE_LEFT - 2 * b.BANNER_PAD
        self._headline = self._text(
            b.HEADLINE_PX, QFont.Weight.ExtraBold, self.theme.text, max_width=room
        )
        self._headline.setZValue(2)
        self._headline.set_anchor(
            self.px(g.SAFE_LEFT + b.BANNER_PAD), self.px(b.BANNER_TOP + 14)
        )
        self._detail = self._text(
            b.DETAIL_PX,
            QFont.Weight.DemiBold,
            self.theme.text,
            max_width=room,
            min_px=g.CAPS_MIN_PX,
        )
        self._detail.setZValue(2)
        self._detail.set_anchor(
            self.px(g.SAFE_LEFT + b.BANNER_PAD), self.px(b.BANNER_TOP + 86)
        )

    # -- colours --------------------------------------------------------------------

    def block_colour(self, key: str) -> QColor:
        """A block's colour from its view key in this scene's theme."""
        return block_colour(self.theme, key)

    def _apply_theme(self) -> None:
        theme = self.theme
        self._title.set_colour(QColor(theme.text))
        self._subtitle.set_colour(QColor(theme.accent))
        self._updated.set_colour(QColor(theme.muted))
        self._stale.set_colours(QColor(theme.stale), QColor(theme.on_stale))
        self._rule.setBrush(QBrush(QColor(theme.accent)))
        self._track.setBrush(QBrush(QColor(theme.track)))
        self._control.set_colour(QColor(theme.text))
        self._undecided.set_colour(QColor(theme.text))
        for marker in self._markers:
            marker.setBrush(QBrush(QColor(theme.text)))
        for _chip, label in self._others:
            label.set_colour(QColor(theme.text))
        self._left.restyle(theme)
        self._right.restyle(theme)

    # -- showing --------------------------------------------------------------------

    def view(self) -> BalanceView | None:
        """What the scene shows (its end state), for tests and the watch folder."""
        return self._view

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        view = balance_view(data)
        target = {f"block:{block.key}": float(block.count) for block in view.blocks}
        target["left"] = float(view.left.count)
        target["right"] = float(view.right.count)
        target["total"] = float(view.total)
        first = self._view is None
        self._view = view
        self._sync_blocks(view)
        self._show_words(view)
        self._motion.stop()
        self._start = dict(self._shown) if not first else dict(target)
        self._target = target
        if animate and not first and self._start != target:
            self._motion.start(ANIMATION_MS)
        else:
            self._on_frame(1.0)

    def _sync_blocks(self, view: BalanceView) -> None:
        """One rect per block key; keys that left the view go."""
        wanted = [f"block:{block.key}" for block in view.blocks]
        for key in list(self._blocks):
            if key not in wanted:
                self.removeItem(self._blocks.pop(key))
        for block in view.blocks:
            key = f"block:{block.key}"
            if key not in self._blocks:
                item = rect_item(z=2)
                self._blocks[key] = item
                self.addItem(item)
            self._blocks[key].setBrush(QBrush(self.block_colour(block.colour)))
        while len(self._markers) < len(view.markers):
            marker = rect_item(z=4)
            marker.setBrush(QBrush(QColor(self.theme.text)))
            self.addItem(marker)
            self._markers.append(marker)
        for n, marker in enumerate(self._markers):
            if n < len(view.markers):
                x = b.BAR_LEFT + view.markers[n] * b.BAR_WIDTH - b.MARKER_WIDTH / 2
                marker.setRect(
                    self._rect(
                        x,
                        b.BAR_TOP - b.MARKER_OVERHANG,
                        b.MARKER_WIDTH,
                        b.BAR_HEIGHT + 2 * b.MARKER_OVERHANG,
                    )
                )
            marker.setVisible(n < len(view.markers))

    def set_stale(self, text: str | None) -> None:
        """The STALE badge left of the results time on the subtitle line."""
        super().set_stale(text)
        self._stale.set_content(text or "")
        self._place_header()

    def _place_header(self) -> None:
        """The title takes the width the TEST DATA slug leaves; the subtitle
        the width the time and the STALE badge leave."""
        gap = self.px(g.TITLE_GAP)
        right = self.px(g.SAFE_RIGHT)
        if self.shows_test_slug():
            right = self.slug_rect().left() - gap
        self._title.set_max_width(right - self.px(g.SAFE_LEFT))
        left = self.px(g.SAFE_RIGHT) - self._updated.width() - gap
        if self._stale.isVisible():
            badge = self._stale.boundingRect()
            line = self.px(b.SUBTITLE_PX * g.LINE_HEIGHT)
            top = self.px(g.SUBTITLE_Y) + (line - badge.height()) / 2
            self._stale.setPos(left - badge.width(), top)
            left -= badge.width() + gap
        self._subtitle.set_max_width(max(0.0, left - self.px(g.SAFE_LEFT)))

    def _show_words(self, view: BalanceView) -> None:
        self._title.set_text(view.title)
        self._subtitle.set_text(view.subtitle)
        self._updated.set_text(view.updated)
        self._place_header()
        self._left.show(view.left, self.block_colour(view.left.colour))
        self._right.show(view.right, self.block_colour(view.right.colour))
        self._control.set_text(view.control_words)
        centre = b.BAR_LEFT + b.BAR_WIDTH / 2
        self._control.set_anchor(
            self.px(centre) - self._control.width() / 2, self.px(b.STATUS_Y)
        )
        self._control.setVisible(bool(view.markers))
        self._show_others(view)
        fill, ink = self.theme.banner[view.tone]
        self._banner.setBrush(QBrush(QColor(fill)))
        self._headline.set_colour(QColor(ink))
        self._detail.set_colour(QColor(ink))
        self._headline.set_text(view.headline)
        self._detail.set_text(view.detail)

    def _show_others(self, view: BalanceView) -> None:
        """The other parties with seats: a chip and 'INDEPENDENTS 2', centred."""
        while len(self._others) < len(view.others):
            chip = rect_item()
            self.addItem(chip)
            label = self._text(b.OTHERS_PX, QFont.Weight.DemiBold, self.theme.text)
            self._others.append((chip, label))
        widths = []
        for n, (chip, label) in enumerate(self._others):
            visible = n < len(view.others)
            chip.setVisible(visible)
            label.setVisible(visible)
            if visible:
                other = view.others[n]
                label.set_text(f"{other.name} {other.count:,}")
                chip.setBrush(QBrush(self.block_colour(other.colour)))
                widths.append(self.px(b.CHIP + 14) + label.width())
        gap = self.px(b.OTHERS_GAP)
        row = sum(widths) + gap * (len(widths) - 1)
        x = self.px(b.BAR_LEFT + b.BAR_WIDTH / 2) - row / 2
        line = self.px(b.OTHERS_PX * g.LINE_HEIGHT)
        size = self.px(b.CHIP)
        for (chip, label), width in zip(self._others, widths, strict=False):
            top = self.px(b.OTHERS_Y)
            chip.setRect(QRectF(x, top + (line - size) / 2, size, size))
            label.set_anchor(x + self.px(b.CHIP + 14), top)
            x += width + gap

    def _on_frame(self, progress: float) -> None:
        """Blocks, numbers and the middle's words at ``progress`` of the glide."""
        view = self._view
        if view is None:
            return
        start = self._start
        shown = {
            key: start.get(key, 0.0) + (value - start.get(key, 0.0)) * progress
            for key, value in self._target.items()
        }
        self._shown = shown
        self._place_blocks(view, shown)
        self._left.number.set_text(f"{round(shown['left']):,}")
        self._right.number.set_text(f"{round(shown['right']):,}")

    def _place_blocks(self, view: BalanceView, shown: Mapping[str, float]) -> None:
        keys = [f"block:{block.key}" for block in view.blocks]
        spans = b.block_spans([shown[key] for key in keys], shown["total"])
        half_gap = b.BLOCK_GAP / 2
        for key, (start, end) in zip(keys, spans, strict=True):
            left = b.BAR_LEFT + start * b.BAR_WIDTH + (half_gap if start > 0 else 0)
            right = b.BAR_LEFT + end * b.BAR_WIDTH - (half_gap if end < 1 else 0)
            self._blocks[key].setRect(
                self._rect(left, b.BAR_TOP, max(0.0, right - left), b.BAR_HEIGHT)
            )
        self._place_middle_words(view, keys, spans)

    def _place_middle_words(
        self, view: BalanceView, keys: list[str], spans: list[tuple[float, float]]
    ) -> None:
        """'12 UNDECIDED' under the middle block's centre, kept under the bar."""
        middle = "block:runoff" if "block:runoff" in keys else "block:undecided"
        self._undecided.set_text(view.undecided_words)
        if middle not in keys or not view.undecided_words:
            self._undecided.setVisible(False)
            return
        start, end = spans[keys.index(middle)]
        width = self._undecided.width()
        centre = self.px(b.BAR_LEFT + (start + end) / 2 * b.BAR_WIDTH)
        left = self.px(b.BAR_LEFT)
        right = self.px(b.BAR_LEFT + b.BAR_WIDTH) - width
        x = min(max(centre - width / 2, left), right)
        self._undecided.set_anchor(x, self.px(b.UNDECIDED_Y))
        self._undecided.setVisible(True)

    # -- animation ------------------------------------------------------------------

    def shown_counts(self) -> dict[str, float]:
        """Each block's and number's count in this frame (tests)."""
        return dict(self._shown)
