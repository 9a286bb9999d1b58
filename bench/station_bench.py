"""A take at the producer to a display station following it, through PostgreSQL.

Starts a throwaway server (``tests/pgserver.py``), publishes ``--takes`` takes
as a producer's studio writer does (``PostgresStudio.publish_on_air``, one
connection of its own, ``--rate`` takes a second), and times each from the
publish returning (its commit) to the station's ``DatabaseProgramFollower``
emitting it on the GUI thread: the NOTIFY, the station's read of the row on
its listener thread, and the hop to the GUI thread. Prints JSON; never a test.

Usage: QT_QPA_PLATFORM=offscreen python bench/station_bench.py [--takes N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pgserver

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from electionboard.model.rundown import OnAirState  # noqa: E402
from electionboard.model.stacks import StackEntry  # noqa: E402
from electionboard.replay.studio_channel import open_studio  # noqa: E402
from electionboard.store.pg_studio import PostgresStudio  # noqa: E402
from electionboard.ui.studio.follower import DatabaseProgramFollower  # noqa: E402
from tests.pgserver import DATABASE, start_server  # noqa: E402

EXCLUDES = [
    "the crossfade a station runs after following a take (TAKE_MS)",
    "painting the new board",
    "a network between machines: producer, server and station share loopback",
    "the producer's own save of on_air.json, which comes first on its worker",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(takes: int, rate: float) -> dict[str, Any]:
    """Publish ``takes`` takes at ``rate`` a second; time each to the station."""
    server, why = start_server()
    if server is None:
        return {"skipped": why}
    url = server.url(DATABASE)
    PostgresStudio(url).close()  # the administrator migrates first
    app = QCoreApplication.instance() or QCoreApplication([])
    follower = DatabaseProgramFollower(lambda: open_studio(url))
    published: dict[str, float] = {}
    followed: dict[str, float] = {}
    done = threading.Event()

    def on_followed(program: StackEntry | None, _layer: object) -> None:
        if program is not None:
            followed.setdefault(program.race_id, time.perf_counter())
            if len(followed) >= takes + 1:
                app.quit()

    def produce() -> None:
        with PostgresStudio(url) as producer:
            producer.publish_on_air(OnAirState(on_air=StackEntry("warm-up")))
            time.sleep(1.0)  # let the station connect and follow the warm-up
            for number in range(takes):
                race = f"race{number}"
                producer.publish_on_air(OnAirState(on_air=StackEntry(race)))
                published[race] = time.perf_counter()
                time.sleep(1 / rate)
        done.set()

    follower.followed.connect(on_followed)
    follower.start()
    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    QTimer.singleShot(round((takes / rate + 30) * 1000), app.quit)  # a bound
    app.exec()
    thread.join(10)
    follower.shutdown()
    server.destroy()
    delays = [
        (followed[race] - published[race]) * 1000
        for race in published
        if race in followed
    ]
    return {
        "takes": takes,
        "rate_per_second": rate,
        "followed": len(delays),
        "missed": takes - len(delays),
        "take_to_station_ms": {
            "p50": round(statistics.median(delays), 2) if delays else None,
            "p99": round(_percentile(delays, 0.99), 2) if delays else None,
            "max": round(max(delays), 2) if delays else None,
        },
        "excludes": EXCLUDES,
    }


def main() -> None:
    """Run the bench and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takes", type=int, default=100)
    parser.add_argument("--rate", type=float, default=5.0, help="takes a second")
    args = parser.parse_args()
    print(json.dumps(run(args.takes, args.rate), indent=2))


if __name__ == "__main__":
    main()
