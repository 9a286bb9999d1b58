"""Benchmarks of the data path; prints figures as JSON. Never run as tests.

Usage: python bench/run.py [--repeat N] [--ap-file PATH]
"""

from __future__ import annotations

import argparse
import functools
import json
import platform
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_national_ap import encode, national_ap, next_request
from make_statewide import statewide_feed
from timing import timed

from electionboard.model import (
    MAX_CANDIDATES,
    Candidate,
    Race,
    Rule,
    tabulate,
    tabulate_election,
)
from electionboard.model.reconcile import reconcile
from electionboard.sources.ap import parse_ap
from electionboard.sources.merge import merge_elections
from electionboard.sources.native import parse_native

SUPER_TUESDAY = Path("/work/shared/feeds/ap/20160301_super_tuesday.json")


def bench_statewide(repeat: int, *, every_precinct: bool = False) -> dict[str, Any]:
    """Parse and tabulate the 150-race, 25,000-precinct statewide feed."""
    feed = statewide_feed(every_precinct=every_precinct)
    data = json.dumps(feed, separators=(",", ":")).encode()
    election = parse_native(data)
    precincts = sum(len(r.precincts) for r in election.races)
    return {
        "feed_bytes": len(data),
        "races": len(election.races),
        "precinct_rows": precincts,
        "parse": timed(lambda: parse_native(data), repeat),
        "tabulate": timed(lambda: tabulate_election(election), repeat),
        "parse_and_tabulate": timed(
            lambda: tabulate_election(parse_native(data)), repeat
        ),
        "bare_json_loads": timed(lambda: json.loads(data), repeat),
    }


def bench_national_ap(repeat: int) -> dict[str, Any]:
    """A national night in AP v2: the full answer, then a next request's update.

    ``next_request_cycle`` is what the AP source's job does on each later poll,
    plus the board's tabulation: parse the update, merge it into the held
    election, tabulate every race. ``reconcile_with_held`` is the check for
    corrections and vanishings that LiveResults runs on every snapshot.
    """
    document = national_ap()
    data = encode(document)
    update_document = next_request(document, share=0.10)
    update_data = encode(update_document)
    held = parse_ap(data)
    update = parse_ap(update_data)
    merged = merge_elections(held, update)
    return {
        "feed_bytes": len(data),
        "races": len(held.races),
        "reporting_units": sum(len(r["reportingUnits"]) for r in document["races"]),
        "update_bytes": len(update_data),
        "update_races": len(update.races),
        "parse": timed(lambda: parse_ap(data), repeat),
        "tabulate": timed(lambda: tabulate_election(held), repeat),
        "parse_and_tabulate": timed(lambda: tabulate_election(parse_ap(data)), repeat),
        "update_parse": timed(lambda: parse_ap(update_data), repeat),
        "merge": timed(lambda: merge_elections(held, update), repeat),
        "next_request_cycle": timed(
            lambda: tabulate_election(merge_elections(held, parse_ap(update_data))),
            repeat,
        ),
        "tabulate_merged": timed(lambda: tabulate_election(merged), repeat),
        "reconcile_with_held": timed(lambda: reconcile(held, merged), repeat),
        "bare_json_loads": timed(lambda: json.loads(data), repeat),
    }


def bench_candidates(repeat: int) -> dict[str, Any]:
    """Tabulate one race by candidate count: should grow as n log n, not n^2.

    Votes repeat every 500 so ties are common; 4,000 is past what a parser
    takes (MAX_CANDIDATES) and is there to show the growth.
    """
    figures: dict[str, Any] = {"max_candidates": MAX_CANDIDATES}
    for count in (250, 1_000, 4_000):
        race = Race(
            id=f"r{count}",
            name="Race",
            rule=Rule(advance=2),
            candidates=tuple(
                Candidate(f"c{i}", f"Candidate {i}", ballot_order=i)
                for i in range(count)
            ),
            totals=tuple((i * 7_919) % 500 for i in range(count)),
            remaining_ballots=1_000,
        )
        figures[f"tabulate_{count}_candidates"] = timed(
            functools.partial(tabulate, race), repeat
        )
    return figures


def bench_ap_file(path: Path, repeat: int) -> dict[str, Any]:
    """Parse and tabulate a real AP response, when the file is there."""
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    data = path.read_bytes()
    election = parse_ap(data)
    return {
        "file": path.name,
        "feed_bytes": len(data),
        "races": len(election.races),
        "parse": timed(lambda: parse_ap(data), repeat),
        "parse_and_tabulate": timed(lambda: tabulate_election(parse_ap(data)), repeat),
        "bare_json_loads": timed(lambda: json.loads(data), repeat),
    }


def main() -> None:
    """Run every benchmark and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--ap-file", type=Path, default=SUPER_TUESDAY, help="a real AP v2 response"
    )
    args = parser.parse_args()
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "statewide_native": bench_statewide(args.repeat),
        "statewide_native_every_precinct": bench_statewide(
            max(1, args.repeat // 2), every_precinct=True
        ),
        "national_ap": bench_national_ap(args.repeat),
        "ap_super_tuesday_2016": bench_ap_file(args.ap_file, args.repeat),
        "candidates_per_race": bench_candidates(args.repeat),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
