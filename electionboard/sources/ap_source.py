"""Polls the AP Elections API v2: one full answer, then only what changed.

AP's next-request contract: every response names a ``nextrequest`` URL that
answers with just the races changed since. The job merges such an answer into
the election held when the poll was prepared (snapshots are immutable, so the
worker may read it), so every outcome carries the whole election; the source
learns the merged election and the next URL only when the GUI thread settles.

The API key travels only in the ``x-api-key`` header. It is never put in a URL
or a label, is scrubbed from every failure message, is dropped if a redirect
(by ``fetch``, as for every request) or a next-request URL leads to another
server, and is never logged.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from electionboard.model import Election
from electionboard.sources.ap import next_request_url, parse_ap
from electionboard.sources.errors import FeedError, FeedFormatError, NotModifiedError
from electionboard.sources.fetch import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FetchRequest,
    HttpStatusError,
    fetch,
    is_url,
    public_location,
)
from electionboard.sources.fetch import origin as origin_of
from electionboard.sources.merge import merge_elections
from electionboard.sources.polling import (
    PollFailed,
    PollJob,
    PollOk,
    PollOutcome,
    PollUnchanged,
)

log = logging.getLogger(__name__)

API_KEY_HEADER = "x-api-key"
_REDACTED = "[API key]"
_HTTP_PORT = 80
_TRANSIENT_CLIENT_ERRORS = frozenset({408, 429})
"""4xx answers that say "not now" rather than "this URL is no good"."""


@dataclass(frozen=True, slots=True)
class ApPollOk(PollOk):
    """The whole election (an update already merged in) and where to ask next."""

    next_request: str | None = None


@dataclass(frozen=True, slots=True)
class ApPollFailed(PollFailed):
    """A failed poll; ``restart`` drops the next-request chain for a full request."""

    restart: bool = False


class ApSource:
    """An AP v2 results URL, followed through its next-request chain.

    Raises:
        ValueError: ``url`` is not http(s), carries a key in its query string,
            or ``api_key`` could not be sent as a header.
    """

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        if not is_url(url) or not _origin(url):
            raise ValueError(
                "an AP source needs an http(s) URL with a host name "
                "and no user name or password in it"
            )
        if _has_key_parameter(url):
            raise ValueError(
                "the AP URL carries an API key in its query string; "
                "pass the key separately so it is sent as a header"
            )
        key = api_key or None
        if key is not None and (key != key.strip() or "\n" in key or "\r" in key):
            raise ValueError("the AP API key has spaces or line breaks in it")
        if key is not None and key in unquote(url):
            raise ValueError("the AP URL carries the API key; pass it separately")
        self._url = url
        self._key = key
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._deadline = deadline
        self._held: Election | None = None
        self._next: str | None = None

    @property
    def label(self) -> str:
        """The URL's scheme, host and port: no path, query or key."""
        return public_location(self._url)

    @property
    def incremental(self) -> bool:
        """True when the next poll asks only for what changed."""
        return self._next is not None and self._held is not None

    def prepare(self, sequence: int) -> PollJob:
        """A job asking for the next request's changes, or for everything."""
        held = self._held if self.incremental else None
        location = self._next if held is not None and self._next else self._url
        headers = ((API_KEY_HEADER, self._key),) if self._key else ()
        request = FetchRequest(
            location,
            timeout=self._timeout,
            max_bytes=self._max_bytes,
            headers=headers,
            deadline=self._deadline,
        )
        return _ApJob(request, sequence, held, _origin(self._url), self._key)

    def settle(self, outcome: PollOutcome) -> None:
        """Hold the merged election and follow its next request; restart on a break."""
        if isinstance(outcome, ApPollOk):
            self._held = outcome.election
            self._next = outcome.next_request
        elif isinstance(outcome, ApPollFailed) and outcome.restart:
            self._held = None
            self._next = None


@dataclass(frozen=True, slots=True)
class _ApJob:
    """One poll, built on the GUI thread; its repr shows neither key nor data."""

    request: FetchRequest = field(repr=False)
    sequence: int
    held: Election | None = field(repr=False)
    """The election to merge an update into; None for a full request."""
    origin: str = field(repr=False)
    """The configured URL's origin: the only server a next request may go to."""
    key: str | None = field(repr=False)

    def __call__(self) -> PollOutcome:
        """Fetch, parse and merge; every failure comes back as a value."""
        incremental = self.held is not None
        try:
            result = fetch(self.request)
            update = parse_ap(result.data)
            following = _next_location(
                next_request_url(result.data), self.origin, self.key
            )
            election = update if self.held is None else _merged(self.held, update)
        except NotModifiedError:
            return PollUnchanged(self.sequence, _now())
        except HttpStatusError as error:
            restart = incremental and _breaks_chain(error.status)
            return self._failed(str(error), error.retry_after, restart=restart)
        except FeedFormatError as error:
            return self._failed(str(error), restart=incremental)
        except FeedError as error:
            return self._failed(str(error), restart=False)
        except Exception as error:
            log.exception("reading the AP feed failed unexpectedly")
            return self._failed(
                f"internal error while reading the AP feed: {type(error).__name__}",
                restart=True,
            )
        return ApPollOk(
            self.sequence,
            election,
            _now(),
            result.etag,
            result.last_modified,
            next_request=following,
        )

    def _failed(
        self, message: str, retry_after: float | None = None, *, restart: bool
    ) -> ApPollFailed:
        if self.key:
            message = message.replace(self.key, _REDACTED)
        if restart:
            message += "; asking for the full results next time"
            log.warning("AP next request failed; asking for the full results next")
        return ApPollFailed(self.sequence, _now(), message, retry_after, restart)


def _merged(held: Election, update: Election) -> Election:
    """``update`` laid over ``held``, refusing answers that cannot belong."""
    if update.id != held.id:
        raise FeedFormatError(
            f"the next request answered for election {update.date.isoformat()}, "
            f"not {held.date.isoformat()}"
        )
    if update.updated < held.updated:
        raise FeedFormatError(
            "the next request answered with results older than those held"
        )
    return merge_elections(held, update)


def _breaks_chain(status: int) -> bool:
    """A 4xx on a next request means its URL is no good: start over."""
    return 400 <= status < 500 and status not in _TRANSIENT_CLIENT_ERRORS


def _next_location(url: str | None, origin: str, key: str | None) -> str | None:
    """``url`` if the key may follow it there, else None (a full request next)."""
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme == "http" and origin.startswith("https://") and _origin(url):
        # AP has written http:// next requests; never downgrade, upgrade instead.
        netloc = parts.netloc.removesuffix(f":{_HTTP_PORT}")
        parts = parts._replace(scheme="https", netloc=netloc)
    candidate = urlunsplit(parts)
    if not is_url(candidate) or not origin or _origin(candidate) != origin:
        log.warning(
            "AP's next request points at another server; "
            "asking for the full results next instead"
        )
        return None
    if _has_key_parameter(candidate):
        query = [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _is_key_parameter(name)
        ]
        candidate = urlunsplit(parts._replace(query=urlencode(query)))
    if key and key in unquote(candidate):
        log.warning("AP's next request repeats the API key; not following it")
        return None
    return candidate


def _is_key_parameter(name: str) -> bool:
    """``apiKey``, ``api_key``, ``API-KEY``: the spellings a key travels under."""
    return name.casefold().replace("_", "").replace("-", "") == "apikey"


def _has_key_parameter(url: str) -> bool:
    query = urlsplit(url).query
    return any(
        _is_key_parameter(name) for name, _ in parse_qsl(query, keep_blank_values=True)
    )


def _origin(url: str) -> str:
    """The URL's origin, or empty when it names a user: never the AP server."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        return ""
    return origin_of(url)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


__all__ = ["API_KEY_HEADER", "ApPollFailed", "ApPollOk", "ApSource"]
