"""Times in words, in the election's own time zone: one clock for air and desk.

A call the desk makes at 6:45 PM Pacific reads 6:45 PM on air and on the
desk, wherever the computer's clock is set. The zone is, in order: the
``time_zone`` setting, the feed's own zone (the native feed's
``election.time_zone``, AP's state), the UTC offset the feed stamps its
answers with, and only when there is no feed yet the moment's own offset.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import zoneinfo

from electionboard.model.election import Election

log = logging.getLogger(__name__)


@functools.cache
def zone_named(name: str | None) -> dt.tzinfo | None:
    """The IANA zone called ``name``; None for none, or (logged once) unknown."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        log.warning("unknown time zone %r: times follow the feed's own offset", name)
        return None


def election_zone(election: Election | None, setting: str = "") -> dt.tzinfo | None:
    """The zone every time of ``election`` is shown in.

    Args:
        election: the feed's latest snapshot, or None before it answers.
        setting: the ``time_zone`` setting; "" leaves it to the feed.

    Returns:
        None only with no usable setting and no feed: then each moment keeps
        the offset it carries.
    """
    chosen = zone_named(setting)
    if chosen is not None:
        return chosen
    if election is None:
        return None
    return zone_named(election.time_zone) or election.updated.tzinfo


def in_zone(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """``moment`` on the clock of ``zone``; unchanged for None."""
    return moment if zone is None else moment.astimezone(zone)


def clock_text(
    moment: dt.datetime, zone: dt.tzinfo | None = None, *, seconds: bool = False
) -> str:
    """'6:45 PM' (or '6:45:05 PM') in ``zone``: the one clock of board and desk."""
    local = in_zone(moment, zone)
    hour = local.hour % 12 or 12
    suffix = "AM" if local.hour < 12 else "PM"
    second = f":{local.second:02d}" if seconds else ""
    return f"{hour}:{local.minute:02d}{second} {suffix}"


def day_text(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """'Jun 7' in ``zone``."""
    local = in_zone(moment, zone)
    return f"{local.strftime('%b')} {local.day}"


def zone_text(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """The zone's short name at ``moment`` ('PDT'), or its offset ('UTC-07:00')."""
    local = in_zone(moment, zone)
    name = local.tzname() or ""
    if name and not name.startswith(("UTC", "+", "-")):
        return name
    offset = local.utcoffset()
    if offset is None or not offset:
        return "UTC"
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
