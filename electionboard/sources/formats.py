"""Which parser reads a document: named explicitly, or sniffed from its content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from electionboard.model import Election
from electionboard.sources.ap import looks_ap, parse_ap
from electionboard.sources.bom import text_head
from electionboard.sources.clarity import looks_clarity, parse_clarity
from electionboard.sources.csvfeed import looks_csv, parse_csv
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.native import looks_native, parse_native


@dataclass(frozen=True, slots=True)
class FeedFormat:
    """A parser and the cheap test that recognises its documents."""

    name: str
    sniff: Callable[[bytes], bool]
    parse: Callable[[bytes], Election]


FORMATS: dict[str, FeedFormat] = {
    "native": FeedFormat("native", looks_native, parse_native),
    "ap": FeedFormat("ap", looks_ap, parse_ap),
    "clarity": FeedFormat("clarity", looks_clarity, parse_clarity),
    "csv": FeedFormat("csv", looks_csv, parse_csv),
}


def detect_format(data: bytes) -> FeedFormat:
    """The format whose sniff accepts ``data``.

    Raises:
        FeedFormatError: no known format recognises the document.
    """
    for feed_format in FORMATS.values():
        if feed_format.sniff(data):
            return feed_format
    head = text_head(data).lstrip()[:1]
    if not head:
        raise FeedFormatError("the feed is empty")
    if head == b"<":
        raise FeedFormatError("got HTML or XML that is not a known results format")
    raise FeedFormatError("not a results feed in any known format")


def parse_feed(data: bytes, format_name: str | None = None) -> Election:
    """Parse ``data`` with the named format, or the detected one."""
    if format_name is None:
        return detect_format(data).parse(data)
    try:
        feed_format = FORMATS[format_name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise FeedFormatError(
            f"unknown format {format_name!r} (known: {known})"
        ) from None
    return feed_format.parse(data)
