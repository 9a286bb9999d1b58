"""Two checkouts' statewide bytes-to-standings, interleaved in one run.

Each checkout runs in its own worker process (``PYTHONPATH`` set to it); the
parent hands the workers turns, A, B, A, B..., so load on a shared machine
falls on both alike, and ``orjson.loads`` of the same bytes takes a turn in
each worker too. Usage:
    python bench/versus.py /tmp/wt-start . [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_statewide import statewide_feed

_WORKER = """
import gc, sys, time
import electionboard
sys.stderr.write(electionboard.__file__ + "\\n")
import orjson
from electionboard.model import tabulate_election
from electionboard.sources import parse_feed
data = open(sys.argv[1], "rb").read()
actions = {
    "parse": lambda: parse_feed(data, "native"),
    "parse_and_tabulate": lambda: tabulate_election(parse_feed(data, "native")),
    "orjson.loads": lambda: orjson.loads(data),
}
for line in sys.stdin:
    gc.collect()
    start = time.perf_counter()
    actions[line.strip()]()
    print((time.perf_counter() - start) * 1000, flush=True)
"""


def _ratio(mine: list[float], base: list[float]) -> float:
    """The median of per-round ratios, which cancels load shifting between rounds."""
    return round(statistics.median(a / b for a, b in zip(mine, base, strict=True)), 2)


def main() -> None:
    """Time both checkouts in turns and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    data = json.dumps(statewide_feed(), separators=(",", ":")).encode()
    with tempfile.NamedTemporaryFile(suffix=".json") as feed:
        feed.write(data)
        feed.flush()
        workers = {
            name: subprocess.Popen(
                [sys.executable, "-c", _WORKER, feed.name],
                env={"PYTHONPATH": str(path.resolve()), "PATH": "/usr/bin:/bin"},
                # ``-c`` puts the working directory first on sys.path: make it
                # the checkout, or both workers import this one.
                cwd=path.resolve(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for name, path in (("before", args.before), ("after", args.after))
        }
        turns = [
            (name, action)
            for name in workers
            for action in ("parse", "parse_and_tabulate", "orjson.loads")
        ]
        samples: dict[str, list[float]] = {f"{n} {a}": [] for n, a in turns}
        for number in range(args.rounds):
            shift = number % len(turns)
            for name, action in turns[shift:] + turns[:shift]:
                worker = workers[name]
                assert worker.stdin is not None
                assert worker.stdout is not None
                worker.stdin.write(action + "\n")
                worker.stdin.flush()
                samples[f"{name} {action}"].append(float(worker.stdout.readline()))
        for worker in workers.values():
            assert worker.stdin is not None
            worker.stdin.close()
            worker.wait()
    report: dict[str, Any] = {
        key: round(statistics.median(values), 2) for key, values in samples.items()
    }
    for name in workers:
        base = samples[f"{name} orjson.loads"]
        for action in ("parse", "parse_and_tabulate"):
            mine = samples[f"{name} {action}"]
            report[f"{name} {action} ratio_to_orjson_loads"] = _ratio(mine, base)
    for action in ("parse", "parse_and_tabulate"):
        report[f"{action} after_over_before"] = _ratio(
            samples[f"after {action}"], samples[f"before {action}"]
        )
    report["rounds"] = args.rounds
    report["excludes"] = [
        "reading the file; format detection (the format is named)",
        "merging, reconcile, the thread hop and drawing",
    ]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
