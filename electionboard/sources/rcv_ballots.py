"""The ranked-ballot CSV: one row per ballot or ballot pattern, with its count.

``count,rank1,rank2,...,rankK``: each rank cell holds a candidate id, is empty
for a skipped ranking, or holds the word ``overvote``. The candidates are the
ids that appear in the rank cells, in order of first appearance. Every error
names the line, so whoever exported the file can find the row
(docs/feed-format.md, "Ranked ballots").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from electionboard.model import (
    MAX_CANDIDATES,
    MAX_VOTES,
    OVERVOTE,
    BallotPattern,
    RankCell,
    count_from_text,
)
from electionboard.sources.bom import without_bom
from electionboard.sources.errors import FeedFormatError

OVERVOTE_WORD = "overvote"
"""The rank cell that marks more than one candidate at that ranking."""
MAX_RANKINGS = MAX_CANDIDATES
"""The most rank columns a file may have; more is a broken export, not a ballot."""


@dataclass(frozen=True, slots=True)
class RankedBallots:
    """A contest's ranked ballots as the file gave them."""

    candidates: tuple[str, ...]
    """Candidate ids in order of first appearance in the rank cells."""
    ballots: tuple[BallotPattern, ...]
    """One pattern per data row, in file order (rows are not merged)."""
    rankings: int
    """K, the number of rank columns."""

    @property
    def total(self) -> int:
        """Ballots cast: the sum of the counts."""
        return sum(pattern.count for pattern in self.ballots)


def parse_rcv_ballots(data: bytes) -> RankedBallots:
    """Parse a ranked-ballot CSV.

    Raises:
        FeedFormatError: in one line naming the line (and the column) at fault.
    """
    try:
        text = without_bom(data).decode("utf-8")
    except UnicodeDecodeError as error:
        raise FeedFormatError(
            f"ranked ballots: not UTF-8 text (byte {error.start:,})"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise FeedFormatError(
            f"ranked ballots: line {reader.line_num}: malformed CSV ({error})"
        ) from None
    if not rows:
        raise FeedFormatError("ranked ballots: the file is empty")
    rankings = _header(rows[0])
    candidates: dict[str, None] = {}
    ballots: list[BallotPattern] = []
    total = 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line, as spreadsheets leave at the end
        if len(row) != rankings + 1:
            raise FeedFormatError(
                f"ranked ballots: line {line}: {len(row)} cells, expected "
                f"{rankings + 1} (count and {rankings} rankings)"
            )
        count = _count(line, row[0])
        cells = tuple(_cell(cell) for cell in row[1:])
        for cell in cells:
            if isinstance(cell, str) and cell not in candidates:
                if len(candidates) == MAX_CANDIDATES:
                    raise FeedFormatError(
                        f"ranked ballots: line {line}: more than "
                        f"{MAX_CANDIDATES:,} candidates"
                    )
                candidates[cell] = None
        total += count
        if total > MAX_VOTES:
            raise FeedFormatError(
                f"ranked ballots: line {line}: more than {MAX_VOTES:,} ballots in all"
            )
        ballots.append(BallotPattern(cells, count))
    if not ballots:
        raise FeedFormatError("ranked ballots: no ballot rows after the header")
    return RankedBallots(tuple(candidates), tuple(ballots), rankings)


def _header(cells: list[str]) -> int:
    """K, from a header that must be exactly ``count,rank1,...,rankK``."""
    names = [cell.strip() for cell in cells]
    rankings = len(names) - 1
    if rankings > MAX_RANKINGS:
        raise FeedFormatError(
            f"ranked ballots: line 1: {rankings:,} rank columns; "
            f"at most {MAX_RANKINGS:,}"
        )
    expected = ["count", *(f"rank{n}" for n in range(1, rankings + 1))]
    if rankings < 1 or names != expected:
        shown = ",".join(names)
        raise FeedFormatError(
            "ranked ballots: line 1: the header must be exactly "
            f"count,rank1,...,rankK (K >= 1), got {shown[:60]!r}"
        )
    return rankings


def _count(line: int, text: str) -> int:
    value = text.strip()
    if value.startswith("-") and value[1:].isdigit():
        raise FeedFormatError(
            f"ranked ballots: line {line}: count cannot be negative, got {value[:20]!r}"
        )
    try:
        return count_from_text(value)
    except ValueError as error:
        raise FeedFormatError(
            f"ranked ballots: line {line}: count: {error}, got {value[:20]!r}"
        ) from None


def _cell(text: str) -> RankCell:
    value = text.strip()
    if not value:
        return None
    if value.lower() == OVERVOTE_WORD:
        return OVERVOTE
    return value
