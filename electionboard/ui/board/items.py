"""Small graphics items the board is built from: plain text and pills.

Text is always QGraphicsSimpleTextItem, which never interprets markup, so a
candidate named ``<b>x</b>`` shows exactly those characters.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSimpleTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.ui.board.glyphs import GlyphText, past_glyph_cache
from electionboard.ui.board.item_image import (
    Drawing,
    ItemImage,
    Placement,
    drawing_of,
    faded_drawing_of,
    pixels_key,
    placement,
)

_HIGHLIGHTED = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus


def _on_grid(length: float) -> float:
    """``length`` to the nearest 1/64 pixel: a pill's sizes and pens.

    Font metrics are 64ths, and a 64th times 1.15 can land a hair under a
    64th: then the pill's edge added to its place rounds one way and the
    same edge added to its place in the pill's image (a whole number of
    pixels less) the other, and one row of the edge comes out a level apart
    (hypothesis found it, and a pen's width likewise). On the grid, both
    sums are exact.
    """
    return round(length * 64) / 64


def _widest(metrics: QFontMetricsF, text: str) -> float:
    """The widest line of ``text`` (lines split at newlines)."""
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


class TextItem(QGraphicsSimpleTextItem):
    """Plain text anchored at a left or right edge, shrunk or elided to fit.

    Given several forms of a text (a name, then shorter forms), it shows the
    first that fits at or above the minimum size, and elides the last only
    when none does.
    """

    def __init__(
        self,
        font: QFont,
        colour: QColor,
        parent: QGraphicsItem | None = None,
        *,
        right_aligned: bool = False,
        max_width: float | None = None,
        min_pixel_size: int | None = None,
        whole_pixels: bool = False,
    ) -> None:
        """``whole_pixels`` places the text at whole scene pixels and lets
        it be drawn from an image of itself (``prepare``): for a text whose
        words change while it stays put, such as the header's."""
        super().__init__(parent)
        self._whole_pixels = whole_pixels
        self._image = ItemImage()
        self._base_font = QFont(font)
        self._base_height = QFontMetricsF(font).height()
        """The base font's line height (``_place`` centres on it every frame)."""
        self._right_aligned = right_aligned
        self._max_width = max_width
        self._min_pixel_size = min_pixel_size
        self._anchor = (0.0, 0.0)
        self._forms: tuple[str, ...] = ("",)
        self._pinned: int | None = None
        self._elided = False
        self._fitted: tuple[object, ...] | None = None
        """What the shown text was fitted for: the same again fits the same."""
        self._glyphs: GlyphText | None = None
        """The shown text's glyphs, laid out once per text and font."""
        self._largest: tuple[tuple[object, ...], int] | None = None
        """What largest_fitting_pixel_size last measured, and for what."""
        self.setFont(font)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(Qt.PenStyle.NoPen))

    def set_anchor(self, x: float, y: float) -> None:
        """Top-left (or top-right when right aligned) of the text."""
        self._anchor = (float(x), float(y))
        self._place()

    def set_text_at(self, text: str, x: float, y: float) -> None:
        """set_text and set_anchor, placing the text once (a glide's figures
        change both every frame)."""
        self._anchor = (float(x), float(y))
        if not self._fit((text,)):
            self._place()

    def set_colour(self, colour: QColor) -> None:
        """Change the fill colour; the same colour repaints nothing."""
        brush = self.brush()
        if brush.style() == Qt.BrushStyle.SolidPattern and brush.color() == colour:
            return
        self.setBrush(QBrush(colour))

    def set_max_width(self, width: float | None) -> None:
        """Change the room the text may take."""
        self._max_width = width
        self.set_texts(self._forms)

    def set_base_font(self, font: QFont, min_pixel_size: int | None = None) -> None:
        """Change the size the text is drawn at when it fits (and its floor)."""
        self._base_font = QFont(font)
        self._base_height = QFontMetricsF(font).height()
        if min_pixel_size is not None:
            self._min_pixel_size = min_pixel_size
        self.set_texts(self._forms)

    def pin_pixel_size(self, pixels: int | None) -> None:
        """Draw at exactly ``pixels`` (no shrinking): shorter forms, then elide.

        The board pins every name to one size; None goes back to shrinking.
        """
        if pixels != self._pinned:
            self._pinned = pixels
            self.set_texts(self._forms)

    def largest_fitting_pixel_size(self) -> int:
        """The largest size, down to the minimum, at which the whole text fits.

        Measured once per text, font, room and floor: every poll asks again.
        """
        asked = (self._forms[0], self._base_font, self._max_width, self._min_pixel_size)
        if self._largest is not None and self._largest[0] == asked:
            return self._largest[1]
        font = QFont(self._base_font)
        if self._max_width is not None:
            floor = min(self._min_pixel_size or font.pixelSize(), font.pixelSize())
            text = self._forms[0]
            while font.pixelSize() > floor and _widest(QFontMetricsF(font), text) > (
                self._max_width
            ):
                font.setPixelSize(max(floor, font.pixelSize() - 2))
        self._largest = (asked, font.pixelSize())
        return font.pixelSize()

    def set_text(self, text: str) -> None:
        """Show ``text``, shrinking then eliding it if it is too wide.

        The whole text is kept, so more room later shows more of it again.
        """
        self.set_texts((text,))

    def set_texts(self, forms: Sequence[str]) -> None:
        """Show the first of ``forms`` that fits when shrunk to the minimum size.

        When none fits, the last is elided at the minimum size. The same
        forms, font, room and pin again change nothing and lay out nothing
        (a glide re-asks every frame for header and names that did not change).
        """
        self._fit(forms)

    def _fit(self, forms: Sequence[str]) -> bool:
        """set_texts; True when it placed the text again."""
        self._forms = tuple(forms) or ("",)
        fitted = (
            self._forms,
            self._base_font,
            self._min_pixel_size,
            self._pinned,
            self._max_width,
        )
        if fitted == self._fitted:
            return False
        before, self._fitted = self._fitted, fitted
        if self._max_width is None and before is not None and before[1:] == fitted[1:]:
            # Only the words changed, and nothing shrinks: the same font.
            self._elided = False
            if self._forms[0] != self.text():
                self.setText(self._forms[0])
            self._place()
            return True
        font, text, self._elided = self._fitting(self._forms)
        if font != self.font():
            self.setFont(font)  # lays the text out again: only when it differs
        if text != self.text():
            self.setText(text)
        self._place()
        return True

    def _fitting(self, forms: tuple[str, ...]) -> tuple[QFont, str, bool]:
        """The font and text ``forms`` are shown in, and whether elided."""
        base = QFont(self._base_font)
        floor = self._min_pixel_size or base.pixelSize()
        if self._pinned is not None:
            base.setPixelSize(self._pinned)
            floor = self._pinned
        font = QFont(base)
        text = forms[0]
        if self._max_width is None:
            return font, text, False
        room = self._max_width
        for text in forms:
            font = QFont(base)
            while (
                font.pixelSize() > floor and _widest(QFontMetricsF(font), text) > room
            ):
                font.setPixelSize(max(floor, font.pixelSize() - 2))
            if _widest(QFontMetricsF(font), text) <= room:
                return font, text, False
        metrics = QFontMetricsF(font)
        return font, metrics.elidedText(text, Qt.TextElideMode.ElideRight, room), True

    def fits(self) -> bool:
        """False when even the shortest form had to be elided."""
        return not self._elided

    def full_text(self) -> str:
        """The first (whole) form asked for, whatever is shown."""
        return self._forms[0]

    def width(self) -> float:
        """Width of the text as drawn."""
        return self.boundingRect().width()

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Qt: large text a glyph at a time where that gives Qt's pixels
        (ui/board/glyphs.py), else Qt's own drawing."""
        font = self.font()
        brush = self.brush()
        if (
            past_glyph_cache(font, painter)
            and self.pen().style() == Qt.PenStyle.NoPen
            and brush.style() == Qt.BrushStyle.SolidPattern
            and not option.state & _HIGHLIGHTED
        ):
            glyphs = self._glyphs
            text = self.text()
            if glyphs is None or glyphs.text != text or glyphs.font != font:
                glyphs = self._glyphs = GlyphText(text, font)
            if self._paint_image(painter, glyphs, brush):
                return
            painter.setPen(QPen(brush, 0))  # as QGraphicsSimpleTextItem does
            if glyphs.draw(painter):
                return
        # The stubs want a widget; Qt passes none when rendering to an image.
        super().paint(painter, option, cast("QWidget", widget))

    def _paint_image(self, painter: QPainter, glyphs: GlyphText, brush: QBrush) -> bool:
        """Draw the text from its image of itself (ui/board/item_image.py):
        made the second time it is drawn the same way, or ahead by
        ``prepare``; always while it fades (a fading row's name and count);
        False where it is drawn directly.

        At full opacity only for a text at whole pixels: elsewhere a
        fraction that is no 64th can round apart in the image.
        """
        if glyphs.lines is None:
            return False
        drawing = drawing_of(painter)
        faded = drawing is None
        if drawing is None:
            drawing = faded_drawing_of(painter)
            if drawing is None:
                return False
        elif not self._whole_pixels:
            return False
        place = placement(drawing, glyphs.ink)
        return self._image.draw(
            painter,
            drawing,
            place,
            _text_key(glyphs, brush, drawing, place),
            lambda onto: _fill(onto, glyphs, brush),
            faded=faded,
        )

    def prepare(self, forms: Sequence[str]) -> None:
        """Make the image of the text ``set_texts(forms)`` would show, as it
        was last drawn, so that showing it later costs a copy.

        A glide's switch frame changes the header's words with everything
        else; made on frames before it, they are not that frame's work.
        Only for a text at whole pixels, whose fraction its words do not move.
        """
        drawing = self._image.last_drawing
        if drawing is None or not self._whole_pixels:
            return
        font, text, _ = self._fitting(tuple(forms) or ("",))
        glyphs = GlyphText(text, font)
        if glyphs.lines is None:
            return
        brush = self.brush()
        place = placement(drawing, glyphs.ink)
        key = _text_key(glyphs, brush, drawing, place)
        self._image.prepare(place, key, lambda onto: _fill(onto, glyphs, brush))

    def _place(self) -> None:
        bounds = self.boundingRect()
        x, y = self._anchor
        if self._right_aligned:
            x -= bounds.width()
        # Centre the shrunk font on the line the base font would take.
        y += max(0.0, (self._base_height - bounds.height()) / 2)
        if self._whole_pixels:
            # Inward, so the text never leaves the room its anchor gives it
            # (title-safe's edges).
            x = math.floor(x) if self._right_aligned else math.ceil(x)
            y = math.ceil(y)
        self.setPos(x, y)


def _text_key(
    glyphs: GlyphText, brush: QBrush, drawing: Drawing, place: Placement
) -> tuple[object, ...]:
    """Everything a text's image's pixels depend on."""
    return (
        glyphs.text,
        QFont(glyphs.font),
        brush.color().rgba(),
        *pixels_key(drawing, place),
    )


def _fill(painter: QPainter, glyphs: GlyphText, brush: QBrush) -> None:
    """Draw ``glyphs`` as TextItem.paint does (its glyphs are split-fillable)."""
    painter.setPen(QPen(brush, 0))
    glyphs.draw(painter)


class PillItem(QGraphicsObject):
    """A rounded label: tag, stale badge, cutoff label; optional check mark."""

    def __init__(
        self,
        font: QFont,
        fill: QColor,
        ink: QColor,
        parent: QGraphicsItem | None = None,
        *,
        outline: bool = False,
    ) -> None:
        super().__init__(parent)
        self._font = font
        self._fill = fill
        self._ink = ink
        self._outline = outline
        self._text = ""
        self._checked = False
        self._height = 0.0
        self._pad = 0.0
        self._label: GlyphText | None = None
        """The label's glyphs, laid out once per text and font."""
        self._image = ItemImage()
        """The pill drawn at one device fraction (see _paint_image)."""
        self._measure()

    def _measure(self) -> None:
        metrics = QFontMetricsF(self._font)
        self._height = _on_grid(metrics.height() * 1.15)
        self._pad = _on_grid(metrics.height() * 0.4)
        self._bounds: QRectF | None = None
        """The extent, measured once per text, font and check (Qt and a
        glide's ``place_tag`` ask for it many times a frame)."""

    def set_font(self, font: QFont) -> None:
        """Change the label's font (and so the pill's size)."""
        if font == self._font:
            return
        self.prepareGeometryChange()
        self._font = QFont(font)
        self._measure()
        self.update()

    def set_content(self, text: str, *, checked: bool = False) -> None:
        """Change the label; an empty text hides the pill."""
        if text == self._text and checked == self._checked:
            return
        self.prepareGeometryChange()
        self._text = text
        self._checked = checked
        self._bounds = None
        self.setVisible(bool(text))
        self.update()

    def set_colours(self, fill: QColor, ink: QColor) -> None:
        """Change the pill's colours; the same colours repaint nothing."""
        if fill == self._fill and ink == self._ink:
            return
        self._fill, self._ink = QColor(fill), QColor(ink)
        self.update()

    def text(self) -> str:
        """The label shown."""
        return self._text

    def font(self) -> QFont:
        """The label's font."""
        return QFont(self._font)

    def pens(self) -> list[QPen]:
        """Every pen the pill strokes with (none for a filled pill's plate)."""
        height = self.boundingRect().height()
        pens = []
        if self._outline:
            pens.append(QPen(self._fill, _on_grid(max(2.0, height * 0.06))))
        if self._checked:
            pen = QPen(self._ink, _on_grid(max(2.0, height * 0.1)))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            pens.append(pen)
        return pens

    def _check_width(self) -> float:
        return _on_grid(self._height * 0.62) if self._checked else 0.0

    def boundingRect(self) -> QRectF:
        """Qt: the pill's extent in item coordinates."""
        bounds = self._bounds
        if bounds is None:
            width = QFontMetricsF(self._font).horizontalAdvance(self._text)
            extent = _on_grid(width + 2 * self._pad + self._check_width())
            bounds = self._bounds = QRectF(0, 0, extent, self._height)
        return QRectF(bounds)  # a copy: a caller may change what it gets

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: draw the rounded plate, the check and the text (from the
        pill's image of itself where that gives the same pixels)."""
        if not self._paint_image(painter):
            self._draw(painter)

    def _paint_image(self, painter: QPainter) -> bool:
        """Draw the pill from its image of itself (ui/board/item_image.py);
        False where drawing it directly is called for.

        A tag rides its bar's end every frame of a glide, and at 4K its
        label is filled as outlines, about a millisecond a pill each frame.
        Only for labels past Qt's glyph cache (smaller text is cheap), and
        on an opaque plate or none: on a see-through plate Qt blends the
        label onto the plate's blend, and blending them together first
        rounds otherwise.
        """
        if not past_glyph_cache(self._font, painter):
            return False
        drawing = drawing_of(painter)
        faded = drawing is None
        if drawing is None:
            # Fading (a row changing places): the pill fades as one.
            drawing = faded_drawing_of(painter)
            if drawing is None:
                return False
        elif not self._outline and self._fill.alpha() != 255:
            return False
        place = placement(drawing, self.boundingRect())
        key = self._image_key(self._text, drawing, place, checked=self._checked)
        return self._image.draw(painter, drawing, place, key, self._draw, faded=faded)

    def prepare(self, text: str, *, checked: bool = False) -> None:
        """Make the image of the pill showing ``text`` now, as it was last
        drawn, so that showing it later costs a copy.

        A glide's switch frame changes the cutoff's label with everything
        else; made a few frames before, it is not that frame's work. Nothing
        is made where the pill draws directly or has not been drawn yet.
        """
        drawing = self._image.last_drawing
        if drawing is None or not text:
            return
        shown = (self._text, self._checked, self._bounds)
        self._text, self._checked, self._bounds = text, checked, None
        try:
            place = placement(drawing, self.boundingRect())
            key = self._image_key(text, drawing, place, checked=checked)
            self._image.prepare(place, key, self._draw)
        finally:
            self._text, self._checked, self._bounds = shown

    def _image_key(
        self, text: str, drawing: Drawing, place: Placement, *, checked: bool
    ) -> tuple[object, ...]:
        """Everything the image's pixels depend on."""
        return (
            text,
            checked,
            self._outline,
            QFont(self._font),
            self._fill.rgba(),
            self._ink.rgba(),
            *pixels_key(drawing, place),
        )

    def _draw(self, painter: QPainter) -> None:
        rect = self.boundingRect()
        radius = _on_grid(rect.height() * 0.22)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._outline:
            pen = self.pens()[0]
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = pen.widthF() / 2
            painter.drawRoundedRect(
                rect.adjusted(inset, inset, -inset, -inset), radius, radius
            )
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.drawRoundedRect(rect, radius, radius)
        x = self._pad
        if self._checked:
            self._paint_check(painter, QRectF(x, 0, self._check_width(), rect.height()))
            x += self._check_width()
        painter.setFont(self._font)
        painter.setPen(self._ink if not self._outline else self._fill)
        area = QRectF(x, 0, rect.width() - x, rect.height())
        if not self._split_label(painter, area):
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                self._text,
            )

    def _split_label(self, painter: QPainter, area: QRectF) -> bool:
        """The label filled a few glyphs at a time where that is Qt's pixels."""
        if not past_glyph_cache(self._font, painter):
            return False
        label = self._label
        if label is None or label.text != self._text or label.font != self._font:
            label = self._label = GlyphText(self._text, self._font, label=True)
        return label.draw_in(painter, area)

    def _paint_check(self, painter: QPainter, area: QRectF) -> None:
        size = _on_grid(area.height() * 0.42)
        left = area.left()
        mid = area.center().y()
        path = QPainterPath(QPointF(left, mid))
        dip = _on_grid(size * 0.38)
        path.lineTo(left + dip, mid + dip)
        path.lineTo(left + size, mid - _on_grid(size * 0.45))
        painter.setPen(self.pens()[-1])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
