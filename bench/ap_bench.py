"""AP files, bytes to standings, against JSON decoders of the same bytes; prints JSON.

Issue 16's target: the 435-race Connecticut file to standings within 1.5x of
``orjson.loads``. Every figure comes from one process, its cases interleaved
round by round, so the ratios hold on a busy machine where absolute times do
not. With ``--against TREE`` it alternates child processes running this code
and the code in TREE (a worktree of an older commit), each measuring its own
orjson baseline, for a before/after in one run.

Usage: python bench/ap_bench.py [--rounds N] [--against /tmp/wt-start]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson
from timing import settled_ms

from electionboard.model import tabulate_election
from electionboard.sources import parse_feed

FEEDS = Path("/work/shared/feeds/ap")
FILES = {
    "ct_2016_04_26": FEEDS / "20160426_ct_rollups.json",
    "super_tuesday_2016_03_01": FEEDS / "20160301_super_tuesday.json",
}
EXCLUDES = [
    "the HTTP fetch and the worker-thread hop",
    "merging into the held election (a full answer, not a next request)",
    "drawing: no GUI work at all",
    "county units for maps: made lazily, only when a map reads them",
    "reading the file from disk",
]
GC_NOTE = (
    "collector enabled with Python's default thresholds, as the app runs; "
    "parse_ap pauses it inside its own call (as in the app), the baselines run "
    "with it on; every case starts after an untimed full collection and pays, "
    "inside its time, a collection it leaves due and the freeing of its result "
    "(timing.settled_ms), so no case pays another's collections"
)


def _elex_parse() -> tuple[Callable[[bytes], object] | None, str]:
    """elex's own parse of the same bytes, when elex is importable."""
    try:
        election_type: Any = importlib.import_module("elex.api").Election
    except Exception as error:  # elex is not a dependency: any failure skips it
        return None, f"elex not importable ({type(error).__name__}); skipped"

    def parse(data: bytes) -> object:
        election = election_type(electiondate="2016-04-26")
        return election.get_units(election.get_race_objects(json.loads(data)))

    return parse, "elex 2.x: json.loads, get_race_objects, get_units"


def _cases(data: bytes) -> dict[str, Callable[[], object]]:
    return {
        "json_loads": lambda: json.loads(data),
        "orjson_loads": lambda: orjson.loads(data),
        "msgspec_decode": lambda: msgspec.json.decode(data),
        "parse": lambda: parse_feed(data, "ap"),
        "parse_and_tabulate": lambda: tabulate_election(parse_feed(data, "ap")),
    }


def _elex_cases(data: bytes) -> dict[str, Callable[[], object]] | None:
    """elex against ours and orjson, in its own rounds: its garbage is large."""
    elex, _ = _elex_parse()
    if elex is None:
        return None
    return {
        "orjson_loads": lambda: orjson.loads(data),
        "parse_and_tabulate": lambda: tabulate_election(parse_feed(data, "ap")),
        "elex": lambda: elex(data),
    }


def _spread(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=10)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 3),
        "p10_ms": round(cuts[0] * 1000, 3),
        "p90_ms": round(cuts[-1] * 1000, 3),
    }


def measure(
    data: bytes, rounds: int, cases: dict[str, Callable[[], object]] | None = None
) -> dict[str, Any]:
    """Every case once per round, in turn; medians, spreads and orjson ratios."""
    cases = _cases(data) if cases is None else cases
    for action in cases.values():  # warm caches and imports
        action()
    samples: dict[str, list[float]] = {name: [] for name in cases}
    ratios: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        this_round: dict[str, float] = {}
        for name, action in cases.items():
            # From a clean collector state, paying what it leaves due.
            this_round[name] = settled_ms(action) / 1000
        for name, seconds in this_round.items():
            samples[name].append(seconds)
            ratios[name].append(seconds / this_round["orjson_loads"])
    orjson_median = statistics.median(samples["orjson_loads"])
    figures: dict[str, Any] = {}
    for name in cases:
        figures[name] = {
            **_spread(samples[name]),
            "ratio_to_orjson": round(
                statistics.median(samples[name]) / orjson_median, 3
            ),
            "ratio_to_orjson_per_round_median": round(
                statistics.median(ratios[name]), 3
            ),
        }
    return figures


def _file_report(path: Path, rounds: int) -> dict[str, Any]:
    if not path.is_file():
        return {"skipped": f"{path} not found"}
    data = path.read_bytes()
    election = parse_feed(data, "ap")
    races = len(election.races)
    candidates = sum(len(race.candidates) for race in election.races)
    # Nothing parsed is held while timing: a held election makes every
    # collection the baselines trigger rescan it, flattering our ratio.
    del election
    elex_cases = _elex_cases(data)
    elex = (
        {"skipped": "elex not importable"}
        if elex_cases is None
        else measure(data, max(5, rounds // 10), elex_cases)
    )
    return {
        "file": path.name,
        "feed_bytes": len(data),
        "races": races,
        "candidates": candidates,
        "cases": measure(data, rounds),
        "elex_rounds": elex,
        "note": (
            f"{races} races: a night's answer has hundreds; "
            "not a figure to quote as the user's"
            if races < 10
            else "a real night's answer"
        ),
    }


def _child(rounds: int) -> dict[str, Any]:
    path = FILES["ct_2016_04_26"]
    return measure(path.read_bytes(), rounds)


def _against(tree: Path, pairs: int, rounds: int) -> dict[str, Any]:
    """Alternate child processes (this code, then TREE's) and compare ratios."""
    here = Path(__file__).resolve()
    ratios: dict[str, list[float]] = {"this": [], "against": []}
    for _ in range(pairs):
        for side in ("this", "against"):
            env = dict(os.environ)
            if side == "against":
                env["PYTHONPATH"] = str(tree)
            else:
                env.pop("PYTHONPATH", None)
            out = subprocess.run(
                [sys.executable, str(here), "--child", "--rounds", str(rounds)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures = json.loads(out)
            ratios[side].append(figures["parse_and_tabulate"]["ratio_to_orjson"])
    this = statistics.median(ratios["this"])
    before = statistics.median(ratios["against"])
    return {
        "tree": str(tree),
        "file": FILES["ct_2016_04_26"].name,
        "pairs": pairs,
        "rounds_per_process": rounds,
        "parse_and_tabulate_ratio_to_orjson": {
            "this": round(this, 3),
            "against": round(before, 3),
            "per_process": ratios,
        },
        "speedup": round(before / this, 3),
    }


def main() -> None:
    """Print one JSON document with every file's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--against", type=Path, help="an older tree to compare")
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(_child(args.rounds)))
        return
    _, elex_note = _elex_parse()
    report: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "gc": GC_NOTE,
        "gc_enabled": gc.isenabled(),
        "gc_thresholds": gc.get_threshold(),
        "rounds": args.rounds,
        "excludes": EXCLUDES,
        "elex": elex_note,
        "target": "ct parse_and_tabulate within 1.5x orjson_loads",
        "files": {
            name: _file_report(path, args.rounds) for name, path in FILES.items()
        },
    }
    if args.against is not None:
        report["before_after"] = _against(args.against, args.pairs, args.rounds // 4)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
