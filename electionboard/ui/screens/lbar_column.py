"""The L-bar's right column: a plate from title-safe's top down to the strip.

It lists the races coming up as blocks in fixed slots. When the cycle
advances, the top race leaves (up and out, into the strip), the rest glide
up a slot and the next one rises in from below; a poll rolls the shares.
One tween from the scene's AnimationClock drives both, so tests step it by
hand and an export mid-glide shows the end state, then puts the glide back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEasingCurve, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from electionboard.presentation import lbar
from electionboard.ui.animation import AnimationClock
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.lbar_block import ColumnBlock
from electionboard.ui.screens.strip_items import Plate
from electionboard.ui.theme import Theme

GLIDE_MS = 800


@dataclass(slots=True)
class _Placement:
    """A block's glide: from a slot and opacity to others, shares rolling."""

    block: ColumnBlock
    entry: lbar.ColumnEntry
    slots: tuple[float, float]
    alphas: tuple[float, float]
    shares: dict[str, float] = field(default_factory=dict)
    """Where each share rolls from (a candidate not here does not roll)."""

    def at(self, p: float) -> tuple[float, float, dict[str, float]]:
        """Slot, opacity and shares drawn at progress ``p``."""
        slot = self.slots[0] + (self.slots[1] - self.slots[0]) * p
        alpha = self.alphas[0] + (self.alphas[1] - self.alphas[0]) * p
        shares = {
            line.key: self.shares.get(line.key, line.share)
            + (line.share - self.shares.get(line.key, line.share)) * p
            for line in self.entry.lines
        }
        return slot, alpha, shares

    @property
    def leaving(self) -> bool:
        """True for a race no longer listed (it fades away)."""
        return self.alphas[1] == 0.0


class LBarColumn:
    """The column's plates, header and race blocks, made once, refilled in place."""

    def __init__(
        self,
        scene: QGraphicsScene,
        animations: AnimationClock,
        scale: float,
        min_px: int,
        theme: Theme,
    ) -> None:
        s = self._s = scale
        self._min_px = min_px
        self._theme = theme
        self._layout = lbar.column_layout()
        self.plate = Plate(QColor(theme.plate))
        self.header = Plate(QColor(theme.accent))
        self.rule = Plate(QColor(theme.accent))
        self.clip = Plate(QColor(0, 0, 0, 0))
        self.clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        for item in (self.plate, self.header, self.rule, self.clip):
            scene.addItem(item)
        self.title = TextItem(
            board_font(34 * s, QFont.Weight.ExtraBold),
            QColor(theme.on_accent),
            self.header,
        )
        foot = board_font(28 * s, QFont.Weight.ExtraBold)
        self.footer_rule = Plate(QColor(theme.track))
        scene.addItem(self.footer_rule)
        self.footer_names = [
            TextItem(foot, QColor(theme.text), None, min_pixel_size=min_px)
            for _ in range(2)
        ]
        self.footer_time = TextItem(
            board_font(28 * s, QFont.Weight.Bold),
            QColor(theme.muted),
            None,
            min_pixel_size=min_px,
        )
        for text in (*self.footer_names, self.footer_time):
            scene.addItem(text)
        self._footer_on = False
        self._blocks: list[ColumnBlock] = []
        self._placements: dict[str, _Placement] = {}
        self._order: tuple[str, ...] = ()
        self._p = 1.0
        self._resized = False
        self._tween = animations.tween(scene, QEasingCurve.Type.InOutCubic, self._frame)
        self._place()

    # -- public ------------------------------------------------------------------

    def rect(self) -> QRectF:
        """The column, scene pixels: SAFE_TOP down to the strip's top edge."""
        box = self._layout.column.scaled(self._s)
        return QRectF(box.x, box.y, box.w, box.h)

    def slot_top(self, slot: int) -> float:
        """Where a block in ``slot`` starts, scene pixels (tests)."""
        return self._layout.blocks.scaled(self._s).y + slot * self._block_h()

    def places(self) -> int:
        """Candidates each block names, for the races listed now."""
        return lbar.block_places(self._layout.slots[0].h)

    def layout_for(self, count: int) -> None:
        """Share the column among ``count`` blocks (before ``show``)."""
        layout = lbar.column_layout(count)
        if layout != self._layout:
            self._layout = layout
            self._resized = True

    def race_ids(self) -> tuple[str, ...]:
        """The races listed, top down (the end of any glide)."""
        return self._order

    def block_tops(self) -> dict[str, float]:
        """Each listed race's block top as drawn now, scene pixels (tests)."""
        return {
            race_id: placement.block.container.y()
            for race_id, placement in self._placements.items()
            if not placement.leaving
        }

    def leaving(self) -> dict[str, tuple[float, float]]:
        """Each race leaving the column: its block's top and opacity now."""
        return {
            race_id: (placement.block.container.y(), placement.at(self._p)[1])
            for race_id, placement in self._placements.items()
            if placement.leaving and placement.block.container.isVisible()
        }

    def block_count(self) -> int:
        """Blocks made so far (tests: a glide reuses them, never leaks)."""
        return len(self._blocks)

    def set_visible(self, *, visible: bool) -> None:
        """Show the column, or hide it whole (nothing to list, or no L-bar)."""
        for item in (self.plate, self.header, self.rule, self.clip):
            item.setVisible(visible)
        self._show_footer(visible=visible and self._footer_on)

    def set_header_words(self, *, visible: bool) -> None:
        """The header's words, hidden while the TEST DATA slug covers them."""
        self.title.setVisible(visible)

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place."""
        self._theme = theme
        self.plate.set_colour(QColor(theme.plate))
        self.header.set_colour(QColor(theme.accent))
        self.rule.set_colour(QColor(theme.accent))
        self.title.set_colour(QColor(theme.on_accent))
        self.footer_rule.set_colour(QColor(theme.track))
        for name in self.footer_names:
            name.set_colour(QColor(theme.text))
        self.footer_time.set_colour(QColor(theme.muted))
        for block in self._blocks:
            block.set_theme(theme)

    def show(
        self,
        entries: Sequence[lbar.ColumnEntry],
        footer: lbar.ColumnFooter | None = None,
        *,
        animate: bool,
    ) -> None:
        """List ``entries`` top down: glide and roll to them, or jump; the
        ``footer`` at the column's foot when the blocks leave it room."""
        entries = tuple(entries)[: len(self._layout.slots)]
        # Blocks that changed height jump: a glide between sizes would squash.
        animate = animate and not self._resized
        self._resized = False
        drawn = {
            race_id: (placement, *placement.at(self._p))
            for race_id, placement in self._placements.items()
        }
        self._tween.stop()
        placements: dict[str, _Placement] = {}
        for n, entry in enumerate(entries):
            old = drawn.get(entry.race_id)
            if old is not None and old[2] > 0.0:
                block, slot, alpha, shares = old[0].block, old[1], old[2], old[3]
            else:
                block, slot, alpha, shares = (
                    self._free(placements, drawn),
                    n + 1.0,
                    0.0,
                    {},
                )
            if not animate:
                slot, alpha, shares = float(n), 1.0, {}
            # Only a share that changes rolls (a poll with the same figures
            # starts no tween).
            targets = {line.key: line.share for line in entry.lines}
            shares = {
                key: share
                for key, share in shares.items()
                if key in targets and abs(share - targets[key]) > 1e-9
            }
            block.set_size(self._layout.blocks.w * self._s, self._block_h())
            block.show(entry)
            placements[entry.race_id] = _Placement(
                block, entry, (slot, float(n)), (alpha, 1.0), shares
            )
        for race_id, (placement, slot, alpha, _) in drawn.items():
            if race_id in placements or not animate or alpha <= 0.0:
                continue
            # The top race leaves up and out (it is the strip's now); any
            # other fades where it is.
            to = slot - 1.0 if slot < 0.5 else slot
            placements[race_id] = _Placement(
                placement.block, placement.entry, (slot, to), (alpha, 0.0)
            )
        used = {id(p.block) for p in placements.values()}
        for block in self._blocks:
            if id(block) not in used:
                block.container.setVisible(False)
        self._placements = placements
        self._order = tuple(e.race_id for e in entries)
        self._draw_footer(footer, entries)
        if animate and any(
            p.slots[0] != p.slots[1] or p.alphas[0] != p.alphas[1] or p.shares
            for p in placements.values()
        ):
            self._frame(0.0)
            self._tween.start(GLIDE_MS)
        else:
            self._frame(1.0)

    def is_animating(self) -> bool:
        """A glide or a roll is under way."""
        return self._tween.is_running()

    def finish(self) -> None:
        """Jump to the end of the glide."""
        self._tween.stop()
        self._frame(1.0)

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """The glide's end, then back where it was."""
        p = self._p
        self._frame(1.0)
        try:
            yield
        finally:
            self._frame(p)

    # -- drawing -----------------------------------------------------------------

    def _block_h(self) -> float:
        return self._layout.slots[0].h * self._s

    def _free(
        self,
        taken: dict[str, _Placement],
        drawn: dict[str, tuple[_Placement, float, float, dict[str, float]]],
    ) -> ColumnBlock:
        """A block no race holds now (drawn at all) or is about to hold (made
        when none is free)."""
        busy = {id(p.block) for p in taken.values()}
        busy |= {id(d[0].block) for d in drawn.values() if d[2] > 0.0}
        for block in self._blocks:
            if id(block) not in busy:
                return block
        box = self._layout.blocks.scaled(self._s)
        block = ColumnBlock(
            self.clip, self._s, self._min_px, self._theme, (box.w, self._block_h())
        )
        self._blocks.append(block)
        return block

    def _frame(self, p: float) -> None:
        self._p = p
        box = self._layout.blocks.scaled(self._s)
        for placement in self._placements.values():
            slot, alpha, shares = placement.at(p)
            container = placement.block.container
            container.setPos(box.x, box.y + slot * self._block_h())
            container.setOpacity(alpha)
            container.setVisible(alpha > 0.0)
            placement.block.roll(shares)

    def _draw_footer(
        self, footer: lbar.ColumnFooter | None, entries: Sequence[lbar.ColumnEntry]
    ) -> None:
        """The footer, if the last block's words end above it; the blocks
        are clipped above it, so one gliding in passes under it."""
        s = self._s
        column = self._layout.column.scaled(s)
        blocks = self._layout.blocks.scaled(s)
        top = column.bottom - lbar.FOOTER_HEIGHT * s
        lowest = blocks.y
        if entries:
            last = self._placements[entries[-1].race_id].block
            lowest = self.slot_top(len(entries) - 1) + last.content_bottom
        self._footer_on = footer is not None and lowest + 12 * s <= top
        bottom = top if self._footer_on else blocks.bottom
        self.clip.set_rect(QRectF(blocks.x, blocks.y, blocks.w, bottom - blocks.y))
        self._show_footer(visible=self._footer_on)
        if footer is None or not self._footer_on:
            return
        pad = lbar.BLOCK_PAD * s
        left, room = column.x + pad, column.w - 2 * pad
        self.footer_rule.set_rect(QRectF(left, top, room, 2 * s))
        metrics = QFontMetricsF(self.footer_names[0].font())
        lines = lbar.title_lines(footer.name, metrics.horizontalAdvance, room)
        line_h = metrics.height()
        time_h = QFontMetricsF(self.footer_time.font()).height()
        y = top + (lbar.FOOTER_HEIGHT * s - 2 * line_h - time_h) / 2
        for n, name in enumerate(self.footer_names):
            name.setVisible(n < len(lines))
            name.set_max_width(room)
            name.set_text(lines[n] if n < len(lines) else "")
            name.set_anchor(left, y + n * line_h)
        self.footer_time.set_max_width(room)
        self.footer_time.set_texts(footer.as_of)
        self.footer_time.set_anchor(left, y + len(lines) * line_h)

    def _show_footer(self, *, visible: bool) -> None:
        self.footer_rule.setVisible(visible)
        self.footer_time.setVisible(visible)
        for name in self.footer_names:
            name.setVisible(visible and bool(name.text()))

    def _place(self) -> None:
        s = self._s
        column = self._layout.column.scaled(s)
        header = self._layout.header.scaled(s)
        self.plate.set_rect(QRectF(column.x, column.y, column.w, column.h))
        self.header.set_rect(QRectF(header.x, header.y, header.w, header.h))
        self.rule.set_rect(
            QRectF(column.x, header.bottom, 4 * s, column.bottom - header.bottom)
        )
        pad = lbar.BLOCK_PAD * s
        self.title.set_max_width(header.w - 2 * pad)
        self.title.set_text(lbar.HEADER)
        height = QFontMetricsF(self.title.font()).height()
        self.title.set_anchor(header.x + pad, header.y + (header.h - height) / 2)
