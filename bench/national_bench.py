"""A national night at scale, AP format: 5,000 races, 200,000 reporting units.

Prints one JSON document: the full answer's parse and tabulation beside
``json.loads``/``orjson.loads``/``msgspec.json.decode`` of the same bytes; the
next-request delta (parse the small update, merge it into the held election,
tabulate only the changed races, reuse the rest) beside a full tabulation of
the merged night; memory (tracemalloc peak, RSS growth while held); and the
scaling curve (625 to 5,000 races, doubling: time per race must stay flat).
The delta is timed for an update of 1% and of 10% of the races.
Never run as a test. Usage: python bench/national_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_national_ap import encode, national_at_scale, next_request
from timing import GC_CONDITIONS, interleaved

from electionboard.model import Election, tabulate_election
from electionboard.model.retabulate import retabulate
from electionboard.sources import parse_feed
from electionboard.sources.merge import merge_elections

_EXCLUDES = [
    "the HTTP fetch and gzip (the bytes are in memory)",
    "reconcile and the desk overlay (LiveResults), the thread hop, drawing",
    "county units' own objects: the AP parser makes them when a map first reads",
    "full: json.loads of the whole night (see bench_full); generation, encoding",
]


def _parse(data: bytes) -> Election:
    return parse_feed(data, "ap")


def _standings(data: bytes) -> object:
    return tabulate_election(_parse(data))


def _rss_bytes() -> int:
    """Resident set size now, from /proc (Linux); 0 where there is none."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _baselines(data: bytes) -> dict[str, Callable[[], Any]]:
    return {
        "json.loads": lambda: json.loads(data),
        "orjson.loads": lambda: orjson.loads(data),
        "msgspec.json.decode": lambda: msgspec.json.decode(data),
    }


def _encoded(document: dict[str, Any], races: list[bytes]) -> bytes:
    """The document's bytes around already-encoded races (each encoded once)."""
    shell = encode({**document, "races": []})
    head, _, tail = shell.partition(b'"races":[]')
    return head + b'"races":[' + b",".join(races) + b"]" + tail


def bench_full(data: bytes, rounds: int) -> dict[str, Any]:
    """Bytes to standings for the whole night.

    ``json.loads`` of the whole night is left out: it holds over a gigabyte
    of dicts and, on a shared 2-core machine, times the swap, not the parse;
    it stands beside the delta instead (and orjson beside each point of the
    scaling curve).
    """
    return interleaved(
        {
            "orjson.loads": lambda: orjson.loads(data),
            "msgspec.json.decode": lambda: msgspec.json.decode(data),
            "parse_and_tabulate": lambda: tabulate_election(_parse(data)),
        },
        rounds,
    )


def bench_delta(
    document: dict[str, Any], held: Election, share: float, rounds: int
) -> dict[str, Any]:
    """A later poll carrying ``share`` of the races, merged and retabulated."""
    update_data = encode(next_request(document, share=share))
    update = _parse(update_data)
    changed = frozenset(race.id for race in update.races)
    previous = tabulate_election(held)
    merged = merge_elections(held, update)
    assert retabulate(previous, merged, changed) == tabulate_election(merged)

    def delta() -> object:
        fresh = _parse(update_data)
        night = merge_elections(held, fresh)
        return retabulate(previous, night, frozenset(r.id for r in fresh.races))

    figures = interleaved(
        {
            **_baselines(update_data),
            "delta": delta,
            "update_parse": lambda: _parse(update_data),
            "merge": lambda: merge_elections(held, update),
            "retabulate_changed": lambda: retabulate(previous, merged, changed),
            "tabulate_every_race": lambda: tabulate_election(merged),
        },
        rounds,
    )
    return {
        "update_bytes": len(update_data),
        "update_races": len(update.races),
        "figures": figures,
        "changed_race_ids": "the update's own races (what the AP source knows)",
        "delta_under_50_ms": figures["delta"]["median_ms"] < 50,
    }


def bench_memory(data: bytes) -> dict[str, Any]:
    """What holding the parsed night costs: tracemalloc peak, RSS growth."""
    gc.collect()
    before = _rss_bytes()
    held = _parse(data)
    standings = tabulate_election(held)
    grown = _rss_bytes() - before
    del held, standings
    gc.collect()
    tracemalloc.start()
    held = _parse(data)
    standings = tabulate_election(held)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held, standings
    mib = 1024 * 1024
    return {
        "rss_growth_mib_while_held": round(grown / mib, 1),
        "tracemalloc_held_mib": round(current / mib, 1),
        "tracemalloc_peak_mib": round(peak / mib, 1),
        "feed_mib": round(len(data) / mib, 1),
    }


def bench_scaling(
    document: dict[str, Any], races: list[bytes], rounds: int
) -> dict[str, Any]:
    """Parse and tabulate an eighth, a quarter, a half and all of the races.

    Every ``step``-th race is taken, so each point has the night's own mix of
    federal and state races and units per race.
    """
    curve = []
    total = len(races)
    for count in (total // 8, total // 4, total // 2, total):
        step = total // count
        part = {**document, "races": document["races"][::step][:count]}
        data = _encoded(document, races[::step][:count])
        figures = interleaved(
            {
                "orjson.loads": functools.partial(orjson.loads, data),
                "parse_and_tabulate": functools.partial(_standings, data),
            },
            rounds,
        )
        median = figures["parse_and_tabulate"]["median_ms"]
        curve.append(
            {
                "races": count,
                "units": sum(len(r["reportingUnits"]) for r in part["races"]),
                "parse_and_tabulate_ms": median,
                "us_per_race": round(1000 * median / count, 1),
                "orjson_loads_ms": figures["orjson.loads"]["median_ms"],
                "ratio_to_orjson_loads": figures["parse_and_tabulate"][
                    "ratio_to_orjson_loads"
                ],
            }
        )
    first, last = curve[0]["us_per_race"], curve[-1]["us_per_race"]
    return {"curve": curve, "per_race_growth_625_to_5000": round(last / first, 2)}


def main() -> None:
    """Run the national benchmarks and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--races", type=int, default=5_000)
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3, help="full-night rounds")
    parser.add_argument("--delta-rounds", type=int, default=7)
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    document = national_at_scale(args.races, args.units)
    races = [encode(race) for race in document["races"]]
    data = _encoded(document, races)
    held = _parse(data)
    report: dict[str, Any] = {
        "races": len(held.races),
        "reporting_units": sum(len(r["reportingUnits"]) for r in document["races"]),
        "feed_bytes": len(data),
        "full": bench_full(data, args.rounds),
        "delta_one_percent": bench_delta(document, held, 0.01, args.delta_rounds),
        "delta_ten_percent": bench_delta(document, held, 0.10, args.delta_rounds),
        "memory": bench_memory(data),
        "gc": GC_CONDITIONS,
        "excludes": _EXCLUDES,
    }
    del held
    if not args.no_scaling:
        report["scaling"] = bench_scaling(document, races, args.rounds)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
