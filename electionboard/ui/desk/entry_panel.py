"""Typing a precinct's figures: pick race and precinct, one field per candidate.

Built for the keyboard: part of a name picks, Tab moves, Enter saves. Every
problem is shown at its field before anything is sent to the store, and the
store checks again inside its transaction; a lower total than the one recorded
is saved only after the operator confirms the drop.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from electionboard.model.election import Election, Precinct, Race
from electionboard.model.overlay import DropNotConfirmed, EntryRejected
from electionboard.presentation.desk_form import check_form, merge_rule, precinct_facts
from electionboard.presentation.desk_state import DeskView
from electionboard.presentation.desk_wording import NameBook, conflict_text, not_saved
from electionboard.presentation.text import plain
from electionboard.store import AuditRecord, EntryConflict, ManualEntry
from electionboard.store.protocol import NOT_CHECKED
from electionboard.ui.desk.figures import FiguresGrid
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


def _precinct(race: Race | None, precinct_id: str | None) -> Precinct | None:
    if race is None or precinct_id is None:
        return None
    return next((p for p in race.precincts if p.id == precinct_id), None)


class EntryPanel(QWidget):
    """Race, precinct, a field per candidate in ballot order, Save and Release."""

    action_settled = Signal(str)  # what became of a save or release, in words
    race_picked = Signal(str)

    def __init__(
        self,
        client: DeskClient,
        confirm: Confirmer,
        *,
        release_when_feed_reports: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._confirm = confirm
        self._view = DeskView()
        self._race: Race | None = None
        self._pending = False
        self._seen: int | None = NOT_CHECKED
        """The audit id of the entry shown when the precinct was opened (None:
        none), so a colleague's entry saved since is never overwritten unasked."""
        self._undo_keys = UndoKeys(self)

        self.race_picker = Picker("race", self)
        self.precinct_picker = Picker("precinct", self)
        self.manual_badge = badge_label("MANUAL", self)
        self.manual_badge.setToolTip("Figures on the board include manual entries")
        self.facts = muted_label("", self)
        self.grid = FiguresGrid(self._undo_keys, self)
        self.total = plain_label("", self)
        self.total_error = error_label(self)
        self.save_button = QPushButton("Save (Enter)", self)
        self.release_button = QPushButton("Release to feed…", self)
        self.release_button.setEnabled(False)
        self.rule = muted_label(
            merge_rule(release_when_feed_reports=release_when_feed_reports), self
        )
        self._layout()

        for edit in (self.race_picker.edit, self.precinct_picker.edit):
            self._undo_keys.watch(edit)
        self.race_picker.picked.connect(self._on_race_picked)
        self.race_picker.committed.connect(self._after_race)
        self.precinct_picker.picked.connect(self._on_precinct_picked)
        self.precinct_picker.committed.connect(self._focus_first_field)
        self.save_button.clicked.connect(self.save)
        self.release_button.clicked.connect(self.release)
        self.grid.submitted.connect(self.save)
        self.grid.edited.connect(self._show_typed_total)
        self._chain_tabs()

    def _layout(self) -> None:
        head = QGridLayout()
        race_label = field_label("Race", self.race_picker.edit, self)
        head.addWidget(race_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.race_picker, 0, 1)
        head.addWidget(self.manual_badge, 0, 2, Qt.AlignmentFlag.AlignTop)
        precinct_label = field_label("Precinct", self.precinct_picker.edit, self)
        head.addWidget(precinct_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.precinct_picker, 1, 1, 1, 2)
        head.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.total_error)
        layout.addLayout(buttons)
        layout.addWidget(self.rule)

    # -- what the panel shows ----------------------------------------------------

    def show_view(self, view: DeskView) -> None:
        """Follow the feed, the board and the store without disturbing typing."""
        self._view = view
        feed = view.feed
        races = [] if feed is None else [r for r in feed.races if r.precincts]
        self.race_picker.set_options([(r.id, r.name) for r in races])
        race_id = self.race_picker.current()
        race = next((r for r in races if r.id == race_id), None)
        self._race = race
        if self.grid.show_race(race):
            self._chain_tabs()
        self.precinct_picker.set_options(
            [] if race is None else [(p.id, p.name) for p in race.precincts]
        )
        self.manual_badge.setVisible(race is not None and race.id in view.manual_races)
        self._show_figures()

    def field(self, candidate_id: str) -> QLineEdit:
        """The votes field of a candidate of the race picked."""
        return self.grid.field(candidate_id)

    def field_order(self) -> list[str]:
        """Candidate ids of the fields, top to bottom (ballot order)."""
        return self.grid.order()

    def error_text(self, key: str) -> str:
        """The message at a field: race, precinct, votes or votes.<candidate>."""
        if key == "race":
            return self.race_picker.problem()
        if key == "precinct":
            return self.precinct_picker.problem()
        if key == "votes":
            return error_text(self.total_error)
        return self.grid.error_text(key.removeprefix("votes."))

    def _entry(self) -> ManualEntry | None:
        state = self._view.state
        race_id, precinct_id = (
            self.race_picker.current(),
            self.precinct_picker.current(),
        )
        if state is None or race_id is None or precinct_id is None:
            return None
        return state.entries.get((race_id, precinct_id))

    def _chain_tabs(self) -> None:
        """Tab goes race, precinct, the figures in ballot order, Save, Release."""
        chain: list[QWidget] = [self.race_picker.edit, self.precinct_picker.edit]
        chain += self.grid.fields()
        chain += [self.save_button, self.release_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_figures(self) -> None:
        race = self._race
        precinct = _precinct(race, self.precinct_picker.current())
        entry = self._entry()
        self.release_button.setEnabled(entry is not None)
        self.grid.show_figures(race, precinct, entry)
        self.facts.setText(precinct_facts(precinct, entry, self._view.names()))
        self.grid.refill(entry)
        self._show_typed_total()

    def _show_typed_total(self) -> None:
        shown = bool(self.grid.order())
        self.total.setText(f"Total typed: {self.grid.typed_total():,}" if shown else "")

    # -- picking -------------------------------------------------------------------

    def _on_race_picked(self, race_id: str) -> None:
        self.show_view(self._view)
        self.precinct_picker.set_current(None)
        if race_id:
            self.race_picked.emit(race_id)

    def pick_race(self, race_id: str) -> None:
        """Pick a race from elsewhere (the calls panel), unless typing here."""
        if race_id == self.race_picker.current() or self._pending:
            return
        if self.grid.has_typing():
            return  # figures typed and not saved: leave them be
        self.race_picker.set_current(race_id)

    def _after_race(self) -> None:
        self.precinct_picker.edit.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_precinct_picked(self, _precinct_id: str) -> None:
        self._clear_problems()
        entry = self._entry()
        self._seen = entry.audit_id if entry is not None else None
        self._show_figures()

    def _focus_first_field(self) -> None:
        fields = self.grid.fields()
        if fields:
            fields[0].setFocus(Qt.FocusReason.TabFocusReason)

    # -- saving --------------------------------------------------------------------

    def _clear_problems(self) -> None:
        self.grid.clear_errors()
        show_error(self.total_error, "")

    def _show_problems(self, problems: Mapping[str, str]) -> None:
        first: QWidget | None = None
        for key, text in problems.items():
            if key == "race":
                self.race_picker.set_problem(text)
                first = first or self.race_picker.edit
            elif key == "precinct":
                self.precinct_picker.set_problem(text)
                first = first or self.precinct_picker.edit
            elif key.startswith("votes.") and key[6:] in self.grid.order():
                field = self.grid.show_error(key[6:], text)
                first = first or field
            else:
                show_error(self.total_error, text)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Enter: check the form, then send it to the store."""
        if self._pending:
            return
        self._clear_problems()
        self.race_picker.commit()
        self.precinct_picker.commit()
        feed = self._view.feed
        race_id = self.race_picker.current()
        precinct_id = self.precinct_picker.current()
        if feed is None or race_id is None or precinct_id is None:
            problems: dict[str, str] = {}
            if race_id is None:
                problems["race"] = self.race_picker.problem() or "pick a race"
            elif precinct_id is None:
                problems["precinct"] = (
                    self.precinct_picker.problem() or "pick a precinct"
                )
            self._show_problems(problems)
            self._settle("Not saved: pick a race and a precinct first")
            return
        votes, problems = check_form(feed, race_id, precinct_id, self.grid.texts())
        if problems:
            self._show_problems(problems)
            self._settle("Not saved: fix the marked fields")
            return
        self._send(feed, race_id, precinct_id, votes, confirm_drop=False)

    def _send(
        self,
        feed: Election,
        race_id: str,
        precinct_id: str,
        votes: dict[str, int],
        *,
        confirm_drop: bool,
    ) -> None:
        operator = self._client.operator
        self._pending = True
        seen = self._seen

        def done(record: AuditRecord) -> None:
            self._pending = False
            where = self._where(race_id, precinct_id)
            self.grid.clear()
            self.precinct_picker.set_current(None)
            self.precinct_picker.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self._settle(
                f"Saved {where}: {sum(votes.values()):,} votes (action #{record.id})"
            )

        def failed(error: Exception) -> None:
            self._pending = False
            if isinstance(error, DropNotConfirmed):
                self._confirm_drop(feed, race_id, precinct_id, votes, error)
            elif isinstance(error, EntryConflict):
                self._confirm_replace(feed, race_id, precinct_id, votes, error)
            elif isinstance(error, EntryRejected):
                self._show_problems(error.problems)
                self._settle("Not saved: fix the marked fields")
            else:
                self._settle(not_saved(error))

        self._client.submit(
            lambda store: store.record_entry(
                operator,
                race_id,
                precinct_id,
                votes,
                election=feed,
                confirm_drop=confirm_drop,
                seen=seen,
            ),
            done,
            failed,
        )

    def _confirm_replace(
        self,
        feed: Election,
        race_id: str,
        precinct_id: str,
        votes: dict[str, int],
        conflict: EntryConflict,
    ) -> None:
        """A colleague saved this precinct meanwhile: replace it, or keep it."""
        told = conflict_text(
            race_id,
            precinct_id,
            conflict.operator,
            conflict.at,
            conflict.votes,
            conflict.audit_id,
            NameBook.of(feed),
        )
        question = Confirmation(
            title="Another operator saved this precinct",
            text=f"{told}\n\nReplace their figures with yours? Keep theirs to "
            "leave the board as it is.",
            accept="Replace with mine",
            risky=True,
        )
        if self._confirm(question):
            self._seen = conflict.audit_id
            self._send(feed, race_id, precinct_id, votes, confirm_drop=False)
            return
        self._seen = conflict.audit_id
        self.grid.clear()
        self._show_figures()
        self._settle(f"Not saved: kept {plain(conflict.operator)}'s figures")

    def _confirm_drop(
        self,
        feed: Election,
        race_id: str,
        precinct_id: str,
        votes: dict[str, int],
        drop: DropNotConfirmed,
    ) -> None:
        where = self._where(race_id, precinct_id)
        fewer = drop.before - drop.after
        question = Confirmation(
            title="Save a correction?",
            text=(
                f"{where}: this lowers the precinct's total from {drop.before:,} "
                f"to {drop.after:,} votes ({fewer:,} fewer).\n\n"
                "Save it as a correction? The audit log records it as yours."
            ),
            accept="Save correction",
            risky=True,
        )
        if self._confirm(question):
            self._send(feed, race_id, precinct_id, votes, confirm_drop=True)
            return
        show_error(
            self.total_error,
            f"not saved: the total would fall from {drop.before:,} to {drop.after:,}",
        )
        self._settle("Correction not saved")

    def release(self) -> None:
        """Hand the precinct back to the feed, after a confirmation."""
        entry = self._entry()
        if entry is None or self._pending:
            return
        race_id, precinct_id = entry.race_id, entry.precinct_id
        where = self._where(race_id, precinct_id)
        question = Confirmation(
            title="Release to the feed?",
            text=(
                f"{where}: the board shows the feed's figures for this precinct "
                f"again instead of the {sum(entry.votes.values()):,} votes entered "
                f"by {plain(entry.operator)}."
            ),
            accept="Release",
        )
        if not self._confirm(question):
            self._settle("Release cancelled")
            return
        operator = self._client.operator
        self._pending = True

        def done(record: AuditRecord) -> None:
            self._pending = False
            self.grid.forget_fill()
            self.grid.refill(self._entry())
            self._settle(f"Released {where} to the feed (action #{record.id})")

        def failed(error: Exception) -> None:
            self._pending = False
            self._settle(f"Not released: {error}")

        self._client.submit(
            lambda store: store.release_entry(operator, race_id, precinct_id),
            done,
            failed,
        )

    def _where(self, race_id: str, precinct_id: str) -> str:
        feed = self._view.feed
        race = (
            None
            if feed is None
            else next((r for r in feed.races if r.id == race_id), None)
        )
        precinct = _precinct(race, precinct_id)
        race_name = plain(race.name) if race is not None else race_id
        precinct_name = plain(precinct.name) if precinct is not None else precinct_id
        return f"{race_name} · {precinct_name}"

    def _settle(self, message: str) -> None:
        self.action_settled.emit(message)
