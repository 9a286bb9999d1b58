"""Test data: a six-candidate city mayoral race that takes five rounds.

CLEARLY LABELLED TEST DATA, made up for the board: the ballot patterns of a
nonpartisan city race (120,000 ballots, up to four rankings, some blank after
the first, some overvoted, one skipped ranking), built so that no one has a
majority until the last round and the round-1 runner-up wins on transfers:

========  ======  ======  ======  ======  ======
          R1      R2      R3      R4      R5
========  ======  ======  ======  ======  ======
Ruiz      29,500  29,500  31,000  37,900  53,900
Chen      33,000  33,900  35,000  37,300  45,800
Ali       24,000  24,000  27,000  37,200  out
Okafor    17,500  19,000  23,800  out
Novak      9,800  12,200  out
Bell       6,200  out
Inactive       0   1,400   3,200   7,600  20,300
========  ======  ======  ======  ======  ======
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAMES = {
    "chen": "David Chen",
    "ruiz": "Sofia Ruiz",
    "ali": "Amara Ali",
    "okafor": "Grace Okafor-Lindqvist",
    "novak": "Peter Novak",
    "bell": "Tom Bell",
}

PATTERNS: tuple[tuple[int, tuple[str, ...]], ...] = (
    # Bell's ballots.
    (600, ("bell", "novak", "okafor", "ruiz")),
    (400, ("bell", "novak", "okafor")),
    (800, ("bell", "novak", "ali")),
    (600, ("bell", "novak")),
    (700, ("bell", "okafor", "ali")),
    (500, ("bell", "okafor", "ruiz")),
    (300, ("bell", "okafor")),
    (900, ("bell", "chen")),
    (1_100, ("bell",)),
    (300, ("bell", "overvote", "ruiz")),
    # Novak's.
    (2_000, ("novak", "okafor", "ali")),
    (1_000, ("novak", "okafor", "ruiz")),
    (800, ("novak", "okafor")),
    (1_200, ("novak", "ali", "ruiz")),
    (1_000, ("novak", "ali")),
    (1_500, ("novak", "ruiz")),
    (1_100, ("novak", "chen")),
    (1_200, ("novak",)),
    # Okafor's.
    (3_000, ("okafor", "ali", "ruiz")),
    (2_000, ("okafor", "ali", "chen")),
    (2_500, ("okafor", "ali")),
    (4_200, ("okafor", "ruiz")),
    (600, ("okafor", "", "ruiz")),  # one skipped ranking: still counts
    (2_300, ("okafor", "chen")),
    (2_600, ("okafor",)),
    (300, ("okafor", "overvote")),
    # Ali's.
    (11_000, ("ali", "ruiz")),
    (800, ("ali", "okafor", "ruiz")),
    (6_500, ("ali", "chen")),
    (5_200, ("ali",)),
    (500, ("ali", "overvote", "chen")),
    # The front-runners'.
    (4_000, ("chen", "ruiz")),
    (7_000, ("chen", "ali")),
    (22_000, ("chen",)),
    (13_500, ("ruiz", "ali")),
    (16_000, ("ruiz",)),
)
BALLOTS = sum(count for count, _ in PATTERNS)  # 120,000
RANKINGS = 4


def ballot_csv() -> str:
    """The patterns as the documented ranked-ballot CSV."""
    header = "count," + ",".join(f"rank{k}" for k in range(1, RANKINGS + 1))
    rows = [
        ",".join([str(count), *ranks, *[""] * (RANKINGS - len(ranks))])
        for count, ranks in PATTERNS
    ]
    return "\n".join([header, *rows]) + "\n"


def write_ballots(folder: Path) -> Path:
    """``ballots.csv`` in ``folder``."""
    path = folder / "ballots.csv"
    path.write_text(ballot_csv(), encoding="utf-8")
    return path


def first_choices() -> dict[str, int]:
    """Each candidate's first choices, from the patterns."""
    totals = dict.fromkeys(NAMES, 0)
    for count, ranks in PATTERNS:
        totals[ranks[0]] += count
    return totals


def native_feed(rounds: list[dict[str, Any]] | None, *, final: bool) -> dict[str, Any]:
    """A native document with the race: its first choices, and ``rounds`` if any.

    ``rounds`` is the ``rounds`` list of ``electionboard rcv --json``, so the
    feed carries the tabulator's table as a jurisdiction would publish it.
    """
    rcv: dict[str, Any] = {"rounds": rounds or []}
    return {
        "format": "electionboard/1",
        "election": {
            "id": "riverton-2025-11-04",
            "name": "Riverton Municipal Election (TEST DATA)",
            "date": "2025-11-04",
        },
        "updated": "2025-11-11T18:00:00-08:00",
        "test": True,
        "races": [
            {
                "id": "riverton-mayor",
                "name": "Mayor of Riverton",
                "final": final,
                "candidates": [
                    {"id": key, "name": name} for key, name in NAMES.items()
                ],
                "totals": first_choices(),
                "rcv": rcv,
            }
        ],
    }


def write_feed(
    folder: Path, rounds: list[dict[str, Any]] | None, *, final: bool
) -> Path:
    """The native document as ``city.json`` in ``folder``."""
    path = folder / "city.json"
    path.write_text(json.dumps(native_feed(rounds, final=final)), encoding="utf-8")
    return path
