"""One race's block in the L-bar's column: its name, the top two, how much is in.

Made once and refilled in place; the column moves and fades the whole block
(its container) when the cycle advances, and rolls its shares.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from electionboard.presentation import lbar
from electionboard.presentation.lower_third import share_text
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.strip_items import CheckBadge, Plate
from electionboard.ui.theme import Theme

TITLE_PX = 30
LINE_PX = 36
REPORTING_PX = 28
TOP_PAD = 18.0
"""A tall block's words from its top, at 1080 lines (a compact one centres)."""
CHIP_WIDTH = 8.0


class CandidateLine:
    """Chip, check, surname and share of one candidate in a block."""

    def __init__(
        self, parent: QGraphicsItem, scale: float, min_px: int, theme: Theme
    ) -> None:
        s = self._s = scale
        self._theme = theme
        self.chip = Plate(QColor(theme.neutral), parent)
        self.check = CheckBadge(
            32 * s, QColor(theme.call), QColor(theme.on_call), parent
        )
        self.name = TextItem(
            board_font(LINE_PX * s, QFont.Weight.Bold),
            QColor(theme.text),
            parent,
            min_pixel_size=min_px,
        )
        self.share = TextItem(
            board_font(LINE_PX * s, QFont.Weight.ExtraBold),
            QColor(theme.text),
            parent,
            right_aligned=True,
        )
        self._muted = False

    def items(self) -> tuple[QGraphicsItem, ...]:
        """Everything the line draws."""
        return (self.chip, self.check, self.name, self.share)

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place."""
        self._theme = theme
        self.check.set_colours(QColor(theme.call), QColor(theme.on_call))
        self.name.set_colour(QColor(theme.muted if self._muted else theme.text))
        self.share.set_colour(QColor(theme.text))

    def show(
        self, line: lbar.ColumnLine | None, top: float, left: float, right: float
    ) -> None:
        """``line`` at ``top`` between ``left`` and ``right``; None: 'No votes yet'."""
        s = self._s
        height = QFontMetricsF(self.name.font()).height()
        self.chip.setVisible(line is not None)
        self.check.setVisible(line is not None and line.checked)
        self.share.setVisible(line is not None)
        self._muted = line is None
        self.name.set_colour(
            QColor(self._theme.muted if line is None else self._theme.text)
        )
        if line is None:
            self.name.set_max_width(right - left)
            self.name.set_text(lbar.NO_VOTES)
            self.name.set_anchor(left, top)
            return
        self.chip.set_colour(self._theme.colour(line.colour_key))
        self.chip.set_rect(QRectF(left, top + 6 * s, CHIP_WIDTH * s, height - 12 * s))
        x = left + (CHIP_WIDTH + 14) * s
        if line.checked:
            self.check.setPos(x, top + (height - self.check.size()) / 2)
            x += self.check.size() + 10 * s
        # Room judged against the widest share, so a roll never re-fits the name.
        widest = QFontMetricsF(self.share.font()).horizontalAdvance("100.0%")
        self.name.set_max_width(right - x - widest - 16 * s)
        self.name.set_text(line.name)
        self.name.set_anchor(x, top)
        self.share.set_anchor(right, top)

    def roll(self, share: float) -> None:
        """The share part way through a roll (or at its end)."""
        self.share.set_text(share_text(share))


class ColumnBlock:
    """A race in the column: title lines, two candidates, the reporting line.

    ``container`` is what the column moves and fades; everything else is
    drawn relative to its top left (the block's slot, ``width`` x ``height``,
    which ``set_size`` changes when the column lists more or fewer races).
    """

    def __init__(
        self,
        parent: QGraphicsItem,
        scale: float,
        min_px: int,
        theme: Theme,
        size: tuple[float, float],
    ) -> None:
        s = self._s = scale
        self._theme = theme
        self._width, self._height = size
        self.container = Plate(QColor(0, 0, 0, 0), parent)
        self.rule = Plate(QColor(theme.track), self.container)
        title_font = board_font(TITLE_PX * s, QFont.Weight.ExtraBold)
        self.titles = [
            TextItem(
                title_font, QColor(theme.accent), self.container, min_pixel_size=min_px
            )
            for _ in range(2)
        ]
        self.lines = [
            CandidateLine(self.container, s, min_px, theme)
            for _ in range(lbar.MOST_PLACES)
        ]
        self.reporting = TextItem(
            board_font(REPORTING_PX * s, QFont.Weight.Bold),
            QColor(theme.muted),
            self.container,
            min_pixel_size=min_px,
        )
        self.entry: lbar.ColumnEntry | None = None
        self.content_bottom = 0.0
        """Where the block's words end, below its top (raster pixels)."""

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place."""
        self._theme = theme
        self.rule.set_colour(QColor(theme.track))
        for title in self.titles:
            title.set_colour(QColor(theme.accent))
        for line in self.lines:
            line.set_theme(theme)
        self.reporting.set_colour(QColor(theme.muted))

    def set_size(self, width: float, height: float) -> None:
        """The block's slot, raster pixels (``show`` lays it out)."""
        self._width, self._height = width, height

    def show(self, entry: lbar.ColumnEntry) -> None:
        """Fill the block with ``entry`` (shares: ``roll``)."""
        s = self._s
        self.entry = entry
        pad = lbar.BLOCK_PAD * s
        left, right = pad, self._width - pad
        room = right - left
        self.rule.set_rect(QRectF(left, 0, room, 2 * s))
        metrics = QFontMetricsF(self.titles[0].font())
        forms = lbar.title_lines(entry.title, metrics.horizontalAdvance, room)
        title_h = metrics.height()
        line_h = lbar.LINE_HEIGHT * s
        report_h = QFontMetricsF(self.reporting.font()).height()
        count = max(len(entry.lines), 2)
        content = len(forms) * title_h + 8 * s + count * line_h + 4 * s + report_h
        top = min((self._height - content) / 2, TOP_PAD * s)
        for n, title in enumerate(self.titles):
            title.setVisible(n < len(forms))
            title.set_max_width(room)
            title.set_text(forms[n] if n < len(forms) else "")
            title.set_anchor(left, top + n * title_h)
        y = top + len(forms) * title_h + 8 * s
        for n, line in enumerate(self.lines):
            has = n < len(entry.lines)
            for item in line.items():
                item.setVisible(has or (n == 0 and not entry.lines))
            if has:
                line.show(entry.lines[n], y + n * line_h, left, right)
            elif n == 0:
                line.show(None, y, left, right)
        self.reporting.set_max_width(room)
        self.reporting.set_text(entry.reporting)
        shown = max(len(entry.lines), 1)
        self.reporting.set_anchor(left, y + shown * line_h + 4 * s)
        self.content_bottom = y + shown * line_h + 4 * s + report_h

    def roll(self, shares: dict[str, float]) -> None:
        """Each candidate's share as drawn now, by candidate key."""
        entry = self.entry
        if entry is None:
            return
        for line, item in zip(entry.lines, self.lines, strict=False):
            item.roll(shares.get(line.key, line.share))

    def set_rule(self, *, visible: bool) -> None:
        """The hairline over the block (the top block sits under the header)."""
        self.rule.setVisible(visible)
