"""The station's logo bug and the race's locator, at the banner's right end.

Both are settings (``logo``, ``locator``) or, for the locator, the feed's
state; the banner's headline takes only the room the bug leaves it, but the
detail line comes first: a locator it would cut is shortened or dropped. The
logo file is read by the ``ImageLoader`` worker, never on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent
from electionboard.ui.board.headshot import ImageLoader
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

LOGO_KEY = "logo"
LOGO_HEIGHT = 72.0
"""The bug's height in 1080 units; its width follows the picture's aspect."""
LOGO_MAX_WIDTH = 320.0
LOCATOR_MAX_WIDTH = 520.0
GAP = 24.0
"""Room kept between the banner's words and the bug."""


class _Logo(QGraphicsObject):
    def __init__(self) -> None:
        super().__init__()
        self._image: QImage | None = None
        self._size = (0.0, 0.0)

    def set_image(self, image: QImage | None, height: float, max_width: float) -> None:
        self.prepareGeometryChange()
        self._image = image
        if image is None or image.height() == 0:
            self._size = (0.0, 0.0)
        else:
            width = min(max_width, height * image.width() / image.height())
            self._size = (width, width * image.height() / image.width())
        self.setVisible(image is not None)
        self.update()

    def boundingRect(self) -> QRectF:  # Qt virtual
        return QRectF(0, 0, *self._size)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.boundingRect(), self._image)


class IdentityBug:
    """Logo over locator, right-aligned inside the banner, in the banner's ink."""

    def __init__(self, scale: float, loader: ImageLoader, logo: Path | None) -> None:
        self._s = scale
        self._loader = loader
        self._logo_path = logo
        self._logo = _Logo()
        self._logo.setZValue(6)
        self._logo.setVisible(False)
        self._locator = TextItem(
            board_font(g.SMALL_CAPS_PX * scale, QFont.Weight.ExtraBold),
            QColor("#ffffff"),
            right_aligned=True,
            max_width=LOCATOR_MAX_WIDTH * scale,
            min_pixel_size=round(g.CAPS_MIN_PX * scale),
        )
        self._locator.setZValue(6)
        # Measures the banner's flags pill; never drawn.
        self._flags = PillItem(
            board_font(g.SMALL_CAPS_PX * scale, QFont.Weight.ExtraBold),
            QColor("#ffffff"),
            QColor("#ffffff"),
            outline=True,
        )
        if logo is not None:
            loader.request({LOGO_KEY: (logo,)})

    def items(self) -> tuple[QGraphicsItem, ...]:
        """The items to add to the scene."""
        return self._logo, self._locator

    def locator_text(self) -> str:
        """The locator shown, empty when none."""
        return self._locator.text() if self._locator.isVisible() else ""

    def shows_logo(self) -> bool:
        """True while the logo bug is drawn."""
        return self._logo.isVisible()

    def rects(self) -> dict[str, QRectF]:
        """Scene rectangles of the logo and locator (tests)."""
        return {
            "logo": self._logo.sceneBoundingRect()
            if self._logo.isVisible()
            else QRectF(),
            "locator": self._locator.sceneBoundingRect()
            if self._locator.isVisible()
            else QRectF(),
        }

    def show(self, content: BoardContent, theme: Theme) -> tuple[float, float]:
        """Place the bug for ``content``; returns the room it takes from the
        right of the banner's headline and of its second line."""
        s = self._s
        _, ink = theme.banner[content.tone]
        self._locator.set_colour(QColor(ink))
        self._locator.set_max_width(self._locator_room(content))
        self._locator.set_texts(_locator_forms(content.locator))
        with_locator = bool(content.locator) and self._locator.fits()
        self._locator.setVisible(with_locator)
        image = self._loader.image(LOGO_KEY)
        height = LOGO_HEIGHT if with_locator else g.BANNER_HEIGHT - 40.0
        self._logo.set_image(image, height * s, LOGO_MAX_WIDTH * s)
        right = (g.SAFE_RIGHT - g.BANNER_PAD) * s
        logo = self._logo.boundingRect().width()
        self._logo.setPos(right - logo, (g.BANNER_TOP + 20) * s)
        self._locator.set_anchor(right, (g.BANNER_TOP + 102) * s)
        gap = GAP * s
        headline = logo + gap if logo else 0.0
        lower = max(
            self._locator.width() if with_locator else 0.0,
            0.0 if with_locator else logo,
        )
        return headline, (lower + gap if lower else 0.0)

    def _locator_room(self, content: BoardContent) -> float:
        """What the detail line (at full size) and its flags leave the locator."""
        s = self._s
        inner = (g.SAFE_RIGHT - g.SAFE_LEFT - 2 * g.BANNER_PAD) * s
        detail = QFontMetricsF(board_font(g.DETAIL_PX * s, QFont.Weight.Medium))
        taken = detail.horizontalAdvance(content.detail) if content.detail else 0.0
        if content.flags:
            self._flags.set_content(" · ".join(content.flags))
            taken += self._flags.boundingRect().width() + 24 * s
        return max(0.0, min(LOCATOR_MAX_WIDTH * s, inner - taken - GAP * s))


def _locator_forms(locator: str) -> list[str]:
    """'TAMPA BAY · SENATE', then 'TAMPA BAY': the place is kept longest."""
    parts = [part for part in locator.split(" · ") if part]
    forms = [" · ".join(parts[:count]) for count in range(len(parts), 0, -1)]
    return forms or [locator]
