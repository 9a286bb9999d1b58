"""Party codes normalised once, whichever feed spelled them."""

from __future__ import annotations

import pytest

from electionboard.model.parties import known_party, normalise_party


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("GOP", "REP"),
        ("Rep", "REP"),
        ("rep", "REP"),
        ("Dem", "DEM"),
        ("DEM", "DEM"),
        ("Lib", "LIB"),
        ("Grn", "GRN"),
        ("NPA", "NPA"),
        ("Ind", "IND"),
        ("PFP", "PFP"),  # unknown: kept, upper-cased
        ("NP", None),  # AP's nonpartisan marker
        ("  ", None),
        (None, None),
    ],
)
def test_normalise_party(code: str | None, expected: str | None) -> None:
    assert normalise_party(code) == expected


def test_known_party_refuses_what_it_does_not_know() -> None:
    assert known_party("Rep") == "REP"
    assert known_party("I") is None  # an incumbent's "(I)", not a party
