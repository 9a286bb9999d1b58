"""Proper case for names and titles, with the usual exceptions, and the opt-out."""

from __future__ import annotations

import dataclasses

import pytest

from electionboard.model import Candidate, RaceStandings, tabulate
from electionboard.presentation.casing import proper_name, proper_title
from electionboard.presentation.content import AirStyle, board_content
from tests.builders import UPDATED, race


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("Mitch McCONNELL", "Mitch McConnell"),
        ("JOHN SMITH", "John Smith"),
        ("MARTIN O'MALLEY", "Martin O'Malley"),
        ("MARY SMITH-JONES", "Mary Smith-Jones"),
        ("ANGUS MACDONALD", "Angus MacDonald"),
        ("CONNIE MACK", "Connie Mack"),
        ("ROBERT GRIFFIN III", "Robert Griffin III"),
        ("JOHN SMITH JR.", "John Smith Jr."),
        ("ROCKY DE LA FUENTE", "Rocky de la Fuente"),
        ("J. D. VANCE", "J. D. Vance"),
        # The candidate's own mixed-case spelling is theirs: kept.
        ("Kevin de León", "Kevin de León"),
        ("Mike DeWine", "Mike DeWine"),
        ("Rocky De La Fuente", "Rocky De La Fuente"),
    ],
)
def test_names(source: str, shown: str) -> None:
    assert proper_name(source) == shown


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("U.S. SENATE", "U.S. Senate"),
        ("MAYOR OF LOS ANGELES", "Mayor of Los Angeles"),
        ("US HOUSE DISTRICT 13", "US House District 13"),
        ("BOARD OF EDUCATION - AT LARGE", "Board of Education - At Large"),
        ("3RD CONGRESSIONAL DISTRICT", "3rd Congressional District"),
        ("President (DEM)", "President (DEM)"),
        ("Florida · U.S. Senate", "Florida · U.S. Senate"),
    ],
)
def test_titles(source: str, shown: str) -> None:
    assert proper_title(source) == shown


def shouted() -> RaceStandings:
    base = race([60, 40], names=["A", "B"])
    candidates = (
        Candidate(id="a", name="MITCH McCONNELL", ballot_order=1),
        Candidate(id="b", name="AMY McGRATH", ballot_order=2),
    )
    return tabulate(
        dataclasses.replace(base, name="U.S. SENATE", candidates=candidates)
    )


def test_the_board_normalises_source_casing_unless_told_to_keep_it() -> None:
    standings = shouted()
    content = board_content(standings, UPDATED)
    assert content.title == "U.S. Senate"
    assert [r.name for r in content.rows] == ["Mitch McConnell", "Amy McGrath"]
    assert [r.initials for r in content.rows] == ["MM", "AM"]
    kept = board_content(
        standings,
        UPDATED,
        style=AirStyle(source_casing=True),
    )
    assert kept.title == "U.S. SENATE"
    assert [r.name for r in kept.rows] == ["MITCH McCONNELL", "AMY McGRATH"]
