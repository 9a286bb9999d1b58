"""How the desk words actions and values; plain functions, no screen."""

from __future__ import annotations

import dataclasses
import datetime as dt

from electionboard.model import CallOutcome
from electionboard.presentation.desk_form import invalid_entries_text, precinct_facts
from electionboard.presentation.desk_wording import (
    NameBook,
    call_text,
    joined,
    record_text,
    step_text,
    value_text,
)
from electionboard.store import ActionKind, AuditRecord, ManualEntry
from tests.store.desk import night

NAMES = NameBook.of(night())
AT = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)


def row(
    id_: int, kind: ActionKind, precinct: str | None, batch: int | None = None
) -> AuditRecord:
    return AuditRecord(
        id_, AT, "Ann", kind, "mayor", precinct, None, None, "x.csv", None, batch
    )


def test_values_read_as_figures_or_calls() -> None:
    entry = '{"note":"","votes":{"a":1200,"b":3,"zed":1}}'
    assert value_text(entry, "mayor", NAMES) == "Ana 1,200 · Bo 3 · zed 1 (total 1,204)"
    call = '{"candidate_ids":["a","b"],"outcome":"advance"}'
    assert value_text(call, "mayor", NAMES) == "Ana and Bo advance"
    assert value_text(None, "mayor", NAMES) == ""


def test_calls_and_lists_read_as_sentences() -> None:
    assert call_text(CallOutcome.WON, ["a"], "mayor", NAMES) == "Ana wins"
    assert call_text(CallOutcome.ADVANCE, ["c"], "mayor", NAMES) == "Cy advances"
    assert call_text(CallOutcome.TOO_CLOSE, [], "mayor", NAMES) == "too close to call"
    assert joined(["A", "B", "C"]) == "A, B and C"


def test_an_undo_step_names_an_action_or_a_whole_import() -> None:
    assert record_text(row(1, ActionKind.RETRACT, None), NAMES) == "retraction Mayor"
    one = (row(4, ActionKind.ENTRY, "p1"),)
    assert step_text(one, NAMES) == "entry Mayor · Precinct 1"
    batch = (row(5, ActionKind.ENTRY, "p1", 5), row(6, ActionKind.ENTRY, "p2", 5))
    assert step_text(batch, NAMES) == "import of 2 precincts (x.csv)"
    assert step_text((), NAMES) == ""


def test_the_precinct_line_tells_voters_feed_and_entry() -> None:
    precinct = night().race("mayor").precincts[1]
    assert precinct_facts(precinct, None) == (
        "500 registered · feed: 0 votes (not reporting)"
    )
    assert precinct_facts(None, None).startswith("Pick a race")


def test_names_are_plain_and_unknown_ids_stand_in() -> None:
    election = night()
    race = election.races[0]
    hostile = dataclasses.replace(
        race,
        name="Mayor\x1b[31m\n of\tTown",
        candidates=(
            dataclasses.replace(race.candidates[0], name="Ann\u2028 Lee"),
            *race.candidates[1:],
        ),
    )
    book = NameBook.of(dataclasses.replace(election, races=(hostile,)))
    assert book.race(race.id) == "Mayor [31m of Town"
    assert book.candidate(race.id, race.candidates[0].id) == "Ann Lee"
    assert book.precinct(race.id, race.precincts[0].id) == race.precincts[0].name
    assert book.precinct(race.id, "no-such\x00precinct") == "no-such precinct"
    assert book.race("no\nrace") == "no race"
    assert NameBook.of(None).candidate("r", "c") == "c"


def test_the_invalid_entries_warning_names_races_and_precincts() -> None:
    bad = ManualEntry("mayor", "p2", {}, "", "Ann", AT, 7, problem="a negative figure")
    entries = {("mayor", "p2"): bad}
    text = invalid_entries_text(entries, NAMES)
    assert "Mayor · Precinct 2: a negative figure" in text
    assert "mayor" not in text
    assert "mayor · p2" in invalid_entries_text(entries)  # without names: the ids
