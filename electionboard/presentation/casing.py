"""Names and titles in their proper case, whatever casing the source shouted in.

Feeds send "JOHN SMITH", "Mitch McCONNELL" or "U.S. SENATE"; air wants
"John Smith", "Mitch McConnell" and "U.S. Senate". Only words the source
plainly capitalised wholesale are touched: a word already in mixed case
("DeWine", "de León") is the candidate's own spelling and is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})
"""Generational suffixes and numbered offices, kept in capitals."""
_SUFFIXES = {"JR": "Jr", "SR": "Sr"}
_PARTICLES = frozenset(
    {"de", "la", "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der"}
)
"""Name particles written in lower case inside a name ("Kevin de la Cruz")."""
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
)
"""Words a title keeps in lower case unless they open it ("Mayor of Los Angeles")."""
_TITLE_ACRONYMS = frozenset(
    {"US", "USA", "DC", "NYC", "ISD", "USD", "PUD", "CSD", "BOE", "DEM", "REP", "GOP"}
)
"""Short words a shouted title keeps in capitals ("US HOUSE" -> "US House")."""
_MAC_EXCEPTIONS = frozenset(
    {"mack", "macy", "mace", "macon", "machado", "macias", "mackey", "mackie", "macedo"}
)
"""Surnames that start with "Mac" but are not Mac + a name."""
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
"""Initialisms written with stops: "U.S.", "D.C."."""
_TOKEN = re.compile(r"^([^\w]*)(.*?)([^\w.]*)$", re.UNICODE)
_SHOUTED = re.compile(r"[^\W\d_]*[A-Z]{2}", re.UNICODE)
"""A word with two capitals in a row somewhere: shouted, wholly or in part."""


@lru_cache(maxsize=4096)
def proper_name(text: str) -> str:
    """A candidate's name in proper case: "MITCH McCONNELL" -> "Mitch McConnell".

    Remembered: every poll phrases the same names again.
    """
    return _recase(text, title=False)


@lru_cache(maxsize=1024)
def proper_title(text: str) -> str:
    """A race title in proper case: "U.S. SENATE" -> "U.S. Senate" (remembered)."""
    return _recase(text, title=True)


def _recase(text: str, *, title: bool) -> str:
    shouted = not any(ch.islower() for ch in text)
    words = text.split(" ")
    out = []
    opening = True  # a word after a dash or a stop opens a phrase
    for word in words:
        lead, core, trail = _split(word)
        if core and _needs_fixing(core, shouted=shouted, title=title):
            core = _fix_word(core, first=opening, title=title)
        out.append(f"{lead}{core}{trail}")
        if any(ch.isalnum() for ch in word):
            opening = bool(trail) and trail[-1] in ":·-"
        elif word:
            opening = True
    return " ".join(out)


def _split(word: str) -> tuple[str, str, str]:
    match = _TOKEN.match(word)
    if match is None:  # pragma: no cover - the pattern matches any string
        return "", word, ""
    return match.group(1), match.group(2), match.group(3)


def _needs_fixing(core: str, *, shouted: bool, title: bool) -> bool:
    letters = core.rstrip(".")
    if _DOTTED.fullmatch(core) or letters.upper() in _ROMAN:
        return False
    if title and letters in _TITLE_ACRONYMS:
        return False
    if shouted:
        return any(ch.isupper() for ch in core)
    if _SHOUTED.search(core) is None:
        return False
    # In mixed-case text a short all-capitals word of a title is an acronym
    # the source meant ("President (DEM)"); in a name it is a shouted surname.
    return not (title and letters.isupper() and len(letters) <= 4)


def _fix_word(core: str, *, first: bool, title: bool) -> str:
    lower = core.lower()
    bare = lower.rstrip(".")
    if bare.upper() in _SUFFIXES:
        return _SUFFIXES[bare.upper()] + lower[len(bare) :]
    if not first and not title and bare in _PARTICLES:
        return lower
    if not first and title and bare in _MINOR_WORDS:
        return lower
    return "-".join(_fix_part(part, title=title) for part in lower.split("-"))


def _fix_part(part: str, *, title: bool) -> str:
    for apostrophe in ("'", "\u2019"):
        head, mark, tail = part.partition(apostrophe)
        if mark and len(head) == 1 and len(tail) > 1:
            return f"{head.upper()}{mark}{_capital(tail, title=title)}"  # O'Malley
    return _capital(part, title=title)


def _capital(part: str, *, title: bool) -> str:
    if not part:
        return part
    if not title:
        if part.startswith("mc") and len(part) > 3:
            return "Mc" + part[2:].capitalize()
        if part.startswith("mac") and len(part) > 5 and part not in _MAC_EXCEPTIONS:
            return "Mac" + part[3:].capitalize()
    return part[0].upper() + part[1:]
