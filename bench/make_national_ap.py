"""Generate a national general election as AP Elections API v2 JSON, for benchmarks.

Every race of a US general night at ``level=ru``: president in all 50 states,
a third of the Senate, 36 governors and all 435 House districts (about 555
races). Each race has a state unit and one ``subunit`` per county it covers,
with the real number of counties in each state (3,142 in all), 2 to 6
candidates, and AP's field names as in ``../shared/feeds/ap``. ``next_request``
builds the answer to the document's ``nextrequest``: about a tenth of the
races, with more votes counted. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

# (postal, name, counties, House districts) after the 2020 census.
STATES: tuple[tuple[str, str, int, int], ...] = (
    ("AL", "Alabama", 67, 7),
    ("AK", "Alaska", 30, 1),
    ("AZ", "Arizona", 15, 9),
    ("AR", "Arkansas", 75, 4),
    ("CA", "California", 58, 52),
    ("CO", "Colorado", 64, 8),
    ("CT", "Connecticut", 8, 5),
    ("DE", "Delaware", 3, 1),
    ("FL", "Florida", 67, 28),
    ("GA", "Georgia", 159, 14),
    ("HI", "Hawaii", 5, 2),
    ("ID", "Idaho", 44, 2),
    ("IL", "Illinois", 102, 17),
    ("IN", "Indiana", 92, 9),
    ("IA", "Iowa", 99, 4),
    ("KS", "Kansas", 105, 4),
    ("KY", "Kentucky", 120, 6),
    ("LA", "Louisiana", 64, 6),
    ("ME", "Maine", 16, 2),
    ("MD", "Maryland", 24, 8),
    ("MA", "Massachusetts", 14, 9),
    ("MI", "Michigan", 83, 13),
    ("MN", "Minnesota", 87, 8),
    ("MS", "Mississippi", 82, 4),
    ("MO", "Missouri", 115, 8),
    ("MT", "Montana", 56, 2),
    ("NE", "Nebraska", 93, 3),
    ("NV", "Nevada", 17, 4),
    ("NH", "New Hampshire", 10, 2),
    ("NJ", "New Jersey", 21, 12),
    ("NM", "New Mexico", 33, 3),
    ("NY", "New York", 62, 26),
    ("NC", "North Carolina", 100, 14),
    ("ND", "North Dakota", 53, 1),
    ("OH", "Ohio", 88, 15),
    ("OK", "Oklahoma", 77, 5),
    ("OR", "Oregon", 36, 6),
    ("PA", "Pennsylvania", 67, 17),
    ("RI", "Rhode Island", 5, 2),
    ("SC", "South Carolina", 46, 7),
    ("SD", "South Dakota", 66, 1),
    ("TN", "Tennessee", 95, 9),
    ("TX", "Texas", 254, 38),
    ("UT", "Utah", 29, 4),
    ("VT", "Vermont", 14, 1),
    ("VA", "Virginia", 133, 11),
    ("WA", "Washington", 39, 10),
    ("WV", "West Virginia", 55, 2),
    ("WI", "Wisconsin", 72, 8),
    ("WY", "Wyoming", 23, 1),
)

ELECTION_DATE = "2024-11-05"
NEXT_URL = (
    "https://api.ap.org/v2/elections/2024-11-05?format=json&level=ru&national=true"
    "&minDateTime={}"
)
PARTIES = ("Dem", "GOP", "Lib", "Grn", "Ind", "CST")
PRESIDENT = (("Kamala", "Harris", "Dem"), ("Donald", "Trump", "GOP"))
PRESIDENT_MINOR = (("Chase", "Oliver", "Lib"), ("Jill", "Stein", "Grn"))
FIRST = ("Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo")
LAST = ("Adler", "Brook", "Castro", "Diaz", "Ellis", "Ford", "Gray", "Hale", "Ito")


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _next_url(moment: dt.datetime) -> str:
    return NEXT_URL.format(_stamp(moment).replace(":", "%3a"))


def _candidates(
    rng: random.Random, office: str, race_number: int
) -> list[dict[str, Any]]:
    """Name, party and ids of a race's candidates, in ballot order."""
    if office == "P":
        people = list(PRESIDENT) + list(PRESIDENT_MINOR[: rng.randint(0, 2)])
    else:
        parties = ["Dem", "GOP"]
        parties += [rng.choice(PARTIES[2:]) for _ in range(rng.randint(0, 4))]
        people = [(rng.choice(FIRST), rng.choice(LAST), p) for p in parties]
    lines = []
    for k, (first, last, party) in enumerate(people):
        pol_id = 1000 + k if office == "P" else 50_000 + race_number * 10 + k
        lines.append(
            {
                "first": first,
                "last": last,
                "party": party,
                "candidateID": str(race_number * 10 + k),
                "polID": str(pol_id),
                "ballotOrder": k + 1,
                "polNum": str(20_000 + race_number * 10 + k),
            }
        )
    if office != "P" and rng.random() < 0.6:
        lines[rng.randint(0, 1)]["incumbent"] = True
    return lines


def _county(
    rng: random.Random,
    state: tuple[str, str, int, int],
    number: int,
    candidates: list[dict[str, Any]],
    weights: list[float],
    moment: dt.datetime,
) -> dict[str, Any]:
    postal, name, _, _ = state
    total = rng.randint(3, 110)
    reporting = total if rng.random() < 0.55 else rng.randint(0, total)
    voters = int(rng.uniform(2_000, 90_000) * reporting / total)
    share = sum(weights)
    lines = []
    for candidate, weight in zip(candidates, weights, strict=True):
        line = dict(candidate)
        line["voteCount"] = int(voters * weight / share * rng.uniform(0.85, 1.15))
        lines.append(line)
    return {
        "statePostal": postal,
        "stateName": name,
        "reportingunitName": f"{name} County {number + 1}",
        "reportingunitID": str(number + 1),
        "level": "subunit",
        "fipsCode": f"{STATES.index(state) + 1:02d}{2 * number + 1:03d}",
        "lastUpdated": _stamp(moment),
        "precinctsReporting": reporting,
        "precinctsTotal": total,
        "precinctsReportingPct": round(100 * reporting / total, 2),
        "candidates": lines,
    }


def _state_unit(
    postal: str, name: str, counties: list[dict[str, Any]]
) -> dict[str, Any]:
    """The state unit: every county's votes and precincts summed."""
    candidates = [dict(line) for line in counties[0]["candidates"]]
    for k, line in enumerate(candidates):
        line["voteCount"] = sum(c["candidates"][k]["voteCount"] for c in counties)
    reporting = sum(c["precinctsReporting"] for c in counties)
    total = sum(c["precinctsTotal"] for c in counties)
    return {
        "statePostal": postal,
        "stateName": name,
        "level": "state",
        "lastUpdated": max(c["lastUpdated"] for c in counties),
        "precinctsReporting": reporting,
        "precinctsTotal": total,
        "precinctsReportingPct": round(100 * reporting / total, 2),
        "candidates": candidates,
    }


def _call(race: dict[str, Any]) -> None:
    """Mark AP's X on the leader of a race nearly counted with a clear margin."""
    state = race["reportingUnits"][0]
    votes = sorted((c["voteCount"] for c in state["candidates"]), reverse=True)
    cast = sum(votes) or 1
    clear = (votes[0] - votes[1]) / cast > 0.05
    if state["precinctsReportingPct"] < 60 or not clear:
        return
    leader = max(state["candidates"], key=lambda c: c["voteCount"])
    for unit in race["reportingUnits"]:
        for line in unit["candidates"]:
            if line["candidateID"] == leader["candidateID"]:
                line["winner"] = "X"


def national_ap(seed: int = 2024) -> dict[str, Any]:
    """The whole night's first full answer, as plain data."""
    rng = random.Random(seed)
    moment = dt.datetime(2024, 11, 6, 3, 0, tzinfo=dt.UTC)
    senate = set(rng.sample(range(len(STATES)), 34))
    governors = set(rng.sample(range(len(STATES)), 36))
    races: list[dict[str, Any]] = []
    for index, state in enumerate(STATES):
        postal, name, county_count, districts = state
        offices: list[tuple[str, str, str | None, range]] = [
            ("P", "President", None, range(county_count))
        ]
        if index in senate:
            offices.append(("S", "U.S. Senate", None, range(county_count)))
        if index in governors:
            offices.append(("G", "Governor", None, range(county_count)))
        for district in range(districts):
            first = district * county_count // districts
            last = max(first + 1, (district + 1) * county_count // districts)
            district_name = "At Large" if districts == 1 else f"District {district + 1}"
            offices.append(("H", "U.S. House", district_name, range(first, last)))
        for number, (office, office_name, seat, covered) in enumerate(offices):
            race_number = (index + 1) * 1000 + number
            candidates = _candidates(rng, office, race_number)
            # The two major parties lead; the others trail far behind.
            weights = [
                rng.random() ** 2 + (0.6 if k < 2 else 0)
                for k in range(len(candidates))
            ]
            counties = [
                _county(rng, state, county, candidates, weights, moment)
                for county in covered
            ]
            race: dict[str, Any] = {
                "test": False,
                "raceID": str(race_number),
                "raceType": "General",
                "raceTypeID": "G",
                "officeID": office,
                "officeName": office_name,
                "national": True,
            }
            if seat is not None:
                race["seatName"] = seat
                race["seatNum"] = seat.removeprefix("District ")
            race["reportingUnits"] = [_state_unit(postal, name, counties), *counties]
            _call(race)
            races.append(race)
    return {
        "electionDate": ELECTION_DATE,
        "timestamp": _stamp(moment),
        "races": races,
        "nextrequest": _next_url(moment),
    }


def national_at_scale(
    races: int = 5_000, units: int = 200_000, seed: int = 2024
) -> dict[str, Any]:
    """A whole general night with every down-ballot race: ``races`` races and
    about ``units`` reporting units, as plain data.

    The federal night of ``national_ap`` is taken whole (or cut to ``races``)
    and state legislative seats (``officeID`` "Y") fill the rest, state by
    state, each reported by the counties it covers, so units per race average
    ``units / races`` across the night. Deterministic for a given seed.
    """
    document = national_ap(seed)
    federal = document["races"][:races]
    rng = random.Random(seed + 1)
    moment = dt.datetime(2024, 11, 6, 3, 0, tzinfo=dt.UTC)
    held = sum(len(r["reportingUnits"]) for r in federal)
    extra = races - len(federal)
    per_race = max(1, (units - held) // extra) if extra else 0
    filled: list[dict[str, Any]] = []
    for number in range(extra):
        state = STATES[number % len(STATES)]
        postal, name, county_count, _ = state
        race_number = 100_000 + number
        candidates = _candidates(rng, "Y", race_number)
        weights = [
            rng.random() ** 2 + (0.6 if k < 2 else 0) for k in range(len(candidates))
        ]
        first = (number // len(STATES)) * per_race % max(1, county_count)
        counties = [
            _county(rng, state, first + k, candidates, weights, moment)
            for k in range(per_race)
        ]
        race: dict[str, Any] = {
            "test": False,
            "raceID": str(race_number),
            "raceType": "General",
            "raceTypeID": "G",
            "officeID": "Y",
            "officeName": "State House",
            "seatName": f"District {number // len(STATES) + 1}",
            "seatNum": str(number // len(STATES) + 1),
            "national": False,
            "reportingUnits": [_state_unit(postal, name, counties), *counties],
        }
        _call(race)
        filled.append(race)
    return {**document, "races": [*federal, *filled]}


def next_request(
    document: dict[str, Any], share: float = 0.10, seed: int = 2025
) -> dict[str, Any]:
    """The answer to ``document``'s next request: ``share`` of its races, with
    more precincts in and more votes in some counties, five minutes later."""
    rng = random.Random(seed)
    moment = dt.datetime.strptime(
        document["timestamp"], "%Y-%m-%dT%H:%M:%S.000Z"
    ).replace(tzinfo=dt.UTC) + dt.timedelta(minutes=5)
    count = max(1, round(len(document["races"]) * share))
    chosen = sorted(rng.sample(range(len(document["races"])), count))
    races = []
    for index in chosen:
        race = copy.deepcopy(document["races"][index])
        counties = race["reportingUnits"][1:]
        for county in counties:
            if county["precinctsReporting"] >= county["precinctsTotal"]:
                continue
            if rng.random() < 0.5:
                continue
            added = rng.randint(
                1, county["precinctsTotal"] - county["precinctsReporting"]
            )
            county["precinctsReporting"] += added
            county["precinctsReportingPct"] = round(
                100 * county["precinctsReporting"] / county["precinctsTotal"], 2
            )
            county["lastUpdated"] = _stamp(moment)
            for line in county["candidates"]:
                line["voteCount"] += rng.randint(0, 60) * added
        state = race["reportingUnits"][0]
        race["reportingUnits"][0] = _state_unit(
            state["statePostal"], state["stateName"], counties
        )
        races.append(race)
    return {
        "electionDate": document["electionDate"],
        "timestamp": _stamp(moment),
        "races": races,
        "nextrequest": _next_url(moment),
    }


def encode(document: dict[str, Any]) -> bytes:
    """Compact JSON, as AP sends it."""
    return json.dumps(document, separators=(",", ":")).encode()


def main() -> None:
    """Write the full answer, and optionally its next request, to files."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="the full answer's JSON file")
    parser.add_argument("--next", type=Path, help="also write the next request's")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--share", type=float, default=0.10)
    args = parser.parse_args()
    document = national_ap(args.seed)
    args.out.write_bytes(encode(document))
    if args.next is not None:
        args.next.write_bytes(encode(next_request(document, args.share)))


if __name__ == "__main__":
    main()
