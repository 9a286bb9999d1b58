"""How long to wait before the next poll of a feed: the interval, or a backoff.

Kept pure and deterministic (no jitter, no clock) so the schedule a poller follows
after failures can be unit-tested and explained to an operator. A board polls one
feed, so there is no thundering herd for jitter to break up.
"""

from __future__ import annotations

DEFAULT_CAP = 300.0
"""Longest backoff, in seconds, unless the interval itself is longer."""

MAX_RETRY_AFTER = 3600.0
"""Longest wait a server's Retry-After may impose: the board must not go dark."""

_MAX_DOUBLINGS = 64
"""Doublings beyond this change nothing under any cap but would overflow a float."""


def retry_delay(
    interval: float,
    failures: int,
    retry_after: float | None = None,
    cap: float = DEFAULT_CAP,
) -> float:
    """Seconds to wait before the next poll.

    After ``failures`` failed polls in a row the wait doubles each time, so a
    struggling server is not hammered, up to ``cap`` (or the interval, if that
    is longer: backing off never polls faster than usual). A server that asks
    for a pause with Retry-After gets at least that, even past the cap, but
    never more than an hour.

    Args:
        interval: the normal polling interval in seconds; must be positive.
        failures: failed polls since the last success; 0 means healthy.
        retry_after: the server's Retry-After in seconds, if it sent one.
        cap: the longest backoff in seconds.

    Raises:
        ValueError: ``interval`` is not positive or ``failures`` is negative.
    """
    if not interval > 0:
        raise ValueError(f"the polling interval must be positive, got {interval!r}")
    if failures < 0:
        raise ValueError(f"failures cannot be negative, got {failures!r}")
    delay = interval
    if failures:
        backoff = interval * 2.0 ** min(failures, _MAX_DOUBLINGS)
        delay = min(backoff, max(cap, interval))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay
