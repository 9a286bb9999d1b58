"""Stacks of boards as a producer saves them, and when auto-advance takes next.

A stack is a named, ordered list of boards (a race with optional settings of
its own) with a dwell time; the book holds every saved stack. Stepping through
a stack and the auto-advance schedule are pure functions on an injected clock,
so the studio console only draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from electionboard.model.screens import DEFAULT_OPTIONS, ScreenKind, ScreenOptions

DEFAULT_DWELL = 10.0
"""Seconds a board stays on air under auto-advance, unless the entry says."""
MIN_DWELL = 1.0
"""Shorter dwells would take faster than the transition and the eye."""


@dataclass(frozen=True, slots=True)
class StackEntry:
    """One board of a stack: a race, with optional board settings of its own.

    Attributes:
        race_id: the feed's race id; a many-race screen (``MANY_RACE_KINDS``)
            may leave it empty and pick its races by ``options``.
        theme: a theme name for this board; None keeps the board's own look.
        max_rows: candidate bars shown; None keeps the board's setting.
        dwell: seconds on air under auto-advance; None uses the stack's.
        screen: the board kind: a race board unless it says otherwise.
        options: what a screen other than the race board needs.
    """

    race_id: str
    theme: str | None = None
    max_rows: int | None = None
    dwell: float | None = None
    screen: ScreenKind = ScreenKind.RACE
    options: ScreenOptions = DEFAULT_OPTIONS


def new_entry(
    kind: ScreenKind, race_id: str, office: str | None, state: str | None
) -> StackEntry:
    """A board of ``kind`` made from the race the producer picked.

    A race board, a trend and a map show that race; a big board, a lower
    third and a balance of power show every race for its office (a balance
    in its state too, a chamber); a ticker crawls every race.
    """
    if kind in (ScreenKind.RACE, ScreenKind.TREND, ScreenKind.MAP):
        return StackEntry(race_id, screen=kind)
    if kind is ScreenKind.TICKER:
        return StackEntry("", screen=kind)
    in_state = state if kind is ScreenKind.BALANCE else None
    if office is None:
        return StackEntry("", screen=kind, options=ScreenOptions(races=(race_id,)))
    return StackEntry(
        "", screen=kind, options=ScreenOptions(office=office, state=in_state)
    )


@dataclass(frozen=True, slots=True)
class Stack:
    """A named, ordered list of boards, with its auto-advance dwell."""

    name: str
    entries: tuple[StackEntry, ...] = ()
    dwell: float = DEFAULT_DWELL
    loop: bool = True
    """After the last entry comes the first again; otherwise the stack ends."""

    def dwell_of(self, index: int) -> float:
        """Seconds entry ``index`` stays on air under auto-advance."""
        own = self.entries[index].dwell
        return max(MIN_DWELL, own if own is not None else self.dwell)


@dataclass(frozen=True, slots=True)
class StackBook:
    """Every saved stack, in the producer's order; names are unique."""

    stacks: tuple[Stack, ...] = ()

    def names(self) -> list[str]:
        """Stack names in order."""
        return [stack.name for stack in self.stacks]

    def named(self, name: str) -> Stack | None:
        """The stack called ``name``, if any."""
        return next((s for s in self.stacks if s.name == name), None)

    def with_stack(self, stack: Stack) -> StackBook:
        """This book with ``stack`` replacing its namesake, or appended."""
        if self.named(stack.name) is None:
            return StackBook((*self.stacks, stack))
        return StackBook(
            tuple(stack if s.name == stack.name else s for s in self.stacks)
        )

    def without(self, name: str) -> StackBook:
        """This book without the stack called ``name``."""
        return StackBook(tuple(s for s in self.stacks if s.name != name))


def step_index(index: int | None, count: int, step: int, *, loop: bool) -> int | None:
    """Move ``step`` entries from ``index`` (None: before the first).

    A looping stack wraps around; otherwise the index holds at either end.

    Returns:
        None only for an empty stack.
    """
    if count <= 0:
        return None
    if index is None:
        index = -1 if step > 0 else count
    target = index + step
    if loop:
        return target % count
    return min(max(target, 0), count - 1)


def following(index: int, count: int, *, loop: bool) -> int | None:
    """The entry after ``index`` once it is on air; None at the end of the stack."""
    if count <= 0:
        return None
    if index + 1 < count:
        return index + 1
    return 0 if loop else None


# -- auto-advance ---------------------------------------------------------------


Clock = Callable[[], float]
"""Seconds on a monotonic clock."""


class AutoAdvance:
    """When the next automatic take is due, on an injected monotonic clock.

    Armed at each take with that board's dwell; disarmed when auto-advance is
    off or nothing is next.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._due_at: float | None = None

    @property
    def armed(self) -> bool:
        """True while a take is scheduled."""
        return self._due_at is not None

    def arm(self, dwell: float) -> None:
        """Schedule a take ``dwell`` seconds from now."""
        self._due_at = self._clock() + max(MIN_DWELL, dwell)

    def disarm(self) -> None:
        """Cancel the scheduled take."""
        self._due_at = None

    def remaining(self) -> float | None:
        """Seconds to the scheduled take (never negative); None when disarmed."""
        if self._due_at is None:
            return None
        return max(0.0, self._due_at - self._clock())

    def is_due(self) -> bool:
        """True once the scheduled take's time has come."""
        return self._due_at is not None and self._clock() >= self._due_at
