"""A national night at scale, AP format: 5,000 races, 200,000 reporting units.

Prints one JSON document: the full answer's parse and tabulation beside
``json.loads``/``orjson.loads``/``msgspec.json.decode`` of the same bytes; the
next-request delta (parse the small update, merge it into the held election,
tabulate only the changed races, reuse the rest) beside a full tabulation of
the merged night; memory (tracemalloc peak, RSS growth while held); and the
scaling curve (an eighth of the races to all of them, doubling: time per
race must stay flat). The delta is timed for an update of 1% and of 10% of
the races.

By default a night of 1,000 races and 40,000 units, so ``make bench`` stays
under a minute on a shared 2-core machine; ``--full`` is the issue's 5,000
races and 200,000 units (several minutes). Never run as a test. Usage:
    python bench/national_bench.py [--full] [--rounds N]
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
from timing import interleaved

from electionboard.model import Election, tabulate_election
from electionboard.model.retabulate import retabulate
from electionboard.sources import parse_feed
from electionboard.sources.jsondecode import gc_paused
from electionboard.sources.merge import merge_elections

_GC = (
    "collector enabled; a full collection before each round; nothing parsed is "
    "held between samples, so freeing a sample's result is inside its time. "
    "Every decode, subject and baseline alike, runs with the collector paused "
    "as parse_feed pauses it, and pays the deferred collection after it: "
    "with the collector running, orjson.loads of the night spends more than "
    "half its time in collections that rescan its growing result, a baseline "
    "no parser is measured under"
)
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


def _paused(decode: Callable[[bytes], Any], data: bytes) -> Any:
    """A baseline decode under the collector condition parse_feed runs in."""
    with gc_paused():
        return decode(data)


def _baselines(data: bytes, *names: str) -> dict[str, Callable[[], Any]]:
    decoders: dict[str, Callable[[bytes], Any]] = {
        "json.loads": json.loads,
        "orjson.loads": orjson.loads,
        "msgspec.json.decode": msgspec.json.decode,
    }
    return {
        name: functools.partial(_paused, decoders[name], data)
        for name in names or decoders
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
            **_baselines(data, "orjson.loads", "msgspec.json.decode"),
            "parse_and_tabulate": functools.partial(_standings, data),
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
    federal and state races and units per race. A smaller point gets more
    rounds (``rounds`` times the number of times it fits in the night), so
    each point's median rests on about the same amount of work.
    """
    curve = []
    total = len(races)
    for count in (total // 8, total // 4, total // 2, total):
        step = total // count
        part = {**document, "races": document["races"][::step][:count]}
        data = _encoded(document, races[::step][:count])
        figures = interleaved(
            {
                **_baselines(data, "orjson.loads"),
                "parse_and_tabulate": functools.partial(_standings, data),
            },
            rounds * (total // count),
        )
        subject = figures["parse_and_tabulate"]
        curve.append(
            {
                "races": count,
                "units": sum(len(r["reportingUnits"]) for r in part["races"]),
                "rounds": figures["rounds"],
                "parse_and_tabulate_ms": subject["median_ms"],
                "p10_ms": subject["p10_ms"],
                "p90_ms": subject["p90_ms"],
                "us_per_race": round(1000 * subject["median_ms"] / count, 1),
                "orjson_loads_ms": figures["orjson.loads"]["median_ms"],
                "ratio_to_orjson_loads": subject["ratio_to_orjson_loads"],
            }
        )
    first, last = curve[0], curve[-1]
    return {
        "curve": curve,
        "per_race_growth": {
            "from_races": first["races"],
            "to_races": last["races"],
            "us_per_race": round(last["us_per_race"] / first["us_per_race"], 2),
            "ratio_to_orjson_loads": round(
                last["ratio_to_orjson_loads"] / first["ratio_to_orjson_loads"], 2
            ),
        },
    }


def main() -> None:
    """Run the national benchmarks and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--full", action="store_true", help="5,000 races, 200,000 units"
    )
    parser.add_argument("--races", type=int, help="default 1,000 (--full 5,000)")
    parser.add_argument("--units", type=int, help="default 40,000 (--full 200,000)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the whole night (scaling: times the point's fraction)",
    )
    parser.add_argument("--delta-rounds", type=int, default=7)
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    scale = 5 if args.full else 1
    races = args.races or 1_000 * scale
    units = args.units or 40_000 * scale
    document = national_at_scale(races, units)
    encoded = [encode(race) for race in document["races"]]
    data = _encoded(document, encoded)
    held = _parse(data)
    report: dict[str, Any] = {
        "races": len(held.races),
        "reporting_units": sum(len(r["reportingUnits"]) for r in document["races"]),
        "feed_bytes": len(data),
        "full": bench_full(data, args.rounds),
        "delta_one_percent": bench_delta(document, held, 0.01, args.delta_rounds),
        "delta_ten_percent": bench_delta(document, held, 0.10, args.delta_rounds),
        "memory": bench_memory(data),
        "gc": _GC,
        "excludes": _EXCLUDES,
    }
    del held
    if not args.no_scaling:
        report["scaling"] = bench_scaling(document, encoded, args.rounds)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
