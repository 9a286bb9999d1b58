"""Benchmarks of the data path; prints figures as JSON. Never run as tests.

Usage: python bench/run.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_statewide import statewide_feed

from electionboard.model import tabulate_election
from electionboard.sources.native import parse_native


def timed(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Best and median wall time of ``action`` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "best_ms": round(min(samples), 2),
        "median_ms": round(statistics.median(samples), 2),
    }


def bench_statewide(repeat: int, every_precinct: bool = False) -> dict[str, Any]:
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


def main() -> None:
    """Run every benchmark and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "statewide_native": bench_statewide(args.repeat),
        "statewide_native_every_precinct": bench_statewide(
            max(1, args.repeat // 2), every_precinct=True
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
