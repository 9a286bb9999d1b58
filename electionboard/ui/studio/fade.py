"""A still picture laid over a board view, faded out to reveal the live board.

A take grabs what a view shows, lays the grab over it, changes the scene
underneath and fades the grab away: a crossfade that never touches the scene,
so exports of the program scene are clean at every moment. After a restart the
same overlay holds the last on-air picture until the first snapshot arrives.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock

TAKE_MS = 400
"""A take's crossfade: short enough to feel like a cut, long enough to be smooth."""


class FadeOverlay(QWidget):
    """Covers one view's picture; invisible to the mouse and to exports."""

    faded = Signal()
    """The picture has faded away; the view shows only the live scene."""

    def __init__(
        self, view: QGraphicsView, *, animations: AnimationClock = QT_ANIMATIONS
    ) -> None:
        super().__init__(view)
        self._view = view
        self._pixmap = QPixmap()
        self._image = QImage()  # a held scene-sized picture, drawn letterboxed
        self._opacity = 1.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._animation = animations.tween(
            self, QEasingCurve.Type.InOutQuad, self._on_frame, self._clear
        )
        view.installEventFilter(self)
        self.hide()

    def is_showing(self) -> bool:
        """True while a picture covers the view (held or fading)."""
        return not self.isHidden()

    def capture(self) -> None:
        """Freeze what the view shows now (mid-fade included) over the view."""
        if not self._view.isVisible():
            return
        pixmap = self._view.grab(self._view.viewport().geometry())
        self._animation.stop()
        self._pixmap, self._image = pixmap, QImage()
        self._cover()

    def hold(self, image: QImage) -> None:
        """Show a picture of the whole scene, fitted like the scene, until faded."""
        self._animation.stop()
        self._pixmap, self._image = QPixmap(), image
        self._cover()

    def fade_out(self, msecs: int = TAKE_MS) -> None:
        """Fade the picture away over ``msecs``; at once for 0 or when hidden."""
        if self.isHidden():
            return
        if msecs <= 0 or not self._view.isVisible():
            self._animation.stop()
            self._clear()
            return
        self._animation.start(msecs)

    def _cover(self) -> None:
        self._opacity = 1.0
        self.setGeometry(self._view.viewport().geometry())
        self.show()
        self.raise_()
        self.update()

    def _on_frame(self, progress: float) -> None:
        self._opacity = 1.0 - progress
        self.update()

    def _clear(self) -> None:
        self.hide()
        self._pixmap, self._image = QPixmap(), QImage()
        self.faded.emit()

    def _scene_rect(self) -> QRect:
        rect = self._view.scene().sceneRect()
        return self._view.mapFromScene(rect).boundingRect()

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt virtual
        """Qt: the still picture at the fade's opacity."""
        painter = QPainter(self)
        try:
            painter.setOpacity(self._opacity)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if not self._image.isNull():
                painter.drawImage(self._scene_rect(), self._image)
            elif not self._pixmap.isNull():
                painter.drawPixmap(self.rect(), self._pixmap)
        finally:
            painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """Qt: keep covering the view when it is resized."""
        if watched is self._view and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().geometry())
        return False
