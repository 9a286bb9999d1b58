"""Feed sources: fetch bytes and parse them into model snapshots. No Qt here."""

from electionboard.sources.errors import (
    FeedError,
    FeedFormatError,
    FetchError,
    NotModifiedError,
)
from electionboard.sources.fetch import FetchRequest, FetchResult, fetch, is_url
from electionboard.sources.formats import FORMATS, detect_format, parse_feed
from electionboard.sources.load import load_election

__all__ = [
    "FORMATS",
    "FeedError",
    "FeedFormatError",
    "FetchError",
    "FetchRequest",
    "FetchResult",
    "NotModifiedError",
    "detect_format",
    "fetch",
    "is_url",
    "load_election",
    "parse_feed",
]
