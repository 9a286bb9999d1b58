"""The operator's window: the board scaled to fit, a race picker, keys.

F11 shows the clean program board alone, full screen (never the console);
Esc leaves it. Ctrl+Q quits, and while a board is on air it asks first, as
does closing the window from the desktop (Alt+F4 or the title bar).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from electionboard.ui.desk.prompts import Confirmer
    from electionboard.ui.studio.console import StudioConsole
    from electionboard.ui.studio.output_window import OutputWindow
    from electionboard.ui.studio.program import ProgramOutput

FULL_SCREEN_KEY = "F11"
LEAVE_KEY = "Esc"
QUIT_KEY = "Ctrl+Q"
STUDIO_SIZE = (1600, 1000)
"""The window's size with a studio console."""


class BoardWindow(QMainWindow):
    """F11 full screen, Esc leaves it, Ctrl+E exports, Left/Right change race.

    The status line shows the board's own news and, with a ``monitor``, the
    feed's; the monitor's accept command is on the toolbar. ``confirm`` asks
    before quitting while a board is on air (a message box by default).
    """

    def __init__(
        self,
        controller: BoardController,
        export_dir: Path,
        monitor: FeedMonitor | None = None,
        parent: QWidget | None = None,
        *,
        confirm: Confirmer | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.monitor = monitor
        self._export_dir = export_dir
        self._confirm = confirm  # a message box when None, made when first asked
        self._quitting = False  # the operator said yes: close without asking
        self._desk: QDockWidget | None = None  # the operator desk, once added
        self._program: ProgramOutput | None = None  # with a studio console
        self.program_screen: OutputWindow | None = None
        """The clean program board full screen (F11 with a studio), while shown."""
        # Where the picker and Left/Right go: the board itself unless a studio
        # console routes them to its preview (route_races).
        self._shown_races = controller
        self._select: Callable[[str], None] = controller.select_race
        self._step: Callable[[int], None] = controller.step_race
        self._held: list[Callable[[], None]] | None = None  # see hold_commands
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
        self._shortcut(
            FULL_SCREEN_KEY, lambda: self._when_built(self.toggle_full_screen)
        )
        self._shortcut(LEAVE_KEY, self.leave_full_screen)
        self._shortcut(QUIT_KEY, self.request_quit)
        self._shortcut("Ctrl+E", self.export)
        self._shortcut("Right", lambda: self._when_built(lambda: self._step(1)))
        self._shortcut("Left", lambda: self._when_built(lambda: self._step(-1)))

    # -- start-up: the board first, the desk and studio a moment later ---------------

    def hold_commands(self) -> None:
        """Keep race choices and F11 from now until ``release_commands``.

        While the studio console is still being built they would change the
        board on air without a take (or take the window full screen before its
        console is in it); they are carried out, in order, once it is there.
        """
        if self._held is None:
            self._held = []

    def release_commands(self) -> None:
        """Carry out what was held, as routed now (to preview with a studio)."""
        held, self._held = self._held, None
        for command in held or ():
            command()

    def _when_built(self, command: Callable[[], None]) -> None:
        if self._held is not None:
            self._held.append(command)
        else:
            command()

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
        if self.isFullScreen():  # added after --fullscreen showed the window
            dock.setVisible(False)

    # -- studio console (issue 6) -------------------------------------------------

    def add_studio(self, console: StudioConsole) -> None:
        """Put the studio console in the middle; the board becomes its program view."""
        self.takeCentralWidget()  # keeps the view alive, unlike setCentralWidget
        console.set_program_view(self.view)
        self.setCentralWidget(console)
        self._program = console.director.program
        if not self.isVisible():  # shown already: keep the size it showed at
            self.resize(*STUDIO_SIZE)

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
            self._when_built(lambda: self._select(race_id))

    def export(self) -> None:
        """Ctrl+E: write what is on air to the export folder."""
        self.controller.export_to(self._export_dir)

    def toggle_full_screen(self) -> None:
        """F11: full screen with only the board, or back to the window.

        With a studio console the board is the clean program board alone, in
        a window of its own over this one; without one, this window shows
        only its board.
        """
        if self.program_screen is not None or self.isFullScreen():
            self.leave_full_screen()
        elif self._program is not None:
            self.show_program_full_screen()
        else:
            self.enter_full_screen()

    def show_program_full_screen(self) -> None:
        """The program board, as on air, full screen on this window's display."""
        if self._program is None or self.program_screen is not None:
            return
        from electionboard.ui.studio.output_window import OutputWindow

        screen = OutputWindow(self._program.scene)
        screen.setWindowTitle(f"{APP_DISPLAY_NAME} program")
        # Closing it from the desktop only leaves full screen; it is not the
        # studio output, so the night goes on either way.
        screen.close_requested.connect(self.leave_full_screen)
        self._program.add_view(screen.view)
        self.program_screen = screen
        screens = QGuiApplication.screens()
        here = self.screen()
        screen.show_on(screens.index(here) if here in screens else 0)
        screen.activateWindow()

    def enter_full_screen(self, screen_index: int | None = None) -> None:
        """This whole window full screen on the given display (or the current one).

        Only its board shows when it has no studio console (``--fullscreen``).
        """
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
        screen, self.program_screen = self.program_screen, None
        if screen is not None:
            if self._program is not None:
                self._program.remove_view(screen.view)
            screen.close()
            screen.deleteLater()
            self.activateWindow()
            return
        if not self.isFullScreen():
            return
        self._toolbar.show()
        self.statusBar().show()
        self._show_docked_desk(visible=True)
        self.showNormal()

    # -- quitting -------------------------------------------------------------------

    def on_air_title(self) -> str | None:
        """The title of the board on air, or None while nothing is."""
        content = self.controller.scene.content
        return None if content is None else content.title

    def confirm_quit(self) -> bool:
        """Ask before quitting while a board is on air; True to quit."""
        title = self.on_air_title()
        if title is None:
            return True
        from electionboard.ui.desk.prompts import Confirmation, message_box_confirmer

        if self._confirm is None:
            self._confirm = message_box_confirmer(self)
        return self._confirm(
            Confirmation(
                title="Quit while on air?",
                text=(
                    f"{title} is on air. Quitting takes the board off the "
                    "program output and stops the feed and the desk.\n\n"
                    "Quit the results board?"
                ),
                accept="Quit",
                risky=True,
            )
        )

    def request_quit(self) -> bool:
        """Ctrl+Q (and the output window's close): quit, asking first if on air.

        Returns:
            True when the window closed (and with it the app).
        """
        if not self._quitting and not self.confirm_quit():
            self.status.setText("Still on air: quit cancelled")
            return False
        self._quitting = True
        return self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt virtual
        """Qt: ask first if the desktop closes us on air; stop polling and exports.

        Only a close from the desktop (Alt+F4, the title bar) asks: the app's
        own closes (Ctrl+Q after its question, ``--quit-after``) do not.
        """
        if event.spontaneous() and not self._quitting:
            if not self.confirm_quit():
                self.status.setText("Still on air: quit cancelled")
                event.ignore()
                return
            self._quitting = True
        self.leave_full_screen()
        if self.monitor is not None:
            self.monitor.shutdown()
        self.controller.shutdown()
        super().closeEvent(event)
