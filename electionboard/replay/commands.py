"""The ``replay`` and ``record`` commands: argument parsing and the console loop."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from electionboard import APP_NAME
from electionboard.replay.recorder import (
    DEFAULT_INTERVAL,
    Recorder,
    Saved,
    headers_from_environment,
)
from electionboard.replay.recording import RecordingError, load_recording
from electionboard.replay.server import (
    DEFAULT_HOST,
    DEFAULT_MAX_WAIT,
    DEFAULT_SPEED,
    ReplayServer,
    ReplayStatus,
)
from electionboard.resource_paths import sample_night_dir
from electionboard.sources.fetch import DEFAULT_DEADLINE

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
SAMPLE = "sample"
"""The source name for the bundled Los Angeles night."""


def _replay_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} replay",
        description="Serve a recorded night over HTTP as a live feed, for "
        "rehearsals. With no SOURCE (or 'sample'), the bundled 2022 Los Angeles "
        "night. See docs/rehearsal.md.",
    )
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a recording folder, or snapshot files in the order to serve them",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="P",
        help="port to listen on; 0 picks a free one (default %(default)s)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADDRESS",
        help="address to listen on; only for a studio LAN (default %(default)s)",
    )
    parser.add_argument(
        "--speed",
        type=_positive,
        default=DEFAULT_SPEED,
        metavar="X",
        help="recorded seconds per wall-clock second (default %(default)g)",
    )
    parser.add_argument(
        "--max-wait",
        type=_positive,
        default=DEFAULT_MAX_WAIT,
        metavar="S",
        help="longest wait for one snapshot, in seconds (default %(default)g)",
    )
    parser.add_argument("--loop", action="store_true", help="start over after the last")
    parser.add_argument(
        "--step", action="store_true", help="move on only when Enter is pressed"
    )
    return parser


def run_replay(argv: Sequence[str]) -> int:
    """``electionboard replay``: serve a recording until Ctrl+C."""
    args = _replay_parser().parse_args(argv)
    sources: list[str] = args.sources
    if not sources or sources == [SAMPLE]:
        paths = [sample_night_dir()]
    else:
        paths = [Path(source) for source in sources]
    try:
        recording = load_recording(paths)
        server = ReplayServer(
            recording,
            speed=args.speed,
            max_wait=args.max_wait,
            loop=args.loop,
            step=args.step,
            host=args.host,
            port=args.port,
        )
    except RecordingError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"cannot listen on {args.host}:{args.port}: {_why(error)}")
    with server:
        sys.stdout.write(f"{server.url}\n")
        sys.stdout.flush()
        try:
            if args.step:
                _advance_on_enter(server)
                while True:  # stdin closed: keep serving until Ctrl+C
                    time.sleep(3600.0)
            _follow(server)
        except KeyboardInterrupt:
            pass
    sys.stderr.write("replay stopped\n")
    return 0


def _advance_on_enter(server: ReplayServer) -> None:
    """Each line on stdin moves the replay on; returns when stdin closes."""
    _report(server.status())
    sys.stderr.write("Enter: next snapshot; Ctrl+C: stop\n")
    for _line in sys.stdin:
        _report(server.advance())


def _follow(server: ReplayServer) -> None:
    """Report each move until Ctrl+C; the server moves itself by the clock."""
    shown: tuple[int, int] | None = None
    while True:
        status = server.status()
        if (status.lap, status.position) != shown:
            shown = (status.lap, status.position)
            _report(status)
        wait = status.next_change_in
        time.sleep(3600.0 if wait is None else min(wait + 0.01, 3600.0))


def _report(status: ReplayStatus) -> None:
    wait = status.next_change_in
    after = "" if wait is None else f", next in {wait:.{1 if wait < 10 else 0}f} s"
    sys.stdout.write(
        f"{status.position + 1}/{status.total} {status.file} "
        f"(recorded {status.at.isoformat()}{after})\n"
    )
    sys.stdout.flush()


def _record_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} record",
        description="Poll a live feed and save each change into FOLDER, for "
        "replaying later. An AP key is read from AP_API_KEY and sent as the "
        "x-api-key header; it is never written to disk or logged.",
    )
    parser.add_argument("url", metavar="URL", help="feed URL (or file path) to poll")
    parser.add_argument(
        "folder", type=Path, metavar="FOLDER", help="folder to record into"
    )
    parser.add_argument(
        "--interval",
        type=_positive,
        default=DEFAULT_INTERVAL,
        metavar="S",
        help="seconds between polls (default %(default)g)",
    )
    parser.add_argument(
        "--count", type=_count, metavar="N", help="stop after N saved changes"
    )
    parser.add_argument(
        "--duration", type=_positive, metavar="S", help="stop after S seconds"
    )
    parser.add_argument(
        "--deadline",
        type=_positive,
        default=DEFAULT_DEADLINE,
        metavar="S",
        help="fail a poll that gives no complete answer in S seconds "
        "(default %(default)g)",
    )
    return parser


def run_record(argv: Sequence[str]) -> int:
    """``electionboard record``: save each change of a feed until told to stop."""
    args = _record_parser().parse_args(argv)
    stop = threading.Event()
    try:
        recorder = Recorder(
            args.url,
            args.folder,
            headers=headers_from_environment(os.environ),
            deadline=args.deadline,
        )
    except (OSError, RecordingError) as error:
        return _fail(f"cannot record into {args.folder}: {_why(error)}")
    sys.stdout.write(f"recording {recorder.label} into {args.folder}\n")
    sys.stdout.flush()
    try:
        recorder.run(
            interval=args.interval,
            count=args.count,
            duration=args.duration,
            wait=stop.wait,
            on_saved=_report_saved,
        )
    except KeyboardInterrupt:
        pass
    except OSError as error:
        return _fail(f"cannot record into {args.folder}: {_why(error)}")
    sys.stdout.write(f"recorded {len(recorder.saved)} snapshots in {args.folder}\n")
    return 0


def _report_saved(saved: Saved) -> None:
    sys.stdout.write(f"saved {saved.path.name} ({saved.format_name})\n")
    sys.stdout.flush()


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {text}")
    return int(text)


def _why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _fail(message: str) -> int:
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{APP_NAME}: error: {first_line}\n")
    return 2
