"""One-shot loading of a source, for headless commands."""

from __future__ import annotations

from electionboard.model import Election
from electionboard.sources.fetch import FetchRequest, fetch
from electionboard.sources.formats import parse_feed


def load_election(location: str, format_name: str | None = None) -> Election:
    """Fetch and parse a file path or URL; raises FeedError subclasses."""
    return parse_feed(fetch(FetchRequest(location)).data, format_name)
