"""The words each race kind airs with: rules, thresholds, measures, seats."""

from __future__ import annotations

from fractions import Fraction

from electionboard.model import (
    MAJORITY,
    MeasureResult,
    RaceStandings,
    Rule,
    Threshold,
    percent_text,
)
from electionboard.presentation.text import plain

_NUMBER_WORDS = {
    1: "ONE",
    2: "TWO",
    3: "THREE",
    4: "FOUR",
    5: "FIVE",
    6: "SIX",
    7: "SEVEN",
    8: "EIGHT",
    9: "NINE",
}


def number_word(count: int) -> str:
    """'FOUR' for 4; digits past nine."""
    return _NUMBER_WORDS.get(count, f"{count:,}")


def share_words(threshold: Threshold) -> str:
    """'60%', 'TWO-THIRDS', 'A MAJORITY': a threshold's share for air."""
    if threshold == MAJORITY:
        return "A MAJORITY"
    if threshold.share == Fraction(2, 3):
        return "TWO-THIRDS"
    return percent_text(threshold.share)


def needed_words(threshold: Threshold) -> str:
    """'60%' for at-least-60%, 'OVER 30%' for more-than-30%."""
    words = share_words(threshold)
    if threshold.at_least or threshold == MAJORITY:
        return words
    return f"OVER {words}"


RANKED_CHOICE_RULE = "RANKED-CHOICE · A MAJORITY OF CONTINUING VOTES WINS"
"""A ranked-choice race's rule, wherever the board names a race's rule."""


def rule_words(standings: RaceStandings) -> str:
    """The header's rule line for any kind of race."""
    race = standings.race
    measure = race.measure
    if measure is not None:
        choice = _choice_name(standings)
        return f"BALLOT MEASURE · {choice} NEEDS {needed_words(measure.threshold)}"
    if race.ranked_choice is not None:
        return RANKED_CHOICE_RULE
    words = _candidate_rule(race.rule)
    if standings.uncontested and race.candidates:
        return f"UNCONTESTED · {words}"
    return words


def _candidate_rule(rule: Rule) -> str:
    """The rule as a viewer would say it: "TOP TWO ADVANCE · A MAJORITY WINS
    OUTRIGHT", not the feed's terms."""
    places = number_word(rule.places)
    if rule.outright is not None:
        share = (
            "A MAJORITY" if rule.outright == MAJORITY else needed_words(rule.outright)
        )
        if rule.places == 1:
            return f"{share} WINS OUTRIGHT"
        return f"TOP {places} ADVANCE · {share} WINS OUTRIGHT"
    if rule.seats == 1:
        return "MOST VOTES WINS"
    if rule.seats is not None:
        return f"{places} SEATS · TOP {places} ELECTED"
    return f"TOP {places} ADVANCE TO THE GENERAL ELECTION"


_PARTY_WORDS = {
    "DEM": "DEMOCRATIC PRIMARY",
    "REP": "REPUBLICAN PRIMARY",
    "LIB": "LIBERTARIAN PRIMARY",
    "GRN": "GREEN PRIMARY",
}


def party_words(party: str) -> str:
    """The header's one party label for a one-party race: 'DEMOCRATIC PRIMARY'."""
    return _PARTY_WORDS.get(party, f"{plain(party).upper()} PRIMARY")


def _choice_name(standings: RaceStandings) -> str:
    measure = standings.race.measure
    assert measure is not None
    for candidate in standings.race.candidates:
        if candidate.id == measure.passes_with:
            return plain(candidate.name).upper()
    return "YES"


def measure_headline(standings: RaceStandings) -> str | None:
    """'PASSES · NEEDED 60%' / 'FAILS · NEEDED 60%' once the verdict is in."""
    measure = standings.race.measure
    if measure is None:
        return None
    needed = needed_words(measure.threshold)
    if standings.measure_result is MeasureResult.PASSES:
        return f"PASSES · NEEDED {needed}"
    if standings.measure_result is MeasureResult.FAILS:
        return f"FAILS · NEEDED {needed}"
    return None


def measure_decided_detail(standings: RaceStandings, outstanding: str) -> str:
    """'Yes 63.6%, needed at least 60% · Final count': short enough for air."""
    measure = standings.race.measure
    assert measure is not None
    share = _choice_share(standings)
    name = _choice_name(standings).capitalize()
    rest = "Final count" if standings.race.final else outstanding
    return f"{name} {share:.1f}%, needed {measure.threshold.describe()} · {rest}"


def _choice_share(standings: RaceStandings) -> float:
    measure = standings.race.measure
    assert measure is not None
    for line in standings.candidates:
        if line.candidate.id == measure.passes_with:
            return line.share
    return 0.0


def measure_pending_detail(standings: RaceStandings, outstanding: str) -> str:
    """'Yes 57.0%, needs at least 60%; 12,000 votes outstanding'."""
    measure = standings.race.measure
    assert measure is not None
    share = _choice_share(standings)
    name = _choice_name(standings).capitalize()
    return f"{name} {share:.1f}%, needs {measure.threshold.describe()}; {outstanding}"


def elected_headline(names: list[str]) -> str:
    """'ELECTED: A, B, C' for a vote-for-N race."""
    return "ELECTED: " + ", ".join(names)


def open_seats_words(standings: RaceStandings, elected: int) -> str:
    """'1 seat still open · ' while fewer than the seats are elected, else ''.

    On the banner's second line, so the names keep the headline's room.
    """
    seats = standings.race.rule.seats or 1
    open_seats = seats - elected
    if seats == 1 or open_seats <= 0:
        return ""
    plural = "s" if open_seats > 1 else ""
    return f"{open_seats} seat{plural} still open · "


def mark_share(standings: RaceStandings) -> float | None:
    """Where the threshold mark goes, as a percentage of the vote (or None)."""
    race = standings.race
    if race.measure is not None:
        threshold = race.measure.threshold
    elif race.rule.outright is not None and not standings.uncontested:
        threshold = race.rule.outright
    else:
        return None
    return float(threshold.share * 100)


def mark_label(standings: RaceStandings) -> str:
    """The threshold mark's label: '60% TO PASS', 'OVER 30% WINS OUTRIGHT'."""
    race = standings.race
    if race.measure is not None:
        return f"{needed_words(race.measure.threshold)} TO PASS"
    if race.rule.outright is not None:
        outright = race.rule.outright
        if outright == MAJORITY:
            return "MAJORITY"
        return f"{needed_words(outright)} WINS"
    return ""
