"""The entry panel's candidate grid: a field per candidate, in ballot order.

Beside each field stand the precinct's figures from the feed and from the desk,
and under it the field's own message. The grid fills its fields with the entry
in force only while the operator has not typed over them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QScrollArea, QWidget

from electionboard.model.election import Candidate, Precinct, Race
from electionboard.presentation.text import plain
from electionboard.store import ManualEntry
from electionboard.store.returns_csv import whole_number
from electionboard.ui.desk.keys import UndoKeys
from electionboard.ui.desk.look import error_label, error_text, plain_label, show_error

HEADERS = ("Candidate", "Votes", "Feed", "Desk")


class _Row:
    """One candidate's line: name, field, feed figure, desk figure, message."""

    def __init__(self, grid: QGridLayout, row: int, name: str, host: QWidget) -> None:
        self.name = plain_label(name, host)
        self.field = QLineEdit(host)
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.field.setMaximumWidth(110)
        self.feed = plain_label("", host)
        self.desk = plain_label("", host)
        for label in (self.feed, self.desk):
            label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        self.error = error_label(host)
        grid.addWidget(self.name, row, 0)
        grid.addWidget(self.field, row, 1)
        grid.addWidget(self.feed, row, 2)
        grid.addWidget(self.desk, row, 3)
        grid.addWidget(self.error, row + 1, 0, 1, 4)


class FiguresGrid(QScrollArea):
    """Fields for one race's candidates; rebuilt only when the race changes."""

    submitted = Signal()  # Enter in a field
    edited = Signal()  # any field's text changed

    def __init__(self, undo_keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._undo_keys = undo_keys
        self._shape: tuple[str, tuple[Candidate, ...]] | None = None
        self._rows: dict[str, _Row] = {}
        self._filled: dict[str, str] = {}
        self._build(None)

    def show_race(self, race: Race | None) -> bool:
        """Fields for ``race``'s candidates; True when they were rebuilt."""
        shape = None if race is None else (race.id, race.candidates)
        if shape == self._shape:
            return False
        self._shape = shape
        self._build(race)
        return True

    def _build(self, race: Race | None) -> None:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, title in enumerate(HEADERS):
            grid.addWidget(plain_label(title, host), 0, column)
        candidates = [] if race is None else race.candidates
        ordered = sorted(
            enumerate(candidates), key=lambda pair: (pair[1].ballot_order, pair[0])
        )
        self._rows = {}
        for place, (_, candidate) in enumerate(ordered):
            row = _Row(grid, 1 + 2 * place, plain(candidate.name), host)
            row.field.returnPressed.connect(self.submitted)
            row.field.textChanged.connect(self.edited)
            self._undo_keys.watch(row.field)
            self._rows[candidate.id] = row
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(2 + 2 * len(ordered), 1)
        self.setWidget(host)  # deletes the previous rows
        self._filled = {}

    # -- fields --------------------------------------------------------------------

    def fields(self) -> list[QLineEdit]:
        """The fields, top to bottom."""
        return [row.field for row in self._rows.values()]

    def field(self, candidate_id: str) -> QLineEdit:
        """A candidate's field."""
        return self._rows[candidate_id].field

    def order(self) -> list[str]:
        """Candidate ids of the fields, top to bottom (ballot order)."""
        return list(self._rows)

    def texts(self) -> dict[str, str]:
        """What is in each field, by candidate id."""
        return {cid: row.field.text() for cid, row in self._rows.items()}

    def has_typing(self) -> bool:
        """True when the operator typed figures that are not what was filled in."""
        typed = self.texts()
        return any(typed.values()) and typed != self._filled

    def typed_total(self) -> int:
        """The sum of the whole numbers typed so far."""
        total = 0
        for text in self.texts().values():
            try:
                total += max(0, whole_number(text))
            except ValueError:
                continue
        return total

    def clear(self) -> None:
        """Empty every field, after a save."""
        self._filled = {}
        for row in self._rows.values():
            row.field.clear()

    def forget_fill(self) -> None:
        """Let the next ``refill`` replace the fields (the entry changed)."""
        self._filled = {}

    def refill(self, entry: ManualEntry | None) -> None:
        """Show ``entry``'s figures (or nothing) unless the operator has typed."""
        if self.has_typing():
            return
        wanted = {
            cid: "" if entry is None else str(entry.votes.get(cid, 0))
            for cid in self._rows
        }
        if wanted != self.texts():
            for cid, row in self._rows.items():
                row.field.setText(wanted[cid])
        self._filled = wanted

    def show_figures(
        self, race: Race | None, precinct: Precinct | None, entry: ManualEntry | None
    ) -> None:
        """The feed's and the desk's figures for the precinct, beside the fields."""
        for index, candidate in enumerate([] if race is None else race.candidates):
            row = self._rows.get(candidate.id)
            if row is None:
                continue
            row.feed.setText("" if precinct is None else f"{precinct.votes[index]:,}")
            desk = None if entry is None else entry.votes.get(candidate.id)
            row.desk.setText("" if desk is None else f"{desk:,}")

    # -- messages ------------------------------------------------------------------

    def show_error(self, candidate_id: str, text: str) -> QLineEdit | None:
        """Show ``text`` under a candidate's field; the field back, if any."""
        row = self._rows.get(candidate_id)
        if row is None:
            return None
        show_error(row.error, text)
        return row.field

    def error_text(self, candidate_id: str) -> str:
        """The message under a candidate's field, '' when none."""
        row = self._rows.get(candidate_id)
        return "" if row is None else error_text(row.error)

    def clear_errors(self) -> None:
        """Hide every field's message."""
        for row in self._rows.values():
            show_error(row.error, "")
