"""CSV ``office``, ``state`` and ``seat`` columns, for the big board's filters."""

from __future__ import annotations

import pytest

from electionboard.sources import FeedFormatError
from electionboard.sources.csvfeed import parse_csv

HEADER = "race_id,race_name,office,state,seat,candidate_id,votes"


def _sheet(*rows: str) -> bytes:
    return "\n".join((HEADER, *rows)).encode()


def test_office_state_and_seat_are_per_race_and_may_be_left_blank() -> None:
    election = parse_csv(
        _sheet(
            "h2,House 2,U.S. House,ga,District 2,a,10",
            "h2,,,,,b,5",
            "mayor,Mayor,,,,c,7",
        )
    )
    house = election.race("h2")
    assert (house.office, house.state, house.seat) == ("U.S. House", "GA", "District 2")
    mayor = election.race("mayor")
    assert (mayor.office, mayor.state, mayor.seat) == (None, None, None)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ("h2,,U.S. House,GA,,a,10", "h2,,State House,,,b,5"),
            "line 3, column 'office': 'State House' differs from 'U.S. House'",
        ),
        (("h2,,,Georgia,,a,10",), "line 2, column 'state': expected a postal code"),
    ],
)
def test_a_contradiction_or_a_bad_state_names_the_cell(
    rows: tuple[str, ...], message: str
) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_csv(_sheet(*rows))
