#!/usr/bin/env python3
"""Write the bundled sample night: the June 7, 2022 Los Angeles primary.

Two races: the mayor's, and City Council District 1 on the 20 synthetic
precincts of its neighborhoods (``DISTRICTS``).  Other city races are left
out until every candidate's certified count is sourced (README).

Writes ``resources/samples/la2022/NN.json`` (one complete ``electionboard/1``
document per results update, minified) and ``index.json`` listing them in
order with the time of each update.

What is real and what is synthesized (see resources/samples/README.md for the
sources):

* Real: the candidates, the three withdrawals, the certified city-wide totals
  (July 1, 2022), the city's registered voters, and the city-wide percentages
  reported at each waypoint (first bulletin, semi-final, the June 10, 14 and 21
  updates).  The snapshots at those waypoints hit the reported figures.
* Synthesized: the precincts (ids, names, sizes, leans), how every city-wide
  total is split across them, the exact minute of each update, the AP call's
  minute, the totals between waypoints, and the city's share of the county's
  uncounted ballots.

Stdlib only and deterministic: every random choice comes from one seeded
``random.Random``; running it twice gives byte-identical files.

Usage: python3 scripts/make_la2022_sample.py [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NotRequired, TypedDict


# --------------------------------------------------------------------------
# Types: the ``electionboard/1`` document and the generator's working data
# --------------------------------------------------------------------------
class Election(TypedDict):
    id: str
    name: str
    date: str
    time_zone: str


class Call(TypedDict):
    outcome: str
    candidates: list[str]
    by: str
    at: str


class CandidateEntry(TypedDict):
    id: str
    name: str
    party: NotRequired[str]
    ballot_order: int
    incumbent: bool
    withdrawn: bool


class PrecinctEntry(TypedDict):
    id: str
    name: str
    registered_voters: int
    reporting: bool
    votes: dict[str, int]


class Race(TypedDict):
    id: str
    name: str
    office: str
    seat: NotRequired[str]
    state: str
    advance: NotRequired[int]
    majority_wins: bool
    final: bool
    registered_voters: int
    remaining_ballots: int
    candidates: list[CandidateEntry]
    precincts: list[PrecinctEntry]
    call: NotRequired[Call]


class Document(TypedDict):
    format: str
    election: Election
    updated: str
    races: list[Race]


class IndexEntry(TypedDict):
    file: str
    at: str


class PrecinctDraft(TypedDict):
    """A synthetic precinct before its id and registered voters are assigned."""

    name: str
    hood: str
    size: float
    x: float
    latino: float
    prog: float
    turnout: float
    boosts: dict[str, float]


class Precinct(PrecinctDraft):
    id: str
    registered: int
    pref: dict[str, float]


class State(TypedDict):
    """The count at one update: per-precinct cumulative votes and flags."""

    votes: list[dict[str, int]]
    reporting: list[bool]
    remaining: int
    call: Call | None
    final: bool


Snapshot = tuple[str, State]  # (time with offset, state)
# name, weight, x, latino, prog, turnout factor, boosts (see NEIGHBORHOODS)
Neighborhood = tuple[str, float, float, float, float, float, dict[str, float]]
# time, city total, fixed percentages, county outstanding (see CANVASS)
CanvassStep = tuple[str, int, dict[str, float] | None, int | None]


SEED = 20220607
FORMAT_ID = "electionboard/1"
ELECTION: Election = {
    "id": "la-2022-primary",
    "name": "Los Angeles Primary Nominating Election",
    "date": "2022-06-07",
    "time_zone": "America/Los_Angeles",
}
RACE_ID = "la-mayor"
RACE_NAME = "Mayor of Los Angeles"

# City of Los Angeles registered voters (Wikipedia, "2022 Los Angeles mayoral
# election" infobox; see README for the caveat that this is the figure the
# article gives for the 2022 cycle).
CITY_REGISTERED = 2_120_515
PRECINCT_COUNT = 250

# --------------------------------------------------------------------------
# Candidates.  Ballot order: the real order could not be verified, so this is
# alphabetical by surname ("de León" under D, "Gruenenfelder Smith" under G).
# Party: registration only where a source supports it (see README).
# --------------------------------------------------------------------------
CANDIDATES: list[tuple[str, str, str | None, bool]] = [
    # id, name, party, withdrawn
    ("bass", "Karen Bass", "DEM", False),
    ("buscaino", "Joe Buscaino", "DEM", True),
    ("caruso", "Rick Caruso", "DEM", False),
    ("deleon", "Kevin de León", "DEM", False),
    ("feuer", "Mike Feuer", "DEM", True),
    ("greiwe", "Craig Greiwe", None, False),
    ("smith", "Alex Gruenenfelder Smith", None, False),
    ("jackson", 'John "Jsamuel" Jackson', None, False),
    ("kim", "Andrew Kim", None, False),
    ("varma", "Ramit Varma", None, True),
    ("viola", "Gina Viola", None, False),
    ("wilson", "Mel Wilson", None, False),
]
IDS = [c[0] for c in CANDIDATES]

# Certified July 1, 2022 (LA County Registrar-Recorder/County Clerk), city of
# Los Angeles mayoral primary.  The 12 write-in votes are not a candidate here,
# so the candidate sum is 646,046 against the official 646,058.
CERTIFIED = {
    "bass": 278_511,
    "caruso": 232_490,
    "deleon": 50_372,
    "viola": 44_341,
    "feuer": 12_087,
    "kim": 9_405,
    "smith": 6_153,
    "buscaino": 4_485,
    "greiwe": 2_439,
    "wilson": 2_336,
    "varma": 1_916,
    "jackson": 1_511,
}
FINAL_TOTAL = sum(CERTIFIED.values())  # 646,046
MAJOR = ("bass", "caruso", "deleon", "viola")
MINOR = tuple(c for c in IDS if c not in MAJOR)

# --------------------------------------------------------------------------
# The timeline.  Times are America/Los_Angeles (PDT, -07:00).
#   phase "zero"     polls just closed, nothing counted
#   phase "vbm"      the first bulletin: mail ballots received through June 6
#   phase "night"    vote-center ballots, precinct by precinct, to the
#                    semi-final count at about 2 a.m. June 8
#   phase "canvass"  post-election updates of late mail ballots
# "total" is the city-wide number of mayoral votes counted at that update.
# "fixed" holds the percentages reported at the time (the snapshot must round
# to them); for the first bulletin and the semi-final, Bass's and Caruso's
# vote counts themselves are fixed.
# --------------------------------------------------------------------------
TZ = "-07:00"
T_FIRST = 222_826  # 90,579 / 40.65% and 85,164 / 38.22%
T_SEMI = 315_775  # 133,059 / 42.14% and 116,688 / 36.95%

NIGHT_TIMES = [  # (time, cumulative share of precincts reporting)
    ("2022-06-07T21:00:00", 0.08),
    ("2022-06-07T21:30:00", 0.18),
    ("2022-06-07T22:00:00", 0.30),
    ("2022-06-07T22:30:00", 0.42),
    ("2022-06-07T23:00:00", 0.53),
    ("2022-06-07T23:30:00", 0.63),
    ("2022-06-08T00:00:00", 0.72),
    ("2022-06-08T00:30:00", 0.81),
    ("2022-06-08T01:00:00", 0.89),
    ("2022-06-08T01:30:00", 0.95),
    ("2022-06-08T02:05:00", 1.00),  # semi-final official canvass
]

# The AP projected the Bass-Caruso runoff on election night, on the early mail
# tally (about 41% to 38%).  The minute is not published in what we found; it
# is put between the first bulletin and the 9:30 p.m. update.
AP_CALL: Call = {
    "outcome": "advance",
    "candidates": ["bass", "caruso"],
    "by": "AP",
    "at": "2022-06-07T21:20:00" + TZ,
}

# County-wide ballots still to count, as the Registrar published them, used
# from the point where they bound the city's final total (see README).
CITY_SHARE_OF_COUNTY_BALLOTS = (
    FINAL_TOTAL / 1_619_797
)  # mayoral votes per county ballot
# Before June 21 the published county estimates were below what eventually
# arrived (ballots postmarked by election day were accepted through June 14),
# so the sample uses the hindsight figure: everything not yet counted, plus
# about 3% for ballots that skip the mayor's race or are rejected.
EXPECTED_CITY_BALLOTS = 665_400

CANVASS: list[CanvassStep] = [
    # time, city total, fixed percentages, county outstanding (None = hindsight)
    (
        "2022-06-10T17:00:00",
        383_940,
        {"caruso": 40.5, "bass": 38.8, "deleon": 7.6},
        None,
    ),
    (
        "2022-06-14T17:00:00",
        494_800,
        {"bass": 41.05, "caruso": 38.29, "deleon": 7.77, "viola": 6.05},
        None,
    ),
    ("2022-06-17T17:00:00", 586_700, {}, None),
    ("2022-06-21T17:00:00", 643_500, {"bass": 43.14, "caruso": 35.98}, 13_790),
    ("2022-06-24T17:00:00", 645_700, {}, 7_062),
    ("2022-06-28T17:00:00", 645_930, {}, 6_491),
    ("2022-07-01T17:00:00", FINAL_TOTAL, None, 0),  # certified
]

# --------------------------------------------------------------------------
# Synthetic geography: neighborhoods with a lean.  Columns:
#   name, weight (share of the city's voters), x (+ Bass / - Caruso),
#   latino (de León), prog (Viola / progressive late mail), turnout factor,
#   boosts for minor candidates with a local base.
# Leans are invented to be plausible (South LA for Bass, the Valley and the
# wealthy Westside for Caruso, the Eastside for de León, the Harbor for
# Buscaino, Koreatown for Kim); they are not precinct results.
# --------------------------------------------------------------------------
FEUER: dict[str, float] = {"feuer": 1.8}
HARBOR: dict[str, float] = {"buscaino": 3.5}
VALLEY: dict[str, float] = {"wilson": 1.4}
NEIGHBORHOODS: list[Neighborhood] = [
    # South LA
    ("Baldwin Hills", 1.0, 0.95, 0.1, 0.3, 1.15, {}),
    ("Leimert Park", 1.0, 0.95, 0.15, 0.4, 1.1, {"jackson": 1.5}),
    ("Crenshaw", 1.2, 0.9, 0.3, 0.3, 0.95, {"jackson": 1.5}),
    ("Hyde Park", 1.0, 0.85, 0.45, 0.2, 0.85, {}),
    ("View Park Edge", 0.6, 0.9, 0.15, 0.3, 1.1, {}),
    ("Vermont Square", 1.1, 0.7, 0.7, 0.2, 0.7, {}),
    ("Exposition Park", 0.8, 0.6, 0.6, 0.4, 0.65, {}),
    ("Jefferson Park", 1.0, 0.75, 0.45, 0.5, 0.9, {}),
    ("West Adams", 1.2, 0.75, 0.45, 0.55, 0.95, {}),
    ("Harvard Park", 0.8, 0.7, 0.65, 0.2, 0.7, {}),
    ("Manchester Square", 0.7, 0.8, 0.4, 0.2, 0.85, {}),
    ("Vermont Knolls", 0.8, 0.75, 0.6, 0.2, 0.75, {}),
    ("South Park", 0.9, 0.55, 0.85, 0.2, 0.55, {}),
    ("Florence", 0.8, 0.55, 0.85, 0.2, 0.55, {}),
    ("Watts", 1.0, 0.6, 0.75, 0.15, 0.55, {"buscaino": 1.6}),
    ("Green Meadows", 0.7, 0.65, 0.7, 0.15, 0.6, {}),
    ("Vermont Vista", 0.7, 0.7, 0.6, 0.15, 0.7, {}),
    ("Mid-City", 1.3, 0.6, 0.4, 0.55, 0.95, {}),
    ("Arlington Heights", 0.8, 0.55, 0.6, 0.45, 0.8, {}),
    # Central / Eastside
    ("Koreatown", 1.6, 0.25, 0.55, 0.45, 0.65, {"kim": 4.0}),
    ("Westlake", 1.1, 0.3, 0.85, 0.4, 0.5, {}),
    ("Pico-Union", 0.9, 0.3, 0.9, 0.35, 0.5, {}),
    ("Downtown", 1.0, 0.2, 0.35, 0.55, 0.75, {"greiwe": 1.4}),
    ("Chinatown", 0.5, 0.2, 0.4, 0.4, 0.7, {}),
    ("Boyle Heights", 1.6, 0.25, 0.95, 0.45, 0.65, {}),
    ("El Sereno", 1.1, 0.2, 0.9, 0.45, 0.8, {}),
    ("Lincoln Heights", 0.9, 0.2, 0.9, 0.45, 0.65, {}),
    ("Highland Park", 1.3, 0.45, 0.65, 0.9, 0.95, {"smith": 1.3}),
    ("Cypress Park", 0.6, 0.35, 0.8, 0.7, 0.8, {}),
    ("Glassell Park", 0.8, 0.4, 0.65, 0.85, 0.95, {"smith": 1.3}),
    ("Mount Washington", 0.6, 0.5, 0.45, 0.9, 1.1, {"smith": 1.3}),
    ("Eagle Rock", 1.2, 0.5, 0.4, 0.9, 1.15, {"smith": 1.3}),
    ("Echo Park", 1.1, 0.5, 0.55, 1.0, 0.95, {"smith": 1.4}),
    ("Silver Lake", 1.3, 0.55, 0.3, 1.0, 1.1, {"smith": 1.4, "greiwe": 1.3}),
    ("Los Feliz", 1.1, 0.45, 0.2, 0.9, 1.15, {"greiwe": 1.3}),
    ("Atwater Village", 0.7, 0.45, 0.35, 0.9, 1.1, {}),
    ("East Hollywood", 1.0, 0.35, 0.45, 0.85, 0.75, {}),
    ("Hollywood", 1.5, 0.3, 0.3, 0.8, 0.85, {"greiwe": 1.3}),
    ("Larchmont", 0.5, 0.05, 0.1, 0.45, 1.25, FEUER),
    ("Hancock Park", 0.7, -0.35, 0.05, 0.25, 1.3, FEUER),
    ("Mid-Wilshire", 1.0, 0.15, 0.2, 0.5, 1.05, {"kim": 1.6, "feuer": 1.4}),
    ("Fairfax", 1.1, -0.25, 0.05, 0.45, 1.2, {"feuer": 2.2}),
    # Westside
    ("Pico-Robertson", 0.8, -0.35, 0.05, 0.35, 1.2, {"feuer": 2.2}),
    ("Beverlywood", 0.5, -0.4, 0.05, 0.3, 1.3, {"feuer": 2.0}),
    ("Cheviot Hills", 0.6, -0.5, 0.05, 0.3, 1.35, {"feuer": 2.0}),
    ("Century City", 0.6, -0.6, 0.05, 0.2, 1.3, FEUER),
    ("Westwood", 1.1, -0.2, 0.1, 0.6, 1.0, FEUER),
    ("Bel Air", 0.5, -0.85, 0.03, 0.15, 1.4, {}),
    ("Brentwood", 1.0, -0.75, 0.05, 0.3, 1.4, FEUER),
    ("Pacific Palisades", 1.0, -0.85, 0.03, 0.2, 1.5, {}),
    ("Sawtelle", 0.8, -0.05, 0.15, 0.6, 1.0, {}),
    ("Palms", 1.1, 0.2, 0.3, 0.75, 0.9, {}),
    ("Mar Vista", 1.1, 0.15, 0.25, 0.8, 1.1, {}),
    ("Venice", 1.1, 0.15, 0.2, 0.95, 1.1, {"smith": 1.3}),
    ("Del Rey", 0.6, 0.05, 0.5, 0.5, 1.0, {}),
    ("Playa Vista", 0.6, -0.3, 0.1, 0.4, 1.15, {}),
    ("Playa del Rey", 0.5, -0.45, 0.1, 0.3, 1.25, {}),
    ("Westchester", 1.2, -0.1, 0.2, 0.35, 1.2, {}),
    # Harbor
    ("Harbor Gateway", 0.8, 0.3, 0.55, 0.15, 0.75, HARBOR),
    ("Harbor City", 0.7, -0.2, 0.55, 0.15, 0.85, HARBOR),
    ("Wilmington", 1.1, 0.0, 0.9, 0.15, 0.65, {"buscaino": 3.0}),
    ("San Pedro", 1.5, -0.5, 0.35, 0.2, 1.15, {"buscaino": 4.5}),
    # San Fernando Valley
    ("Studio City", 1.1, -0.45, 0.1, 0.4, 1.3, {"feuer": 1.8, "wilson": 1.4}),
    ("Sherman Oaks", 1.6, -0.55, 0.1, 0.35, 1.3, {"feuer": 2.0, "wilson": 1.4}),
    ("Encino", 1.3, -0.75, 0.1, 0.25, 1.4, {"feuer": 2.2, "wilson": 1.5}),
    ("Tarzana", 1.0, -0.7, 0.15, 0.25, 1.35, {"feuer": 1.8, "wilson": 1.5}),
    ("Woodland Hills", 1.5, -0.75, 0.15, 0.25, 1.35, {"feuer": 1.6, "wilson": 1.5}),
    ("West Hills", 1.0, -0.8, 0.2, 0.2, 1.35, {"wilson": 1.5}),
    ("Canoga Park", 1.2, -0.25, 0.6, 0.25, 0.85, VALLEY),
    ("Winnetka", 0.9, -0.3, 0.6, 0.2, 0.9, VALLEY),
    ("Chatsworth", 1.1, -0.8, 0.25, 0.15, 1.3, VALLEY),
    ("Porter Ranch", 1.0, -0.9, 0.2, 0.1, 1.35, {"wilson": 1.5, "varma": 1.3}),
    ("Northridge", 1.5, -0.6, 0.35, 0.3, 1.15, {"wilson": 1.6}),
    ("Granada Hills", 1.4, -0.8, 0.3, 0.15, 1.25, {"wilson": 1.5}),
    ("Reseda", 1.2, -0.3, 0.6, 0.25, 0.9, VALLEY),
    ("Lake Balboa", 0.9, -0.45, 0.45, 0.2, 1.05, VALLEY),
    ("Van Nuys", 1.6, -0.15, 0.75, 0.3, 0.8, VALLEY),
    ("North Hills", 1.0, -0.15, 0.8, 0.2, 0.75, VALLEY),
    ("Panorama City", 1.0, -0.05, 0.9, 0.2, 0.65, {}),
    ("Mission Hills", 0.8, -0.2, 0.8, 0.15, 0.8, {}),
    ("Sylmar", 1.3, -0.15, 0.9, 0.15, 0.8, {}),
    ("Pacoima", 1.2, -0.05, 0.95, 0.2, 0.7, {}),
    ("Arleta", 0.8, -0.1, 0.9, 0.15, 0.75, {}),
    ("Sun Valley", 1.0, -0.15, 0.85, 0.2, 0.75, {}),
    ("Valley Glen", 1.0, -0.2, 0.5, 0.45, 0.95, VALLEY),
    ("Valley Village", 0.8, -0.35, 0.25, 0.4, 1.15, {"feuer": 1.6, "wilson": 1.4}),
    ("North Hollywood", 1.6, -0.05, 0.5, 0.55, 0.95, VALLEY),
    ("Toluca Lake", 0.5, -0.5, 0.15, 0.3, 1.3, {"feuer": 1.6}),
    ("Sunland", 0.7, -0.6, 0.35, 0.2, 1.1, VALLEY),
    ("Tujunga", 0.8, -0.65, 0.3, 0.2, 1.1, VALLEY),
    ("Shadow Hills", 0.3, -0.85, 0.2, 0.1, 1.25, VALLEY),
    ("Sunland-Tujunga Hills", 0.3, -0.8, 0.2, 0.1, 1.2, VALLEY),
]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder).

    Ties in the fractional parts go to the lower index, so the result depends
    only on the inputs.
    """
    if total == 0:
        return [0] * len(weights)
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("apportion needs a positive weight")
    exact = [total * w / weight_sum for w in weights]
    out = [math.floor(e) for e in exact]
    short = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[:short]:
        out[i] += 1
    return out


def rounds_to(votes: int, total: int, pct: float) -> bool:
    """Does ``votes`` of ``total`` display as ``pct`` at the reported precision?"""
    places = len(repr(pct).split(".")[1]) if "." in repr(pct) else 0
    value = 100 * votes / total
    return bool(abs(value - pct) <= 0.5 * 10**-places + 1e-12)


def shares(row: dict[str, int]) -> dict[str, float]:
    total = sum(row.values())
    return {c: (100 * v / total if total else 0.0) for c, v in row.items()}


# --------------------------------------------------------------------------
# Precincts
# --------------------------------------------------------------------------
def make_precincts(rng: random.Random) -> list[Precinct]:
    counts = apportion(PRECINCT_COUNT, [n[1] for n in NEIGHBORHOODS])
    raw: list[PrecinctDraft] = []
    for (name, _weight, x, latino, prog, turnout, boosts), count in zip(
        NEIGHBORHOODS, counts, strict=True
    ):
        count = max(count, 1)
        for k in range(count):
            raw.append(
                {
                    "name": f"{name} {k + 1}" if count > 1 else name,
                    "hood": name,
                    "size": rng.uniform(0.7, 1.3),
                    "x": max(-1.0, min(1.0, x + rng.gauss(0, 0.08))),
                    "latino": max(0.0, min(1.0, latino + rng.gauss(0, 0.05))),
                    "prog": max(0.0, min(1.0, prog + rng.gauss(0, 0.05))),
                    "turnout": turnout * rng.uniform(0.9, 1.1),
                    "boosts": boosts,
                }
            )
    # Exactly PRECINCT_COUNT: trim the largest neighborhoods' last precincts if
    # the max(count, 1) floor pushed us over (it does not with this table).
    raw = raw[:PRECINCT_COUNT]
    registered = apportion(CITY_REGISTERED, [p["size"] for p in raw])
    return [
        {**p, "id": f"P{n + 1:04d}", "registered": reg, "pref": preference(p)}
        for n, (p, reg) in enumerate(zip(raw, registered, strict=True))
    ]


def preference(p: PrecinctDraft) -> dict[str, float]:
    """How much more (or less) than the city average this precinct likes each one."""
    x, latino, prog = p["x"], p["latino"], p["prog"]
    pref = {
        "bass": math.exp(0.9 * x + 0.25 * prog - 0.35 * latino),
        "caruso": math.exp(-1.0 * x - 0.35 * prog),
        "deleon": math.exp(2.3 * latino - 0.2 * x),
        "viola": math.exp(1.4 * prog),
        "feuer": math.exp(-0.4 * x),
        "buscaino": math.exp(-0.3 * x),
        "kim": 1.0,
        "smith": math.exp(0.6 * prog),
        "greiwe": math.exp(0.3 * prog),
        "wilson": 1.0,
        "varma": math.exp(-0.3 * x),
        "jackson": math.exp(0.3 * x),
    }
    for cid, factor in p["boosts"].items():
        pref[cid] *= factor
    return pref


def spread(
    rng: random.Random,
    increment: dict[str, int],
    precincts: list[Precinct],
    base: list[float],
    jitter: float,
) -> list[dict[str, int]]:
    """Split a city-wide increment per candidate across ``precincts``.

    Candidate c's share in precinct p is base[p] * pref[p][c] * noise; the sum
    over precincts is exactly increment[c].
    """
    out = [dict.fromkeys(IDS, 0) for _ in precincts]
    for cid in IDS:
        weights = [
            b * p["pref"][cid] * math.exp(rng.gauss(0, jitter))
            for b, p in zip(base, precincts, strict=True)
        ]
        for row, value in zip(out, apportion(increment[cid], weights), strict=True):
            row[cid] = value
    return out


# --------------------------------------------------------------------------
# City-wide totals at each waypoint
# --------------------------------------------------------------------------
def first_bulletin() -> dict[str, int]:
    row = {"caruso": 90_579, "bass": 85_164, "deleon": 15_888, "viola": 11_409}
    # Early mail leaned older: more votes for the candidates who withdrew after
    # ballots went out (mailed about May 9; Buscaino out May 12, Feuer May 17).
    tilt = {
        "feuer": 1.5,
        "buscaino": 1.5,
        "varma": 1.3,
        "kim": 1.2,
        "wilson": 1.2,
        "greiwe": 1.1,
        "smith": 1.0,
        "jackson": 1.0,
    }
    rest = T_FIRST - sum(row.values())
    for cid, value in zip(
        MINOR, apportion(rest, [CERTIFIED[c] * tilt[c] for c in MINOR]), strict=True
    ):
        row[cid] = value
    return {cid: row[cid] for cid in IDS}


def semi_final(first: dict[str, int]) -> dict[str, int]:
    row = {"caruso": 133_059, "bass": 116_688, "deleon": 23_652, "viola": 16_736}
    # Vote-center ballots: the Harbor's councilman kept a local vote; Feuer's
    # withdrawal had been in the news for three weeks.
    tilt = {
        "feuer": 0.7,
        "buscaino": 1.3,
        "varma": 0.8,
        "kim": 1.1,
        "wilson": 1.0,
        "greiwe": 1.0,
        "smith": 1.0,
        "jackson": 1.1,
    }
    rest = T_SEMI - sum(row.values()) - sum(first[c] for c in MINOR)
    adds = apportion(rest, [(CERTIFIED[c] - first[c]) * tilt[c] for c in MINOR])
    for cid, add in zip(MINOR, adds, strict=True):
        row[cid] = first[cid] + add
    return {cid: row[cid] for cid in IDS}


def canvass_row(
    prev: dict[str, int], total: int, fixed: dict[str, float] | None
) -> dict[str, int]:
    """The next post-election total: fixed shares hit exactly, the rest move
    a common fraction of the way from where they were to their certified total."""
    if fixed is None:
        return dict(CERTIFIED)
    row: dict[str, int] = {}
    for cid, pct in fixed.items():
        row[cid] = round(pct * total / 100)
    free = [c for c in IDS if c not in row]
    need = total - sum(row.values()) - sum(prev[c] for c in free)
    gaps = [CERTIFIED[c] - prev[c] for c in free]
    if not 0 <= need <= sum(gaps):
        raise AssertionError(f"waypoint at {total:,} is not reachable monotonically")
    for cid, add in zip(
        free, apportion(need, gaps) if need else [0] * len(free), strict=True
    ):
        row[cid] = prev[cid] + add
    return {cid: row[cid] for cid in IDS}


# --------------------------------------------------------------------------
# Build the night
# --------------------------------------------------------------------------
def build(rng: random.Random) -> tuple[list[Precinct], list[Snapshot]]:
    precincts = make_precincts(rng)
    n = len(precincts)
    regd = [p["registered"] for p in precincts]

    # Per-precinct cumulative votes and the reporting flag, updated per step.
    votes = [dict.fromkeys(IDS, 0) for _ in precincts]
    reporting = [False] * n
    snapshots: list[Snapshot] = []

    def snap(time: str, remaining: int, call: Call | None, *, final: bool) -> None:
        snapshots.append(
            (
                time + TZ,
                {
                    "votes": [dict(v) for v in votes],
                    "reporting": list(reporting),
                    "remaining": remaining,
                    "call": call,
                    "final": final,
                },
            )
        )

    # 00: polls close.
    snap("2022-06-07T20:00:00", EXPECTED_CITY_BALLOTS, None, final=False)

    # 01: first bulletin, mail ballots received through June 6.  Early mail
    # comes heavier from older, higher-turnout, Caruso-leaning areas.
    first = first_bulletin()
    base = [
        r * p["turnout"] * (1 + 0.25 * -p["x"]) * (1 - 0.25 * p["latino"])
        for r, p in zip(regd, precincts, strict=True)
    ]
    for row, add in zip(votes, spread(rng, first, precincts, base, 0.12), strict=True):
        for cid in IDS:
            row[cid] += add[cid]
    snap("2022-06-07T20:30:00", EXPECTED_CITY_BALLOTS - T_FIRST, None, final=False)

    # Vote-center ballots, attributed to each precinct as it reports.  Bass's
    # stronger precincts tend slightly to come in earlier and the Valley later,
    # so Caruso's lead hovers at 2-3 points until about 10:30 p.m. and widens
    # to just over 5 by the semi-final, as reported that night.
    semi = semi_final(first)
    in_person = {c: semi[c] - first[c] for c in IDS}
    base = [
        r * p["turnout"] * (1 + 0.35 * p["latino"]) * (1 - 0.15 * p["prog"])
        for r, p in zip(regd, precincts, strict=True)
    ]
    blocks = spread(rng, in_person, precincts, base, 0.15)
    order = sorted(range(n), key=lambda i: (rng.random() - 0.06 * precincts[i]["x"], i))
    done = 0
    for k, (time, cumulative) in enumerate(NIGHT_TIMES):
        upto = n if k == len(NIGHT_TIMES) - 1 else round(cumulative * n)
        for i in order[done:upto]:
            reporting[i] = True
            for cid in IDS:
                votes[i][cid] += blocks[i][cid]
        done = upto
        counted = sum(sum(v.values()) for v in votes)
        call = AP_CALL if time + TZ >= AP_CALL["at"] else None
        snap(time, EXPECTED_CITY_BALLOTS - counted, call, final=False)

    # Post-election canvass: late mail, younger and more progressive, weighted
    # toward Bass-leaning and progressive precincts.
    prev = semi
    base = [
        r * p["turnout"] * (1 + 0.3 * p["x"]) * (1 + 0.4 * p["prog"])
        for r, p in zip(regd, precincts, strict=True)
    ]
    for time, total, fixed, county_outstanding in CANVASS:
        row = canvass_row(prev, total, fixed)
        increment = {c: row[c] - prev[c] for c in IDS}
        for vrow, add in zip(
            votes, spread(rng, increment, precincts, base, 0.12), strict=True
        ):
            for cid in IDS:
                vrow[cid] += add[cid]
        if county_outstanding is None:
            remaining = EXPECTED_CITY_BALLOTS - total
        else:
            remaining = round(county_outstanding * CITY_SHARE_OF_COUNTY_BALLOTS)
        snap(time, remaining, AP_CALL, final=fixed is None)
        prev = row

    return precincts, snapshots


def candidate_entry(
    order: int, cid: str, name: str, party: str | None, *, withdrawn: bool
) -> CandidateEntry:
    # Key order is the file's key order: "party", when known, follows "name".
    if party is None:
        return {
            "id": cid,
            "name": name,
            "ballot_order": order,
            "incumbent": False,
            "withdrawn": withdrawn,
        }
    return {
        "id": cid,
        "name": name,
        "party": party,
        "ballot_order": order,
        "incumbent": False,
        "withdrawn": withdrawn,
    }


def document(
    precincts: list[Precinct],
    state: State,
    updated: str,
    districts: Sequence[DistrictState] = (),
) -> Document:
    candidates = [
        candidate_entry(order, cid, name, party, withdrawn=withdrawn)
        for order, (cid, name, party, withdrawn) in enumerate(CANDIDATES, start=1)
    ]
    race: Race = {
        "id": RACE_ID,
        "name": RACE_NAME,
        "office": "Mayor",
        "state": "CA",
        "advance": 2,
        "majority_wins": True,
        "final": state["final"],
        "registered_voters": CITY_REGISTERED,
        "remaining_ballots": state["remaining"],
        "candidates": candidates,
        "precincts": [
            {
                "id": p["id"],
                "name": p["name"],
                "registered_voters": p["registered"],
                "reporting": rep,
                "votes": {cid: v[cid] for cid in IDS},
            }
            for p, rep, v in zip(
                precincts, state["reporting"], state["votes"], strict=True
            )
        ],
    }
    if state["call"] is not None:
        race["call"] = state["call"].copy()
    return {
        "format": FORMAT_ID,
        "election": ELECTION.copy(),
        "updated": updated,
        "races": [
            race,
            *(
                district_race(d, precincts, state, ds, updated)
                for d, ds in zip(DISTRICTS, districts, strict=True)
            ),
        ],
    }


# --------------------------------------------------------------------------
# The other city races: council districts on a subset of the precincts.
# Only races whose every candidate's certified count was found are here (see
# README "Other city races").  Each district's count follows the mayor's
# counting curve in its own precincts: at every snapshot the district has
# counted the same share of its final total as the mayor's race has counted
# of its final total in those precincts, and each increment is split among
# the precincts in proportion to the mayor's increment there.
# --------------------------------------------------------------------------
class DistrictCandidate(TypedDict):
    id: str
    name: str
    incumbent: bool
    certified: int
    lean: dict[str, float]  # exp(weights . precinct traits x/latino/prog)


class District(TypedDict):
    id: str
    name: str
    seat: str
    hoods: tuple[str, ...]
    candidates: list[DistrictCandidate]
    lead: str  # the candidate whose reported shares are the waypoints
    waypoints: dict[int, float]  # snapshot index -> lead's share (percent)
    leads: dict[int, tuple[str, int]]  # snapshot -> (leader, lead under N votes)
    call: Call


class DistrictState(TypedDict):
    votes: list[dict[str, int]]  # per district precinct, cumulative
    remaining: int


# Council District 1 (Hernandez v. Cedillo), certified July 1, 2022: a
# two-candidate race that the challenger won outright.  Its precincts are the
# synthetic neighborhoods inside the real district (Westlake, Pico-Union,
# Chinatown, Lincoln Heights, Highland Park, Cypress Park, Glassell Park,
# Mount Washington).  Waypoints: 15 (June 17, 53.51%) and 17 (June 24,
# 54.04%) are reported; 01, 12, 13 and 14 are synthesized to tell the
# reported story (Cedillo ahead on election night and above 50% on June 10;
# Hernandez ahead by fewer than 300 votes on June 14).
CD1: District = {
    "id": "la-council-1",
    "name": "Los Angeles City Council District 1",
    "seat": "District 1",
    "hoods": (
        "Westlake",
        "Pico-Union",
        "Chinatown",
        "Lincoln Heights",
        "Highland Park",
        "Cypress Park",
        "Glassell Park",
        "Mount Washington",
    ),
    "candidates": [
        {
            "id": "cedillo",
            "name": "Gil Cedillo",
            "incumbent": True,
            "certified": 13_700,
            "lean": {"latino": 0.6, "prog": -0.7},
        },
        {
            "id": "hernandez",
            "name": "Eunisses Hernandez",
            "incumbent": False,
            "certified": 16_108,
            "lean": {"prog": 0.9},
        },
    ],
    "lead": "hernandez",
    "waypoints": {1: 47.4, 12: 48.5, 13: 49.1, 14: 50.5, 15: 53.51, 17: 54.04},
    # As reported: on June 10 Cedillo still above 50% with fewer than 1,000
    # votes between them; on June 14 Hernandez ahead by fewer than 300.
    "leads": {13: ("cedillo", 1_000), 14: ("hernandez", 300)},
    # Synthesized: after the June 17 update (lead 2,019, about 74,100 ballots
    # left county-wide), the night Hernandez claimed victory.
    "call": {
        "outcome": "won",
        "candidates": ["hernandez"],
        "by": "AP",
        "at": "2022-06-17T19:00:00" + TZ,
    },
}
DISTRICTS: list[District] = [CD1]


def district_precincts(district: District, precincts: list[Precinct]) -> list[int]:
    """Indexes of the city's precincts that lie in ``district``."""
    return [i for i, p in enumerate(precincts) if p["hood"] in district["hoods"]]


def district_rows(district: District, totals: list[int]) -> list[dict[str, int]]:
    """District-wide votes per candidate at each snapshot.

    The lead candidate's share is pinned at each waypoint and moves linearly
    (in votes counted) between them, ending at the certified share; the
    other candidates share the rest in proportion to their certified totals.
    """
    final = totals[-1]
    certified = {c["id"]: c["certified"] for c in district["candidates"]}
    lead = district["lead"]
    points = sorted(district["waypoints"].items())
    points.append((len(totals) - 1, 100 * certified[lead] / final))
    rows: list[dict[str, int]] = []
    for k, total in enumerate(totals):
        if k == len(totals) - 1:
            rows.append(dict(certified))
            continue
        before = [(i, s) for i, s in points if i <= k]
        after = [(i, s) for i, s in points if i >= k]
        (i0, s0), (i1, s1) = (before[-1] if before else after[0]), after[0]
        span = totals[i1] - totals[i0]
        share = s0 if span == 0 else s0 + (s1 - s0) * (total - totals[i0]) / span
        row = {lead: round(share * total / 100)}
        others = [c for c in certified if c != lead]
        for cid, value in zip(
            others,
            apportion(total - row[lead], [certified[c] for c in others]),
            strict=True,
        ):
            row[cid] = value
        rows.append(row)
    return rows


def build_district(
    district: District, precincts: list[Precinct], snapshots: list[Snapshot]
) -> list[DistrictState]:
    """The district's count at every snapshot of the mayor's night."""
    members = district_precincts(district, precincts)
    ids = [c["id"] for c in district["candidates"]]
    final = sum(c["certified"] for c in district["candidates"])
    ballots = [
        [sum(state["votes"][i].values()) for i in members] for _, state in snapshots
    ]
    mayor_final = sum(ballots[-1])
    totals = [round(final * sum(b) / mayor_final) for b in ballots]
    rows = district_rows(district, totals)

    def lean(cand: DistrictCandidate, p: Precinct) -> float:
        traits = {"x": p["x"], "latino": p["latino"], "prog": p["prog"]}
        return math.exp(sum(w * traits[k] for k, w in cand["lean"].items()))

    votes = [dict.fromkeys(ids, 0) for _ in members]
    states: list[DistrictState] = []
    previous_row = dict.fromkeys(ids, 0)
    previous_ballots = [0] * len(members)
    for (_, state), row, now in zip(snapshots, rows, ballots, strict=True):
        step = [b - a for a, b in zip(previous_ballots, now, strict=True)]
        for cand in district["candidates"]:
            cid = cand["id"]
            weights = [
                s * lean(cand, precincts[i]) for s, i in zip(step, members, strict=True)
            ]
            add = row[cid] - previous_row[cid]
            if add:
                for v, n in zip(votes, apportion(add, weights), strict=True):
                    v[cid] += n
        # Uncounted: the district's own outstanding votes plus its share of
        # the city's allowance for ballots not yet received (see README).
        excess = state["remaining"] - (FINAL_TOTAL - sum(city(state).values()))
        remaining = final - sum(row.values()) + round(excess * final / FINAL_TOTAL)
        states.append({"votes": [dict(v) for v in votes], "remaining": remaining})
        previous_row, previous_ballots = row, now
    return states


def district_race(
    district: District,
    precincts: list[Precinct],
    state: State,
    dstate: DistrictState,
    updated: str,
) -> Race:
    members = district_precincts(district, precincts)
    race: Race = {
        "id": district["id"],
        "name": district["name"],
        "office": "City Council",
        "seat": district["seat"],
        "state": "CA",
        "majority_wins": True,
        "final": state["final"],
        "registered_voters": sum(precincts[i]["registered"] for i in members),
        "remaining_ballots": dstate["remaining"],
        "candidates": [
            {
                "id": c["id"],
                "name": c["name"],
                "ballot_order": order,
                "incumbent": c["incumbent"],
                "withdrawn": False,
            }
            for order, c in enumerate(district["candidates"], start=1)
        ],
        "precincts": [
            {
                "id": precincts[i]["id"],
                "name": precincts[i]["name"],
                "registered_voters": precincts[i]["registered"],
                "reporting": state["reporting"][i],
                "votes": dict(v),
            }
            for i, v in zip(members, dstate["votes"], strict=True)
        ],
    }
    if len(district["candidates"]) > 2:
        # Top two go on to November unless someone wins a majority.  With only
        # two on the ballot the race is one seat: the majority elects.
        race["advance"] = 2
    if updated >= district["call"]["at"]:
        race["call"] = district["call"].copy()
    return race


def check_district(
    district: District,
    precincts: list[Precinct],
    snapshots: list[Snapshot],
    states: list[DistrictState],
) -> None:
    """The district's story: certified at the end, never backwards, plausible."""
    members = district_precincts(district, precincts)
    assert members, district["id"]
    certified = {c["id"]: c["certified"] for c in district["candidates"]}
    final = sum(certified.values())
    lead = district["lead"]
    rows = [{c: sum(v[c] for v in s["votes"]) for c in certified} for s in states]
    assert sum(rows[0].values()) == 0
    assert rows[-1] == certified, rows[-1]
    assert states[-1]["remaining"] == 0
    for k, pct in district["waypoints"].items():
        assert rounds_to(rows[k][lead], sum(rows[k].values()), pct), (k, rows[k])
    for k, (leader, under) in district["leads"].items():
        ahead, *behind = sorted(rows[k], key=lambda c: -rows[k][c])
        assert ahead == leader, (k, rows[k])
        assert 0 < rows[k][ahead] - rows[k][behind[0]] < under, (k, rows[k])
    previous: DistrictState | None = None
    for (time, state), dstate, row in zip(snapshots, states, rows, strict=True):
        assert sum(row.values()) + dstate["remaining"] >= final, time
        for i, v in zip(members, dstate["votes"], strict=True):
            assert all(x >= 0 for x in v.values())
            # Council votes come from the same ballots as the mayor's votes.
            assert sum(v.values()) <= sum(state["votes"][i].values()), (time, i)
        if previous is not None:
            assert dstate["remaining"] <= previous["remaining"], time
            for a, b in zip(previous["votes"], dstate["votes"], strict=True):
                assert all(b[c] >= a[c] for c in certified), time
        previous = dstate


# --------------------------------------------------------------------------
# Self-checks: the story the files must tell
# --------------------------------------------------------------------------
def city(state: State) -> dict[str, int]:
    return {c: sum(v[c] for v in state["votes"]) for c in IDS}


def check(precincts: list[Precinct], snapshots: list[Snapshot]) -> None:
    assert sum(p["registered"] for p in precincts) == CITY_REGISTERED
    assert len(precincts) == PRECINCT_COUNT
    times = [t for t, _ in snapshots]
    assert times == sorted(times), "updates out of order"
    totals = [city(s) for _, s in snapshots]
    by_time = dict(zip(times, totals, strict=True))

    # 00 is empty; the last is exactly the certified result.
    assert sum(totals[0].values()) == 0
    assert not any(snapshots[0][1]["reporting"])
    assert totals[-1] == CERTIFIED, totals[-1]
    assert snapshots[-1][1]["final"]
    assert snapshots[-1][1]["remaining"] == 0
    assert not any(s["final"] for _, s in snapshots[:-1])

    # Waypoints.
    first = by_time["2022-06-07T20:30:00" + TZ]
    assert (first["caruso"], first["bass"]) == (90_579, 85_164)
    assert rounds_to(first["caruso"], T_FIRST, 40.65)
    assert rounds_to(first["bass"], T_FIRST, 38.22)
    assert rounds_to(first["deleon"], T_FIRST, 7.13)
    assert rounds_to(first["viola"], T_FIRST, 5.12)
    semi_time = NIGHT_TIMES[-1][0] + TZ
    semi = by_time[semi_time]
    assert (semi["caruso"], semi["bass"]) == (133_059, 116_688)
    assert rounds_to(semi["caruso"], T_SEMI, 42.14)
    assert rounds_to(semi["bass"], T_SEMI, 36.95)
    assert rounds_to(semi["deleon"], T_SEMI, 7.49)
    assert all(snapshots[times.index(semi_time)][1]["reporting"])
    for time, total, fixed, _ in CANVASS:
        row = by_time[time + TZ]
        assert sum(row.values()) == total
        for cid, pct in (fixed or {}).items():
            assert rounds_to(row[cid], total, pct), (time, cid, row[cid], total, pct)

    # The call appears once made and stays.
    called = [s["call"] is not None for _, s in snapshots]
    first_call = called.index(True)
    assert all(called[first_call:])
    assert not any(called[:first_call])
    assert times[first_call] >= AP_CALL["at"]

    previous: State | None = None
    for (time, state), row_total in zip(snapshots, totals, strict=True):
        counted = sum(row_total.values())
        # Counted plus remaining never falls short of what was finally counted.
        assert counted + state["remaining"] >= FINAL_TOTAL, time
        for p, v, _rep in zip(
            precincts, state["votes"], state["reporting"], strict=True
        ):
            assert sum(v.values()) <= p["registered"], (time, p["id"])
            assert all(x >= 0 for x in v.values())
        if previous is not None:
            assert state["remaining"] <= previous["remaining"], time
            for a, b in zip(previous["votes"], state["votes"], strict=True):
                assert all(b[c] >= a[c] for c in IDS), time
            for was, now in zip(previous["reporting"], state["reporting"], strict=True):
                assert now or not was, time
        previous = state


def write(
    out: Path,
    precincts: list[Precinct],
    snapshots: list[Snapshot],
    districts: list[list[DistrictState]],
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.iterdir():
        if re.fullmatch(r"\d{2}\.json", stale.name):
            stale.unlink()
    index: list[IndexEntry] = []
    for n, (updated, state) in enumerate(snapshots):
        name = f"{n:02d}.json"
        text = json.dumps(
            document(precincts, state, updated, [d[n] for d in districts]),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        (out / name).write_text(text + "\n", encoding="utf-8")
        index.append({"file": name, "at": updated})
    (out / "index.json").write_text(
        json.dumps({"snapshots": index}, indent=2) + "\n", encoding="utf-8"
    )


def summary(snapshots: list[Snapshot]) -> str:
    lines = []
    for n, (time, state) in enumerate(snapshots):
        row = city(state)
        total = sum(row.values())
        pct = shares(row)
        rep = sum(state["reporting"])
        lines.append(
            f"{n:02d} {time}  total {total:>7,}  Bass {row['bass']:>7,} "
            f"({pct['bass']:5.2f}%)  Caruso {row['caruso']:>7,} "
            f"({pct['caruso']:5.2f}%)  deLeon {pct['deleon']:4.2f}%  "
            f"Viola {pct['viola']:4.2f}%  rep {rep:>3}/{len(state['reporting'])}  "
            f"remaining {state['remaining']:>7,}"
            + ("  [AP call]" if state["call"] else "")
            + ("  [final]" if state["final"] else "")
        )
    return "\n".join(lines)


def district_summary(
    district: District, precincts: list[Precinct], states: list[DistrictState]
) -> str:
    ids = [c["id"] for c in district["candidates"]]
    members = len(district_precincts(district, precincts))
    lines = [f"{district['name']} ({members} precincts)"]
    for n, dstate in enumerate(states):
        row = {c: sum(v[c] for v in dstate["votes"]) for c in ids}
        pct = shares(row)
        cells = "  ".join(f"{c} {row[c]:>6,} ({pct[c]:5.2f}%)" for c in ids)
        lines.append(f"{n:02d}  {cells}  remaining {dstate['remaining']:>6,}")
    return "\n".join(lines)


def main() -> None:
    default_out = (
        Path(__file__).resolve().parent.parent / "resources" / "samples" / "la2022"
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    rng = random.Random(SEED)
    precincts, snapshots = build(rng)
    check(precincts, snapshots)
    districts = [build_district(d, precincts, snapshots) for d in DISTRICTS]
    for district, states in zip(DISTRICTS, districts, strict=True):
        check_district(district, precincts, snapshots, states)
    write(args.out, precincts, snapshots, districts)
    if not args.quiet:
        print(summary(snapshots))
        for district, states in zip(DISTRICTS, districts, strict=True):
            print(district_summary(district, precincts, states))
        print(
            f"wrote {len(snapshots)} snapshots of {len(precincts)} precincts "
            f"to {args.out}"
        )


if __name__ == "__main__":
    main()
