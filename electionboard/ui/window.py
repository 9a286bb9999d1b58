"""The operator's window: the board scaled to fit, a race picker, keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QToolBar,
    QWidget,
)

from electionboard import APP_DISPLAY_NAME
from electionboard.ui.board.view import BoardView
from electionboard.ui.controller import BoardController
from electionboard.ui.feed_monitor import ACCEPT_NEWEST, FeedMonitor
from electionboard.ui.studio.console import StudioConsole


class BoardWindow(QMainWindow):
    """F11 full screen, Esc leaves it, Ctrl+E exports, Left/Right change race.

    The status line shows the board's own news and, with a ``monitor``, the
    feed's; the monitor's accept command is on the toolbar.
    """

    def __init__(
        self,
        controller: BoardController,
        export_dir: Path,
        monitor: FeedMonitor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.monitor = monitor
        self._export_dir = export_dir
        self._desk: QDockWidget | None = None  # the operator desk, once added
        # Where the picker and Left/Right go: the board itself unless a studio
        # console routes them to its preview (route_races).
        self._shown_races = controller
        self._select: Callable[[str], None] = controller.select_race
        self._step: Callable[[int], None] = controller.step_race
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.view = BoardView(controller.scene, self)
        self.setCentralWidget(self.view)
        self.resize(1280, 800)

        self.picker = QComboBox(self)
        self.picker.setMinimumContentsLength(30)
        self.picker.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.picker.activated.connect(self._on_picked)
        self._toolbar = QToolBar("Race", self)
        self._toolbar.setMovable(False)
        self._race_label = QLabel(" Race: ", self)
        self._toolbar.addWidget(self._race_label)
        self._toolbar.addWidget(self.picker)
        self.addToolBar(self._toolbar)
        # Enabled only while the feed's answers are ignored as older.
        self.accept_action = QAction(ACCEPT_NEWEST, self)
        self.accept_action.setEnabled(False)
        self.accept_action.setToolTip(
            "Show the feed's newest answer although it is older than the one on "
            "screen (after a stamp from the future); recorded in the audit log"
        )
        self._toolbar.addSeparator()
        self._toolbar.addAction(self.accept_action)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)
        if monitor is not None:
            self.accept_action.triggered.connect(monitor.accept_newest_answer)
            monitor.older_answers_changed.connect(self._on_older_answers)
            monitor.status_changed.connect(self.status.setText)

        controller.races_changed.connect(self._fill_picker)
        controller.race_selected.connect(self._show_picked)
        controller.status_changed.connect(self.status.setText)
        self._shortcut("F11", self.toggle_full_screen)
        self._shortcut("Esc", self.leave_full_screen)
        self._shortcut("Ctrl+E", self.export)
        self._shortcut("Right", lambda: self._step(1))
        self._shortcut("Left", lambda: self._step(-1))

    def _on_older_answers(self, count: int) -> None:
        self.accept_action.setEnabled(count >= 2)

    # -- operator desk (issue 5) ---------------------------------------------------

    def add_desk(self, dock: QDockWidget, actions: Sequence[QAction]) -> None:
        """Dock the operator desk at the right; it may float to another screen.

        ``actions`` (undo and redo, Ctrl+Z and Ctrl+Shift+Z) are added to the
        window too, so their keys work wherever the focus is.
        """
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.addActions(list(actions))
        self._desk = dock

    # -- studio console (issue 6) -------------------------------------------------

    def add_studio(self, console: StudioConsole) -> None:
        """Put the studio console in the middle; the board becomes its program view."""
        self.takeCentralWidget()  # keeps the view alive, unlike setCentralWidget
        console.set_program_view(self.view)
        self.setCentralWidget(console)
        self.resize(1600, 1000)

    def route_races(
        self,
        shown: BoardController,
        select: Callable[[str], None],
        step: Callable[[int], None],
        label: str,
    ) -> None:
        """Send the race picker and Left/Right to ``select`` and ``step``.

        The picker then follows ``shown``'s race. The studio console cues its
        preview this way, so nothing reaches air without a take.
        """
        self._shown_races.race_selected.disconnect(self._show_picked)
        self._shown_races = shown
        shown.race_selected.connect(self._show_picked)
        self._select, self._step = select, step
        self._race_label.setText(f" {label}: ")
        if shown.race_id is not None:
            self._show_picked(shown.race_id)

    def _show_docked_desk(self, *, visible: bool) -> None:
        """Full screen shows only the board; a floating desk stays where it is."""
        if self._desk is not None and not self._desk.isFloating():
            self._desk.setVisible(visible)

    def _shortcut(self, keys: str, action: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(action)

    def _fill_picker(self, races: list[tuple[str, str]]) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for race_id, name in races:
            self.picker.addItem(name, race_id)
        self.picker.blockSignals(False)
        if self._shown_races.race_id is not None:
            self._show_picked(self._shown_races.race_id)

    def _show_picked(self, race_id: str) -> None:
        index = self.picker.findData(race_id)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)

    def _on_picked(self, index: int) -> None:
        race_id = self.picker.itemData(index)
        if isinstance(race_id, str):
            self._select(race_id)

    def export(self) -> None:
        """Ctrl+E: write what is on air to the export folder."""
        self.controller.export_to(self._export_dir)

    def toggle_full_screen(self) -> None:
        """F11: full screen with only the board, or back to the window."""
        if self.isFullScreen():
            self.leave_full_screen()
        else:
            self.enter_full_screen()

    def enter_full_screen(self, screen_index: int | None = None) -> None:
        """Full screen on the given display (or the current one)."""
        screens = QGuiApplication.screens()
        if screen_index is not None and 0 <= screen_index < len(screens):
            screen = screens[screen_index]
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
        self._toolbar.hide()
        self.statusBar().hide()
        self._show_docked_desk(visible=False)
        self.showFullScreen()

    def leave_full_screen(self) -> None:
        """Esc: back to a normal window with the picker and status."""
        if not self.isFullScreen():
            return
        self._toolbar.show()
        self.statusBar().show()
        self._show_docked_desk(visible=True)
        self.showNormal()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt virtual
        """Qt: stop polling and wait for exports before closing."""
        if self.monitor is not None:
            self.monitor.shutdown()
        self.controller.shutdown()
        super().closeEvent(event)
