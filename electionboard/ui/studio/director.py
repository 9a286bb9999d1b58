"""The producer's hands on the night: stacks, preview, take, lock, auto-advance.

The director holds the saved stacks and the rundown of the stack loaded, all
pure data from ``model.stacks`` and ``model.rundown``. It drives the program
output and the preview board, saves every change through the studio writer,
and says what it did (or why it refused) in plain sentences for the console.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from electionboard.model import rundown as st
from electionboard.model.rundown import OnAirState, Rundown, StackLocked
from electionboard.model.screens import MANY_RACE_KINDS, ScreenKind, file_id
from electionboard.model.stacks import (
    AutoAdvance,
    Clock,
    Stack,
    StackBook,
    StackEntry,
    new_entry,
)
from electionboard.presentation.screen_words import entry_label
from electionboard.ui.controller import BoardController
from electionboard.ui.studio.program import ProgramOutput
from electionboard.ui.studio.slot import ScreenSlot
from electionboard.ui.studio.writer import StudioWriter

log = logging.getLogger(__name__)

FIRST_STACK = "Main"
"""The stack a fresh data folder starts with."""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


class Director(QObject):
    """Runs one stack at a time on the program output, with its preview."""

    changed = Signal()
    """Stacks, rundown, lock or auto-advance changed (or an edit was refused)."""
    said = Signal(str)
    """What the last action did or why it was refused, for the operator."""
    taken = Signal(object)
    """A StackEntry just went to air."""

    def __init__(
        self,
        program: ProgramOutput,
        preview: BoardController,
        writer: StudioWriter,
        book: StackBook,
        state: OnAirState,
        *,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self.preview = preview
        self.preview_slot = ScreenSlot(
            preview, history=program.slot.feeder.history_source, parent=self
        )
        """Preview's views show every board kind through this slot."""
        self._writer = writer
        self._book = book if book.stacks else StackBook((Stack(FIRST_STACK),))
        self._rundown = st.restore(self._book, state) or st.start(self._book.stacks[0])
        self._restored = state.full_frame or state.on_air
        self._restored_layer = state.layer
        # Names of races seen on air, so words name them before the feed does.
        self._names: dict[str, str] = {}
        if state.on_air is not None and state.on_air_name:
            self._names[state.on_air.race_id] = state.on_air_name
        self._auto = state.auto_advance
        self._autopilot = AutoAdvance(clock)
        self._auto_timer = QTimer(self)
        self._auto_timer.setSingleShot(True)
        self._auto_timer.timeout.connect(self._on_auto_timer)
        self._previewed: StackEntry | None = None
        self._program_race: str | None = None  # on air without a take
        self.preview.races_changed.connect(self._on_races)
        program.controller.race_selected.connect(self._on_program_race)
        program.scene.content_shown.connect(self._on_program_content)
        program.hold_released.connect(self._on_hold_released)
        if program.controller.race_id is not None:
            # Built after program's first frame (app.finish_board): what it
            # put on air is saved and logged as if the director had seen it.
            self._on_program_race(program.controller.race_id)
        if program.scene.content is not None:
            self._on_program_content(program.scene.content)

    def start(self, picture: Callable[[str], QImage | None]) -> None:
        """Put back what was on air before a restart, and fill preview.

        ``picture`` gives the last kept frame of a board (by its file id,
        ``model.screens.file_id``), held on air until the first snapshot.
        """
        if self._restored is not None and self._restored != self._restored_layer:
            entry = self._restored
            name = self.race_name(entry.race_id)
            self.program.restore(entry, picture(file_id(entry.screen, entry.race_id)))
            holding = self.program.holding()
            log.info(
                "program: restarted %s the last picture of %s",
                "holding" if holding else "without",
                entry.race_id,
            )
            self.said.emit(
                f"Restarted: holding the last picture of {name} until the feed answers."
                if holding
                else f"Restarted: {name} is back on air."
            )
        if self._restored_layer is not None:
            self.program.take_layer(self._restored_layer)
        self._show_preview()
        if self._auto:
            self._arm()
        self.changed.emit()

    def shutdown(self) -> None:
        """Stop the auto-advance timer."""
        self._auto_timer.stop()
        self._autopilot.disarm()

    # -- what the console shows ------------------------------------------------

    @property
    def book(self) -> StackBook:
        """Every saved stack."""
        return self._book

    @property
    def rundown(self) -> Rundown:
        """The stack loaded, what of it is on air and what is next."""
        return self._rundown

    @property
    def auto_advance(self) -> bool:
        """Whether takes happen by themselves after each board's dwell."""
        return self._auto

    def auto_remaining(self) -> float | None:
        """Seconds to the next automatic take; None when none is scheduled."""
        return self._autopilot.remaining() if self._auto else None

    def race_name(self, race_id: str) -> str:
        """The feed's name of a race; before the feed has it, the name saved
        with the on-air state, and only failing both its id."""
        standings = self.preview.live.race_standings(race_id)
        if standings is not None:
            self._names[race_id] = standings.race.name
            return standings.race.name
        return self._names.get(race_id, race_id)

    def entry_name(self, entry: StackEntry) -> str:
        """A stack entry's name in lists and sentences, whatever its kind."""
        race = self.race_name(entry.race_id) if entry.race_id else ""
        return entry_label(entry, race)

    def race_ids(self) -> list[str]:
        """The feed's races, in its order."""
        return [s.race.id for s in self.preview.live.standings]

    # -- on air ----------------------------------------------------------------

    def take(self) -> bool:
        """Put preview on air with a crossfade; preview moves to the next entry."""
        entry = self._rundown.next_entry
        if entry is None:
            empty = not self._rundown.stack.entries
            self.said.emit(
                "The stack is empty: add a race first."
                if empty
                else "Nothing in preview: the stack has ended."
            )
            return False
        live = self.preview.live
        if live.election is None:
            # Nothing to draw yet: the program keeps what it shows (after a
            # restart, the held last picture) rather than going blank.
            self.said.emit("Not taken: the feed has not answered yet.")
            return False
        needs_race = not (entry.screen in MANY_RACE_KINDS and not entry.race_id)
        if needs_race and live.race_standings(entry.race_id) is None:
            self.said.emit(
                f"Not taken: the feed has no race {self.race_name(entry.race_id)!r}."
            )
            return False
        # Under auto-advance a ranked-choice race starts at round 1 and goes
        # round by round; otherwise it goes to air at preview's round.
        rounds = (
            self.preview.round_count()
            if entry.screen is ScreenKind.RACE and entry.race_id == self.preview.race_id
            else 0
        )
        first = 1 if self._auto and rounds else self.preview.round_number
        self._rundown = st.take(self._rundown)
        self.program.take(entry, round_number=first if rounds else None)
        layered = self.program.layer_entry is entry
        where = "Keyed over program" if layered else "On air"
        self.said.emit(f"{where}: {self.entry_name(entry)}")
        self.taken.emit(entry)
        if self._auto:
            self._arm()
        self._settled()
        return True

    def clear_layer(self) -> bool:
        """Take the lower third or ticker keyed over program off air."""
        entry = self.program.layer_entry
        if entry is None or not self.program.clear_layer():
            self.said.emit("No lower third or ticker is keyed over program.")
            return False
        self.said.emit(f"Cleared: {self.entry_name(entry)}")
        self._save_state()
        self.changed.emit()
        return True

    def step_preview(self, step: int) -> None:
        """Page Down / Page Up: the next or previous stack entry to preview."""
        self._set(st.step_preview(self._rundown, step))

    def cue(self, index: int) -> None:
        """Put stack entry ``index`` in preview."""
        self._set(st.cue(self._rundown, index))

    def cue_race(self, race_id: str) -> None:
        """Put a race in preview off the stack; it goes to air before the stack."""
        self._set(st.cue_off_stack(self._rundown, StackEntry(race_id)))

    def cue_step_race(self, step: int) -> None:
        """Left / Right: cue the feed's next or previous race off the stack."""
        ids = self.race_ids()
        if not ids:
            return
        current = self.preview.race_id
        index = ids.index(current) if current in ids else -step
        self.cue_race(ids[(index + step) % len(ids)])

    def step_preview_round(self, step: int) -> None:
        """[ / ]: preview's previous or next ranked-choice round."""
        stepped = self.preview.step_round(step)
        self._said_round(self.preview, "Preview", stepped=stepped)

    def step_program_round(self, step: int) -> None:
        """Ctrl+[ / Ctrl+]: the round on air, drawn as it transfers."""
        stepped = self.program.controller.step_round(step)
        self._said_round(self.program.controller, "On air", stepped=stepped)
        if stepped and self._auto:
            self._arm()  # the new round gets its whole dwell
            self.changed.emit()

    def _said_round(self, board: BoardController, where: str, *, stepped: bool) -> None:
        count = board.round_count()
        if not count:
            self.said.emit(f"{where}: no ranked-choice rounds to step through.")
        elif stepped:
            shown = board.round_number or count
            self.said.emit(f"{where}: round {shown} of {count}.")
        else:
            self.said.emit(f"{where}: no round further that way.")

    def _rounds_ahead(self) -> bool:
        """Whether the ranked-choice race on air has rounds still to show."""
        board = self.program.controller
        count = board.round_count()
        return count > 0 and (board.round_number or count) < count

    def _on_air_dwell(self) -> float:
        rundown = self._rundown
        if rundown.program is not None:
            return rundown.stack.dwell_of(rundown.program)
        own = rundown.on_air.dwell if rundown.on_air is not None else None
        return own if own is not None else rundown.stack.dwell

    def set_locked(self, locked: bool) -> None:  # noqa: FBT001 - a slot for toggled(bool)
        """Lock the stack on air against edits, or unlock it."""
        self._set(st.set_locked(self._rundown, locked=locked))
        name = self._rundown.stack.name
        self.said.emit(
            f"Stack {name!r} locked on air: unlock it to edit it."
            if locked
            else f"Stack {name!r} unlocked: edits allowed."
        )

    def set_auto_advance(self, on: bool) -> None:  # noqa: FBT001 - a slot for toggled(bool)
        """Take by itself after each board's dwell, or stop doing so."""
        self._auto = on
        if on:
            self._arm()
        else:
            self._auto_timer.stop()
            self._autopilot.disarm()
        self._settled()

    def _arm(self) -> None:
        if self._rounds_ahead():
            self._autopilot.arm(self._on_air_dwell())
            self._start_timer()
            return
        dwell = st.dwell_after_take(self._rundown)
        if dwell is None:
            self._autopilot.disarm()
            self._auto_timer.stop()
            self.said.emit("Auto-advance waits: nothing in preview.")
            return
        self._autopilot.arm(dwell)
        self._start_timer()

    def _start_timer(self) -> None:
        remaining = self._autopilot.remaining()
        if remaining is not None:
            self._auto_timer.start(max(1, round(remaining * 1000)))

    def _on_auto_timer(self) -> None:
        if not self._auto:
            return
        if self._autopilot.is_due():
            if self._rounds_ahead():
                self.program.controller.step_round(1)
                self._arm()
                self.changed.emit()
            elif not self.take():
                self._autopilot.disarm()
                self.changed.emit()
        else:
            self._start_timer()

    # -- stacks ----------------------------------------------------------------

    def recall(self, name: str) -> bool:
        """Load a saved stack; what is on air stays on air until the next take."""
        if name == self._rundown.stack.name:
            return True
        stack = self._book.named(name)
        if stack is None:
            return False
        if self._rundown.locked:
            self.said.emit(
                f"Stack {self._rundown.stack.name!r} is locked on air: "
                "unlock it before recalling another."
            )
            self.changed.emit()
            return False
        self._rundown = Rundown(
            stack,
            on_air=self._rundown.on_air,
            preview=0 if stack.entries else None,
        )
        self.said.emit(f"Recalled stack {name!r}.")
        if self._auto:
            self._arm()
        self._settled()
        return True

    def new_stack(self, name: str) -> bool:
        """Save an empty stack called ``name`` and recall it."""
        name = " ".join(name.split())
        if not name or self._book.named(name) is not None:
            self.said.emit(
                f"A stack called {name!r} already exists."
                if name
                else "A stack needs a name."
            )
            return False
        self._book = self._book.with_stack(Stack(name))
        self._writer.save_book(self._book)
        return self.recall(name)

    def delete_stack(self, name: str) -> bool:
        """Delete a saved stack (not the one locked on air)."""
        current = self._rundown.stack.name
        if self._book.named(name) is None:
            return False
        if name == current and self._rundown.locked:
            self.said.emit(f"Stack {name!r} is locked on air: unlock it to delete it.")
            return False
        book = self._book.without(name)
        if not book.stacks:
            book = StackBook((Stack(FIRST_STACK),))
        self._book = book
        self._writer.save_book(book)
        if name == current:
            stack = book.stacks[0]
            self._rundown = Rundown(
                stack, on_air=self._rundown.on_air, preview=0 if stack.entries else None
            )
        self.said.emit(f"Deleted stack {name!r}.")
        self._settled()
        return True

    # -- edits, refused while locked -------------------------------------------

    def add_race(self, race_id: str) -> bool:
        """Append a board of ``race_id`` to the stack."""
        return self._edit(lambda r: st.add_entry(r, StackEntry(race_id)))

    def add_screen(self, kind: ScreenKind, race_id: str) -> bool:
        """Append a board of ``kind`` made from ``race_id`` (``new_entry``)."""
        standings = self.preview.live.race_standings(race_id)
        race = standings.race if standings is not None else None
        entry = new_entry(
            kind,
            race_id,
            race.office if race is not None else None,
            race.state if race is not None else None,
        )
        return self._edit(lambda r: st.add_entry(r, entry))

    def remove(self, index: int) -> bool:
        """Remove entry ``index`` from the stack."""
        return self._edit(lambda r: st.remove_entry(r, index))

    def move(self, index: int, to: int) -> bool:
        """Move entry ``index`` to position ``to``."""
        return self._edit(lambda r: st.move_entry(r, index, to))

    def replace(self, index: int, entry: StackEntry) -> bool:
        """Change entry ``index``'s board settings."""
        return self._edit(lambda r: st.replace_entry(r, index, entry))

    def set_dwell(self, seconds: float) -> bool:
        """Change the stack's dwell."""
        return self._edit(lambda r: st.set_dwell(r, seconds))

    def set_loop(self, loop: bool) -> bool:  # noqa: FBT001 - a slot for toggled(bool)
        """Whether the stack starts over after its last entry."""
        return self._edit(lambda r: st.set_loop(r, loop=loop))

    def _edit(self, change: Callable[[Rundown], Rundown]) -> bool:
        try:
            rundown = change(self._rundown)
        except StackLocked as refusal:
            self.said.emit(_sentence(str(refusal)))
            self.changed.emit()  # editors go back to what the stack holds
            return False
        except IndexError:
            return False
        self._book = self._book.with_stack(rundown.stack)
        self._writer.save_book(self._book)
        self._set(rundown)
        return True

    # -- keeping everything in step --------------------------------------------

    def _set(self, rundown: Rundown) -> None:
        self._rundown = rundown
        self._settled()

    def _settled(self) -> None:
        self._show_preview()
        if (
            self._auto
            and not self._autopilot.armed
            and self._rundown.next_entry is not None
        ):
            self._arm()  # something to take again after the stack had ended
        self._save_state()
        self.changed.emit()

    def _show_preview(self) -> None:
        entry = self._rundown.next_entry
        if entry is not None and entry != self._previewed:
            self._previewed = entry
            self.preview_slot.show(entry, self.program.base_theme, animate=False)

    def _on_program_race(self, race_id: str) -> None:
        """The board on air changed without a take (the feed's first race).

        Saved too, so a restart comes back to it rather than to nothing; the
        rundown itself still has nothing taken, so a stack starts at its top.
        """
        self._program_race = race_id
        self._save_state()

    def _save_state(self) -> None:
        state = st.on_air_state(self._rundown, auto_advance=self._auto)
        if state.on_air is None and self._program_race is not None:
            state = dataclasses.replace(state, on_air=StackEntry(self._program_race))
        if state.on_air is not None:
            race_id = state.on_air.race_id
            name = self.race_name(race_id)
            if name != race_id:
                state = dataclasses.replace(state, on_air_name=name)
        layer = self.program.layer_entry
        full = self.program.slot.entry
        if full is not None and full != state.on_air:
            state = dataclasses.replace(state, full_frame=full)
        self._writer.save_state(dataclasses.replace(state, layer=layer))

    def _on_program_content(self, _content: object) -> None:
        election = self.program.controller.live.election
        if election is not None and log.isEnabledFor(logging.INFO):
            race = self.program.controller.race_id
            log.info("program: %s as of %s", race, election.updated.isoformat())

    def _on_hold_released(self) -> None:
        """The feed answered: the restart's message no longer holds."""
        self.said.emit("")

    def _on_races(self, _races: object) -> None:
        self.changed.emit()  # names in the stack list may have arrived
