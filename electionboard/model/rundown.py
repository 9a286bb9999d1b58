"""A stack on the night: program, preview, the lock, and the state to restore.

Every step is a pure function from one frozen rundown to the next: take puts
preview on air and moves preview on, cues choose what is next, and edits to
the stack are refused while it is locked on air. The on-air state is what a
restart needs to come back to the same picture.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from electionboard.model.stacks import (
    MIN_DWELL,
    Stack,
    StackBook,
    StackEntry,
    following,
    step_index,
)


class StackLocked(Exception):
    """An edit to a stack that is locked on air; the message says how to unlock."""


class NothingToTake(Exception):
    """Take with nothing in preview (the end of a stack that does not loop)."""


@dataclass(frozen=True, slots=True)
class Rundown:
    """One stack on the night: what is on air, what is next, and the lock.

    Attributes:
        stack: the stack being run.
        on_air: the board on air (from the stack or cued off it), if any.
        program: its index in the stack; None when off the stack or removed.
        preview: the stack entry next to air; None at the end of the stack.
        cued: a board cued off the stack, which goes to air before ``preview``.
        locked: edits to the stack are refused until it is unlocked.
    """

    stack: Stack
    on_air: StackEntry | None = None
    program: int | None = None
    preview: int | None = None
    cued: StackEntry | None = None
    locked: bool = False

    @property
    def next_entry(self) -> StackEntry | None:
        """What a take puts on air."""
        if self.cued is not None:
            return self.cued
        if self.preview is None:
            return None
        return self.stack.entries[self.preview]


def start(stack: Stack) -> Rundown:
    """A rundown with nothing on air yet and the first entry in preview."""
    return Rundown(stack, preview=0 if stack.entries else None)


def cue(rundown: Rundown, index: int) -> Rundown:
    """Put stack entry ``index`` in preview (clamped into the stack)."""
    count = len(rundown.stack.entries)
    preview = min(max(index, 0), count - 1) if count else None
    return dataclasses.replace(rundown, preview=preview, cued=None)


def cue_off_stack(rundown: Rundown, entry: StackEntry) -> Rundown:
    """Put a board that is not in the stack in preview, ahead of the stack."""
    return dataclasses.replace(rundown, cued=entry)


def step_preview(rundown: Rundown, step: int) -> Rundown:
    """Next (+1) or previous (-1) stack entry to preview; drops an off-stack cue."""
    if rundown.cued is not None:
        return dataclasses.replace(rundown, cued=None)
    stack = rundown.stack
    base = rundown.preview
    if base is None and not stack.loop:
        base = len(stack.entries)  # past the end: back to the last, or hold there
    index = step_index(base, len(stack.entries), step, loop=stack.loop)
    return dataclasses.replace(rundown, preview=index)


def take(rundown: Rundown) -> Rundown:
    """Put preview on air; preview moves on to the entry after it.

    An off-stack cue goes to air and leaves the stack's preview where it was.

    Raises:
        NothingToTake: preview is empty (the stack has ended or is empty).
    """
    if rundown.cued is not None:
        return dataclasses.replace(
            rundown, on_air=rundown.cued, program=None, cued=None
        )
    if rundown.preview is None:
        raise NothingToTake("nothing in preview: the stack has ended")
    index = rundown.preview
    stack = rundown.stack
    return dataclasses.replace(
        rundown,
        on_air=stack.entries[index],
        program=index,
        preview=following(index, len(stack.entries), loop=stack.loop),
    )


def set_locked(rundown: Rundown, *, locked: bool) -> Rundown:
    """Lock the stack against edits while it is on air, or unlock it."""
    return dataclasses.replace(rundown, locked=locked)


# -- edits: refused while locked ------------------------------------------------


def _edited(
    rundown: Rundown, stack: Stack, remap: Callable[[int], int | None]
) -> Rundown:
    """``rundown`` running the edited ``stack``; indexes follow their entries."""
    if rundown.locked:
        raise StackLocked(
            f"the stack {rundown.stack.name!r} is locked on air: unlock it to edit it"
        )
    count = len(stack.entries)
    program = None if rundown.program is None else remap(rundown.program)
    preview = None if rundown.preview is None else remap(rundown.preview)
    if preview is None and count:
        if rundown.preview is not None:  # the entry in preview went: its successor
            preview = min(rundown.preview, count - 1)
        elif program is not None:  # the stack had ended: what now follows
            preview = following(program, count, loop=stack.loop)
        elif rundown.on_air is None:  # nothing taken yet: start at the top
            preview = 0
    return dataclasses.replace(rundown, stack=stack, program=program, preview=preview)


def _same(index: int) -> int | None:
    return index


def add_entry(rundown: Rundown, entry: StackEntry, at: int | None = None) -> Rundown:
    """Insert ``entry`` before index ``at`` (None: at the end).

    Raises:
        StackLocked: the stack is locked on air.
    """
    entries = list(rundown.stack.entries)
    position = len(entries) if at is None else min(max(at, 0), len(entries))
    entries.insert(position, entry)
    stack = dataclasses.replace(rundown.stack, entries=tuple(entries))
    return _edited(
        rundown, stack, lambda index: index + 1 if index >= position else index
    )


def remove_entry(rundown: Rundown, index: int) -> Rundown:
    """Remove entry ``index``; a board on air stays on air, off the stack.

    Raises:
        StackLocked: the stack is locked on air.
        IndexError: no such entry.
    """
    entries = list(rundown.stack.entries)
    del entries[index]
    stack = dataclasses.replace(rundown.stack, entries=tuple(entries))

    def remap(old: int) -> int | None:
        if old == index:
            return None
        return old - 1 if old > index else old

    return _edited(rundown, stack, remap)


def move_entry(rundown: Rundown, index: int, to: int) -> Rundown:
    """Move entry ``index`` to position ``to``; program and preview follow it.

    Raises:
        StackLocked: the stack is locked on air.
        IndexError: no such entry.
    """
    entries = list(rundown.stack.entries)
    to = min(max(to, 0), len(entries) - 1)
    order = list(range(len(entries)))
    order.insert(to, order.pop(index))
    stack = dataclasses.replace(
        rundown.stack, entries=tuple(entries[old] for old in order)
    )
    return _edited(rundown, stack, order.index)


def replace_entry(rundown: Rundown, index: int, entry: StackEntry) -> Rundown:
    """Change entry ``index``'s race or board settings.

    Raises:
        StackLocked: the stack is locked on air.
        IndexError: no such entry.
    """
    entries = list(rundown.stack.entries)
    entries[index] = entry
    stack = dataclasses.replace(rundown.stack, entries=tuple(entries))
    return _edited(rundown, stack, _same)


def set_dwell(rundown: Rundown, seconds: float) -> Rundown:
    """Change the stack's auto-advance dwell.

    Raises:
        StackLocked: the stack is locked on air.
    """
    stack = dataclasses.replace(rundown.stack, dwell=max(MIN_DWELL, seconds))
    return _edited(rundown, stack, _same)


def set_loop(rundown: Rundown, *, loop: bool) -> Rundown:
    """Whether the stack starts over after its last entry.

    Raises:
        StackLocked: the stack is locked on air.
    """
    stack = dataclasses.replace(rundown.stack, loop=loop)
    return _edited(rundown, stack, _same)


def dwell_after_take(rundown: Rundown) -> float | None:
    """How long the board just taken stays before auto-advance takes again.

    Returns:
        None when nothing is next (the stack ended) or the board is off-stack
        and the stack is empty.
    """
    if rundown.next_entry is None:
        return None
    if rundown.program is not None:
        return rundown.stack.dwell_of(rundown.program)
    own = rundown.on_air.dwell if rundown.on_air is not None else None
    return max(MIN_DWELL, own if own is not None else rundown.stack.dwell)


# -- the last on-air state ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OnAirState:
    """What was on air, saved after every change so a restart comes back to it."""

    stack: str | None = None
    on_air: StackEntry | None = None
    program: int | None = None
    preview: int | None = None
    cued: StackEntry | None = None
    locked: bool = False
    auto_advance: bool = False
    on_air_name: str | None = None
    """The on-air race's name when saved: a restart words it before the feed answers."""
    full_frame: StackEntry | None = None
    """What program shows full frame, where the last take was a keyed layer
    (then ``on_air`` is the layer); None: ``on_air`` is full frame."""
    layer: StackEntry | None = None
    """The lower third or ticker keyed over program, if any."""


def on_air_state(rundown: Rundown | None, *, auto_advance: bool) -> OnAirState:
    """The state to save for ``rundown`` (None: no stack loaded)."""
    if rundown is None:
        return OnAirState(auto_advance=auto_advance)
    return OnAirState(
        stack=rundown.stack.name,
        on_air=rundown.on_air,
        program=rundown.program,
        preview=rundown.preview,
        cued=rundown.cued,
        locked=rundown.locked,
        auto_advance=auto_advance,
    )


def restore(book: StackBook, state: OnAirState) -> Rundown | None:
    """The rundown ``state`` describes, checked against the saved stacks.

    Indexes the stack no longer has are dropped; the board on air is kept.

    Returns:
        None when the state names no stack, or one that no longer exists.
    """
    stack = book.named(state.stack) if state.stack is not None else None
    if stack is None:
        return None
    count = len(stack.entries)

    def valid(index: int | None) -> int | None:
        return index if index is not None and 0 <= index < count else None

    program = valid(state.program)
    if program is not None and stack.entries[program] != state.on_air:
        program = None  # the stack changed under the saved state
    preview = valid(state.preview)
    if preview is None and program is None and count:
        preview = 0
    return Rundown(
        stack,
        on_air=state.on_air,
        program=program,
        preview=preview,
        cued=state.cued,
        locked=state.locked,
    )
