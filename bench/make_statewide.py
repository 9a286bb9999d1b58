"""Generate a large synthetic statewide native feed for benchmarks.

150 races and 25,000 precincts by default, shaped like a secretary of
state's primary feed: six statewide races reported by county (58 units) and
144 district races that between them cover all 25,000 precincts. With
``every_precinct`` the statewide races also list every precinct (a stress
case of about 175,000 precinct rows). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

COUNTIES = 58


def statewide_feed(
    races: int = 150,
    precincts: int = 25_000,
    seed: int = 2022,
    *,
    every_precinct: bool = False,
) -> dict[str, Any]:
    """The feed document as plain data."""
    rng = random.Random(seed)
    registered = [rng.randint(300, 4_000) for _ in range(precincts)]
    reporting = [rng.random() < 0.7 for _ in range(precincts)]
    documents = []
    statewide = 6
    per_district = max(1, precincts // (races - statewide))
    for number in range(races):
        if number < statewide:
            units = range(precincts) if every_precinct else range(COUNTIES)
        else:
            start = ((number - statewide) * per_district) % precincts
            units = range(start, min(precincts, start + per_district))
        count = rng.randint(2, 12)
        candidates = [
            {
                "id": f"c{number}-{k}",
                "name": f"Candidate {number}-{k}",
                "party": rng.choice(["DEM", "REP", "NPP", "GRN", "LIB"]),
                "ballot_order": k + 1,
            }
            for k in range(count)
        ]
        weights = [rng.random() ** 2 for _ in range(count)]
        total_weight = sum(weights)
        unit_docs = []
        county_level = number < statewide and not every_precinct
        for unit in units:
            size = registered[unit] * (precincts // COUNTIES if county_level else 1)
            turnout = int(size * rng.uniform(0.2, 0.6))
            if not reporting[unit]:
                turnout = 0
            votes = {
                c["id"]: int(turnout * w / total_weight)
                for c, w in zip(candidates, weights, strict=True)
            }
            unit_docs.append(
                {
                    "id": f"C{unit:02d}" if county_level else f"P{unit:05d}",
                    "name": f"County {unit:02d}"
                    if county_level
                    else f"Precinct {unit:05d}",
                    "registered_voters": size,
                    "reporting": reporting[unit],
                    "votes": votes,
                }
            )
        documents.append(
            {
                "id": f"race-{number:03d}",
                "name": f"Race {number:03d}",
                "advance": 2 if number % 3 else 1,
                "majority_wins": number % 10 == 0,
                "candidates": candidates,
                "precincts": unit_docs,
            }
        )
    return {
        "format": "electionboard/1",
        "election": {"id": "bench", "name": "Statewide Primary", "date": "2026-06-02"},
        "updated": "2026-06-02T23:00:00-07:00",
        "races": documents,
    }


def main() -> None:
    """Write the feed to a file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--races", type=int, default=150)
    parser.add_argument("--precincts", type=int, default=25_000)
    parser.add_argument("--every-precinct", action="store_true")
    args = parser.parse_args()
    feed = statewide_feed(
        args.races, args.precincts, every_precinct=args.every_precinct
    )
    args.out.write_text(json.dumps(feed, separators=(",", ":")))


if __name__ == "__main__":
    main()
