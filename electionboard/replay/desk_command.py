"""The ``desk`` command: the operator desk's actions from a script, headless.

Each run opens the desk store, does one action through the ``DeskStore``
protocol (the same checks and audit rows as the desk window) and prints one
line. A refusal is one line on stderr and exit status 1; a usage mistake is
status 2; nothing ever ends in a traceback, so scripts can branch on it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from electionboard import APP_NAME
from electionboard.model.election import CallOutcome, Election
from electionboard.replay.desk_lines import log_line, one_line, saved_line
from electionboard.replay.desk_location import (
    STORE_VARIABLE,
    chosen_location,
    open_location,
    redacted,
)
from electionboard.replay.desk_votes import parsed_votes
from electionboard.sources import FeedError, load_election
from electionboard.store import (
    DeskStore,
    DropNotConfirmed,
    EntryRejected,
    StoreError,
)
from electionboard.store.protocol import NOT_CHECKED
from electionboard.store.urls import PASSWORD_ON_COMMAND_LINE, holds_password

SAVED, REFUSED, USAGE = 0, 1, 2
"""Exit statuses: the action was saved (or the log printed), refused, misused."""

PROG = f"{APP_NAME} desk"
_NEEDS_FEED = frozenset({"enter", "call", "too-close"})
_READS_ONLY = frozenset({"log"})


class _UsageError(Exception):
    """The arguments cannot be understood; argparse's message, for stderr."""


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting, so a URL in a message can be redacted first."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


class _Refused(Exception):
    """The action was not done; the message is the one line for stderr."""


Args = argparse.Namespace
Feed = Election | None
"""The feed's snapshot, loaded only for actions that check against it."""
Action = Callable[[DeskStore, Args, Feed], list[str]]


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Do one operator desk action on the desk's store and print "
        "one line; exit 0 when saved, 1 when refused, 2 on a usage mistake.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="the data folder (SQLite)"
    )
    where.add_argument(
        "--store",
        metavar="LOCATION",
        help=f"a data folder or a database URL (default: ${STORE_VARIABLE}, "
        "which keeps a password off the command line)",
    )
    parser.add_argument("--operator", metavar="NAME", help="who does the action")
    parser.add_argument(
        "--feed",
        metavar="SOURCE",
        help="feed file or URL the figures are checked against "
        "(needed by enter, call and too-close)",
    )
    parser.add_argument(
        "--wait",
        type=_seconds,
        default=10.0,
        metavar="S",
        help="seconds to wait for another desk's write (default %(default)g)",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    enter = actions.add_parser("enter", help="save a precinct's figures")
    enter.add_argument("race")
    enter.add_argument("precinct")
    enter.add_argument("votes", nargs="+", metavar="CANDIDATE=VOTES")
    enter.add_argument(
        "--confirm-drop",
        action="store_true",
        help="save a total lower than the one recorded (a correction)",
    )
    seen = enter.add_mutually_exclusive_group()
    seen.add_argument(
        "--seen",
        type=_audit_id,
        metavar="ID",
        help="the audit id of the entry this desk showed: refuse, naming who "
        "entered what, if a colleague has saved another since",
    )
    seen.add_argument(
        "--expect-none",
        action="store_true",
        help="this desk showed no entry: refuse if a colleague has saved one",
    )
    call = actions.add_parser("call", help="call a race for the desk")
    call.add_argument("race")
    call.add_argument("candidates", nargs="+", metavar="CANDIDATE")
    call.add_argument(
        "--outcome",
        choices=[CallOutcome.WON.value, CallOutcome.ADVANCE.value],
        help="won or advance (default: what the race's rule calls for)",
    )
    too_close = actions.add_parser("too-close", help="declare a race too close")
    too_close.add_argument("race")
    retract = actions.add_parser("retract", help="withdraw the desk's call")
    retract.add_argument("race")
    release = actions.add_parser("release", help="hand a precinct back to the feed")
    release.add_argument("race")
    release.add_argument("precinct")
    for parsed in (enter, call, too_close, retract, release):
        parsed.add_argument("--note", default="", help="why, for the audit log")
    actions.add_parser("undo", help="undo the operator's latest action")
    actions.add_parser("redo", help="redo the operator's latest undone action")
    log = actions.add_parser("log", help="print the audit log, oldest first")
    log.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="PATH",
        help="the desk's CSV export instead, to PATH or stdout",
    )
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"must be 0 to 3600, got {text}")
    return value


def _audit_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an audit id: {text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"audit ids start at 1, got {text}")
    return value


def _seen(args: Args) -> int | None:
    """What the desk showed, as ``record_entry(seen=)`` takes it: by default
    unchecked, so a script that gives neither option behaves as before."""
    if args.expect_none:
        return None
    return NOT_CHECKED if args.seen is None else int(args.seen)


def _enter(store: DeskStore, args: Args, feed: Feed) -> list[str]:
    try:
        votes = parsed_votes(args.votes)
    except ValueError as error:
        raise _Refused(str(error)) from None
    record = store.record_entry(
        args.operator,
        args.race,
        args.precinct,
        votes,
        election=_feed(feed),
        note=args.note,
        confirm_drop=args.confirm_drop,
        seen=_seen(args),
    )
    return [saved_line(record)]


def _default_outcome(election: Election, race_id: str) -> CallOutcome:
    """A win where the rule elects, else who advances; the store checks it."""
    try:
        rule = election.race(race_id).rule
    except KeyError:
        return CallOutcome.WON  # the store refuses the unknown race by name
    return CallOutcome.WON if rule.elects else CallOutcome.ADVANCE


def _call(store: DeskStore, args: Args, feed: Feed) -> list[str]:
    election = _feed(feed)
    outcome = (
        CallOutcome(args.outcome)
        if args.outcome is not None
        else _default_outcome(election, args.race)
    )
    record = store.call_race(
        args.operator,
        args.race,
        outcome,
        args.candidates,
        election=election,
        note=args.note,
    )
    return [saved_line(record)]


def _too_close(store: DeskStore, args: Args, feed: Feed) -> list[str]:
    record = store.mark_too_close(
        args.operator, args.race, election=_feed(feed), note=args.note
    )
    return [saved_line(record)]


def _retract(store: DeskStore, args: Args, _: Feed) -> list[str]:
    return [saved_line(store.retract_call(args.operator, args.race, note=args.note))]


def _release(store: DeskStore, args: Args, _: Feed) -> list[str]:
    record = store.release_entry(
        args.operator, args.race, args.precinct, note=args.note
    )
    return [saved_line(record)]


def _undo(store: DeskStore, args: Args, _: Feed) -> list[str]:
    return [saved_line(store.undo(args.operator))]


def _redo(store: DeskStore, args: Args, _: Feed) -> list[str]:
    return [saved_line(store.redo(args.operator))]


def _log(store: DeskStore, args: Args, _: Feed) -> list[str]:
    if args.csv is None:
        return [log_line(record) for record in store.audit_log()]
    if args.csv != "-":
        path = Path(args.csv)
        count = store.export_audit_csv(path)
        return [f"exported {count} audit rows to {path}"]
    # The store's own export, so stdout has exactly the desk's columns.
    with tempfile.TemporaryDirectory(prefix="electionboard-desk-") as folder:
        path = Path(folder) / "audit.csv"
        store.export_audit_csv(path)
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return []


def _feed(feed: Feed) -> Election:
    if feed is None:  # run_desk loads it for every action in _NEEDS_FEED
        raise _Refused("this action needs the feed")
    return feed


_ACTIONS: Mapping[str, Action] = {
    "enter": _enter,
    "call": _call,
    "too-close": _too_close,
    "retract": _retract,
    "release": _release,
    "undo": _undo,
    "redo": _redo,
    "log": _log,
}


def _say(status: int, message: str) -> int:
    """Write one redacted line to stderr; ``status`` back."""
    label = "refused" if status == REFUSED else "error"
    text = one_line(redacted(message)) or "failed"
    sys.stderr.write(f"{PROG}: {label}: {text}\n")
    return status


def _locked(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


def _refusal(error: Exception) -> str:
    if isinstance(error, DropNotConfirmed):
        return f"{error}; give --confirm-drop to save a correction"
    if isinstance(error, sqlite3.OperationalError) and _locked(error):
        # Opening takes the write lock to check the schema, and says so raw.
        return "the desk data is busy at another desk; nothing was saved, try again"
    if isinstance(error, sqlite3.Error):
        return f"the desk store failed: {error}"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"could not use {where}{error.strerror or error}"
    return str(error)


def run_desk(argv: Sequence[str], environment: Mapping[str, str] | None = None) -> int:
    """``electionboard desk``: one action, one line; the exit status says how it went.

    Args:
        argv: the arguments after ``desk``.
        environment: where ``ELECTIONBOARD_STORE`` is read (default: the
            process's environment), so tests need not change it.
    """
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        sys.stderr.write(redacted(str(error)).rstrip("\n") + "\n")
        return USAGE
    if args.store and holds_password(args.store):
        return _say(USAGE, PASSWORD_ON_COMMAND_LINE)
    env = os.environ if environment is None else environment
    location = chosen_location(args.store, args.data_dir, env)
    if location is None:
        return _say(
            USAGE, f"give --data-dir DIR or --store LOCATION, or set {STORE_VARIABLE}"
        )
    if args.action not in _READS_ONLY and not args.operator:
        return _say(USAGE, f"{args.action} needs --operator NAME for the audit log")
    feed: Feed = None
    if args.action in _NEEDS_FEED:
        if not args.feed:
            return _say(
                USAGE, f"{args.action} checks against the feed: give --feed SOURCE"
            )
        try:
            feed = load_election(args.feed)
        except FeedError as error:
            return _say(REFUSED, f"the feed could not be read: {error}")
    try:
        store = open_location(location, busy_timeout=args.wait)
    except (StoreError, OSError, sqlite3.Error) as error:
        return _say(REFUSED, _refusal(error))
    try:
        lines = _ACTIONS[args.action](store, args, feed)
    except _Refused as error:
        return _say(REFUSED, str(error))
    except (EntryRejected, StoreError, OSError, sqlite3.Error) as error:
        return _say(REFUSED, _refusal(error))
    finally:
        store.close()
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return SAVED
