"""The operator desk as a whole: its thread, its panels in a dock, undo and redo.

The desk feeds the board through ``LiveResults.set_desk_state`` only, so a
desk call reaches the banner the moment the store has saved it, and a change
made by another instance on the same data folder arrives at the next poll.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from electionboard.presentation.desk_form import invalid_entries_text
from electionboard.presentation.desk_layer import DeskLayer, desk_layer
from electionboard.presentation.desk_state import DeskState, DeskView
from electionboard.presentation.desk_wording import (
    NameBook,
    connection_words,
    step_text,
)
from electionboard.store import AuditRecord
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.desk.audit_view import AuditPanel
from electionboard.ui.desk.calls_panel import CallsPanel
from electionboard.ui.desk.entry_panel import EntryPanel
from electionboard.ui.desk.import_csv import ImportBox
from electionboard.ui.desk.look import (
    error_label,
    error_text,
    muted_label,
    plain_label,
    show_error,
)
from electionboard.ui.desk.prompts import (
    Confirmer,
    DialogFileChooser,
    FileChooser,
    message_box_confirmer,
)
from electionboard.ui.desk.worker import DeskClient, StoreFactory

UNDO_KEYS = "Ctrl+Z"
REDO_KEYS = "Ctrl+Shift+Z"


class Desk(QObject):
    """Owns the desk thread and the dock with the entry, calls and audit tabs.

    Args:
        bridge: the one bridge of the board's live results; the desk sets
            their desk layer and redraws on each change it tells.
        open_store: opens the store (called on the desk thread).
        operator: who signs the actions; blank names are refused.
        confirm: asks yes-or-no questions; a QMessageBox by default.
        files: picks files to import and export; Qt's dialogs by default.
        release_when_feed_reports: whether ``live`` lets the feed take over a
            precinct it reports (for the merge rule's wording).
        poll_seconds: how often to look for another instance's writes.
        time_zone: the ``time_zone`` setting: the zone of every time shown;
            "" for the election's own.
    """

    action_settled = Signal(str)

    def __init__(
        self,
        bridge: ResultsBridge,
        open_store: StoreFactory,
        operator: str,
        *,
        confirm: Confirmer | None = None,
        files: FileChooser | None = None,
        release_when_feed_reports: bool = False,
        poll_seconds: float = 2.0,
        time_zone: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.time_zone = time_zone
        operator = operator.strip()
        if not operator:
            raise ValueError("the desk needs an operator name")
        self.operator = operator
        self.bridge = bridge
        self.live = bridge.live
        self._applied: DeskLayer | None = None
        self._invalid_warning = ""
        self.client = DeskClient(
            open_store, operator, poll_seconds=poll_seconds, parent=self
        )

        self.dock = QDockWidget(f"Operator desk · {operator}")
        self.dock.setObjectName("operatorDesk")
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        confirm = confirm or message_box_confirmer(self.dock)
        files = files or DialogFileChooser(Path.home(), self.dock)
        body = QWidget()
        self.entry = EntryPanel(
            self.client,
            confirm,
            release_when_feed_reports=release_when_feed_reports,
        )
        self.import_box = ImportBox(self.client, confirm, files)
        self.calls = CallsPanel(self.client, confirm)
        self.audit = AuditPanel(self.client, files)
        self.undo_action = self._action("Undo", UNDO_KEYS, self.undo)
        self.redo_action = self._action("Redo", REDO_KEYS, self.redo)
        self.next_steps = muted_label("", body)
        self.connection = muted_label("", body)
        """The shared database's state, for operators only (never on air)."""
        self.connection.setVisible(False)
        self.status = plain_label("", body)
        self.status.setWordWrap(True)
        # Above the tabs in bold red: the desk's data cannot be trusted or used.
        self.problem = error_label(body)
        self.problem.setObjectName("deskProblem")
        bold = self.problem.font()
        bold.setBold(True)
        self.problem.setFont(bold)
        self.tabs = QTabWidget(body)
        self._layout(body)
        self.dock.setWidget(body)

        for panel in (self.entry, self.import_box, self.calls, self.audit):
            panel.action_settled.connect(self._on_settled)
        self.entry.race_picked.connect(self.calls.pick_race)
        self.calls.race_picked.connect(self.entry.pick_race)
        self.client.state_changed.connect(self._on_state)
        self.client.unavailable.connect(self._on_unavailable)
        self.client.connection_changed.connect(self._on_connection)
        bridge.results_changed.connect(self._refresh)
        self._show_steps(None)
        self._refresh()

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.dock)
        action.setIconText(text)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setEnabled(False)
        action.triggered.connect(slot)
        self.dock.addAction(action)
        return action

    def _layout(self, body: QWidget) -> None:
        entry_tab = QWidget()
        entry_layout = QVBoxLayout(entry_tab)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addWidget(self.entry, 1)
        entry_layout.addWidget(self.import_box)
        self.tabs.addTab(entry_tab, "Entry")
        self.tabs.addTab(self.calls, "Calls")
        self.tabs.addTab(self.audit, "Audit log")
        head = QHBoxLayout()
        head.addWidget(plain_label(f"Operator: {self.operator}", body), 1)
        for action in (self.undo_action, self.redo_action):
            button = QToolButton(body)
            button.setDefaultAction(action)
            head.addWidget(button)
        layout = QVBoxLayout(body)
        layout.addLayout(head)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.connection)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    # -- life ----------------------------------------------------------------------

    def start(self) -> None:
        """Open the store on the desk thread; the panels fill when it is read."""
        self.client.start()

    def shutdown(self, msecs: int = 15_000) -> bool:
        """Let queued actions finish, close the store, stop the desk thread."""
        return self.client.shutdown(msecs)

    def status_text(self) -> str:
        """The desk's status line: what became of the latest action."""
        return self.status.text()

    def problem_text(self) -> str:
        """Why the desk cannot work, shown above its tabs; '' while it works."""
        return error_text(self.problem)

    # -- following the store and the board -------------------------------------------

    def _on_state(self, state: DeskState) -> None:
        layer = desk_layer(state)
        self._show_warning(state)
        self._show_steps(state)
        if layer != self._applied:
            self._applied = layer
            self.live.set_desk_state(*layer)
            if self.live.feed_election is not None:
                return  # the bridge's change event refreshes the panels
        self._refresh()  # once per change: nothing on the board moved

    def _names(self) -> NameBook:
        return NameBook.of(self.live.feed_election, self.time_zone)

    def _show_warning(self, state: DeskState) -> None:
        names = self._names()
        warning = invalid_entries_text(state.entries, names)
        if warning != self._invalid_warning:
            self._invalid_warning = warning
            if warning:
                self.status.setText(warning)

    def _refresh(self) -> None:
        state = self.client.state
        if state is not None:
            # Names arrive with the feed, maybe after the store's first state:
            # the words that name races follow them rather than keep the ids.
            self._show_warning(state)
            self._show_steps(state)
        view = DeskView(
            feed=self.live.feed_election,
            standings={s.race.id: s for s in self.live.standings},
            manual_races=self.live.manual_races,
            state=state,
            time_zone=self.time_zone,
        )
        self.entry.show_view(view)
        self.import_box.show_view(view)
        self.calls.show_view(view)
        self.audit.show_view(view)

    def _on_connection(self, up: bool) -> None:  # noqa: FBT001 - a slot for (bool)
        """Say whether the shared database answers; typed figures stay put."""
        self.connection.setVisible(True)
        self.connection.setText(connection_words(up=up))

    def _on_unavailable(self, message: str) -> None:
        self.tabs.setEnabled(False)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.status.setText(message)
        show_error(self.problem, message)

    def _on_settled(self, message: str) -> None:
        self.status.setText(message)
        self.action_settled.emit(message)

    # -- the board's decisions ---------------------------------------------------------

    def record_feed_accepted(self, note: str) -> None:
        """Audit the operator's showing a feed answer the board had ignored."""
        operator = self.operator

        def done(record: AuditRecord) -> None:
            self._on_settled(f"Logged: {note} (action #{record.id})")

        def failed(error: Exception) -> None:
            self._on_settled(f"Could not log the accepted feed answer: {error}")

        self.client.submit(
            lambda store: store.record_feed_accepted(operator, note=note), done, failed
        )

    # -- undo and redo ---------------------------------------------------------------

    def _show_steps(self, state: DeskState | None) -> None:
        names = self._names()
        undo = step_text(state.undo, names) if state is not None else ""
        redo = step_text(state.redo, names) if state is not None else ""
        for action, word, keys, what in (
            (self.undo_action, "Undo", UNDO_KEYS, undo),
            (self.redo_action, "Redo", REDO_KEYS, redo),
        ):
            action.setEnabled(bool(what))
            action.setText(f"{word} {what}" if what else word)
            # Our own first line keeps Qt from reading a name as rich text.
            tip = f"{word} ({keys})"
            action.setToolTip(f"{tip}\n{what}" if what else f"{tip}: nothing to do")
        self.next_steps.setText(
            f"{UNDO_KEYS} undoes: {undo or 'nothing'} · "
            f"{REDO_KEYS} redoes: {redo or 'nothing'}"
        )

    def undo(self) -> None:
        """Ctrl+Z: reverse this operator's latest action (a whole import at once)."""
        self._step("undo")

    def redo(self) -> None:
        """Ctrl+Shift+Z: re-apply this operator's latest undone action."""
        self._step("redo")

    def _step(self, kind: str) -> None:
        state = self.client.state
        step = () if state is None else (state.undo if kind == "undo" else state.redo)
        if not step:
            self._on_settled(f"Nothing to {kind}")
            return
        what = step_text(step, self._names())
        operator = self.operator
        done_word = "Undid" if kind == "undo" else "Redid"

        def done(record: AuditRecord) -> None:
            self._on_settled(f"{done_word} {what} (action #{record.id})")

        def failed(error: Exception) -> None:
            self._on_settled(f"Could not {kind}: {error}")

        if kind == "undo":
            self.client.submit(lambda store: store.undo(operator), done, failed)
        else:
            self.client.submit(lambda store: store.redo(operator), done, failed)
