"""Large text filled a few glyphs at a time: the pixels of Qt's one fill, faster.

Qt draws a glyph bigger than its glyph cache takes (64 pixels: every text
at 4K) as an outline, filling each line of a text as one path; its
antialiasing rasterizer keeps a sorted list of cells per scanline, so one
fill across a whole number costs about twice a fill per digit. Splitting a
line's fill gives exactly the same pixels when no two parts touch a common
pixel: a closed outline adds nothing to the winding of any pixel beside
it, and no pixel is blended twice. So each line's glyphs are filled in
groups that stand a pixel apart (glyphs that touch, a kerned pair or a
letter and its accent, share a group).

That holds only where Qt fills a line as one path: one script item in the
text's own font. Text in any other script or a fallback font, and any text
Qt draws from its glyph cache, is drawn by Qt as before.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import MutableMapping
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QFont,
    QGlyphRun,
    QPainter,
    QRawFont,
    QTextLayout,
)

from electionboard.ui.board.plain_painter import paints_plainly

_NEEDS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


QT_GLYPH_CACHE_LIMIT = 64
"""Qt's own default glyph-cache size, and the most that is safe: set larger
(``QT_MAX_CACHED_GLYPH_SIZE``), Qt 6's raster engine draws nothing at all of
a glyph past 64 pixels (measured with Qt 6.11, offscreen and xcb), so every
board text at 4K would vanish."""

_CACHE_SIZE_VARIABLE = "QT_MAX_CACHED_GLYPH_SIZE"


def _qt_int(text: str) -> int | None:
    """``text`` read as Qt reads an integer variable (base 0: 0x hex, a
    leading 0 octal, else decimal); None where it is no number (Qt then
    reads 0 and keeps its default)."""
    text = text.strip()
    sign = -1 if text[:1] == "-" else 1
    digits = text[1:] if text[:1] in "+-" else text
    try:
        if digits[:2].lower() == "0x":
            return sign * int(digits[2:], 16)
        if len(digits) > 1 and digits[0] == "0":
            return sign * int(digits[1:], 8)
        return sign * int(digits, 10)
    except ValueError:
        return None


def drop_unsafe_glyph_cache_size(
    environ: MutableMapping[str, str] = os.environ,
) -> str | None:
    """Remove a ``QT_MAX_CACHED_GLYPH_SIZE`` past 64 pixels before Qt reads it.

    Qt reads it once, at its first text drawn; call this before that.
    Returns the warning to log where one was removed, else None.
    """
    text = environ.get(_CACHE_SIZE_VARIABLE)
    value = None if text is None else _qt_int(text)
    if value is None or abs(value) <= QT_GLYPH_CACHE_LIMIT:
        return None
    del environ[_CACHE_SIZE_VARIABLE]
    return (
        f"{_CACHE_SIZE_VARIABLE}={text} ignored: Qt draws nothing of a glyph "
        f"cached past {QT_GLYPH_CACHE_LIMIT} pixels, so large board text "
        "would vanish"
    )


def _max_cached_glyph_size() -> int:
    """The size Qt caches glyphs up to: a safe QT_MAX_CACHED_GLYPH_SIZE, else 64."""
    value = _qt_int(os.environ.get(_CACHE_SIZE_VARIABLE, ""))
    if value is None or value == 0 or abs(value) > QT_GLYPH_CACHE_LIMIT:
        return QT_GLYPH_CACHE_LIMIT
    return abs(value)


MAX_CACHED_GLYPH_SIZE = _max_cached_glyph_size()


def past_glyph_cache(font: QFont, painter: QPainter) -> bool:
    """Whether Qt would fill ``font``'s glyphs as outlines on ``painter``:
    the cheap test first, so text Qt draws from its cache pays for nothing
    more (a font sized in points is left to Qt)."""
    pixels = font.pixelSize()
    transform = painter.worldTransform()
    limit = MAX_CACHED_GLYPH_SIZE
    return pixels * pixels * abs(transform.determinant()) > limit * limit


def one_item(text: str) -> bool:
    """True when Qt lays each line of ``text`` out as one script item: Latin
    letters, digits, punctuation and accents, left to right (no other
    script, which Qt itemizes apart, and no tab or control character)."""
    return all(_plain(char) for char in text)


def _plain(char: str) -> bool:
    if char == "\n":
        return True
    if " " <= char < "\u0250":  # Latin, less controls, no-break and soft hyphen
        return not "\u007f" <= char <= "\u00a0" and char != "\u00ad"
    # Combining accents; dashes, quotes, bullets and the ellipsis.
    return "\u0300" <= char < "\u0370" or "\u2010" <= char < "\u2028"


class _Glyph(NamedTuple):
    """A glyph to fill: a tuple, as a text's layout makes one per glyph."""

    glyph: int
    """The glyph's index in its font."""
    position: QPointF
    left: float
    right: float
    """The outline's horizontal extent, in item coordinates."""


class GlyphText:
    """One text in one font, laid out as QGraphicsSimpleTextItem lays it out:
    per line, its glyphs with their outline bounds.

    ``lines`` is None when the text must be drawn by Qt's own path.
    """

    def __init__(self, text: str, font: QFont, *, label: bool = False) -> None:
        """Lay ``text`` out as QGraphicsSimpleTextItem does, or with ``label``
        as QPainter.drawText does in a rectangle (one line only)."""
        self.text = text
        self.font = QFont(font)
        self.pixel_size = 0.0
        self.width = 0.0
        self.height = 0.0
        self.lines: list[list[_Glyph]] | None = None
        self.ink = QRectF()
        """What the glyphs' outlines cover, in item coordinates."""
        self._raw = QRawFont.fromFont(font)
        if font.underline() or font.overline() or font.strikeOut():
            return
        if not one_item(text) or (label and ("\n" in text or text != text.strip())):
            return
        layout = QTextLayout(text.replace("\n", "\u2028"), font)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        if label:
            # qt_format_text: one line at the first whole pixel, its height
            # unrounded (the engine's ascent and descent).
            line = layout.createLine()
            line.setLineWidth(0x01000000)
            line.setPosition(QPointF(0, 0))
            self.height = line.ascent() + line.descent()
            self.width = line.naturalTextWidth()
            if layout.createLine().isValid():
                return
        else:
            while layout.createLine().isValid():
                pass
        layout.endLayout()
        if not label:
            y = 0.0
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                line.setPosition(QPointF(0, y))
                y += line.height()
        lines: list[list[_Glyph]] = []
        ink = QRectF()
        primary = _face_of(self._raw)
        for index in range(layout.lineCount()):
            glyphs: list[_Glyph] = []
            for run in layout.lineAt(index).glyphRuns():
                raw = run.rawFont()
                face = _face_of(raw)
                if face != primary:
                    return  # a fallback font: Qt fills it apart
                _faces.setdefault(face, raw)
                self.pixel_size = raw.pixelSize()
                self._raw = raw
                for glyph, position in zip(
                    run.glyphIndexes(), run.positions(), strict=True
                ):
                    bounds = _bounds_of(face, glyph)  # kept: only read here
                    if not bounds.isEmpty():  # a space fills nothing
                        # As QRectF.translated and .right() would give them.
                        left = bounds.left() + position.x()
                        glyphs.append(
                            _Glyph(glyph, position, left, left + bounds.width())
                        )
                        ink = ink.united(bounds.translated(position))
            lines.append(glyphs)
        self.lines = lines
        self.ink = ink

    def draw_in(self, painter: QPainter, rect: QRectF) -> bool:
        """As ``painter.drawText(rect, AlignLeft | AlignVCenter, text)`` draws a
        ``label`` text, where the split fill gives its pixels; else False."""
        top = rect.y() + (rect.height() - self.height) / 2
        if not rect.contains(QRectF(rect.x(), top, self.width, self.height)):
            return False  # Qt would clip it to the rectangle
        return self.draw(painter, QPointF(rect.x(), top))

    def draw(self, painter: QPainter, origin: QPointF | None = None) -> bool:
        """Fill each line in groups where that gives Qt's pixels; False when
        it would not (the caller draws the text as Qt does).

        The painter's pen is the text's colour, as QGraphicsSimpleTextItem
        sets it.
        """
        lines = self.lines
        if lines is None:
            return False
        if painter.renderHints() & _NEEDS != _NEEDS:
            return False
        if not paints_plainly(painter):
            return False
        transform = painter.worldTransform()
        sx, sy = transform.m11(), transform.m22()
        limit = MAX_CACHED_GLYPH_SIZE
        if self.pixel_size * self.pixel_size * abs(sx * sy) <= limit * limit:
            return False  # Qt draws it from its glyph cache: leave it so
        at = QPointF(0, 0) if origin is None else origin
        for glyphs in lines:
            for group in _groups(glyphs, sx, transform.dx() + at.x() * sx):
                run = QGlyphRun()
                run.setRawFont(self._raw)
                run.setGlyphIndexes([glyph.glyph for glyph in group])
                run.setPositions([glyph.position for glyph in group])
                painter.drawGlyphRun(at, run)
        return True


def _groups(glyphs: list[_Glyph], sx: float, dx: float) -> list[list[_Glyph]]:
    """The glyphs in groups whose device columns meet none of another's.

    A glyph touches the columns from floor(left) to floor(right); one more
    on the right covers the rasterizer's rounding of the outline to its
    fixed-point grid. Groups split only by columns, so their rows never
    matter.
    """
    spans = []
    for glyph in glyphs:
        left, right = sorted((glyph.left * sx + dx, glyph.right * sx + dx))
        spans.append((math.floor(left), math.floor(right) + 1, glyph))
    spans.sort(key=lambda span: span[0])
    groups: list[list[_Glyph]] = []
    reach = -math.inf
    for left, right, glyph in spans:
        if left <= reach:
            groups[-1].append(glyph)
            reach = max(reach, right)
        else:
            groups.append([glyph])
            reach = right
    return groups


_Face = tuple[str, str, int, int, float]
"""A raw font's family, style name, weight, style and pixel size: which
outlines its glyph indexes name."""
_faces: dict[_Face, QRawFont] = {}


def _face_of(raw: QRawFont) -> _Face:
    """Worked out once a glyph run, not once a glyph: five calls into Qt."""
    return (
        raw.familyName(),
        raw.styleName(),
        raw.weight(),
        int(raw.style().value),
        raw.pixelSize(),
    )


@functools.lru_cache(maxsize=4096)
def _bounds_of(face: _Face, glyph: int) -> QRectF:
    """The glyph's outline bounds at the face's size (control points: they
    hold the curves), computed once per face, size and glyph. Callers must
    not change the rectangle: it is the cache's."""
    return _faces[face].pathForGlyph(glyph).controlPointRect()
