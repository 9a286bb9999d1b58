"""Fitting words into room the way a producer would: shorter forms, clean breaks.

No Qt: widths come from a measuring function the caller passes (the board's
font metrics), so the choices are unit-tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]
"""The drawn width of a text in the font it will be drawn in."""

_PARTICLES = frozenset(
    {"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "st."}
)
_JOINERS = frozenset({"y", "e", "i"})
"""Words that join two surnames ('Rodríguez y Castañeda'): never initials."""
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _initial(word: str) -> str:
    if word.lower() in _PARTICLES or word.lower() in _JOINERS:
        return word  # 'de', 'y': a particle is never an initial
    return word if word.endswith(".") and len(word) <= 3 else f"{word[0]}."


def _surname_start(words: list[str], end: int) -> int:
    """Where the surname starts in ``words[:end]`` (at least one given name).

    The surname is the last word with the particles before it ('de León');
    a word joined to it by 'y' ('Rodríguez y Castañeda'), or a double-barrelled
    word before its particles ('Ocasio-Cortez de la Vega'), is surname too.
    """
    start = end - 1
    while start > 1:
        before = start
        while before > 1 and words[before - 1].lower() in _PARTICLES | _JOINERS:
            before -= 1
        if before == start:
            return start
        joined = any(w.lower() in _JOINERS for w in words[before:start])
        if before > 1 and (joined or "-" in words[before - 1]):
            start = before - 1  # the word before the particles is a surname
        else:
            return before
    return start


def name_forms(name: str) -> list[str]:
    """The full name, then shorter forms a graphic may use, longest first.

    Middle names become initials ('Mary Jane Smith' -> 'Mary J. Smith'), then
    every given name does ('M. J. Smith'); the surname, with its particles
    ('de León', 'Rodríguez y Castañeda') and suffix ('Jr.'), is never shortened.
    """
    words = name.split()
    if len(words) < 2:
        return [name]
    end = len(words)
    while end > 1 and words[end - 1].lower().rstrip(",") in _SUFFIXES:
        end -= 1
    start = _surname_start(words, end)
    given, surname = words[:start], words[start:]
    if not given:
        return [name]
    forms = [name]
    if len(given) > 1:
        forms.append(" ".join([given[0], *map(_initial, given[1:]), *surname]))
    forms.append(" ".join([*map(_initial, given), *surname]))
    unique: list[str] = []
    for form in forms:
        if form not in unique:
            unique.append(form)
    return unique


def break_in_two(text: str, width: Measure, room: float) -> tuple[str, str] | None:
    """The most even break of ``text`` into two lines that each fit ``room``.

    Breaks only between words, after a comma or dash when one gives lines
    nearly as even; None when no break fits (the caller then elides).
    """
    words = text.split()
    best: tuple[float, str, str] | None = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widest = max(width(first), width(second))
        if widest > room:
            continue
        # A break after punctuation reads better: prefer it unless much worse.
        bonus = 0.9 if first.endswith((",", "-", "–", "—", ":")) else 1.0  # noqa: RUF001
        score = widest * bonus
        if best is None or score < best[0]:
            best = (score, first, second)
    return None if best is None else (best[1], best[2])
