"""Pause points: nothing without a gate; every race-at-a-time loop calls one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from electionboard.model import Race, pacing, tabulate_election
from electionboard.model.live import _digest
from electionboard.model.reconcile import reconcile
from electionboard.model.retabulate import retabulate
from electionboard.sources import parse_feed
from tests.builders import election, one_race_feed, race


@pytest.fixture
def calls() -> Iterator[list[int]]:
    """A counting gate, installed for the test and removed after it."""
    counted: list[int] = []
    previous = pacing.install_gate(lambda: counted.append(1))
    try:
        yield counted
    finally:
        pacing.install_gate(previous)


def test_a_pause_point_without_a_gate_does_nothing() -> None:
    previous = pacing.install_gate(None)
    try:
        pacing.pause_point()  # no gate: returns, raises nothing
    finally:
        pacing.install_gate(previous)


def test_install_gives_back_the_gate_it_replaced() -> None:
    def first() -> None: ...

    def second() -> None: ...

    previous = pacing.install_gate(first)
    try:
        assert pacing.install_gate(second) is first
        assert pacing.install_gate(first) is second
    finally:
        pacing.install_gate(previous)


def _three_races() -> tuple[Race, ...]:
    return tuple(
        dataclasses.replace(race([10 * n, 5, 1]), id=f"r{n}") for n in range(1, 4)
    )


def test_tabulating_a_night_pauses_once_a_race(calls: list[int]) -> None:
    night = election(*_three_races())
    tabulate_election(night)
    assert len(calls) == 3


def test_retabulating_and_reconciling_pause_once_a_race(calls: list[int]) -> None:
    night = election(*_three_races())
    standings = tabulate_election(night)
    calls.clear()
    retabulate(standings, night, {"r1"})
    assert len(calls) == 3
    calls.clear()
    reconcile(night, night)
    assert len(calls) == 3


def test_freeing_the_retired_feed_pauses_once_a_race(calls: list[int]) -> None:
    night = election(*_three_races())
    _digest(night, night, retired=[election(*_three_races())])
    assert len(calls) >= 3 + 3  # reconcile's races, then the retired ones


def test_parsing_a_native_feed_pauses_once_a_race(calls: list[int]) -> None:
    parse_feed(one_race_feed(7), "native")
    assert len(calls) >= 1
