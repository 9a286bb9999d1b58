"""Shows the program scene scaled to fit any window or screen, letterboxed.

The operator can lay the title-safe and action-safe boxes over the picture
(Ctrl+G). They are drawn by the view, not the scene, so no export or other
view of the scene ever carries them.

A view may also carry a layer: a keyed screen (lower third, ticker) drawn
over whatever scene it shows, so the ticker stays on air while boards are
taken under it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from electionboard.presentation import geometry as g
from electionboard.ui.board.safe_area import (
    ACTION_SAFE,
    TITLE_SAFE,
    action_safe,
    title_safe,
)
from electionboard.ui.fonts import board_font

SAFE_AREA_KEY = "Ctrl+G"
TITLE_SAFE_COLOUR = "#00e5ff"
ACTION_SAFE_COLOUR = "#ff4f7b"


def _plain_viewport() -> QWidget:
    """The viewport QAbstractScrollArea would make, made here so Python knows it.

    Asked for its viewport, a view hands back a QWidget that Python has never
    seen, and PySide sets up every QWidget subclass it has (74 enums) to find
    the widget's type: 25 ms before the first frame. This one is known.
    """
    viewport = QWidget()
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class BoardView(QGraphicsView):
    """A fit-to-window view of the scene with no scroll bars or frame.

    ``safe_area_key`` binds the overlay toggle within the view's window; pass
    None for a view that must never show it (the studio output), or when
    another view in the same window already owns the key.
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        parent: QWidget | None = None,
        *,
        safe_area_key: str | None = SAFE_AREA_KEY,
    ) -> None:
        super().__init__(scene, parent)
        self._viewport = _plain_viewport()
        self.setViewport(self._viewport)
        self._layer: QGraphicsScene | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        # Repaint only what changed: a glide moves the bars and numbers, not
        # the header or the backdrop (4K frames went from 34 ms to 9 ms).
        # Bounding-rect mode left trails at 4K; smart mode matched a full
        # repaint pixel for pixel on every glide frame at 1080 and 4K.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QColor("#000000"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(480, 270)
        self._safe_area_visible = False
        if safe_area_key is not None:
            shortcut = QShortcut(QKeySequence(safe_area_key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.toggle_safe_area)

    def show_scene(self, scene: QGraphicsScene) -> None:
        """Show ``scene`` (another board kind) fitted like the first."""
        if scene is not self.scene():
            self.setScene(scene)
            self._fit()

    @property
    def layer(self) -> QGraphicsScene | None:
        """The keyed screen drawn over the scene, if any."""
        return self._layer

    def set_layer(self, layer: QGraphicsScene | None) -> None:
        """Draw ``layer`` over the scene (None: take it off)."""
        if layer is self._layer:
            return
        if self._layer is not None:
            self._layer.changed.disconnect(self._on_layer_changed)
        self._layer = layer
        if layer is not None:
            layer.changed.connect(self._on_layer_changed)
        self.viewport().update()

    def _on_layer_changed(self, regions: list[QRectF]) -> None:
        """Repaint only where the layer changed: a ticker's crawl repaints its
        strip, never the whole board under it."""
        viewport = self.viewport()
        for region in regions:
            viewport.update(
                self.mapFromScene(region).boundingRect().adjusted(-2, -2, 2, 2)
            )

    def safe_area_visible(self) -> bool:
        """Whether the safe-area overlay is drawn."""
        return self._safe_area_visible

    def set_safe_area_visible(self, *, visible: bool) -> None:
        """Show or hide the operator's safe-area overlay."""
        if visible != self._safe_area_visible:
            self._safe_area_visible = visible
            self.viewport().update()

    def toggle_safe_area(self) -> None:
        """Ctrl+G: flip the safe-area overlay."""
        self.set_safe_area_visible(visible=not self._safe_area_visible)

    def drawForeground(  # Qt virtual
        self, painter: QPainter, rect: QRectF | QRect
    ) -> None:
        """Qt: the safe-area boxes over the scene, in scene coordinates."""
        super().drawForeground(painter, rect)
        scene = self.scene()
        if scene is not None and self._layer is not None:
            exposed = QRectF(rect).intersected(scene.sceneRect())
            self._layer.render(painter, exposed, exposed)
        if not self._safe_area_visible or scene is None:
            return
        frame = scene.sceneRect()
        scale = frame.width() / g.BASE_WIDTH
        title, action = title_safe(frame), action_safe(frame)
        inset = 10 * scale
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setFont(board_font(26 * scale, QFont.Weight.Bold))
            _draw_box(
                painter,
                title,
                TITLE_SAFE_COLOUR,
                f"TITLE SAFE {TITLE_SAFE:.0%}",
                QPointF(title.left() + inset, title.top() + 34 * scale),
            )
            _draw_box(
                painter,
                action,
                ACTION_SAFE_COLOUR,
                f"ACTION SAFE {ACTION_SAFE:.0%}",
                QPointF(action.left() + inset, action.bottom() - inset),
            )
        finally:
            painter.restore()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt virtual
        """Qt: keep the whole raster in view at any size."""
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # Qt virtual
        """Qt: fit once the view has its real size."""
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The whole scene, as large as the viewport takes, letterboxed; at
        the raster's own size one scene pixel to each device pixel.

        Not ``fitInView``, which keeps two pixels of margin all round: a
        program window at 3840x2160 showed the board at 0.998 of its size
        inside a border, every edge resampled.
        """
        scene = self.scene()
        rect = QRectF() if scene is None else scene.sceneRect()
        room = self.viewport().rect()
        if rect.isEmpty() or room.isEmpty():
            return  # no scene, or nothing to fit it into yet
        scale = min(room.width() / rect.width(), room.height() / rect.height())
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())


def _draw_box(
    painter: QPainter, area: QRectF, colour: str, label: str, anchor: QPointF
) -> None:
    """A dashed 2-pixel outline (at any zoom) with its label."""
    pen = QPen(QColor(colour), 2)
    pen.setCosmetic(True)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(area)
    painter.drawText(anchor, label)
