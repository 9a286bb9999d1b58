"""The studio output: only the program board, full screen on its own display.

No title bar or borders, no cursor, no safe-area overlay and no keys: the
display feeds the vision mixer. The board is scaled to fit with black
letterbox bars, and closing the operator's window quits the app whether or not
this window is open. A close from the desktop (Alt+F4) is not obeyed but
reported, so whoever owns the window decides (the studio asks to quit).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QGraphicsScene, QVBoxLayout, QWidget

from electionboard import APP_DISPLAY_NAME
from electionboard.ui.board.view import BoardView

log = logging.getLogger(__name__)


class OutputWindow(QWidget):
    """A frameless, cursorless window showing the program scene."""

    close_requested = Signal()
    """The desktop asked to close the window (Alt+F4); it stays open."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
        )
        self.setWindowTitle(f"{APP_DISPLAY_NAME} output")
        # The operator's window alone decides when the app quits.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.view = BoardView(scene, self, safe_area_key=None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        for widget in (self, self.view, self.view.viewport()):
            widget.setCursor(Qt.CursorShape.BlankCursor)
        self.resize(960, 540)

    def show_on(self, screen_index: int) -> bool:
        """Full screen on display ``screen_index`` (0 = primary's list order).

        Returns:
            False, with the window left closed, when there is no such display:
            full screen over the operator's only screen would hide the console.
        """
        screens = QGuiApplication.screens()
        if not 0 <= screen_index < len(screens):
            log.warning(
                "no display %d for the output window (%d found)",
                screen_index,
                len(screens),
            )
            return False
        screen = screens[screen_index]
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt virtual
        """Qt: a close from the desktop is a request; the app's own close obeys."""
        if event.spontaneous():
            event.ignore()
            self.close_requested.emit()
            return
        super().closeEvent(event)
