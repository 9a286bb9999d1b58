"""The balance screen's parts: a bar end's words and figure, and block colours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from electionboard.presentation import balance_geometry as b
from electionboard.presentation import geometry as g
from electionboard.presentation.balance import Side
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.theme import Theme

MINOR_SLOTS = (1, 4, 9, 6, 10, 11)
"""Palette slots minor parties take in turn: purple, brown, violet, wine...,
none of them near the party colours or the undecided grey."""


def block_colour(theme: Theme, key: str) -> QColor:
    """A block's colour from its view key: parties, decided, undecided.

    Minor parties take palette slots, never grey: grey is the
    undecided seats'.
    """
    if key == "accent":
        return QColor(theme.accent)
    if key == "undecided":
        return QColor(theme.neutral)
    if key == "runoff":
        return QColor(theme.slot_colours[1])
    kind, _, nth = key.partition(":")
    if kind == "minor":
        slot = MINOR_SLOTS[int(nth) % len(MINOR_SLOTS)]
        return QColor(theme.slot_colours[slot % len(theme.slot_colours)])
    return theme.colour(key)


def rect_item(z: float = 0.0) -> QGraphicsRectItem:
    """A borderless rectangle at stacking order ``z``, shaped and filled later."""
    item = QGraphicsRectItem()
    item.setPen(QPen(Qt.PenStyle.NoPen))
    item.setZValue(z)
    return item


class SideItems:
    """A bar end's stripe, name, big number and status (or CONTROL pill)."""

    def __init__(self, scene: ScreenScene, *, right: bool) -> None:
        s = scene.px(1)
        text = QColor(scene.theme.text)
        self.right = right
        edge = g.SAFE_RIGHT if right else g.SAFE_LEFT
        self.stripe = rect_item()
        stripe_x = edge - b.STRIPE_WIDTH if right else edge
        self.stripe.setRect(
            QRectF(
                stripe_x * s,
                b.SIDE_Y * s,
                b.STRIPE_WIDTH * s,
                (b.STATUS_Y + b.STATUS_PX * g.LINE_HEIGHT - b.SIDE_Y) * s,
            )
        )
        inner = b.STRIPE_WIDTH + b.STRIPE_GAP
        x = (edge - inner if right else edge + inner) * s
        room = (b.SIDE_MAX_WIDTH - inner) * s
        self.name = TextItem(
            board_font(scene.font_px(b.SIDE_NAME_PX), QFont.Weight.ExtraBold),
            text,
            right_aligned=right,
            max_width=room,
            min_pixel_size=scene.font_px(g.CAPS_MIN_PX),
        )
        self.name.set_anchor(x, b.SIDE_Y * s)
        self.number = TextItem(
            board_font(scene.font_px(b.NUMBER_PX), QFont.Weight.ExtraBold),
            text,
            right_aligned=right,
        )
        self.number.set_anchor(x, b.NUMBER_Y * s)
        self.status = TextItem(
            board_font(scene.font_px(b.STATUS_PX), QFont.Weight.DemiBold),
            QColor(scene.theme.muted),
            right_aligned=right,
            max_width=room,
            min_pixel_size=scene.font_px(g.CAPS_MIN_PX),
        )
        self.status.set_anchor(x, b.STATUS_Y * s)
        self.pill = PillItem(
            board_font(scene.font_px(b.STATUS_PX), QFont.Weight.ExtraBold),
            QColor(scene.theme.call),
            QColor(scene.theme.on_call),
        )
        self.pill.setVisible(False)
        self._x = x
        self._y = b.STATUS_Y * s
        for item in (self.stripe, self.name, self.number, self.status, self.pill):
            scene.addItem(item)

    def show(self, side: Side, colour: QColor) -> None:
        """Words and colour of ``side``; the number rolls separately."""
        self.stripe.setBrush(QBrush(colour))
        self.name.set_text(side.name)
        self.pill.set_content(side.status if side.control else "", checked=True)
        self.status.set_text("" if side.control else side.status)
        width = self.pill.boundingRect().width()
        self.pill.setPos(self._x - width if self.right else self._x, self._y)

    def restyle(self, theme: Theme) -> None:
        """Text colours of ``theme``."""
        self.name.set_colour(QColor(theme.text))
        self.number.set_colour(QColor(theme.text))
        self.status.set_colour(QColor(theme.muted))
        self.pill.set_colours(QColor(theme.call), QColor(theme.on_call))
