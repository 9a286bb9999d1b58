"""How many boards one rehearsal server holds: a loopback load check, not a test.

Starts ``electionboard replay`` on the bundled night (in-process, on 127.0.0.1),
then CLIENTS threads each poll it POLLS times through the board's own fetch
path, revalidating with the ETag as a board does. Prints the latency p50/p99
and how many polls failed or timed out, as JSON.

What it holds (2 shared cores, 200 clients x 10 polls): with the old listen
backlog of 5, a p99 of 5.5 s and 21 of 2,000 polls timed out; with 128, a p99
of 2.2 s and 27 connects timed out (200 connects at once overflow it); with
LISTEN_BACKLOG (1024), p50 0.5 s, p99 0.6-0.7 s and none failed.

Usage: python bench/replay_load.py [--clients 200] [--polls 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from typing import Any

from electionboard.replay.recording import load_recording
from electionboard.replay.server import LISTEN_BACKLOG, ReplayServer
from electionboard.resource_paths import sample_night_dir
from electionboard.sources.errors import FeedError, NotModifiedError
from electionboard.sources.fetch import FetchRequest, fetch

TIMEOUT = (3.05, 10.0)


def poll_repeatedly(
    url: str, polls: int, start: threading.Barrier, results: list[float | str]
) -> None:
    """One board: ``polls`` revalidating polls; a latency or an error each."""
    etag: str | None = None
    start.wait()
    for _ in range(polls):
        began = time.perf_counter()
        try:
            etag = fetch(FetchRequest(url, etag=etag, timeout=TIMEOUT)).etag
        except NotModifiedError:
            pass
        except FeedError as error:
            results.append(str(error))
            continue
        results.append(time.perf_counter() - began)


def run(clients: int, polls: int) -> dict[str, Any]:
    """Load the server and summarise what the clients saw."""
    recording = load_recording([sample_night_dir()])
    results: list[float | str] = []
    with ReplayServer(recording, step=True) as server:
        start = threading.Barrier(clients)
        threads = [
            threading.Thread(
                target=poll_repeatedly, args=(server.url, polls, start, results)
            )
            for _ in range(clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    latencies = sorted(r for r in results if isinstance(r, float))
    errors = [r for r in results if isinstance(r, str)]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else []
    return {
        "listen_backlog": LISTEN_BACKLOG,
        "clients": clients,
        "polls": clients * polls,
        "wall_s": round(wall, 2),
        "p50_ms": round(quantiles[49] * 1000, 1) if quantiles else None,
        "p99_ms": round(quantiles[98] * 1000, 1) if quantiles else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "failed": len(errors),
        "timed_out": sum("time" in error or "too slowly" in error for error in errors),
        "first_error": errors[0] if errors else None,
    }


def main() -> None:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--polls", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.polls), indent=2))


if __name__ == "__main__":
    main()
