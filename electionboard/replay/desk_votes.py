"""``CANDIDATE=VOTES`` words from a script, read into a precinct's figures.

Counts are read by the model's ``count_from_text``, the rule the desk's form
uses, so '1e3', '-5' or '12,000' are refused here as they are there.
"""

from __future__ import annotations

from collections.abc import Sequence

from electionboard.model.validation import count_from_text


def parsed_votes(words: Sequence[str]) -> dict[str, int]:
    """Figures by candidate id from ``['a=700', 'b=434']``.

    Raises:
        ValueError: naming the first bad word: no ``=``, no candidate, a count
            that is not a whole number, or a candidate given twice.
    """
    votes: dict[str, int] = {}
    for word in words:
        candidate, equals, count = word.partition("=")
        candidate = candidate.strip()
        if not equals or not candidate:
            raise ValueError(f"expected CANDIDATE=VOTES, got {word[:40]!r}")
        if candidate in votes:
            raise ValueError(f"votes for {candidate[:40]!r} are given twice")
        try:
            votes[candidate] = count_from_text(count.strip())
        except ValueError as error:
            raise ValueError(f"votes for {candidate[:40]!r}: {error}") from None
    return votes
