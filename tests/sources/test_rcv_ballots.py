"""The ranked-ballot CSV: the documented header, cells, and one-line errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import MAX_VOTES, OVERVOTE, BallotPattern
from electionboard.sources import FeedFormatError
from electionboard.sources.rcv_ballots import parse_rcv_ballots


def ballots(*rows: str, header: str = "count,rank1,rank2,rank3") -> bytes:
    return "\n".join((header, *rows)).encode()


def test_rows_become_patterns_and_candidates_are_in_first_appearance() -> None:
    parsed = parse_rcv_ballots(
        ballots("10,bo,ann,", "4,ann,,cy", "3,overvote,bo,ann", "2,,,")
    )
    assert parsed.candidates == ("bo", "ann", "cy")
    assert parsed.rankings == 3
    assert parsed.ballots == (
        BallotPattern(("bo", "ann", None), 10),
        BallotPattern(("ann", None, "cy"), 4),
        BallotPattern((OVERVOTE, "bo", "ann"), 3),
        BallotPattern((None, None, None), 2),
    )
    assert parsed.ballots[2].rankings[0] is OVERVOTE
    assert parsed.total == 19


def test_cells_are_trimmed_and_a_bom_crlf_and_blank_lines_are_fine() -> None:
    data = b"\xef\xbb\xbfcount,rank1,rank2\r\n 5 , ann , OverVote \r\n\r\n1,bo,\r\n"
    parsed = parse_rcv_ballots(data)
    assert parsed.ballots == (
        BallotPattern(("ann", OVERVOTE), 5),
        BallotPattern(("bo", None), 1),
    )


def test_one_rank_column_is_enough() -> None:
    parsed = parse_rcv_ballots(b"count,rank1\n3,ann\n")
    assert parsed.ballots == (BallotPattern(("ann",), 3),)


def test_quoted_ids_with_commas_are_one_cell() -> None:
    parsed = parse_rcv_ballots(b'count,rank1,rank2\n2,"smith, jr",ann\n')
    assert parsed.candidates == ("smith, jr", "ann")


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("count", "exactly count,rank1"),
        ("count,rank2", "got 'count,rank2'"),
        ("votes,rank1,rank2", "got 'votes,rank1,rank2'"),
        ("count,rank1,rank1", "got 'count,rank1,rank1'"),
        ("count,rank1,rank2,extra", "got 'count,rank1,rank2,extra'"),
        ("Count,Rank1", "got 'Count,Rank1'"),
    ],
)
def test_an_unknown_header_is_refused_naming_line_1(header: str, words: str) -> None:
    with pytest.raises(FeedFormatError, match="line 1") as caught:
        parse_rcv_ballots(ballots("1,a", header=header))
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("-3,a,b,c", "line 2: count cannot be negative, got '-3'"),
        ("1.5,a,b,c", "line 2: count: expected a whole number, got '1.5'"),
        ("x,a,b,c", "line 2: count: expected a whole number, got 'x'"),
        (",a,b,c", "line 2: count: expected a whole number, got ''"),
        (f"{MAX_VOTES + 1},a,b,c", "line 2: count: too large"),
        ("1,a,b", "line 2: 3 cells, expected 4"),
        ("1,a,b,c,d", "line 2: 5 cells, expected 4"),
    ],
)
def test_a_bad_row_is_refused_in_one_line_naming_it(row: str, words: str) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_rcv_ballots(ballots(row))
    message = str(caught.value)
    assert words in message
    assert "\n" not in message


def test_the_line_number_counts_the_header_and_blank_lines() -> None:
    with pytest.raises(FeedFormatError, match="line 4: count cannot be negative"):
        parse_rcv_ballots(ballots("1,a,b,c", "", "-1,a,b,c"))


def test_all_ballots_together_are_bounded() -> None:
    data = ballots(f"{MAX_VOTES},a,,", "1,b,,")
    with pytest.raises(FeedFormatError, match=r"line 3: more than 9,999,999,999"):
        parse_rcv_ballots(data)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"count,rank1\n", "no ballot rows"),
        (b"count,rank1\n\xff\xfe,a\n", "not UTF-8"),
        (b'count,rank1\n1,"ann\n', "line 2: malformed CSV"),
    ],
)
def test_files_that_are_not_ballots(data: bytes, words: str) -> None:
    with pytest.raises(FeedFormatError, match=words):
        parse_rcv_ballots(data)


cell = st.one_of(st.just(""), st.just("overvote"), st.sampled_from(["a", "b", "c"]))


@given(
    st.lists(
        st.tuples(st.integers(0, 1000), st.lists(cell, min_size=3, max_size=3)),
        min_size=1,
    )
)
def test_every_row_round_trips(rows: list[tuple[int, list[str]]]) -> None:
    data = ballots(*(",".join([str(n), *cells]) for n, cells in rows))
    parsed = parse_rcv_ballots(data)
    assert [p.count for p in parsed.ballots] == [n for n, _ in rows]
    for pattern, (_, cells) in zip(parsed.ballots, rows, strict=True):
        expected = tuple(
            None if c == "" else OVERVOTE if c == "overvote" else c for c in cells
        )
        assert pattern.rankings == expected
    named = [c for _, cells in rows for c in cells if c not in ("", "overvote")]
    assert parsed.candidates == tuple(dict.fromkeys(named))
