"""The stack editor: recall, create and delete stacks; line up their boards.

Every edit goes through the director, which refuses it while the stack is
locked on air; the panel then simply redraws what the stack still holds.
Stack and race names come from people and feeds, so every text is plain.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from electionboard.model.screens import ScreenKind
from electionboard.model.stacks import MIN_DWELL, StackEntry
from electionboard.presentation.screen_words import KIND_NAMES
from electionboard.ui.desk.prompts import Confirmation, Confirmer
from electionboard.ui.studio.director import Director
from electionboard.ui.theme import THEMES

NameAsker = Callable[[str, str], str | None]
"""Asks for a name (title, question); None when cancelled."""

PROGRAM_TALLY = "#f3c1c1"
PREVIEW_TALLY = "#c6ecc9"
OWN = "board's own"


def dialog_name_asker(parent: QWidget | None = None) -> NameAsker:
    """Ask with a QInputDialog."""

    def ask(title: str, question: str) -> str | None:
        text, accepted = QInputDialog.getText(parent, title, question)
        return text if accepted else None

    return ask


def entry_text(index: int, entry: StackEntry, name: str, stack_dwell: float) -> str:
    """'2. Mayor of Testville · light · 5 rows · 8 s' for the stack list."""
    details = [name]
    if entry.theme is not None:
        details.append(entry.theme)
    if entry.max_rows is not None:
        details.append(f"{entry.max_rows} rows")
    details.append(f"{entry.dwell if entry.dwell is not None else stack_dwell:g} s")
    return f"{index + 1}. " + " · ".join(details)


class StackPanel(QGroupBox):
    """Stacks and the boards of the one loaded, with their board settings."""

    def __init__(
        self,
        director: Director,
        confirm: Confirmer,
        ask_name: NameAsker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Stack", parent)
        self.director = director
        self._confirm = confirm
        self._ask_name = ask_name
        self.stacks = QComboBox(self)
        self.new_button = QPushButton("New…", self)
        self.delete_button = QPushButton("Delete…", self)
        self.entries = QListWidget(self)
        self.races = QComboBox(self)
        self.races.setMinimumContentsLength(18)
        self.kind = QComboBox(self)
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name, kind.value)
        self.add_button = QPushButton("Add", self)
        self.remove_button = QPushButton("Remove", self)
        self.up_button = QPushButton("Up", self)
        self.down_button = QPushButton("Down", self)
        self.cue_button = QPushButton("Cue", self)
        self.theme = QComboBox(self)
        self.theme.addItem(OWN, None)
        for name in THEMES:
            self.theme.addItem(name, name)
        self.rows = QSpinBox(self)
        self.rows.setRange(0, 12)
        self.rows.setSpecialValueText(OWN)
        self.entry_dwell = QDoubleSpinBox(self)
        self.entry_dwell.setRange(0, 3600)
        self.entry_dwell.setDecimals(0)
        self.entry_dwell.setSuffix(" s")
        self.entry_dwell.setSpecialValueText("stack's")
        self.dwell = QDoubleSpinBox(self)
        self.dwell.setRange(MIN_DWELL, 3600)
        self.dwell.setDecimals(0)
        self.dwell.setSuffix(" s")
        self.loop = QCheckBox("Loop", self)
        for spin in (self.rows, self.entry_dwell, self.dwell):
            spin.setKeyboardTracking(False)  # one edit per value, not per digit
        self._layout()
        self._connect()
        self.refresh()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.stacks, 1)
        head.addWidget(self.new_button)
        head.addWidget(self.delete_button)
        grid.addLayout(head, 0, 0, 1, 2)
        grid.addWidget(self.entries, 1, 0, 1, 2)
        add = QHBoxLayout()
        add.addWidget(self.kind)
        add.addWidget(self.races, 1)
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.cue_button,
        ):
            add.addWidget(button)
        grid.addLayout(add, 2, 0, 1, 2)
        board = QHBoxLayout()
        for text, widget in (
            ("Board theme", self.theme),
            ("rows", self.rows),
            ("dwell", self.entry_dwell),
        ):
            board.addWidget(_plain(text, self))
            board.addWidget(widget)
        board.addStretch(1)
        grid.addLayout(board, 3, 0, 1, 2)
        stack = QHBoxLayout()
        stack.addWidget(_plain("Stack dwell", self))
        stack.addWidget(self.dwell)
        stack.addWidget(self.loop)
        stack.addStretch(1)
        grid.addLayout(stack, 4, 0, 1, 2)

    def _connect(self) -> None:
        d = self.director
        self.stacks.activated.connect(lambda i: d.recall(str(self.stacks.itemData(i))))
        self.new_button.clicked.connect(self.new_stack)
        self.delete_button.clicked.connect(self.delete_stack)
        self.add_button.clicked.connect(self.add_race)
        self.remove_button.clicked.connect(lambda: self._at(d.remove))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.cue_button.clicked.connect(lambda: self._at(d.cue))
        self.entries.itemDoubleClicked.connect(
            lambda item: d.cue(self.entries.row(item))
        )
        self.entries.currentRowChanged.connect(lambda _row: self._show_entry())
        self.theme.activated.connect(lambda _i: self._edit_entry())
        self.rows.valueChanged.connect(lambda _v: self._edit_entry())
        self.entry_dwell.valueChanged.connect(lambda _v: self._edit_entry())
        self.dwell.valueChanged.connect(d.set_dwell)
        self.loop.toggled.connect(d.set_loop)
        d.changed.connect(self.refresh)

    # -- actions ----------------------------------------------------------------

    def selected(self) -> int | None:
        """The stack entry selected in the list."""
        row = self.entries.currentRow()
        return row if row >= 0 else None

    def _at(self, act: Callable[[int], object]) -> None:
        index = self.selected()
        if index is not None:
            act(index)

    def _move(self, step: int) -> None:
        index = self.selected()
        if index is not None and self.director.move(index, index + step):
            self.entries.setCurrentRow(index + step)

    def add_race(self) -> None:
        """Append the race chosen beside Add to the stack."""
        race_id = self.races.currentData()
        kind = ScreenKind(self.kind.currentData() or ScreenKind.RACE.value)
        if not isinstance(race_id, str):
            return
        added = (
            self.director.add_race(race_id)
            if kind is ScreenKind.RACE
            else self.director.add_screen(kind, race_id)
        )
        if added:
            self.entries.setCurrentRow(self.entries.count() - 1)

    def new_stack(self) -> None:
        """Ask for a name and start an empty stack."""
        name = self._ask_name("New stack", "Name of the new stack:")
        if name is not None:
            self.director.new_stack(name)

    def delete_stack(self) -> None:
        """Delete the stack loaded, after asking."""
        name = self.director.rundown.stack.name
        question = Confirmation(
            "Delete stack",
            f"Delete the stack {name!r} and its boards? This cannot be undone.",
            accept="Delete",
            risky=True,
        )
        if self._confirm(question):
            self.director.delete_stack(name)

    def _edit_entry(self) -> None:
        index = self.selected()
        if index is None:
            return
        theme = self.theme.currentData()
        entry = dataclasses.replace(
            self.director.rundown.stack.entries[index],
            theme=theme if isinstance(theme, str) else None,
            max_rows=self.rows.value() or None,
            dwell=self.entry_dwell.value() or None,
        )
        if entry != self.director.rundown.stack.entries[index]:
            self.director.replace(index, entry)

    # -- drawing ----------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw from the director: stacks, boards, tallies and settings."""
        d = self.director
        rundown = d.rundown
        stack = rundown.stack
        row = self.entries.currentRow()
        for widget in self._editors():
            widget.blockSignals(True)
        try:
            self.stacks.clear()
            for name in d.book.names():
                self.stacks.addItem(name, name)
            self.stacks.setCurrentIndex(self.stacks.findData(stack.name))
            self.entries.clear()
            for index, entry in enumerate(stack.entries):
                item = QListWidgetItem(
                    entry_text(index, entry, d.entry_name(entry), stack.dwell)
                )
                if index == rundown.program:
                    item.setText("ON AIR  " + item.text())
                    item.setBackground(QBrush(QColor(PROGRAM_TALLY)))
                elif index == rundown.preview and rundown.cued is None:
                    item.setText("NEXT  " + item.text())
                    item.setBackground(QBrush(QColor(PREVIEW_TALLY)))
                self.entries.addItem(item)
            self.entries.setCurrentRow(min(row, self.entries.count() - 1))
            current = self.races.currentData()
            self.races.clear()
            for race_id in d.race_ids():
                self.races.addItem(d.race_name(race_id), race_id)
            if current is not None:
                self.races.setCurrentIndex(max(0, self.races.findData(current)))
            self.dwell.setValue(stack.dwell)
            self.loop.setChecked(stack.loop)
        finally:
            for widget in self._editors():
                widget.blockSignals(False)
        self._show_entry()
        self.setTitle(f"Stack · {stack.name}" + (" · LOCKED" if rundown.locked else ""))

    def _show_entry(self) -> None:
        index = self.selected()
        stack = self.director.rundown.stack
        entry = stack.entries[index] if index is not None else None
        for widget in (self.theme, self.rows, self.entry_dwell):
            widget.blockSignals(True)
            widget.setEnabled(entry is not None)
        try:
            self.theme.setCurrentIndex(
                max(0, self.theme.findData(entry.theme)) if entry else 0
            )
            self.rows.setValue(entry.max_rows or 0 if entry else 0)
            self.entry_dwell.setValue(entry.dwell or 0 if entry else 0)
        finally:
            for widget in (self.theme, self.rows, self.entry_dwell):
                widget.blockSignals(False)

    def _editors(self) -> tuple[QWidget, ...]:
        return (self.stacks, self.entries, self.races, self.dwell, self.loop)


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
