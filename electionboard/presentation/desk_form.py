"""The entry form's rules and words, without Qt, so they are tested bare."""

from __future__ import annotations

from collections.abc import Mapping

from electionboard.model.election import Election, Precinct
from electionboard.model.overlay import EntryRejected, check_entry
from electionboard.presentation.desk_wording import NameBook
from electionboard.presentation.text import plain
from electionboard.store import ManualEntry
from electionboard.store.returns_csv import whole_number


def merge_rule(*, release_when_feed_reports: bool) -> str:
    """The merge rule in one or two sentences, as the panel and guide state it."""
    rule = (
        "Manual figures replace the feed's for that precinct on the board "
        "until you release them"
    )
    if release_when_feed_reports:
        return rule + ", or until the feed reports the precinct itself."
    return rule + "."


def check_form(
    election: Election, race_id: str, precinct_id: str, texts: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    """The figures typed, and a message per field that breaks a rule.

    The same checks as the store's (``check_entry``), plus the one only a form
    needs: text that is not a whole number. Drops are left to the store, which
    knows the total recorded at the moment of saving.
    """
    votes: dict[str, int] = {}
    problems: dict[str, str] = {}
    for candidate_id, text in texts.items():
        if not text.strip():
            continue  # check_entry says it is missing
        try:
            votes[candidate_id] = whole_number(text)
        except ValueError as error:
            problems[f"votes.{candidate_id}"] = str(error)
    # An unreadable figure counts as 0 here, so the other rules still speak.
    stand_in = {c: votes.get(c, 0) for c, text in texts.items() if text.strip()}
    try:
        check_entry(election, race_id, precinct_id, stand_in, confirm_drop=True)
    except EntryRejected as error:
        for key, text in error.problems.items():
            problems.setdefault(key, text)
    return votes, problems


def precinct_facts(
    precinct: Precinct | None, entry: ManualEntry | None, names: NameBook | None = None
) -> str:
    """The line under the pickers: voters, the feed's figures, the entry.

    Times are on the clock of ``names`` (the election's).
    """
    book = names or NameBook()
    if precinct is None:
        return "Pick a race and a precinct; the fields follow the ballot order."
    registered = (
        "registered voters unknown"
        if precinct.registered_voters is None
        else f"{precinct.registered_voters:,} registered"
    )
    feed = f"feed: {sum(precinct.votes):,} votes"
    if not precinct.reporting:
        feed += " (not reporting)"
    parts = [registered, feed]
    if entry is not None and entry.problem is not None:
        parts.append(
            f"INVALID MANUAL ENTRY, left off the board ({entry.problem}) by "
            f"{plain(entry.operator)} at {book.clock(entry.at, seconds=True)}: save a "
            "correction or release it"
        )
    elif entry is not None:
        parts.append(
            f"MANUAL: {sum(entry.votes.values()):,} votes by "
            f"{plain(entry.operator)} at {book.clock(entry.at, seconds=True)}"
        )
    return " · ".join(parts)


def invalid_entries_text(
    entries: Mapping[tuple[str, str], ManualEntry], names: NameBook | None = None
) -> str:
    """The desk's warning about saved entries the board leaves out, or ''.

    A database written before the figures were bounded may hold a figure the
    rules now refuse; the operator must hear of it rather than see it vanish.
    Races and precincts are named by ``names`` (their ids without them).
    """
    bad = sorted(key for key, entry in entries.items() if entry.problem is not None)
    if not bad:
        return ""
    book = names or NameBook()
    listed = "; ".join(
        f"{book.subject(*key)}: {entries[key].problem}" for key in bad[:5]
    )
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    noun = "entry is" if len(bad) == 1 else "entries are"
    return (
        f"{len(bad)} saved manual {noun} invalid and left off the board: "
        f"{listed}{more}. Save a correction or release it."
    )
