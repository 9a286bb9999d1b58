"""An item drawn from an image of itself: the same pixels, a copy's cost.

At 4K the board's text is past Qt's glyph cache, so each repaint fills its
outlines again: a tag riding its bar, a label that a glide's switch frame
changes. Such an item keeps one image of itself, drawn at the same fraction
of a device pixel onto transparency and copied source-over at whole pixels:
the same coverage, blended the same way, so the same pixels where each pixel
takes one fill (tests/ui/test_pill_image.py, tests/ui/test_text_image.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from electionboard.ui.board.plain_painter import paints_plainly


class Drawing(NamedTuple):
    """How a painter draws an item: its transform and render hints."""

    transform: QTransform
    hints: QPainter.RenderHint


class Placement(NamedTuple):
    """An item's image on the device, for one extent."""

    left: int
    top: int
    """The image's top-left on the device: a pixel short of the extent's."""
    width: int
    height: int
    """The image's size: a pixel past the extent's far edges."""
    x: float
    y: float
    """The item's origin within the image."""


def drawing_of(painter: QPainter) -> Drawing | None:
    """``painter``'s drawing where an image gives its pixels, else None:
    full opacity (under an opacity Qt fades each fill apart, not the item as
    one), source-over, scaled at most, one device pixel a pixel."""
    if painter.opacity() != 1.0:
        return None
    return _plain_drawing(painter)


def faded_drawing_of(painter: QPainter) -> Drawing | None:
    """``painter``'s drawing where it fades an item (opacity between 0 and 1)
    that an image of the item at full opacity can give, else None.

    The item then fades as one, its image copied at the painter's opacity:
    within a level or two of Qt fading each fill apart, and where its fills
    overlap (a pill's label on its plate), the plate no longer shows through
    the label. A fading count is filled opaque once and copied faded, about
    half of what Qt's faded outline fill costs at 4K.
    """
    if not 0.0 < painter.opacity() < 1.0:
        return None
    return _plain_drawing(painter)


def _plain_drawing(painter: QPainter) -> Drawing | None:
    if not paints_plainly(painter):
        return None
    transform = painter.worldTransform()
    if transform.m11() <= 0 or transform.m22() <= 0:
        return None
    device = painter.device()
    if device is None or device.devicePixelRatioF() != 1.0:
        return None
    return Drawing(transform, painter.renderHints())


def placement(drawing: Drawing, extent: QRectF) -> Placement:
    """Where the image of an item drawing within ``extent`` (item
    coordinates) goes, with a pixel of margin for the antialiased edge."""
    transform = drawing.transform
    sx, sy = transform.m11(), transform.m22()
    x, y = transform.dx(), transform.dy()
    left = math.floor(x + extent.left() * sx) - 1
    top = math.floor(y + extent.top() * sy) - 1
    return Placement(
        left,
        top,
        math.ceil(x + extent.right() * sx) - left + 1,
        math.ceil(y + extent.bottom() * sy) - top + 1,
        x - left,
        y - top,
    )


def pixels_key(drawing: Drawing, place: Placement) -> tuple[object, ...]:
    """What an image's pixels depend on besides the item's own looks."""
    transform = drawing.transform
    return (
        transform.m11(),
        transform.m22(),
        place.x,
        place.y,
        place.width,
        place.height,
        drawing.hints,
    )


Render = Callable[[QPainter], None]
"""Draws the item in item coordinates, as its own paint does."""


class ItemImage:
    """One item's image of itself, and what it was made for.

    Made the second time the item is drawn the same way (a text drawn once,
    such as a count mid-glide, costs nothing more), or ahead by ``prepare``.
    """

    def __init__(self) -> None:
        self._image: tuple[tuple[object, ...], QImage] | None = None
        self._drawn_for: tuple[object, ...] | None = None
        self.last_drawing: Drawing | None = None
        """How the item was last drawn, where an image could give its pixels."""

    @property
    def image(self) -> QImage | None:
        """The image held, None while there is none (for tests)."""
        return None if self._image is None else self._image[1]

    @property
    def key(self) -> tuple[object, ...] | None:
        """What the image held was made for (for tests)."""
        return None if self._image is None else self._image[0]

    def forget(self) -> None:
        """Drop the image: the next drawing is direct (for tests)."""
        self._image = None
        self._drawn_for = None

    def draw(
        self,
        painter: QPainter,
        drawing: Drawing,
        place: Placement,
        key: tuple[object, ...],
        render: Render,
        *,
        faded: bool = False,
    ) -> bool:
        """Copy the image made for ``key``, making it if the item was drawn
        for ``key`` last time; False on first sight (draw it directly), and
        for an item partly off the device, which Qt clips as it fills.

        ``faded`` (a ``faded_drawing_of`` drawing): make it on first sight
        too, so that every repaint of a fading item, partial or whole, gives
        the same pixels. The copy takes the painter's opacity.
        """
        device = painter.device()
        if (
            device is None
            or place.left < 0
            or place.top < 0
            or place.left + place.width > device.width()
            or place.top + place.height > device.height()
        ):
            return False
        self.last_drawing = drawing
        image = self._image
        if image is None or image[0] != key:
            if self._drawn_for != key and not faded:
                self._drawn_for = key
                return False
            image = self._image = (key, _made(drawing, place, render))
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(place.left, place.top), image[1])
        painter.restore()
        return True

    def prepare(
        self, place: Placement, key: tuple[object, ...], render: Render
    ) -> None:
        """Make the image for ``key`` now, as the item was last drawn."""
        drawing = self.last_drawing
        if drawing is None or (self._image is not None and self._image[0] == key):
            return
        self._image = (key, _made(drawing, place, render))


def _made(drawing: Drawing, place: Placement, render: Render) -> QImage:
    """``render`` onto transparency at the drawing's scale and fraction."""
    made = QImage(place.width, place.height, QImage.Format.Format_ARGB32_Premultiplied)
    made.fill(0)
    onto = QPainter(made)
    onto.setRenderHints(onto.renderHints(), False)
    onto.setRenderHints(drawing.hints)
    transform = drawing.transform
    onto.setWorldTransform(
        QTransform(transform.m11(), 0, 0, transform.m22(), place.x, place.y)
    )
    render(onto)
    onto.end()
    return made
