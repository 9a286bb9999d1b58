"""The race-call banner: a coloured bar with a headline, a detail and flags."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme


class CallBanner:
    """Banner items, created once and updated in place for each content."""

    def __init__(self, scale: float, theme: Theme) -> None:
        s = self._s = scale
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

    def items(self) -> tuple[QGraphicsItem, ...]:
        """The items to add to the scene."""
        return self.plate, self._headline, self._detail, self._flags

    def texts(self) -> tuple[str, str]:
        """Headline and second line."""
        return self._headline.text(), self._detail.text()

    def flags_text(self) -> str:
        """The flags (desk figures, not in feed), empty when none."""
        return self._flags.text() if self._flags.isVisible() else ""

    def show(
        self,
        content: BoardContent,
        theme: Theme,
        *,
        room_taken: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        """Words and colours for ``content``'s tone in ``theme``.

        ``room_taken`` is what the logo bug and locator take from the right of
        the headline and of the second line (ui/board/logo.py).
        """
        s = self._s
        fill, ink = theme.banner[content.tone]
        self.plate.setBrush(QBrush(QColor(fill)))
        self._headline.set_colour(QColor(ink))
        self._detail.set_colour(QColor(ink))
        self._flags.set_colours(QColor(ink), QColor(ink))
        self._flags.set_content(" · ".join(content.flags))
        inner = (g.SAFE_RIGHT - g.SAFE_LEFT - 2 * g.BANNER_PAD) * s
        headline_cut, detail_cut = room_taken
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
