"""Benchmarks of the data path; prints one JSON document. Never run as tests.

Every figure is measured next to its baselines in the same run, the same
rounds and the same collector conditions (``timing.GC_CONDITIONS``):
``json.loads``, ``orjson.loads`` and ``msgspec.json.decode`` of the same
bytes, taking turns, with medians, p10/p90 and the ratio to orjson. Each
figure lists what it leaves out. The AP files are ``bench/ap_bench.py``'s; the
national night is ``bench/national_bench.py``'s.

Usage: python bench/run.py [--rounds N]
"""

from __future__ import annotations

import argparse
import functools
import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gil_hold import CONDITIONS as GIL_CONDITIONS
from gil_hold import gil_holds
from make_statewide import statewide_feed
from timing import GC_CONDITIONS, interleaved

from electionboard.model import (
    MAX_CANDIDATES,
    Candidate,
    Race,
    Rule,
    tabulate,
    tabulate_election,
)
from electionboard.sources import parse_feed
from electionboard.sources.native import RaceMemo, parse_native
from electionboard.sources.native_rows import forget_decoders

_EXCLUDES_PARSE = [
    "reading the file or the network fetch (the bytes are in memory)",
    "format detection (the format is named to parse_feed)",
    "the thread hop to the GUI, merging into the held night, reconcile, drawing",
]


def baselines(data: bytes) -> dict[str, Callable[[], Any]]:
    """The three decoders every parse figure stands beside."""
    return {
        "json.loads": lambda: json.loads(data),
        "orjson.loads": lambda: orjson.loads(data),
        "msgspec.json.decode": lambda: msgspec.json.decode(data),
    }


def _first_poll(data: bytes) -> Any:
    """A parse of candidate lists never seen, as the night's first poll runs."""
    forget_decoders()
    return parse_feed(data, "native")


NEXT_POLL_CHANGED = 15
"""Races whose votes move between two answers in ``parse_next_poll``: a tenth."""


def _some_races_moved(feed: dict[str, Any], count: int) -> bytes:
    """``feed`` a minute later, with one more vote in ``count`` of its races."""
    later = json.loads(json.dumps(feed))
    later["updated"] = later["updated"].replace(":00:", ":01:", 1)
    step = max(1, len(later["races"]) // count)
    for race in later["races"][::step][:count]:
        unit = race["precincts"][0]
        first = next(iter(unit["votes"]))
        unit["votes"][first] += 1
        unit["reporting"] = True
    return json.dumps(later, separators=(",", ":")).encode()


def _next_poll(data: bytes, answered: dict[str, Any]) -> Any:
    """A source's next answer, its memo holding the last one's races."""
    memo = RaceMemo()
    memo.remember(dict(answered))
    return parse_native(data, memo=memo)


def bench_statewide(rounds: int, *, every_precinct: bool = False) -> dict[str, Any]:
    """Bytes to standings for the 150-race, 25,000-precinct statewide feed."""
    feed = statewide_feed(every_precinct=every_precinct)
    data = json.dumps(feed, separators=(",", ":")).encode()
    later = _some_races_moved(feed, NEXT_POLL_CHANGED)
    del feed
    election = parse_feed(data, "native")
    shape = {
        "feed_bytes": len(data),
        "races": len(election.races),
        "precinct_rows": sum(len(r.precincts) for r in election.races),
    }
    del election
    figures = interleaved(
        {
            **baselines(data),
            "parse_and_tabulate": lambda: tabulate_election(parse_feed(data, "native")),
            "parse": lambda: parse_feed(data, "native"),
        },
        rounds,
    )
    # Apart: the decoders each first poll drops are cyclic garbage (classes),
    # which would burden the collections of whatever runs next.
    first_poll = interleaved(
        {
            "orjson.loads": lambda: orjson.loads(data),
            "parse_first_poll": lambda: _first_poll(data),
        },
        rounds,
    )
    held = parse_feed(data, "native")
    tabulation = interleaved(
        {
            "orjson.loads": lambda: orjson.loads(data),
            "tabulate_held": lambda: tabulate_election(held),
        },
        rounds,
    )
    # A polled source's next answer: its memo holds this answer's races, and
    # a tenth of the races moved (``sources.native.RaceMemo``).
    memo = RaceMemo()
    parse_native(data, memo=memo)
    answered = memo.last_read()
    next_poll = interleaved(
        {
            "orjson.loads": lambda: orjson.loads(later),
            "parse_next_poll": lambda: _next_poll(later, answered),
        },
        rounds,
    )
    holds = gil_holds(
        {
            "parse": lambda: parse_feed(data, "native"),
            "parse_and_tabulate": lambda: tabulate_election(parse_feed(data, "native")),
            "orjson.loads": lambda: orjson.loads(data),
            "msgspec.json.decode": lambda: msgspec.json.decode(data),
        },
        max(5, rounds // 2),
    )
    return {
        **shape,
        "figures": figures,
        "tabulate_held": tabulation["tabulate_held"],
        "parse_first_poll": first_poll["parse_first_poll"],
        "parse_next_poll": next_poll["parse_next_poll"],
        "longest_gil_hold_ms": {**holds, "conditions": GIL_CONDITIONS},
        "gc": GC_CONDITIONS,
        "excludes": [
            *_EXCLUDES_PARSE,
            "tabulate_held: the parse (it tabulates one held election again)",
            "parse and parse_and_tabulate: the night's first two polls (the first "
            "reads each race's rows the plain way, the second makes each race's "
            "row decoder, later polls reuse it); parse_first_poll is the first",
            f"parse_next_poll: the races unchanged since the source's last answer "
            f"(a polled source's RaceMemo holds them): {NEXT_POLL_CHANGED} of the "
            "races moved, as on a live night; every other figure reads every race",
        ],
    }


def bench_candidates(rounds: int) -> dict[str, Any]:
    """Tabulate one race by candidate count: should grow as n log n, not n^2.

    Votes repeat every 500 so ties are common; 4,000 is past what a parser
    takes (MAX_CANDIDATES) and is there to show the growth.
    """
    actions: dict[str, Callable[[], Any]] = {}
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
        actions[f"tabulate_{count}_candidates"] = functools.partial(tabulate, race)
    return {
        "max_candidates": MAX_CANDIDATES,
        "figures": interleaved(actions, rounds, reference=None),
        "gc": GC_CONDITIONS,
        "excludes": ["parsing: the races are built in memory"],
    }


def main() -> None:
    """Run every benchmark and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "statewide_native": bench_statewide(args.rounds),
        "statewide_native_every_precinct": bench_statewide(
            max(5, args.rounds // 3), every_precinct=True
        ),
        "candidates_per_race": bench_candidates(args.rounds),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
