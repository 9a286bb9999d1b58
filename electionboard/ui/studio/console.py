"""The operator console: preview beside program, the take bar, stacks, feed health.

Preview (what is next) and program (what is on air) are two scenes fed from
the same live results. F12 takes preview to air, Page Down / Page Up step the
preview through the stack; the lock and auto-advance toggles sit by the Take
button. Keys belong to the console's window, so typing in a floating desk never
takes a board to air.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from electionboard.model.screens import ScreenKind
from electionboard.ui.board.view import BoardView
from electionboard.ui.desk.prompts import Confirmer
from electionboard.ui.studio.director import Director
from electionboard.ui.studio.health import FeedHealthPanel
from electionboard.ui.studio.stack_panel import NameAsker, StackPanel

TAKE_KEY = "F12"
NEXT_KEY = "PgDown"
PREVIOUS_KEY = "PgUp"
CLEAR_LAYER_KEY = "F9"
"""Takes the lower third or ticker keyed over program off air."""
ROUND_KEYS = {"[": -1, "]": 1}
"""Step preview's ranked-choice round; with Ctrl, the round on air."""
PROGRAM_RED = "#c62828"
PREVIEW_GREEN = "#2e7d32"
TICK_MS = 1000


def _caption(colour: str, parent: QWidget) -> QLabel:
    """A tally bar over a view: white plain text on the tally colour."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAutoFillBackground(True)
    label.setMargin(4)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    label.setPalette(palette)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    # A long race name must never widen the console past its screen: the
    # caption takes the width the boards give it and clips the rest.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    label.setMinimumWidth(1)
    return label


def _style_take(button: QPushButton) -> None:
    """A big red Take button; greyed out as usual when there is nothing to take."""
    font = button.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.4)
    button.setFont(font)
    button.setMinimumHeight(48)
    button.setMinimumWidth(160)
    palette = button.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Button, QColor(PROGRAM_RED))
        palette.setColor(group, QPalette.ColorRole.ButtonText, QColor("#ffffff"))
    button.setPalette(palette)


class StudioConsole(QWidget):
    """Everything the producer works with, around the two boards."""

    def __init__(
        self,
        director: Director,
        preview_view: BoardView,
        health: FeedHealthPanel,
        *,
        confirm: Confirmer,
        ask_name: NameAsker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.director = director
        self.preview_view = preview_view
        self.program_view: BoardView | None = None
        self.health = health
        self.preview_caption = _caption(PREVIEW_GREEN, self)
        self.program_caption = _caption(PROGRAM_RED, self)
        self.take_button = QPushButton(f"TAKE ({TAKE_KEY})", self)
        self.lock_button = QPushButton("Lock on air", self)
        self.lock_button.setCheckable(True)
        self.auto_button = QPushButton("Auto-advance", self)
        self.auto_button.setCheckable(True)
        self.clear_layer_button = QPushButton(f"Clear layer ({CLEAR_LAYER_KEY})", self)
        for button in (
            self.take_button,
            self.lock_button,
            self.auto_button,
            self.clear_layer_button,
        ):
            # Mouse and keys only: Space in the stack list must not take.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        _style_take(self.take_button)
        self.countdown = QLabel(self)
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.output_status = QLabel(self)
        self.output_status.setTextFormat(Qt.TextFormat.PlainText)
        self.output_status.setWordWrap(True)
        self.stack_panel = StackPanel(director, confirm, ask_name, self)
        self._program_column = QVBoxLayout()
        self._layout()

        self.take_button.clicked.connect(director.take)
        self.clear_layer_button.clicked.connect(director.clear_layer)
        director.program.layer_changed.connect(lambda _: self.refresh())
        self.lock_button.toggled.connect(director.set_locked)
        self.auto_button.toggled.connect(director.set_auto_advance)
        director.changed.connect(self.refresh)
        director.said.connect(self.status.setText)
        director.program.controller.race_selected.connect(lambda _: self.refresh())
        self._keys = [
            self._shortcut(TAKE_KEY, director.take),
            self._shortcut(CLEAR_LAYER_KEY, director.clear_layer),
            self._shortcut(NEXT_KEY, lambda: director.step_preview(1)),
            self._shortcut(PREVIOUS_KEY, lambda: director.step_preview(-1)),
        ]
        for key, step in ROUND_KEYS.items():
            self._keys.append(
                self._shortcut(key, lambda s=step: director.step_preview_round(s))
            )
            self._keys.append(
                self._shortcut(
                    f"Ctrl+{key}", lambda s=step: director.step_program_round(s)
                )
            )
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.refresh()

    def _layout(self) -> None:
        boards = QHBoxLayout()
        preview = QVBoxLayout()
        preview.addWidget(self.preview_caption)
        preview.addWidget(self.preview_view, 1)
        self._program_column.addWidget(self.program_caption)
        boards.addLayout(preview, 1)
        boards.addLayout(self._program_column, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.take_button)
        bar.addWidget(self.lock_button)
        bar.addWidget(self.auto_button)
        bar.addWidget(self.clear_layer_button)
        bar.addWidget(self.countdown)
        bar.addWidget(self.status, 1)
        side = QVBoxLayout()
        side.addWidget(self.health)
        side.addWidget(self.output_status)
        side.addStretch(1)
        lower = QHBoxLayout()
        lower.addWidget(self.stack_panel, 3)
        lower.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(boards, 3)
        layout.addLayout(bar)
        layout.addLayout(lower, 2)
        self.take_button.setSizePolicy(
            QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed
        )

    def _shortcut(self, keys: str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def set_program_view(self, view: BoardView) -> None:
        """Lay out the program board (the board window's own view) beside preview."""
        self.program_view = view
        self._program_column.addWidget(view, 1)

    def set_output_status(self, text: str) -> None:
        """Say where the output window is and whether the display stays awake."""
        self.output_status.setText(text)

    def shutdown(self) -> None:
        """Stop the console's and the health panel's tickers."""
        self._ticker.stop()
        self.health.stop()

    # -- drawing ----------------------------------------------------------------

    def refresh(self) -> None:
        """Captions, toggles and the countdown from the director."""
        d = self.director
        rundown = d.rundown
        shown = d.program.slot.entry
        on_air = d.program.controller.race_id
        if shown is not None and shown.screen is not ScreenKind.RACE:
            program = d.entry_name(shown)
        else:
            program = d.race_name(on_air) if on_air is not None else "nothing yet"
        layer = d.program.layer_entry
        keyed = f" · KEYED: {d.entry_name(layer)}" if layer is not None else ""
        self.program_caption.setText(f"PROGRAM · ON AIR: {program}{keyed}")
        self.clear_layer_button.setEnabled(layer is not None)
        entry = rundown.next_entry
        if entry is None:
            preview = "END OF STACK" if rundown.stack.entries else "EMPTY STACK"
        elif rundown.cued is not None:
            preview = f"CUED OFF STACK: {d.entry_name(entry)}"
        else:
            preview = f"NEXT: {d.entry_name(entry)}"
        self.preview_caption.setText(f"PREVIEW · {preview}")
        for button, checked in (
            (self.lock_button, rundown.locked),
            (self.auto_button, d.auto_advance),
        ):
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)
        self.lock_button.setText(
            "Locked on air (click to unlock)" if rundown.locked else "Lock on air"
        )
        self.take_button.setEnabled(entry is not None)
        self._tick()

    def _tick(self) -> None:
        remaining = self.director.auto_remaining()
        self.countdown.setText(
            "" if remaining is None else f"next take in {remaining:.0f} s"
        )
