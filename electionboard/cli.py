"""Command line: the board by default, and headless commands beside it."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from electionboard import APP_NAME, __version__
from electionboard.model import tabulate_election
from electionboard.model.report import standings_table, summary_document
from electionboard.sources import FeedError, load_election

log = logging.getLogger(__name__)

COMMANDS = ("summary",)


def _summary_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} summary",
        description="Print the standings of a feed (file path or http(s) URL).",
    )
    parser.add_argument("source", help="feed file path or http(s) URL")
    parser.add_argument("--race", help="only this race id")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--format", dest="format_name", help="feed format name")
    return parser


def run_summary(argv: Sequence[str]) -> int:
    """``electionboard summary``: standings as a table or JSON."""
    args = _summary_parser().parse_args(argv)
    try:
        election = load_election(args.source, args.format_name)
    except FeedError as error:
        return _fail(str(error))
    standings = tabulate_election(election)
    if args.race is not None:
        standings = tuple(s for s in standings if s.race.id == args.race)
        if not standings:
            return _fail(f"no race {args.race!r} in this feed")
    if args.json:
        json.dump(summary_document(standings), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(standings_table(s) for s in standings) + "\n")
    return 0


def _fail(message: str) -> int:
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{APP_NAME}: error: {first_line}\n")
    return 2


def _board_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Election-night results board. With no SOURCE, replays the "
        "bundled Los Angeles 2022 mayoral primary.",
        epilog=f"Headless commands: {', '.join(COMMANDS)} (use COMMAND --help).",
    )
    parser.add_argument("source", nargs="?", help="feed file path or http(s) URL")
    parser.add_argument("--version", action="version", version=__version__)
    return parser


def run_board(argv: Sequence[str]) -> int:
    """The on-screen board; prints the sample's standings until the UI lands."""
    args = _board_parser().parse_args(argv)
    from electionboard.resource_paths import sample_snapshots

    source = args.source or str(sample_snapshots()[-1])
    return run_summary([source])


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a headless command or the board."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if args and args[0] == "summary":
        return run_summary(args[1:])
    return run_board(args)
