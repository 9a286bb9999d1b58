"""CSV imports of precinct returns: every bad line listed, nothing half-applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from electionboard.model import Election
from electionboard.store import ActionKind, DeskStore
from electionboard.store.returns_csv import (
    DropsNotConfirmed,
    LineProblem,
    ReturnsRejected,
    import_returns,
    parse_returns,
    read_returns_file,
    whole_number,
)

GOOD = """race,precinct,candidate,votes
mayor,p1,a,800
Mayor,Precinct 1,Bo,450
MAYOR, p1 ,cy,120
Measure M,q1,Yes,5
measure,q1,no,3
"""


def rejected_lines(text: str, election: Election) -> list[LineProblem]:
    with pytest.raises(ReturnsRejected) as caught:
        parse_returns(text, election)
    return list(caught.value.problems)


def test_a_good_file_becomes_one_batch(store: DeskStore, election: Election) -> None:
    rows = import_returns(store, "Ann", GOOD, election, note="import x.csv")
    assert [(r.race_id, r.precinct_id) for r in rows] == [
        ("mayor", "p1"),
        ("measure", "q1"),
    ]
    assert {r.kind for r in rows} == {ActionKind.ENTRY}
    assert store.entries()[("mayor", "p1")].votes == {"a": 800, "b": 450, "c": 120}
    assert store.entries()[("measure", "q1")].votes == {"yes": 5, "no": 3}


def test_columns_may_come_in_any_order_with_extras(election: Election) -> None:
    text = "Votes,Note,Candidate,Precinct,Race\n5,x,yes,q1,measure\n3,,no,q1,measure\n"
    (entry,) = parse_returns(text, election)
    assert entry.row().votes == {"yes": 5, "no": 3}
    assert entry.lines == {"yes": 2, "no": 3}


def test_every_unreadable_line_is_listed(election: Election) -> None:
    text = """race,precinct,candidate,votes
mayor,p1,a,12.5
senate,p1,a,1
mayor,p9,a,1
mayor,p1,zed,1
mayor,p1,a

council,x,x,1
mayor,p1,b,1
mayor,p1,b,2
"""
    assert rejected_lines(text, election) == [
        LineProblem(
            2, "Mayor · Precinct 1: Ana: votes must be whole numbers, got '12.5'"
        ),
        LineProblem(2, "Mayor · Precinct 1: Cy: missing: enter 0 for none"),
        LineProblem(3, "no race 'senate'"),
        LineProblem(4, "no precinct 'p9' in Mayor"),
        LineProblem(5, "no candidate 'zed' in Mayor"),
        LineProblem(6, "expected 4 columns, got 3"),
        LineProblem(8, "Council has no precincts in the feed, only totals"),
        LineProblem(10, "Mayor · Precinct 1: Bo already given on line 9"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("race,precinct,votes\n", "missing candidate"),
        ("race,precinct,candidate,votes\n", "the file has no figures"),
    ],
)
def test_a_bad_header_or_empty_file_is_refused(
    election: Election, text: str, message: str
) -> None:
    (problem,) = rejected_lines(text, election)
    assert problem.line == 1
    assert message in problem.message


def test_the_entry_rules_reject_the_whole_file_at_the_right_lines(
    store: DeskStore, election: Election
) -> None:
    text = """race,precinct,candidate,votes
mayor,p1,a,800
mayor,p1,b,-4
mayor,p1,c,1
mayor,p2,a,400
mayor,p2,b,100
mayor,p2,c,100
measure,q1,yes,5
measure,q1,no,3
mayor,p3,a,1
mayor,p3,b,1
"""
    with pytest.raises(ReturnsRejected) as caught:
        import_returns(store, "Ann", text, election)
    assert caught.value.problems == (
        LineProblem(3, "Mayor · Precinct 1: Bo: votes cannot be negative, got -4"),
        LineProblem(5, "Mayor · Precinct 2: 600 votes but only 500 registered voters"),
        LineProblem(10, "Mayor · Precinct 3: Cy: missing: enter 0 for none"),
    )
    assert store.audit_log() == []


def test_a_file_that_lowers_totals_asks_first(
    store: DeskStore, election: Election
) -> None:
    text = "race,precinct,candidate,votes\nmayor,p1,a,1\nmayor,p1,b,1\nmayor,p1,c,1\n"
    with pytest.raises(DropsNotConfirmed) as caught:
        import_returns(store, "Ann", text, election)
    (drop,) = caught.value.drops
    assert (drop.line, drop.race, drop.precinct) == (2, "Mayor", "Precinct 1")
    assert (drop.before, drop.after) == (1234, 3)
    assert store.audit_log() == []
    import_returns(store, "Ann", text, election, confirm_drop=True)
    assert store.entries()[("mayor", "p1")].votes == {"a": 1, "b": 1, "c": 1}


def test_files_are_read_as_utf8_with_or_without_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "returns.csv"
    path.write_bytes("\ufeffrace,precinct\nLé,1\n".encode())
    assert read_returns_file(path) == "race,precinct\nLé,1\n"
    path.write_bytes(b"race\n\xff\xfe\n")
    with pytest.raises(ReturnsRejected, match="not UTF-8"):
        read_returns_file(path)
    with pytest.raises(ReturnsRejected, match="cannot read"):
        read_returns_file(tmp_path / "missing.csv")


@pytest.mark.parametrize("text", ["1.0", "1,000", "1e3", "", "x"])
def test_votes_must_be_plain_whole_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="whole numbers"):
        whole_number(text)


def test_signs_pass_so_the_checks_can_name_negatives() -> None:
    assert whole_number(" -4 ") == -4
    assert whole_number("+7") == 7
