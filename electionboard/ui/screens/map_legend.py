"""The county map's legend: candidates, their margin shades, not reporting.

Each candidate gets a block (colour bar, name, statewide share, counties
led) over a row of four swatches, its colour at each margin shade; the
shades' labels sit once under the last row. Items are made once and
updated in place on each poll.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItemGroup, QGraphicsRectItem

from electionboard.presentation import county_map as m
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

Fill = Callable[[str, int], QColor]
"""A colour key and margin bucket to the fill a county would wear."""


def _rect(group: QGraphicsItemGroup) -> QGraphicsRectItem:
    item = QGraphicsRectItem()
    item.setPen(QPen(Qt.PenStyle.NoPen))
    group.addToGroup(item)
    return item


class _Block:
    """One candidate: the name on one line, share and counties led under it."""

    def __init__(
        self, group: QGraphicsItemGroup, s: float, font_px: Callable[[float], int]
    ) -> None:
        self._s = s
        self._name_x = (m.LEGEND_STRIPE + 14) * s
        room = (m.LEGEND_RIGHT - m.LEGEND_LEFT) * s - self._name_x
        self.stripe = _rect(group)
        self.name = TextItem(
            board_font(font_px(m.LEGEND_NAME_PX), QFont.Weight.Bold),
            QColor("white"),
            max_width=room,
            min_pixel_size=font_px(28),
        )
        self.share = TextItem(
            board_font(font_px(m.LEGEND_SHARE_PX), QFont.Weight.Bold), QColor("white")
        )
        self.counties = TextItem(
            board_font(font_px(m.LEGEND_SMALL_PX), QFont.Weight.DemiBold),
            QColor("white"),
            right_aligned=True,
        )
        for item in (self.name, self.share, self.counties):
            group.addToGroup(item)
        self.swatches = [_rect(group) for _ in m.MARGIN_LABELS]

    def place(self, top: float, spacing: m.LegendSpacing) -> float:
        """Lay the block out from ``top``; returns where the next one starts."""
        s = self._s
        left, right = m.LEGEND_LEFT * s, m.LEGEND_RIGHT * s
        self.name.set_anchor(left + self._name_x, top)
        y = top + spacing.name_height * s
        self.share.set_anchor(left + self._name_x, y)
        # The counties' smaller type sits on the share's baseline.
        drop = (
            self.share.boundingRect().height() - self.counties.boundingRect().height()
        )
        self.counties.set_anchor(right, y + drop * 0.8)
        y += spacing.share_height * s
        self.stripe.setRect(
            QRectF(left, top + 6 * s, m.LEGEND_STRIPE * s, y - top - 8 * s)
        )
        gap = m.LEGEND_SWATCH_GAP * s
        cell = (right - left - gap * (len(self.swatches) - 1)) / len(self.swatches)
        height = spacing.swatch_height * s
        for n, swatch in enumerate(self.swatches):
            swatch.setRect(QRectF(left + n * (cell + gap), y + 4 * s, cell, height))
        return y + 4 * s + height

    def set_visible(self, *, visible: bool) -> None:
        """Show or hide the whole block."""
        for item in (self.stripe, self.name, self.share, self.counties, *self.swatches):
            item.setVisible(visible)


class MapLegend(QGraphicsItemGroup):
    """The legend column right of the map."""

    def __init__(self, s: float, font_px: Callable[[float], int]) -> None:
        super().__init__()
        self._s = s
        self._font_px = font_px
        self._blocks = [_Block(self, s, font_px) for _ in range(m.LEGEND_CANDIDATES)]
        small = board_font(font_px(m.LEGEND_SMALL_PX), QFont.Weight.DemiBold)
        self._labels = [TextItem(small, QColor("white")) for _ in m.MARGIN_LABELS]
        self._heading = TextItem(small, QColor("white"))
        self._no_report = _rect(self)
        self._no_report_hatch = _rect(self)
        self._no_report_text = TextItem(small, QColor("white"))
        self._tied = _rect(self)
        self._tied_text = TextItem(small, QColor("white"))
        self._updated = TextItem(
            small,
            QColor("white"),
            max_width=(m.LEGEND_RIGHT - m.LEGEND_LEFT) * s,
            min_pixel_size=font_px(28),
        )
        for item in (
            *self._labels,
            self._heading,
            self._no_report_text,
            self._tied_text,
            self._updated,
        ):
            self.addToGroup(item)

    def _same_name_size(self, shown: int) -> None:
        """Every name at one size: the largest at which the longest fits."""
        blocks = self._blocks[:shown]
        for block in blocks:
            block.name.pin_pixel_size(None)
        if not blocks:
            return
        size = min(b.name.largest_fitting_pixel_size() for b in blocks)
        # One long name takes a shorter form rather than shrink every name.
        size = max(size, self._font_px(m.LEGEND_NAME_MIN_PX))
        for block in blocks:
            block.name.pin_pixel_size(size)

    def show_content(
        self,
        content: m.MapContent,
        theme: Theme,
        fill: Fill,
        hatch: QBrush,
        tied: QColor,
    ) -> None:
        """Put the legend for ``content`` up in ``theme``'s colours."""
        s = self._s
        left, right = m.LEGEND_LEFT * s, m.LEGEND_RIGHT * s
        text, muted = QColor(theme.text), QColor(theme.muted)
        y = m.LEGEND_TOP * s
        spacing = m.legend_spacing(len(content.legend))
        swatches: list[QRectF] = []
        for n, block in enumerate(self._blocks):
            if n >= len(content.legend):
                block.set_visible(visible=False)
                continue
            entry = content.legend[n]
            block.set_visible(visible=True)
            block.name.set_texts((entry.name, *entry.short_names))
            block.share.set_text(entry.share)
            block.counties.set_text(entry.counties)
            for item in (block.name, block.share):
                item.set_colour(text)
            block.counties.set_colour(muted)
            block.stripe.setBrush(
                QBrush(fill(entry.colour_key, len(m.MARGIN_LABELS) - 1))
            )
            y = block.place(y, spacing)
            for bucket, swatch in enumerate(block.swatches):
                swatch.setBrush(QBrush(fill(entry.colour_key, bucket)))
            swatches = [w.rect() for w in block.swatches]
            y += spacing.block_gap * s
        self._same_name_size(len(content.legend))
        y -= spacing.block_gap * s
        y += 6 * s
        for label, words, cell in zip(
            self._labels, content.margin_labels, swatches, strict=False
        ):
            label.set_text(words)
            label.set_colour(muted)
            label.set_anchor(cell.center().x() - label.width() / 2, y)
        y += 36 * s
        self._heading.set_text(content.margin_heading)
        self._heading.set_colour(muted)
        self._heading.set_anchor((left + right) / 2 - self._heading.width() / 2, y)
        y += 36 * s + m.LEGEND_SECTION_GAP * s
        x = self._key(
            self._no_report, content.not_reporting, self._no_report_text, left, y, text
        )
        self._no_report.setBrush(QBrush(QColor(theme.track)))
        self._no_report_hatch.setRect(self._no_report.rect())
        self._no_report_hatch.setBrush(hatch)
        self._tied.setVisible(content.show_tied)
        self._tied_text.setVisible(content.show_tied)
        if content.show_tied:
            self._key(
                self._tied,
                content.tied,
                self._tied_text,
                x + m.KEY_PAIR_GAP * s,
                y,
                text,
            )
            self._tied.setBrush(QBrush(tied))
        y += m.KEY_SWATCH * s
        self._updated.set_texts(
            (content.updated, content.updated.replace("RESULTS ", ""))
        )
        self._updated.set_colour(muted)
        bottom = m.MAP_BOTTOM * s - self._updated.boundingRect().height()
        self._updated.set_anchor(left, max(y + 16 * s, bottom))

    def _key(
        self,
        swatch: QGraphicsRectItem,
        words: str,
        label: TextItem,
        x: float,
        y: float,
        ink: QColor,
    ) -> float:
        """A swatch and its word from ``x``; returns where the word ends."""
        s = self._s
        side = m.KEY_SWATCH * s
        swatch.setRect(QRectF(x, y, side, side))
        label.set_text(words)
        label.set_colour(ink)
        label.set_anchor(
            x + side + m.KEY_GAP * s, y + (side - label.boundingRect().height()) / 2
        )
        return x + side + m.KEY_GAP * s + label.width()
