"""Which parser reads a document: named explicitly, or sniffed from its content."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from electionboard.model import Election
from electionboard.sources.bom import text_head
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.native import RaceMemo, looks_native, parse_native


@dataclass(frozen=True, slots=True)
class FeedFormat:
    """A parser and the cheap test that recognises its documents."""

    name: str
    sniff: Callable[[bytes], bool]
    parse: Callable[[bytes], Election]


def _sniff_in(module: str, name: str) -> Callable[[bytes], bool]:
    """``module.name``, imported at its first call (see ``FORMATS``)."""

    def sniff(data: bytes) -> bool:
        looks: bool = getattr(importlib.import_module(module), name)(data)
        return looks

    sniff.__name__ = sniff.__qualname__ = name
    return sniff


def _parse_in(module: str, name: str) -> Callable[[bytes], Election]:
    """``module.name``, imported at its first call (see ``FORMATS``)."""

    def parse(data: bytes) -> Election:
        election: Election = getattr(importlib.import_module(module), name)(data)
        return election

    parse.__name__ = parse.__qualname__ = name
    return parse


FORMATS: dict[str, FeedFormat] = {
    "native": FeedFormat("native", looks_native, parse_native),
    "ap": FeedFormat(
        "ap",
        _sniff_in("electionboard.sources.ap", "looks_ap"),
        _parse_in("electionboard.sources.ap", "parse_ap"),
    ),
    "clarity": FeedFormat(
        "clarity",
        _sniff_in("electionboard.sources.clarity", "looks_clarity"),
        _parse_in("electionboard.sources.clarity", "parse_clarity"),
    ),
    "csv": FeedFormat(
        "csv",
        _sniff_in("electionboard.sources.csvfeed", "looks_csv"),
        _parse_in("electionboard.sources.csvfeed", "parse_csv"),
    ),
}
"""Every format, in the order ``detect_format`` tries them. Only the native
parser is imported with this module: a board on the bundled night (or any
native feed) never loads AP's, Clarity's (zipfile, expat) or the CSV reader,
and the others load on the worker that first sniffs or parses their bytes."""


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


def parse_feed(
    data: bytes, format_name: str | None = None, *, memo: RaceMemo | None = None
) -> Election:
    """Parse ``data`` with the named format, or the detected one.

    ``memo``: a polled source's memory of its last answer, so a native feed's
    unchanged races are not read again (``native.RaceMemo``); other formats
    pass it by (AP's next requests send only what changed).
    """
    if format_name is None:
        feed_format = detect_format(data)
    else:
        try:
            feed_format = FORMATS[format_name]
        except KeyError:
            known = ", ".join(sorted(FORMATS))
            raise FeedFormatError(
                f"unknown format {format_name!r} (known: {known})"
            ) from None
    if memo is not None and feed_format.parse is parse_native:
        return parse_native(data, memo=memo)
    return feed_format.parse(data)
