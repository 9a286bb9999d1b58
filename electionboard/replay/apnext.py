"""AP's next-request flow on a replay: ``nextrequest`` back at us, and deltas.

A live AP response names the URL to ask next, and the answer there holds only
the races that changed. A recording holds whole responses, so the replay
server points every ``nextrequest`` at itself with the snapshot the client has
(``?since=N``) and answers with the races whose JSON differs from snapshot N.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, TypeAlias

import msgspec

RaceKey: TypeAlias = tuple[str, str]
"""``(statePostal, raceID)``: AP race ids are unique only within a state."""

_NEXT_PAIR = re.compile(rb'"nextrequest"\s*:\s*(?:null|"(?:[^"\\]|\\.)*")')


def race_digests(data: bytes) -> dict[RaceKey, str] | None:
    """A hash of each race's JSON, to tell later snapshots what changed.

    Only hashes are kept, so a long AP night does not hold every decoded
    response in memory. None when the bytes are not an AP document.
    """
    races = _races(_decode(data))
    if races is None:
        return None
    digests: dict[RaceKey, str] = {}
    for race in races:
        key = _key(race)
        if key is not None:
            digests[key] = _digest(race)
    return digests


def changes_since(
    held: Mapping[RaceKey, str] | None, data: bytes, next_url: str
) -> bytes | None:
    """The document ``data`` with only the races not in ``held`` as they are.

    A race counts as changed when it is new or its JSON differs in any way;
    a race that disappeared cannot be said in AP's delta form and is left out.
    With ``held`` None (snapshot N unreadable) every race counts as changed.
    None when ``data`` is not an AP document, so the caller serves it whole.
    """
    document = _decode(data)
    races = _races(document)
    if document is None or races is None:
        return None
    known = held or {}
    changed = [
        race
        for race in races
        if (key := _key(race)) is None or known.get(key) != _digest(race)
    ]
    answer = dict(document)
    answer["races"] = changed
    answer["nextrequest"] = next_url
    return msgspec.json.encode(answer)


def with_next_request(data: bytes, next_url: str) -> bytes:
    """``data`` with its top-level ``nextrequest`` set to ``next_url``.

    Only that value changes (or the pair is added after the opening brace), so
    the rest of the recorded bytes are served exactly as they were received.
    A document that is not a JSON object is returned unchanged.
    """
    value = msgspec.json.encode(next_url)
    pairs = list(_NEXT_PAIR.finditer(data))
    if len(pairs) == 1:
        pair = pairs[0]
        return data[: pair.start()] + b'"nextrequest":' + value + data[pair.end() :]
    document = _decode(data)
    if document is None:
        return data
    if not pairs and "nextrequest" not in document:
        opening = data.index(b"{") + 1
        comma = b"," if document else b""
        return data[:opening] + b'"nextrequest":' + value + comma + data[opening:]
    # The key is spelt with escapes or appears at several depths: rewrite it all.
    document["nextrequest"] = next_url
    return msgspec.json.encode(document)


def _decode(data: bytes) -> dict[str, Any] | None:
    try:
        document = msgspec.json.decode(data)
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _races(document: dict[str, Any] | None) -> list[Any] | None:
    if document is None:
        return None
    races = document.get("races")
    return races if isinstance(races, list) else None


def _key(race: Any) -> RaceKey | None:
    if not isinstance(race, dict) or race.get("raceID") is None:
        return None
    state = race.get("statePostal")
    units = race.get("reportingUnits")
    if not state and isinstance(units, list) and units and isinstance(units[0], dict):
        state = units[0].get("statePostal")
    return str(state or ""), str(race["raceID"])


def _digest(race: Any) -> str:
    canonical = msgspec.json.encode(race, order="sorted")
    return hashlib.sha1(canonical, usedforsecurity=False).hexdigest()
