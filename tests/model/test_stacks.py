"""Stacks and rundowns: stepping, take, wrap or hold, lock, auto-advance, restore."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from electionboard.model import rundown as st
from electionboard.model.rundown import NothingToTake, OnAirState, StackLocked
from electionboard.model.stacks import (
    MIN_DWELL,
    AutoAdvance,
    Stack,
    StackBook,
    StackEntry,
    step_index,
)


def stack(*races: str, loop: bool = True, dwell: float = 10.0) -> Stack:
    return Stack("Evening", tuple(StackEntry(r) for r in races), dwell, loop)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_step_index_wraps_when_looping_and_holds_otherwise() -> None:
    assert step_index(None, 3, 1, loop=True) == 0
    assert step_index(2, 3, 1, loop=True) == 0
    assert step_index(0, 3, -1, loop=True) == 2
    assert step_index(2, 3, 1, loop=False) == 2
    assert step_index(0, 3, -1, loop=False) == 0
    assert step_index(None, 3, -1, loop=False) == 2
    assert step_index(None, 0, 1, loop=True) is None


def test_take_moves_preview_to_program_and_preview_on() -> None:
    rundown = st.start(stack("a", "b", "c"))
    assert rundown.preview == 0
    assert rundown.next_entry == StackEntry("a")
    rundown = st.take(rundown)
    assert (rundown.on_air, rundown.program, rundown.preview) == (
        StackEntry("a"),
        0,
        1,
    )
    rundown = st.take(st.take(rundown))
    assert rundown.program == 2
    assert rundown.preview == 0  # a looping stack starts over


def test_a_stack_that_does_not_loop_ends_and_refuses_another_take() -> None:
    rundown = st.take(st.take(st.start(stack("a", "b", loop=False))))
    assert rundown.program == 1
    assert rundown.preview is None
    assert rundown.next_entry is None
    with pytest.raises(NothingToTake):
        st.take(rundown)
    # Page Up from the end brings back the last entry; Page Down holds there.
    assert st.step_preview(rundown, -1).preview == 1
    assert st.step_preview(st.step_preview(rundown, -1), 1).preview == 1


def test_step_preview_and_cue_choose_what_is_next() -> None:
    rundown = st.start(stack("a", "b", "c"))
    assert st.step_preview(rundown, 1).preview == 1
    assert st.step_preview(rundown, -1).preview == 2
    assert st.cue(rundown, 7).preview == 2  # clamped into the stack


def test_an_off_stack_cue_goes_first_and_leaves_the_stack_where_it_was() -> None:
    rundown = st.take(st.start(stack("a", "b", "c")))
    rundown = st.cue_off_stack(rundown, StackEntry("z"))
    assert rundown.next_entry == StackEntry("z")
    rundown = st.take(rundown)
    assert rundown.on_air == StackEntry("z")
    assert rundown.program is None
    assert rundown.next_entry == StackEntry("b")
    # Stepping drops an off-stack cue before moving.
    cued = st.cue_off_stack(rundown, StackEntry("y"))
    assert st.step_preview(cued, 1).next_entry == StackEntry("b")


def test_edits_follow_program_and_preview() -> None:
    rundown = st.take(st.start(stack("a", "b", "c")))  # a on air, b next
    moved = st.move_entry(rundown, 0, 2)  # b, c, a
    assert [e.race_id for e in moved.stack.entries] == ["b", "c", "a"]
    assert (moved.program, moved.preview) == (2, 0)
    added = st.add_entry(rundown, StackEntry("x"), at=0)
    assert (added.program, added.preview) == (1, 2)
    removed = st.remove_entry(rundown, 1)  # the entry in preview goes
    assert removed.preview == 1
    assert removed.next_entry == StackEntry("c")
    gone = st.remove_entry(rundown, 0)  # the entry on air goes: stays on air
    assert gone.on_air == StackEntry("a")
    assert gone.program is None
    replaced = st.replace_entry(rundown, 1, StackEntry("b", theme="light"))
    assert replaced.next_entry == StackEntry("b", theme="light")


def test_adding_to_an_ended_stack_gives_preview_the_new_entry() -> None:
    ended = st.take(st.start(stack("a", loop=False)))
    assert ended.preview is None
    assert st.add_entry(ended, StackEntry("b")).preview == 1
    assert st.set_loop(ended, loop=True).preview == 0


def test_a_locked_stack_refuses_every_edit_until_unlocked() -> None:
    rundown = st.set_locked(st.take(st.start(stack("a", "b"))), locked=True)
    edits: tuple[Callable[[st.Rundown], st.Rundown], ...] = (
        lambda r: st.add_entry(r, StackEntry("c")),
        lambda r: st.remove_entry(r, 0),
        lambda r: st.move_entry(r, 0, 1),
        lambda r: st.replace_entry(r, 0, StackEntry("a", max_rows=3)),
        lambda r: st.set_dwell(r, 5),
        lambda r: st.set_loop(r, loop=False),
    )
    for edit in edits:
        with pytest.raises(StackLocked, match="unlock it to edit it"):
            edit(rundown)
    # Taking and cueing are what a locked stack is for.
    assert st.take(rundown).program == 1
    unlocked = st.set_locked(rundown, locked=False)
    assert len(st.add_entry(unlocked, StackEntry("c")).stack.entries) == 3


def test_dwell_per_board_or_per_stack_with_a_floor() -> None:
    entries = (StackEntry("a", dwell=4.0), StackEntry("b"), StackEntry("c", dwell=0.1))
    evening = Stack("Evening", entries, dwell=12.0)
    assert [evening.dwell_of(i) for i in range(3)] == [4.0, 12.0, MIN_DWELL]
    rundown = st.take(st.start(evening))
    assert st.dwell_after_take(rundown) == 4.0
    ended = st.take(st.start(Stack("One", (StackEntry("a"),), loop=False)))
    assert st.dwell_after_take(ended) is None


def test_auto_advance_is_due_after_the_dwell_on_the_injected_clock() -> None:
    clock = FakeClock()
    auto = AutoAdvance(clock)
    assert not auto.armed
    assert auto.remaining() is None
    auto.arm(8.0)
    clock.now += 5.0
    assert auto.remaining() == pytest.approx(3.0)
    assert not auto.is_due()
    clock.now += 3.0
    assert auto.is_due()
    assert auto.remaining() == 0.0
    auto.disarm()
    assert not auto.is_due()


def test_the_book_keeps_names_unique_and_order() -> None:
    book = StackBook().with_stack(stack("a")).with_stack(Stack("Late"))
    assert book.names() == ["Evening", "Late"]
    book = book.with_stack(stack("b"))
    assert book.names() == ["Evening", "Late"]
    assert book.named("Evening") == stack("b")
    assert book.without("Evening").names() == ["Late"]


def test_restore_checks_the_state_against_the_stacks() -> None:
    book = StackBook((stack("a", "b", "c"),))
    rundown = st.take(st.take(st.start(book.stacks[0])))
    state = st.on_air_state(st.set_locked(rundown, locked=True), auto_advance=True)
    assert state == OnAirState("Evening", StackEntry("b"), 1, 2, None, True, True)
    restored = st.restore(book, state)
    assert restored == st.set_locked(rundown, locked=True)
    # The stack lost entries since: indexes it no longer has are dropped.
    shorter = StackBook((stack("x"),))
    again = st.restore(shorter, state)
    assert again is not None
    assert (again.on_air, again.program, again.preview) == (StackEntry("b"), None, 0)
    assert st.restore(book, OnAirState("Gone")) is None
    assert st.restore(book, OnAirState()) is None
