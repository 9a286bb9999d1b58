"""Party codes as feeds spell them, normalised once so colours follow US convention."""

from __future__ import annotations

_ALIASES = {
    "REP": "REP",
    "GOP": "REP",
    "R": "REP",
    "REPUBLICAN": "REP",
    "DEM": "DEM",
    "D": "DEM",
    "DEMOCRAT": "DEM",
    "DEMOCRATIC": "DEM",
    "LIB": "LIB",
    "LIBERTARIAN": "LIB",
    "GRN": "GRN",
    "GREEN": "GRN",
    "IND": "IND",
    "INDEPENDENT": "IND",
    "NPA": "NPA",
    "NPP": "NPP",
}
"""Spellings seen in AP, Clarity and state files, to one upper-case code each."""
_NONPARTISAN = frozenset({"NP", "NON", "NONPARTISAN", "NON-PARTISAN", "NONE"})
"""Codes that mean no party at all: the candidate carries no party tag."""


def normalise_party(code: str | None) -> str | None:
    """One code per party: ``GOP`` and ``Rep`` are ``REP``, ``Dem`` is ``DEM``.

    Unknown codes are kept, upper-cased, so a minor party still groups with
    itself; nonpartisan markers (AP's ``NP``) and blanks give None.
    """
    if code is None:
        return None
    key = code.strip().upper()
    if not key or key in _NONPARTISAN:
        return None
    return _ALIASES.get(key, key)


def known_party(code: str) -> str | None:
    """The normalised code when ``code`` is a party this table knows, else None.

    For reading a party out of free text such as Clarity's "Joe Biden (Dem)",
    where an unknown parenthesis (an incumbent's "(I)") must not become one.
    """
    return _ALIASES.get(code.strip().upper())
