"""Race calls: the engine's verdict beside each candidate, the desk's call above.

Every call, too-close mark and retraction is confirmed first; calling someone
the math has eliminated takes a second, explicit confirmation. The board's
banner follows at once, credited on air to the decision desk (the
``decision_desk`` setting); the audit log keeps the operator's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from electionboard.model.election import Call, CallOutcome, Election, Race
from electionboard.model.overlay import EntryRejected, check_call
from electionboard.model.standings import CandidateStanding, Outcome, RaceStandings
from electionboard.presentation.desk_state import DeskView
from electionboard.presentation.desk_wording import (
    NameBook,
    call_text,
    described_call,
    joined,
    not_saved,
)
from electionboard.presentation.text import plain
from electionboard.store import AuditRecord, CallConflict, DeskStore
from electionboard.store.protocol import SeenCall
from electionboard.ui.desk.keys import UndoKeys
from electionboard.ui.desk.look import (
    badge_label,
    error_label,
    error_text,
    field_label,
    muted_label,
    plain_label,
    show_error,
)
from electionboard.ui.desk.picker import Picker
from electionboard.ui.desk.prompts import Confirmation, Confirmer
from electionboard.ui.desk.worker import DeskClient

COLUMNS = ("Candidate", "Votes", "Share", "Math", "Why")
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_OUTCOME_WORDS = {
    Outcome.WON: "wins",
    Outcome.ADVANCES: "advances",
    Outcome.ELIMINATED: "eliminated",
    Outcome.PENDING: "undecided",
}


def verdict_line(standing: CandidateStanding) -> str:
    """'Ana: advances (clinched a top-two place)'."""
    reason = f" ({plain(standing.reason)})" if standing.reason else ""
    name = plain(standing.candidate.name)
    return f"{name}: {_OUTCOME_WORDS[standing.outcome]}{reason}"


class CallsPanel(QWidget):
    """Pick a race, tick candidates, call; or mark too close, or retract."""

    action_settled = Signal(str)
    race_picked = Signal(str)

    def __init__(
        self, client: DeskClient, confirm: Confirmer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._confirm = confirm
        self._view = DeskView()
        self._names = NameBook()
        self._pending = False
        self._undo_keys = UndoKeys(self)

        self.race_picker = Picker("race", self)
        self._undo_keys.watch(self.race_picker.edit)
        self.manual_badge = badge_label("MANUAL", self)
        self.manual_badge.setToolTip("Figures on the board include manual entries")
        self.rule = muted_label("", self)
        self.now = plain_label("", self)
        self.now.setWordWrap(True)
        self.engine = muted_label("", self)
        self.candidates = QTreeWidget(self)
        self.candidates.setColumnCount(len(COLUMNS))
        self.candidates.setHeaderLabels(list(COLUMNS))
        self.candidates.setRootIsDecorated(False)
        self.candidates.setSelectionMode(
            QAbstractItemView.SelectionMode.SingleSelection
        )
        self.win_button = QPushButton("Call win…", self)
        self.advance_button = QPushButton("Call advance…", self)
        self.close_button = QPushButton("Too close…", self)
        self.retract_button = QPushButton("Retract…", self)
        self.message = error_label(self)
        self._layout()

        self.race_picker.picked.connect(self._on_race_picked)
        self.win_button.clicked.connect(lambda: self.call(CallOutcome.WON))
        self.advance_button.clicked.connect(lambda: self.call(CallOutcome.ADVANCE))
        self.close_button.clicked.connect(self.mark_too_close)
        self.retract_button.clicked.connect(self.retract)
        self._refresh()

    def _layout(self) -> None:
        head = QGridLayout()
        race_label = field_label("Race", self.race_picker.edit, self)
        head.addWidget(race_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.race_picker, 0, 1)
        head.addWidget(self.manual_badge, 0, 2, Qt.AlignmentFlag.AlignTop)
        head.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        for button in (
            self.win_button,
            self.advance_button,
            self.close_button,
            self.retract_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.rule)
        layout.addWidget(self.now)
        layout.addWidget(self.engine)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # -- what the panel shows ----------------------------------------------------

    def show_view(self, view: DeskView) -> None:
        """Follow the feed, the board's standings and the desk's calls."""
        self._view = view
        self._names = view.names()
        races = [] if view.feed is None else list(view.feed.races)
        self.race_picker.set_options([(r.id, r.name) for r in races])
        self._refresh()

    def pick_race(self, race_id: str) -> None:
        """Follow a race picked elsewhere (the entry panel), unless busy here."""
        if race_id != self.race_picker.current() and not self._pending:
            self.race_picker.set_current(race_id)

    def _on_race_picked(self, race_id: str) -> None:
        self.candidates.clear()
        show_error(self.message, "")
        self._refresh()
        if race_id:
            self.race_picked.emit(race_id)

    def _race(self) -> tuple[Election, Race, RaceStandings] | None:
        feed = self._view.feed
        race_id = self.race_picker.current()
        standings = self._view.standings.get(race_id or "")
        if feed is None or race_id is None or standings is None:
            return None
        race = next((r for r in feed.races if r.id == race_id), None)
        return None if race is None else (feed, race, standings)

    def desk_call(self) -> Call | None:
        """The desk's call in force for the race picked."""
        state, race_id = self._view.state, self.race_picker.current()
        if state is None or race_id is None:
            return None
        return state.calls.get(race_id)

    def _refresh(self) -> None:
        picked = self._race()
        if picked is None:
            self.candidates.clear()
            self.rule.setText("")
            self.now.setText("Pick a race to call it.")
            self.engine.setText("")
            self.manual_badge.hide()
            for button in self._buttons():
                button.setEnabled(False)
            return
        _, race, standings = picked
        self.rule.setText(race.rule.describe())
        self.manual_badge.setVisible(race.id in self._view.manual_races)
        self.now.setText(self._now_text(race))
        self.engine.setText(f"The engine: {plain(standings.summary)}")
        self._fill(standings)
        rule = race.rule
        desk_call = self.desk_call()
        self.win_button.setEnabled(rule.elects or rule.majority_wins)
        self.advance_button.setEnabled(not rule.elects)
        self.close_button.setEnabled(True)
        self.retract_button.setEnabled(desk_call is not None)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.win_button,
            self.advance_button,
            self.close_button,
            self.retract_button,
        )

    def _now_text(self, race: Race) -> str:
        desk_call, feed_call = self.desk_call(), race.call
        names = self._names
        lines = []
        if desk_call is not None:
            lines.append(f"Desk call: {described_call(desk_call, race.id, names)}")
        if feed_call is not None:
            feed = f"Feed's call: {described_call(feed_call, race.id, names)}"
            lines.append(feed + (" (the desk's call outranks it)" if lines else ""))
        return "\n".join(lines) or "Not called."

    def _fill(self, standings: RaceStandings) -> None:
        items = {self._item_id(i): i for i in self._items()}
        wanted = [s.candidate.id for s in standings.candidates]
        if list(items) != wanted:
            checked = set(self.checked())
            self.candidates.clear()
            items = {}
            for standing in standings.candidates:
                item = QTreeWidgetItem(self.candidates)
                item.setData(0, _ID_ROLE, standing.candidate.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = standing.candidate.id in checked
                item.setCheckState(
                    0, Qt.CheckState.Checked if state else Qt.CheckState.Unchecked
                )
                items[standing.candidate.id] = item
        for standing in standings.candidates:
            item = items[standing.candidate.id]
            item.setText(0, plain(standing.candidate.name))
            item.setText(1, f"{standing.votes:,}")
            item.setText(2, f"{standing.share:.1f}%")
            item.setText(3, _OUTCOME_WORDS[standing.outcome])
            item.setText(4, plain(standing.reason))
            # Our own first line keeps Qt from reading a name as rich text.
            item.setToolTip(4, f"Why the engine says so:\n{plain(standing.reason)}")
            for column in (1, 2):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        for column in range(len(COLUMNS) - 1):
            self.candidates.resizeColumnToContents(column)

    def _items(self) -> list[QTreeWidgetItem]:
        found = (
            self.candidates.topLevelItem(i)
            for i in range(self.candidates.topLevelItemCount())
        )
        return [item for item in found if item is not None]

    @staticmethod
    def _item_id(item: QTreeWidgetItem) -> str:
        return str(item.data(0, _ID_ROLE))

    def checked(self) -> list[str]:
        """Candidates ticked, in the order of the standings."""
        return [
            self._item_id(item)
            for item in self._items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def set_checked(self, candidate_ids: Sequence[str]) -> None:
        """Tick exactly ``candidate_ids``."""
        for item in self._items():
            ticked = self._item_id(item) in candidate_ids
            item.setCheckState(
                0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            )

    def rows(self) -> list[tuple[str, ...]]:
        """Each candidate's line as shown: name, votes, share, math, why."""
        return [
            tuple(item.text(column) for column in range(len(COLUMNS)))
            for item in self._items()
        ]

    def message_text(self) -> str:
        """The message under the candidates, '' when none."""
        return error_text(self.message)

    # -- acting --------------------------------------------------------------------

    def call(self, outcome: CallOutcome) -> None:
        """Call the race for the candidates ticked, after one or two confirmations."""
        picked = self._race()
        if picked is None or self._pending:
            return
        feed, race, standings = picked
        ids = self.checked()
        show_error(self.message, "")
        try:
            check_call(feed, race.id, outcome, ids)
        except EntryRejected as error:
            show_error(self.message, "; ".join(error.problems.values()))
            self.action_settled.emit("Not called: see the message under the list")
            return
        chosen = [standings.standing(c) for c in ids]
        what = call_text(outcome, ids, race.id, self._names)
        name = plain(race.name)
        verdicts = "\n".join(verdict_line(s) for s in chosen)
        first = Confirmation(
            title="Call the race?",
            text=(
                f"{name}: {what}.\n\nThe engine says:\n{verdicts}\n\n"
                "The board shows the call at once, credited to the decision "
                f"desk; the audit log records it as {self._client.operator}'s."
            ),
            accept="Call the race",
        )
        if not self._confirm(first):
            self.action_settled.emit("Call cancelled")
            return
        eliminated = [s for s in chosen if s.outcome is Outcome.ELIMINATED]
        if eliminated:
            names = joined([plain(s.candidate.name) for s in eliminated])
            second = Confirmation(
                title="Call against the math?",
                text=(
                    "The engine has eliminated "
                    f"{names}:\n"
                    + "\n".join(verdict_line(s) for s in eliminated)
                    + f"\n\nCall {name} for {names} anyway?"
                ),
                accept="Call against the math",
                risky=True,
            )
            if not self._confirm(second):
                self.action_settled.emit(
                    f"Call cancelled: the math has eliminated {names}"
                )
                return
        operator = self._client.operator
        self._send(
            lambda store, seen: store.call_race(
                operator, race.id, outcome, ids, election=feed, seen=seen
            ),
            f"Called {name}: {what}",
            uncheck=True,
        )

    def mark_too_close(self) -> None:
        """Declare the race too close to call, after a confirmation."""
        picked = self._race()
        if picked is None or self._pending:
            return
        feed, race, _ = picked
        name = plain(race.name)
        question = Confirmation(
            title="Too close to call?",
            text=(
                f"Mark {name} too close to call? The banner says TOO CLOSE TO "
                "CALL, credited to the decision desk, until the desk calls or "
                f"retracts; the audit log records it as {self._client.operator}'s."
            ),
            accept="Mark too close",
        )
        if not self._confirm(question):
            self.action_settled.emit("Too-close mark cancelled")
            return
        operator = self._client.operator
        self._send(
            lambda store, seen: store.mark_too_close(
                operator, race.id, election=feed, seen=seen
            ),
            f"Marked {name} too close to call",
        )

    def retract(self) -> None:
        """Withdraw the desk's call, after a confirmation."""
        picked = self._race()
        desk_call = self.desk_call()
        if picked is None or self._pending:
            return
        _, race, _ = picked
        name = plain(race.name)
        if desk_call is None:
            show_error(self.message, "the desk has no call in this race to retract")
            self.action_settled.emit("Nothing to retract")
            return
        question = Confirmation(
            title="Retract the call?",
            text=(
                f"Retract the desk's call in {name} "
                f"({described_call(desk_call, race.id, self._names)})? "
                "The feed's own call shows again, if it has one."
            ),
            accept="Retract",
            risky=True,
        )
        if not self._confirm(question):
            self.action_settled.emit("Retraction cancelled")
            return
        operator = self._client.operator
        self._send(
            lambda store, seen: store.retract_call(operator, race.id, seen=seen),
            f"Retracted the desk's call in {name}",
        )

    def _send(
        self,
        action: Callable[[DeskStore, SeenCall], AuditRecord],
        success: str,
        *,
        uncheck: bool = False,
        seen: SeenCall | None = None,
    ) -> None:
        """Run ``action`` with the call the operator saw (the desk's call in
        force now, unless ``seen`` says which one they were told of)."""
        self._pending = True
        saw: SeenCall = self.desk_call() if seen is None else seen

        def done(record: AuditRecord) -> None:
            self._pending = False
            if uncheck:
                self.set_checked(())
            self.action_settled.emit(f"{success} (action #{record.id})")

        def failed(error: Exception) -> None:
            self._pending = False
            if isinstance(error, CallConflict):
                self._confirm_replace(action, success, error, uncheck=uncheck)
                return
            if isinstance(error, EntryRejected):
                text = "; ".join(error.problems.values())
            else:
                text = str(error)
            show_error(self.message, text)
            self.action_settled.emit(not_saved(text))

        self._client.submit(lambda store: action(store, saw), done, failed)

    def _confirm_replace(
        self,
        action: Callable[[DeskStore, SeenCall], AuditRecord],
        success: str,
        conflict: CallConflict,
        *,
        uncheck: bool,
    ) -> None:
        """A colleague changed the call meanwhile: replace theirs, or keep it."""
        call = conflict.call
        theirs = described_call(call, conflict.race_id, self._names)
        question = Confirmation(
            title="Another desk changed this call",
            text=(
                f"{plain(call.by)} made the desk's call in "
                f"{self._names.race(conflict.race_id)} after you looked: {theirs}"
                + (f" at {self._names.clock(call.at)}" if call.at else "")
                + ".\n\nReplace it with yours? Keep theirs to leave the board as "
                "it is."
            ),
            accept="Replace with mine",
            risky=True,
        )
        if self._confirm(question):
            self._send(action, success, uncheck=uncheck, seen=call)
            return
        self.action_settled.emit(f"Not saved: kept {plain(call.by)}'s call")
