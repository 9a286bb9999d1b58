"""The 50 states and DC: postal code, FIPS code and name, for maps.

Feeds name a state by postal code ("FL"), the Census Bureau's shapes by its
two-digit FIPS code ("12"); this one table joins them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UsState:
    """One state (or DC) as the feeds and the shapes name it."""

    postal: str
    fips: str
    name: str


STATES: tuple[UsState, ...] = tuple(
    UsState(postal, fips, name)
    for postal, fips, name in (
        ("AL", "01", "Alabama"),
        ("AK", "02", "Alaska"),
        ("AZ", "04", "Arizona"),
        ("AR", "05", "Arkansas"),
        ("CA", "06", "California"),
        ("CO", "08", "Colorado"),
        ("CT", "09", "Connecticut"),
        ("DE", "10", "Delaware"),
        ("DC", "11", "District of Columbia"),
        ("FL", "12", "Florida"),
        ("GA", "13", "Georgia"),
        ("HI", "15", "Hawaii"),
        ("ID", "16", "Idaho"),
        ("IL", "17", "Illinois"),
        ("IN", "18", "Indiana"),
        ("IA", "19", "Iowa"),
        ("KS", "20", "Kansas"),
        ("KY", "21", "Kentucky"),
        ("LA", "22", "Louisiana"),
        ("ME", "23", "Maine"),
        ("MD", "24", "Maryland"),
        ("MA", "25", "Massachusetts"),
        ("MI", "26", "Michigan"),
        ("MN", "27", "Minnesota"),
        ("MS", "28", "Mississippi"),
        ("MO", "29", "Missouri"),
        ("MT", "30", "Montana"),
        ("NE", "31", "Nebraska"),
        ("NV", "32", "Nevada"),
        ("NH", "33", "New Hampshire"),
        ("NJ", "34", "New Jersey"),
        ("NM", "35", "New Mexico"),
        ("NY", "36", "New York"),
        ("NC", "37", "North Carolina"),
        ("ND", "38", "North Dakota"),
        ("OH", "39", "Ohio"),
        ("OK", "40", "Oklahoma"),
        ("OR", "41", "Oregon"),
        ("PA", "42", "Pennsylvania"),
        ("RI", "44", "Rhode Island"),
        ("SC", "45", "South Carolina"),
        ("SD", "46", "South Dakota"),
        ("TN", "47", "Tennessee"),
        ("TX", "48", "Texas"),
        ("UT", "49", "Utah"),
        ("VT", "50", "Vermont"),
        ("VA", "51", "Virginia"),
        ("WA", "53", "Washington"),
        ("WV", "54", "West Virginia"),
        ("WI", "55", "Wisconsin"),
        ("WY", "56", "Wyoming"),
    )
)

_BY_KEY = {key: s for s in STATES for key in (s.postal, s.fips)}


def us_state(postal_or_fips: str) -> UsState:
    """The state for ``"FL"``, ``"fl"`` or ``"12"``.

    Raises:
        KeyError: no state (or DC) has that code.
    """
    key = postal_or_fips.strip().upper()
    if key.isdigit():
        key = key.zfill(2)
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no US state has the code {postal_or_fips!r}") from None
