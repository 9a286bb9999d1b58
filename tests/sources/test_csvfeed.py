"""The CSV feed: the documented columns, and errors that point at a cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from electionboard.model import Rule, tabulate
from electionboard.sources import FeedFormatError, detect_format
from electionboard.sources.csvfeed import looks_csv, parse_csv

HEADER = (
    "race_id,race_name,advance,majority_wins,precinct_id,precinct_name,reporting,"
    "registered_voters,candidate_id,candidate_name,party,votes"
)

SHEET = f"""{HEADER}
mayor,Mayor,2,yes,p1,North,true,100,ann,Ann Lee,DEM,40
mayor,,,,p1,,,,bo,Bo Park,,30
mayor,,,,p2,South,no,,ann,,,0
mayor,,,,p2,,,,bo,,,0
""".encode()


def sheet(*rows: str, header: str = "race_id,candidate_id,votes") -> bytes:
    return "\n".join((header, *rows)).encode()


def test_precinct_rows() -> None:
    election = parse_csv(SHEET)
    race = election.race("mayor")
    assert race.name == "Mayor"
    assert race.rule == Rule(advance=2, majority_wins=True)
    assert [(c.id, c.name, c.party) for c in race.candidates] == [
        ("ann", "Ann Lee", "DEM"),
        ("bo", "Bo Park", None),
    ]
    assert [c.ballot_order for c in race.candidates] == [1, 2]
    north, south = race.precincts
    assert (north.id, north.name, north.reporting) == ("p1", "North", True)
    assert north.votes == (40, 30)
    assert north.registered_voters == 100
    assert (south.name, south.reporting, south.votes) == ("South", False, (0, 0))
    assert south.registered_voters is None
    assert race.totals is None
    assert tabulate(race).precincts_reporting == 1


def test_totals_rows_and_defaults() -> None:
    race = parse_csv(sheet("gov,x,1200", "gov,y,99", '"gov",z,"1,234"')).race("gov")
    assert race.name == "gov"
    assert race.rule == Rule()
    assert [c.name for c in race.candidates] == ["x", "y", "z"]
    assert race.totals == (1200, 99, 1234)
    assert race.precincts == ()


def test_missing_candidate_rows_count_as_zero() -> None:
    data = sheet(
        "r,p1,a,5",
        "r,p1,b,6",
        "r,p2,a,7",
        header="race_id,precinct_id,candidate_id,votes",
    )
    race = parse_csv(data).race("r")
    assert [p.votes for p in race.precincts] == [(5, 6), (7, 0)]


def test_election_columns() -> None:
    header = "race_id,candidate_id,votes,election_name,election_date,updated"
    election = parse_csv(
        sheet(
            "r,a,1,City primary,2024-03-05,2024-03-05T21:00:00-08:00",
            "r,b,2,,,",
            header=header,
        )
    )
    assert election.name == "City primary"
    assert election.date == dt.date(2024, 3, 5)
    assert election.updated == dt.datetime(
        2024, 3, 5, 21, tzinfo=dt.timezone(dt.timedelta(hours=-8))
    )


def test_without_a_time_the_sheet_is_stamped_when_read() -> None:
    before = dt.datetime.now(dt.UTC)
    election = parse_csv(sheet("r,a,1"))
    assert before <= election.updated <= dt.datetime.now(dt.UTC)
    assert election.date == election.updated.date()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        (" Yes ", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("NO", False),
        ("", True),
    ],
)
def test_booleans(cell: str, *, expected: bool) -> None:
    data = sheet(
        f"r,p,{cell},a,1", header="race_id,precinct_id,reporting,candidate_id,votes"
    )
    assert parse_csv(data).race("r").precincts[0].reporting is expected


def test_header_is_case_and_space_insensitive_and_bom_is_skipped() -> None:
    data = b"\xef\xbb\xbf Race_ID , Candidate_ID ,VOTES\r\nr,a,3\r\n"
    assert looks_csv(data)
    assert detect_format(data).name == "csv"
    assert parse_csv(data).race("r").totals == (3,)


def test_detection_needs_the_required_columns() -> None:
    assert detect_format(SHEET).name == "csv"
    assert not looks_csv(b"race,candidate,votes\nr,a,1\n")
    assert not looks_csv(b'{"race_id": 1, "candidate_id": 2, "votes": 3}')


def test_blank_lines_are_skipped() -> None:
    race = parse_csv(sheet("r,a,1", "", ",,", "r,b,2")).race("r")
    assert race.totals == (1, 2)


def test_blank_trailing_columns_from_spreadsheets_are_ignored() -> None:
    data = sheet("r,a,1,,", "r,b,2,,x,", header="race_id,candidate_id,votes,,")
    with pytest.raises(
        FeedFormatError, match=r"line 3: cell 5 \('x'\) has no column name"
    ):
        parse_csv(data)
    race = parse_csv(
        sheet("r,a,1,,", "r,b,2,,,", header="race_id,candidate_id,votes,,")
    )
    assert race.race("r").totals == (1, 2)


def test_names_with_markup_and_control_characters_stay_plain() -> None:
    data = sheet(
        '<b>r</b>,c1,"<script>alert(1)</script>\x1b[2J\x00",7',
        header="race_id,candidate_id,candidate_name,votes",
    )
    race = parse_csv(data).race("<b>r</b>")
    assert race.candidates[0].name == "<script>alert(1)</script>\x1b[2J\x00"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the CSV is empty"),
        (b"race_id,candidate_id\n", "line 1: missing column 'votes'"),
        (b"race_id,candidate_id,votes,vote\n", "line 1: unknown column 'vote'"),
        (b"race_id,candidate_id,votes,votes\n", "line 1: column 'votes' appears twice"),
        (sheet("r,a,1", "r,b,x"), "line 3, column 'votes': expected a whole number"),
        (sheet("r,a,-1"), "line 2, column 'votes': expected a whole number"),
        (sheet("r,a,1.5"), "line 2, column 'votes': expected a whole number"),
        (sheet("r,a,"), "line 2, column 'votes': a value is required"),
        (sheet(",a,1"), "line 2, column 'race_id': a value is required"),
        (sheet("r,,1"), "line 2, column 'candidate_id': a value is required"),
        (sheet("r,a,1", "r,a,2"), "line 3, column 'candidate_id': a second row"),
        (sheet("r,a,1,9"), "line 2: cell 4 ('9') has no column name in the header"),
        (sheet("r,a,1_000"), "line 2, column 'votes': expected a whole number"),
        (sheet("r,a,10000000000"), "line 2, column 'votes': too large: at most"),
        (sheet("r,a," + "9" * 400), "line 2, column 'votes': too large: at most"),
        (sheet('r,"a,1'), "line 2: unexpected end of data"),
        (
            sheet("r,a,1,0", header="race_id,candidate_id,votes,advance"),
            "line 2, column 'advance': at least one place must advance",
        ),
        (
            sheet("r,a,1,2", "r,b,1,3", header="race_id,candidate_id,votes,advance"),
            "line 3, column 'advance': 3 differs from 2 on line 2 for race 'r'",
        ),
        (
            sheet(
                "r,a,1,Ann",
                "r,a,1,Bo",
                header="race_id,candidate_id,votes,candidate_name",
            ),
            "line 3, column 'candidate_name': 'Bo' differs from 'Ann'",
        ),
        (
            sheet(
                "r,p,a,1,maybe",
                header="race_id,precinct_id,candidate_id,votes,reporting",
            ),
            "line 2, column 'reporting': expected true/false",
        ),
        (
            sheet("r,p,a,1", "r,,b,1", header="race_id,precinct_id,candidate_id,votes"),
            "line 3, column 'precinct_id': race 'r' mixes rows",
        ),
        (
            sheet(
                "r,,a,1,yes", header="race_id,precinct_id,candidate_id,votes,reporting"
            ),
            "line 2, column 'reporting': only a precinct row",
        ),
        (
            sheet(
                "r,p,a,8,10",
                "r,p,b,5,",
                header="race_id,precinct_id,candidate_id,votes,registered_voters",
            ),
            "line 2, column 'registered_voters': precinct 'p' in race 'r' has 13 votes",
        ),
        (
            sheet(
                "r,a,1,2024-03-05T21:00", header="race_id,candidate_id,votes,updated"
            ),
            "line 2, column 'updated': the time needs a UTC offset",
        ),
        (
            sheet("r,a,1,3/5/2024", header="race_id,candidate_id,votes,election_date"),
            "line 2, column 'election_date': expected a date",
        ),
        (
            sheet(
                "r,a,1,X", "r,b,1,Y", header="race_id,candidate_id,votes,election_name"
            ),
            "line 3, column 'election_name': 'Y' differs from 'X' on line 2",
        ),
        (b"race_id,candidate_id,votes\nr,a,1\n\xff\n", "not UTF-8"),
    ],
)
def test_errors_name_line_and_column(data: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_csv(data)
    assert message in str(caught.value)


def test_the_largest_figure_is_taken_with_leading_zeros() -> None:
    race = parse_csv(sheet("r,a,9999999999", "r,b,000000000001")).race("r")
    assert race.totals == (9_999_999_999, 1)


def test_more_candidates_than_the_bound_are_refused() -> None:
    rows = [f"r,c{n},1" for n in range(1001)]
    with pytest.raises(FeedFormatError, match="1,001 candidates; at most 1,000"):
        parse_csv(sheet(*rows))


def test_a_file_with_a_byte_order_mark_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "returns.csv"
    path.write_text("race_id,candidate_id,votes\nr,a,3\n", encoding="utf-8-sig")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert detect_format(data).name == "csv"
    assert parse_csv(data).race("r").totals == (3,)
