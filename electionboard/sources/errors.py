"""Typed errors for everything that can go wrong between a feed and a snapshot."""

from __future__ import annotations


class FeedError(Exception):
    """A source could not give a usable snapshot; the message is for operators."""


class FetchError(FeedError):
    """The bytes could not be fetched (network, HTTP status, file system)."""


class FeedFormatError(FeedError):
    """The bytes arrived but are not a valid document of the expected format."""


class NotModifiedError(FeedError):
    """The server says nothing changed since the last fetch (HTTP 304)."""
