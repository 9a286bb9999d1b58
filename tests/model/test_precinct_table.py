"""A precinct table is the tuple of its rows, and tabulates without making them."""

from __future__ import annotations

import dataclasses
from array import array

import pytest
from hypothesis import assume, given

from electionboard.model import Precinct, Race, tabulate_election
from electionboard.model.columns import (
    ColumnsMemo,
    packed_figures,
    precinct_columns,
)
from electionboard.model.precinct_table import PrecinctTable
from electionboard.model.reconcile import reconcile
from electionboard.model.tabulate import tabulate
from tests.builders import election
from tests.model.test_columns import precinct_races, snapshot_pairs


def table_of(rows: tuple[Precinct, ...], count: int) -> PrecinctTable:
    """The table of ``rows``, each with ``count`` figures."""
    return PrecinctTable(
        tuple(p.id for p in rows),
        tuple(p.name for p in rows),
        bytes(p.reporting for p in rows),
        tuple(
            array("Q", column) for column in zip(*(p.votes for p in rows), strict=True)
        )
        if count
        else (),
        tuple(p.registered_voters for p in rows),
    )


def _column(figures: tuple[int, ...]) -> array[int]:
    return array("Q", figures)


def _made(table: PrecinctTable) -> bool:
    """Whether its rows are made (a call, so mypy narrows nothing across reads)."""
    return table.rows_made


def _aligned(race: Race) -> bool:
    return all(len(p.votes) == len(race.candidates) for p in race.precincts)


def _with_table(race: Race) -> Race:
    table = table_of(tuple(race.precincts), len(race.candidates))
    return dataclasses.replace(race, precincts=table)


@given(precinct_races())
def test_a_table_is_the_tuple_of_its_rows(race: Race) -> None:
    assume(_aligned(race))
    rows = tuple(race.precincts)
    table = table_of(rows, len(race.candidates))
    count = len(rows)
    for index in range(-count, count):
        assert table[index] == rows[index]  # made alone
    with pytest.raises(IndexError):
        table[count]
    assert not _made(table)
    assert table == table_of(rows, len(race.candidates))  # compared as columns
    assert not _made(table)
    assert table == rows
    assert rows == table
    assert hash(table) == hash(rows)
    assert list(table) == list(rows)
    assert table[1:] == rows[1:]
    assert _made(table)
    assert table == table_of(rows, len(race.candidates))  # one made, one not
    changed = (*rows[:-1], rows[-1]._replace(reporting=not rows[-1].reporting))
    assert table != table_of(changed, len(race.candidates))
    assert table != changed


def test_rows_without_candidates_have_no_figures() -> None:
    rows = (Precinct("p0", "North", True, ()), Precinct("p1", "South", False, (), 9))
    table = table_of(rows, 0)
    assert table == rows
    assert table.totals() == ()
    assert table[1] == rows[1]


def test_columns_of_another_length_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        PrecinctTable(("a", "b"), ("A", "B"), b"\1\0", (array("Q", [1]),), (None, 3))


@given(precinct_races())
def test_tabulating_a_table_makes_no_rows_and_gives_the_same_standings(
    race: Race,
) -> None:
    assume(_aligned(race))
    held = _with_table(race)
    table = held.precincts
    assert isinstance(table, PrecinctTable)
    alone = tabulate(held)
    whole = tabulate_election(election(held))
    memo = ColumnsMemo()
    with_memo = tabulate_election(election(held), memo=memo)
    columns = precinct_columns(table)
    figures = packed_figures(table)
    assert not _made(table)
    # Standings hold their race: comparing them compares the precincts.
    assert alone == tabulate(race)
    assert whole == with_memo == tabulate_election(election(race))
    assert columns.totals == precinct_columns(race.precincts).totals
    assert figures == packed_figures(race.precincts)
    assert held == race  # the same race, whichever way its precincts are kept


@given(snapshot_pairs())
def test_reconciling_tables_equals_reconciling_tuples(pair: tuple[Race, Race]) -> None:
    old, new = pair
    assume(_aligned(old) and _aligned(new))
    tables = _with_table(old), _with_table(new)
    expected = reconcile(election(old), election(new)).notices
    assert reconcile(election(*tables[:1]), election(tables[1])).notices == expected
    memo = ColumnsMemo()
    tabulate_election(election(tables[0]), memo=memo)
    memo.next_poll()
    tabulate_election(election(tables[1]), memo=memo)
    assert reconcile(election(tables[0]), election(tables[1]), memo).notices == expected
    # Between a table and a tuple (the night's first poll is read into one).
    assert reconcile(election(old), election(tables[1]), memo).notices == expected
