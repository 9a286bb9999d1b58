"""The fault soak: the real board, offscreen, against a loopback server that misbehaves.

Cycles through every fault of the fault matrix (tests/ui/test_feed_faults.py)
for a few minutes with the board built by the app's own composition root
(desk, studio, preview and program, the poller on a real thread pool). For
each fault it measures how long the STALE badge took to show and, once the
server is good again, how long the board took to recover by itself (badge
gone, the new figures on screen); for answers that are wrong in content but
not failures (corrections, vanished races) how long the board took to say so.
RSS, threads and open files at start and end. Prints JSON, like bench/run.py.
A load check, not a test.

Only 127.0.0.1 is contacted. Usage:
python bench/fault_soak.py [--minutes 3]   (or ``make fault-soak``)
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import functools
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.feedserver

from PySide6.QtWidgets import QApplication

from electionboard.app import (
    BoardOptions,
    Hooks,
    RunningBoard,
    shut_down_board,
    start_board,
)
from electionboard.app import build_board as app_build_board
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.poller import Poller
from tests.feedserver import Answer, FeedServer

INTERVAL = 0.2
"""Seconds between healthy polls; backoff doubles from here."""
TIMEOUT = (0.5, 0.5)
DEADLINE = 1.5
"""The whole-answer deadline (20 s in the field), so a drip fails in seconds."""
DRIP = 0.1
MAX_BYTES = 64 * 1024
PATIENCE = 30.0
"""Longest wait for STALE, recovery or a message before the step counts as missed."""


@dataclass
class Board:
    """The running board, built by the app's own composition root, and what it said."""

    parts: RunningBoard
    options: BoardOptions
    folder: tempfile.TemporaryDirectory[str]
    messages: list[str] = field(default_factory=list)

    @property
    def scene(self) -> BoardScene:
        """The program scene, where STALE shows."""
        return self.parts.scene

    @property
    def poller(self) -> Poller:
        """The board's one poller."""
        return self.parts.poller

    def shutdown(self) -> bool:
        """Stop every part in the app's order; True once the pool is idle."""
        shut_down_board(self.parts)
        self.parts.window.deleteLater()
        self.folder.cleanup()
        return True


def build_board(url: str) -> Board:
    """The board exactly as ``electionboard URL`` builds it (desk, studio, preview).

    Only the feed's timeouts are shortened so each fault plays out in seconds.
    """
    folder = tempfile.TemporaryDirectory(prefix="fault-soak-")
    source = LocationSource(
        url, timeout=TIMEOUT, max_bytes=MAX_BYTES, deadline=DEADLINE
    )
    options = BoardOptions(source=url, interval=INTERVAL, inhibit_screen_saver=False)
    parts = app_build_board(
        options,
        Settings(),
        operator="fault soak",
        data_dir=Path(folder.name),
        hooks=Hooks(source=source),
    )
    board = Board(parts, options, folder)
    parts.monitor.status_changed.connect(board.messages.append)
    return board


# The feed: two races; every good answer is stamped a minute after the last.

BASE = dt.datetime.fromisoformat("2022-06-07T18:00:00-07:00")
FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
    "races": [
        {
            "id": "mayor",
            "name": "Mayor of Testville",
            "advance": 2,
            "majority_wins": True,
            "candidates": [
                {"id": "bass", "name": "Karen Bass", "party": "DEM"},
                {"id": "caruso", "name": "Rick Caruso", "party": "REP"},
            ],
            "precincts": [
                {"id": "north", "name": "North", "reporting": True, "votes": {}},
                {"id": "south", "name": "South", "reporting": True, "votes": {}},
            ],
        },
        {
            "id": "council",
            "name": "Council District 5",
            "advance": 1,
            "majority_wins": False,
            "candidates": [{"id": "x", "name": "Xi"}, {"id": "y", "name": "Yu"}],
            "totals": {"x": 5, "y": 3},
        },
    ],
}


class Feed:
    """Makes answers, each good one newer and with Bass one vote up."""

    def __init__(self) -> None:
        self.minute = 0
        self.bass = 10_000

    def document(
        self, *, stamp: str | None = None, caruso: int = 20_000
    ) -> dict[str, Any]:
        feed = copy.deepcopy(FEED)
        feed["updated"] = (
            stamp or (BASE + dt.timedelta(minutes=self.minute)).isoformat()
        )
        north, south = feed["races"][0]["precincts"]
        north["votes"] = {"bass": self.bass, "caruso": caruso}
        south["votes"] = {"bass": 1_000, "caruso": 1_000}
        return feed

    def good(self) -> Answer:
        """The next good answer."""
        self.minute += 1
        self.bass += 1
        return Answer(json.dumps(self.document()).encode())

    def bass_shown(self) -> str:
        """Bass's total as the board writes it once the last good answer is on."""
        return f"{self.bass + 1_000:,}"


@functools.cache
def gzip_bomb(size: int) -> bytes:
    """Over ``size`` bytes of JSON-looking padding, gzipped about 1,000 to 1."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    spaces = b" " * 2**20
    parts = [packer.compress(b"{")]
    parts += [packer.compress(spaces) for _ in range(size // len(spaces) + 1)]
    return b"".join([*parts, packer.flush()])


def hours_ahead(hours: int) -> str:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return (now + dt.timedelta(hours=hours)).isoformat()


def answer_faults(feed: Feed) -> dict[str, Callable[[], Answer]]:
    """Each fault of the matrix that is a bad answer, made when its turn comes."""
    older = functools.partial(feed.document, stamp=BASE.isoformat())
    return {
        "404": lambda: Answer(b"Not Found", status=404),
        "500": lambda: Answer(b"oops", status=500),
        "502": lambda: Answer(b"bad gw", status=502),
        "503": lambda: Answer(b"later", status=503),
        "429-retry-after-1": lambda: Answer(
            b"slow down", status=429, headers={"Retry-After": "1"}
        ),
        "redirect-loop": lambda: Answer(
            status=302, headers={"Location": "/feed.json"}, etag=False
        ),
        "empty": lambda: Answer(b""),
        "truncated-json": lambda: Answer(feed.good().body[:300]),
        "html": lambda: Answer(b"<!DOCTYPE html><html><body>Sign in</body></html>"),
        "wrong-format": lambda: Answer(b'{"status": "ok", "items": []}'),
        "huge-body": lambda: Answer(b" " * (MAX_BYTES * 4), content_length=False),
        "gzip-bomb": lambda: Answer(
            gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"}
        ),
        "headers-dripping": lambda: Answer(
            feed.good().body, drip=DRIP, drip_headers=True
        ),
        "body-dripping": lambda: Answer(feed.good().body, drip=DRIP),
        "endless-chunked-body": lambda: Answer(drip=DRIP, endless_chunked=True),
        "stamped-9999": lambda: Answer(
            json.dumps(feed.document(stamp="9999-12-31T23:59:59+14:00")).encode()
        ),
        "stamped-hours-ahead": lambda: Answer(
            json.dumps(feed.document(stamp=hours_ahead(5))).encode()
        ),
        # etag=False: the same older answer again, not a 304, as a cache would.
        "older-answers": lambda: Answer(json.dumps(older()).encode(), etag=False),
    }


class Soak:
    """One server, one board, the faults in turn; the timings collected."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.feed = Feed()
        self.server = FeedServer()
        self.server.answer = self.feed.good()
        self.server.start()
        self.port = int(self.server.url.rsplit(":", 1)[1].split("/")[0])
        self.board = build_board(self.server.url)
        start_board(self.board.parts, self.board.options, Settings(), "offscreen")
        self.faults = answer_faults(self.feed)
        self.timings: dict[str, dict[str, list[float]]] = {}
        self.missed: list[str] = []

    def wait_until(self, done: Callable[[], bool], patience: float = PATIENCE) -> float:
        """Seconds until ``done()``, running the event loop; -1.0 past patience."""
        started = time.monotonic()
        while time.monotonic() - started < patience:
            self.app.processEvents()
            if done():
                return time.monotonic() - started
            time.sleep(0.01)
        return -1.0

    def stale(self) -> bool:
        return self.board.scene.stale_text().startswith("STALE")

    def recovered(self) -> bool:
        self.board.scene.finish_animation()
        return (
            not self.stale()
            and self.board.poller.health.failures == 0
            and "bass" in self.board.scene.row_order()
            and self.board.scene.row("bass").texts()["votes"] == self.feed.bass_shown()
        )

    def note(self, name: str, what: str, seconds: float) -> None:
        if seconds < 0:
            self.missed.append(f"{name}: no {what} in {PATIENCE:g} s")
            return
        self.timings.setdefault(name, {}).setdefault(what, []).append(seconds)

    def ride(
        self, name: str, fault: Callable[[], None], heal: Callable[[], None]
    ) -> None:
        """The fault until STALE shows; then good again until recovered."""
        fault()
        self.note(name, "stale_s", self.wait_until(self.stale))
        heal()
        self.note(name, "recover_s", self.wait_until(self.recovered))

    def answer_fault(self, name: str) -> None:
        def fault() -> None:
            self.server.answer = self.faults[name]()

        self.ride(name, fault, self.heal)

    def heal(self) -> None:
        self.server.answer = self.feed.good()

    def refused(self) -> None:
        def fault() -> None:
            self.server.stop()

        def heal() -> None:
            self.server = FeedServer(self.port)
            self.heal()
            self.server.start()

        self.ride("refused", fault, heal)

    def said(self, name: str, answer: Answer, words: str) -> None:
        """A content change, not a failure: time until the status says ``words``."""
        self.board.messages.clear()
        self.server.answer = answer
        self.note(
            name,
            "said_s",
            self.wait_until(lambda: any(words in m for m in self.board.messages)),
        )
        if self.stale():
            self.missed.append(f"{name}: STALE shown for a good answer")
        self.heal()
        self.note(name, "recover_s", self.wait_until(self.recovered))

    def corrections(self) -> None:
        self.feed.minute += 1
        lowered = self.feed.document(caruso=19_000)
        self.said("corrections", Answer(json.dumps(lowered).encode()), "corrected down")

    def vanished_race(self) -> None:
        self.feed.minute += 1
        without = self.feed.document()
        del without["races"][1]
        self.said(
            "vanished-race",
            Answer(json.dumps(without).encode()),
            "Council District 5: no longer in the feed",
        )

    def one_pass(self) -> None:
        self.refused()
        for name in self.faults:
            self.answer_fault(name)
        self.corrections()
        self.vanished_race()

    def close(self) -> bool:
        idle = self.board.shutdown()
        self.server.stop()
        return idle


def resources() -> dict[str, int]:
    """RSS (KiB), OS threads, Python threads and open file descriptors now."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_kib": int(fields["VmRSS"].split()[0]),
        "os_threads": int(fields["Threads"]),
        "python_threads": threading.active_count(),
        "open_fds": len(os.listdir("/proc/self/fd")),
    }


def summarise(timings: dict[str, list[float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for what, seconds in timings.items():
        out[f"{what}_median"] = round(statistics.median(seconds), 3)
        out[f"{what}_max"] = round(max(seconds), 3)
    return out


def main() -> None:
    """Soak for ``--minutes``, at least one whole pass; print the JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0, help="default 3")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    soak = Soak(app)
    if soak.wait_until(soak.recovered) < 0:
        sys.exit("fault soak: the board never showed the first good answer")
    gzip_bomb(50_000_000)  # built once, before the figures start
    start = resources()
    began = time.monotonic()
    passes = 0
    while passes == 0 or time.monotonic() - began < args.minutes * 60:
        soak.one_pass()
        passes += 1
    idle = soak.close()
    app.processEvents()
    end = resources()
    report = {
        "python": platform.python_version(),
        "settings": {
            "interval_s": INTERVAL,
            "timeout_s": TIMEOUT,
            "deadline_s": DEADLINE,
        },
        "minutes": round((time.monotonic() - began) / 60, 2),
        "passes": passes,
        "faults": {name: summarise(t) for name, t in soak.timings.items()},
        "missed": soak.missed,
        "pool_idle_at_quit": idle,
        "start": start,
        "end": end,
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
