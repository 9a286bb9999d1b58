"""The GUI-thread collector: collects between glides, never puts it off for ever."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from electionboard.ui.collector import GuiThreadCollector


class Node:
    """A cyclic object: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


class Hands:
    """The test's clock and the glide's state, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.gliding = False

    def clock(self) -> float:
        return self.now

    def busy(self) -> bool:
        return self.gliding


def cycle() -> weakref.ref[Node]:
    """A garbage cycle, as a weak reference that dies when it is collected."""
    return weakref.ref(Node())


def allocate(count: int = 2000) -> list[list[int]]:
    """Tracked objects enough to make the youngest generation due."""
    return [[n] for n in range(count)]


MakeCollector = Callable[..., GuiThreadCollector]


@pytest.fixture
def hands() -> Hands:
    return Hands()


@pytest.fixture
def make(qtbot: QtBot, hands: Hands) -> Iterator[MakeCollector]:
    """Collectors driven by hand (no timer), each stopped after the test."""
    del qtbot  # a QApplication for the QObject
    made: list[GuiThreadCollector] = []

    def build(**overrides: object) -> GuiThreadCollector:
        options: dict[str, object] = {
            "busy": hands.busy,
            "clock": hands.clock,
            "start": False,
        }
        options.update(overrides)
        collector = GuiThreadCollector(**options)  # type: ignore[arg-type]
        made.append(collector)
        return collector

    yield build
    for collector in made:
        collector.stop()
    assert gc.get_freeze_count() == 0


def test_the_first_quiet_tick_collects_everything_and_freezes_it(
    make: MakeCollector,
) -> None:
    collector = make()
    garbage = cycle()
    kept = allocate()
    assert collector.collect_due() == 2
    assert garbage() is None
    assert gc.get_freeze_count() > len(kept)  # the long-lived heap is frozen
    assert gc.get_count()[0] < 10


def test_mid_glide_a_due_generation_is_frozen_not_scanned(
    make: MakeCollector, hands: Hands
) -> None:
    collector = make()
    collector.collect_due()  # settled
    hands.gliding = True
    garbage = cycle()
    kept = allocate()
    assert collector.collect_due() is None
    assert garbage() is not None  # put off to the next full collection
    assert gc.get_count()[0] == 0
    assert collector.deferred >= len(kept)


def test_mid_glide_nothing_is_frozen_while_nothing_is_due(
    make: MakeCollector, hands: Hands
) -> None:
    collector = make()
    collector.collect_due()
    hands.gliding = True
    frozen = gc.get_freeze_count()
    assert collector.collect_due() is None
    assert collector.deferred == 0
    assert gc.get_freeze_count() == frozen


def test_between_glides_the_young_are_collected_and_the_full_one_waits(
    make: MakeCollector, hands: Hands
) -> None:
    collector = make(full_spacing_s=30.0)
    collector.collect_due()
    hands.gliding = True
    frozen_cycle = cycle()
    kept = [allocate()]
    collector.collect_due()
    hands.gliding = False
    young_cycle = cycle()
    kept.append(allocate())
    hands.now += 10  # under the spacing: young generations only
    assert collector.collect_due() in (0, 1, 2)
    assert young_cycle() is None
    assert frozen_cycle() is not None
    hands.now += 20  # the spacing since the last full collection has passed
    assert collector.collect_due() == 2
    assert frozen_cycle() is None
    assert collector.deferred == 0


def test_a_glide_that_never_ends_waits_at_most_max_defer_s(
    make: MakeCollector, hands: Hands
) -> None:
    collector = make(max_defer_s=120.0)
    collector.collect_due()
    hands.gliding = True
    garbage = cycle()
    kept = [allocate()]
    collector.collect_due()
    hands.now += 119
    kept.append(allocate())
    collector.collect_due()
    assert garbage() is not None
    hands.now += 1
    assert collector.collect_due() == 2  # mid-glide, but no later
    assert garbage() is None


def test_a_glide_that_never_ends_freezes_at_most_max_deferred_objects(
    make: MakeCollector, hands: Hands
) -> None:
    collector = make(max_deferred=5000)
    collector.collect_due()
    hands.gliding = True
    garbage = cycle()
    kept = [allocate(2000)]
    collector.collect_due()
    assert garbage() is not None
    kept.append(allocate(4000))
    collector.collect_due()  # more than 5,000 frozen unscanned now
    assert collector.collect_due() == 2
    assert garbage() is None


def test_stop_collects_what_was_frozen_and_gives_collection_back(
    qtbot: QtBot, hands: Hands
) -> None:
    del qtbot
    gc.enable()  # as the app starts: automatic collection on
    try:
        collector = GuiThreadCollector(busy=hands.busy, clock=hands.clock, start=False)
        assert not gc.isenabled()
        collector.collect_due()
        hands.gliding = True
        garbage = cycle()
        kept = allocate()
        collector.collect_due()
        assert collector.deferred >= len(kept)
        collector.stop()
        assert garbage() is None
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
    finally:
        gc.disable()  # as the suite's gui fixture runs these tests


def test_watch_adds_a_busy_part(make: MakeCollector, hands: Hands) -> None:
    collector = make(busy=None)
    assert not collector.is_busy()
    collector.watch(hands.busy)
    hands.gliding = True
    assert collector.is_busy()
    collector.stop()
    assert not collector.is_busy()  # what it watched (the board) is let go
