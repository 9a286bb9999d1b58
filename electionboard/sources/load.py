"""One-shot loading of a source, for headless commands."""

from __future__ import annotations

from electionboard.model import Election
from electionboard.sources.fetch import DEFAULT_DEADLINE, FetchRequest, fetch
from electionboard.sources.formats import parse_feed


def load_election(
    location: str, format_name: str | None = None, deadline: float = DEFAULT_DEADLINE
) -> Election:
    """Fetch and parse a file path or URL; raises FeedError subclasses.

    ``deadline`` bounds the whole fetch, so a dripping server cannot hang a
    headless command.
    """
    result = fetch(FetchRequest(location, deadline=deadline))
    return parse_feed(result.data, format_name)
