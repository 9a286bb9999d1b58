"""Every CSV we write opens in a spreadsheet as text: formulas are defused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from electionboard.store.csv_cells import SafeCsvWriter, formula_safe
from electionboard.store.export import write_audit_csv
from electionboard.store.records import ActionKind, AuditRecord

DANGEROUS = ["=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_formula_gets_a_quote_in_front(text: str) -> None:
    assert formula_safe(text) == f"'{text}"


@pytest.mark.parametrize("value", ["la-mayor", "", "a=b", "5", 7, 0, None])
def test_anything_else_is_left_alone(value: object) -> None:
    assert formula_safe(value) == value


def test_every_cell_is_quoted_and_reads_back() -> None:
    stream = io.StringIO()
    SafeCsvWriter(stream).writerow(["=1+1", 'say "hi"', 3])
    assert stream.getvalue() == '"\'=1+1","say ""hi""","3"\r\n'
    assert next(csv.reader(io.StringIO(stream.getvalue()))) == [
        "'=1+1",
        'say "hi"',
        "3",
    ]


def test_the_audit_csv_defuses_what_came_from_outside(tmp_path: Path) -> None:
    record = AuditRecord(
        id=1,
        at=dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC),
        operator="@op",
        kind=ActionKind.ENTRY,
        race_id="=cmd|' /C calc'!A0",
        precinct_id="+p1",
        before=None,
        after="12",
        note="-5",
    )
    target = tmp_path / "audit.csv"
    assert write_audit_csv([record], target) == 1
    text = target.read_text(encoding="utf-8")
    with target.open(newline="", encoding="utf-8") as stream:
        row = next(csv.DictReader(stream))
    assert row["operator"] == "'@op"
    assert row["race_id"] == "'=cmd|' /C calc'!A0"
    assert row["precinct_id"] == "'+p1"
    assert row["note"] == "'-5"
    assert row["after"] == "12"
    assert row["id"] == "1"
    assert all(line.startswith('"') for line in text.splitlines())
