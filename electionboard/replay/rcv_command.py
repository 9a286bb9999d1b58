"""The ``rcv`` command: tabulate a ranked-ballot file and print its rounds.

Headless, for a desk checking a jurisdiction's published table against its
cast vote records: the ballots are read by ``sources`` and counted by
``model.tabulate_rcv``; this module only parses options and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from electionboard import APP_NAME
from electionboard.model import OvervoteRule, RcvRules, RcvTabulation, tabulate_rcv
from electionboard.model.report import printable, tabulation_to_dict
from electionboard.sources import FeedError, FetchRequest, fetch
from electionboard.sources.rcv_ballots import parse_rcv_ballots


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} rcv",
        description="Tabulate a ranked-choice contest from a ranked-ballot CSV "
        "(count,rank1,...,rankK; see docs/feed-format.md) and print its rounds.",
    )
    parser.add_argument("ballots", metavar="BALLOTS", help="CSV file path or URL")
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"rounds": [...], "winners": [...]} instead of the table',
    )
    parser.add_argument(
        "--overvote",
        choices=[rule.value for rule in OvervoteRule],
        default=OvervoteRule.EXHAUST_IMMEDIATELY.value,
        help="what an overvoted ranking does (default %(default)s)",
    )
    parser.add_argument(
        "--max-skipped",
        type=_count,
        metavar="K",
        help="exhaust a ballot at more than K consecutive skipped rankings "
        "(default: skip any number)",
    )
    parser.add_argument(
        "--batch-elimination",
        action="store_true",
        help="eliminate at once every candidate who cannot catch up",
    )
    parser.add_argument(
        "--continue-until-two",
        action="store_true",
        help="keep eliminating until two candidates remain (San Francisco, NYC)",
    )
    parser.add_argument(
        "--seed",
        type=_count,
        default=0,
        metavar="N",
        help="random seed for ties broken by lot (default %(default)s)",
    )
    return parser


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text}")
    return int(text)


def run_rcv(argv: Sequence[str]) -> int:
    """``electionboard rcv``: the round table as text or JSON."""
    args = _parser().parse_args(argv)
    rules = RcvRules(
        overvote_rule=OvervoteRule(args.overvote),
        max_skipped_rankings=args.max_skipped,
        batch_elimination=args.batch_elimination,
        continue_until_two_remain=args.continue_until_two,
        random_seed=args.seed,
    )
    try:
        data = fetch(FetchRequest(args.ballots)).data
        ballots = parse_rcv_ballots(data)
        tabulation = tabulate_rcv(ballots.ballots, ballots.candidates, rules)
    except (FeedError, ValueError) as error:
        return _fail(str(error))
    if args.json:
        json.dump(tabulation_to_dict(tabulation), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(round_table(tabulation) + "\n")
    return 0


def round_table(tabulation: RcvTabulation) -> str:
    """Rounds as columns, candidates as rows (last standing first), for terminals."""
    rounds = tabulation.rounds
    last_seen: dict[str, tuple[int, int]] = {}
    notes: dict[str, str] = {}
    for number, ranked in enumerate(rounds, start=1):
        for candidate, votes in ranked.tallies:
            last_seen[candidate] = (number, votes)
        for candidate in ranked.eliminated:
            notes[candidate] = f"eliminated in round {number}"
        for candidate in ranked.elected:
            notes[candidate] = f"elected in round {number}"
    order = sorted(last_seen, key=lambda c: (-last_seen[c][0], -last_seen[c][1]))
    names = {candidate: printable(candidate) for candidate in order}
    width = max([len("Continuing"), *(len(name) for name in names.values())])
    cells = [
        max(len(f"Round {n}"), len(f"{tabulation.ballots:,}"))
        for n in range(1, len(rounds) + 1)
    ]

    def line(label: str, values: Sequence[str], note: str = "") -> str:
        row = "  ".join(
            f"{value:>{size}}" for value, size in zip(values, cells, strict=True)
        )
        return f"{label:<{width}}  {row}  {note}".rstrip()

    lines = [
        f"Ranked-choice tabulation: {tabulation.ballots:,} ballots, "
        f"{len(rounds)} round{'s' if len(rounds) != 1 else ''}",
        line("", [f"Round {n}" for n in range(1, len(rounds) + 1)]),
    ]
    for candidate in order:
        values = []
        for ranked in rounds:
            held = ranked.votes_of(candidate)
            values.append("-" if held is None else f"{held:,}")
        lines.append(line(names[candidate], values, notes.get(candidate, "")))
    lines.append(line("Inactive", [f"{r.inactive:,}" for r in rounds]))
    lines.append(line("Continuing", [f"{r.continuing_votes:,}" for r in rounds]))
    winners = ", ".join(printable(w) for w in tabulation.winners) or "none"
    lines.append(f"Winner: {winners}")
    return "\n".join(lines)


def _fail(message: str) -> int:
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{APP_NAME}: error: {first_line}\n")
    return 2
