"""Importing a CSV of precinct returns: all of it, or nothing and every bad line.

The file is read and checked on the desk thread (``import_returns``), so a
large file or a slow disk never stalls the board.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from electionboard.model.election import Election
from electionboard.presentation.desk_state import DeskView
from electionboard.presentation.desk_wording import NameBook, conflict_text
from electionboard.presentation.text import plain
from electionboard.store import AuditRecord, BatchConflict
from electionboard.store.protocol import SeenEntries
from electionboard.store.returns_csv import (
    COLUMNS,
    DropsNotConfirmed,
    ReturnsRejected,
    import_returns,
    read_returns_file,
)
from electionboard.ui.desk.look import muted_label
from electionboard.ui.desk.prompts import Confirmation, Confirmer, FileChooser
from electionboard.ui.desk.worker import DeskClient

_DROPS_LISTED = 12


def rejection_text(name: str, error: ReturnsRejected) -> str:
    """The problem list shown for a refused file, one line per problem."""
    count = len(error.problems)
    lines = [
        f"{name} was not imported; nothing was saved. "
        f"{count} problem{'s' if count != 1 else ''}:"
    ]
    for problem in error.problems:
        where = f"line {problem.line}: " if problem.line > 0 else ""
        lines.append(f"{where}{plain(problem.message)}")
    return "\n".join(lines)


def drops_question(name: str, error: DropsNotConfirmed) -> Confirmation:
    """The confirmation naming every total the file lowers."""
    lines = [
        f"line {d.line}: {plain(d.race)} · {plain(d.precinct)}: "
        f"{d.before:,} to {d.after:,} ({d.before - d.after:,} fewer)"
        for d in error.drops[:_DROPS_LISTED]
    ]
    more = len(error.drops) - _DROPS_LISTED
    if more > 0:
        lines.append(f"and {more} more")
    listing = "\n".join(lines)
    return Confirmation(
        title="Import corrections?",
        text=(
            f"{name} lowers the total of {len(error.drops)} precinct"
            f"{'s' if len(error.drops) != 1 else ''}:\n{listing}\n\n"
            "Import the file with these corrections?"
        ),
        accept="Import with corrections",
        risky=True,
    )


def conflicts_question(
    name: str, error: BatchConflict, names: NameBook
) -> Confirmation:
    """Colleagues saved precincts of the file after the desk looked: replace them?"""
    told = [
        conflict_text(race, precinct, c.operator, c.at, c.votes, c.audit_id, names)
        for (race, precinct), c in list(error.conflicts.items())[:_DROPS_LISTED]
    ]
    more = len(error.conflicts) - len(told)
    if more:
        told.append(f"and {more} more")
    count = len(error.conflicts)
    listing = "\n".join(told)
    return Confirmation(
        title="Other operators saved these precincts",
        text=(
            f"{name} has {count} precinct{'s' if count != 1 else ''} that another "
            f"operator saved after you looked:\n{listing}\n\nReplace their figures "
            "with the file's? Keep theirs to import nothing; take those precincts "
            "out of the file to import the rest."
        ),
        accept="Replace with mine",
        risky=True,
    )


class ImportBox(QWidget):
    """An Import button, the expected columns, and the last refusal's problems."""

    action_settled = Signal(str)

    def __init__(
        self,
        client: DeskClient,
        confirm: Confirmer,
        files: FileChooser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._confirm = confirm
        self._files = files
        self._feed: Election | None = None
        self._pending = False
        self.button = QPushButton("Import CSV…", self)
        self.button.clicked.connect(self.choose)
        columns = muted_label(
            f"CSV columns: {', '.join(COLUMNS)}, a line per candidate, names or "
            "ids. A file with any bad line is refused whole.",
            self,
        )
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(columns)
        layout.addWidget(self.problems)

    def show_view(self, view: DeskView) -> None:
        """Imports are checked against the feed's snapshot."""
        self._feed = view.feed

    def problems_text(self) -> str:
        """The problems of the last refused file, '' when none are shown."""
        return "" if self.problems.isHidden() else self.problems.toPlainText()

    def choose(self) -> None:
        """Ask for a file, then import it."""
        path = self._files.open_csv("Import precinct returns")
        if path is not None:
            self.import_file(path)

    def import_file(
        self,
        path: Path,
        *,
        confirm_drop: bool = False,
        seen: SeenEntries | None = None,
    ) -> None:
        """Check and save ``path`` as one action on the desk thread.

        ``seen`` (by default the entries the desk shows now) lets the store
        refuse the file where a colleague saved a precinct since.
        """
        feed = self._feed
        if seen is None:
            state = self._client.state
            entries = {} if state is None else state.entries
            seen = {subject: entry.audit_id for subject, entry in entries.items()}
        if self._pending:
            return
        if feed is None:
            self.action_settled.emit("Nothing imported: no feed has arrived yet")
            return
        self._pending = True
        self.problems.hide()
        operator = self._client.operator
        name = path.name

        def done(records: list[AuditRecord]) -> None:
            self._pending = False
            first, last = records[0].id, records[-1].id
            self.action_settled.emit(
                f"Imported {len(records)} precinct{'s' if len(records) != 1 else ''} "
                f"from {plain(name)} (actions #{first} to #{last}); "
                "one undo takes the whole import back"
            )

        def failed(error: Exception) -> None:
            self._pending = False
            if isinstance(error, DropsNotConfirmed):
                if self._confirm(drops_question(plain(name), error)):
                    self.import_file(path, confirm_drop=True, seen=seen)
                else:
                    self.action_settled.emit(f"{plain(name)} not imported")
            elif isinstance(error, BatchConflict):
                names = NameBook.of(feed)
                if self._confirm(conflicts_question(plain(name), error, names)):
                    replaced = {
                        subject: conflict.audit_id
                        for subject, conflict in error.conflicts.items()
                    }
                    self.import_file(
                        path, confirm_drop=confirm_drop, seen={**seen, **replaced}
                    )
                else:
                    self.action_settled.emit(
                        f"{plain(name)} not imported: the other operators' "
                        "figures are kept"
                    )
            elif isinstance(error, ReturnsRejected):
                self.problems.setPlainText(rejection_text(plain(name), error))
                self.problems.show()
                count = len(error.problems)
                self.action_settled.emit(
                    f"{plain(name)} not imported: {count} "
                    f"problem{'s' if count != 1 else ''}, listed under Import"
                )
            else:
                self.action_settled.emit(f"{plain(name)} not imported: {error}")

        self._client.submit(
            lambda store: import_returns(
                store,
                operator,
                read_returns_file(path),
                feed,
                note=f"import {name}",
                confirm_drop=confirm_drop,
                seen=seen,
            ),
            done,
            failed,
        )
