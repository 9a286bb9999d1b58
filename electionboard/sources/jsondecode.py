"""Typed JSON decoding shared by the JSON parsers: one mapping of failures.

Every way msgspec can refuse bytes becomes a FeedFormatError with words an
operator can read, so no parser lets a decoder's own exception escape.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import msgspec

from electionboard.model import MAX_VOTES
from electionboard.sources.bom import without_bom
from electionboard.sources.errors import FeedFormatError

T = TypeVar("T")


def decode(
    decoder: msgspec.json.Decoder[T],
    data: bytes,
    describe: Callable[[str, bytes], str],
) -> T:
    """Decode ``data``; ``describe`` words a validation message for operators.

    A UTF-8 byte-order mark is skipped: JSON forbids one, Windows tools
    write one.

    Raises:
        FeedFormatError: the bytes are not valid JSON of the expected shape.
    """
    data = without_bom(data)
    try:
        return decoder.decode(data)
    except msgspec.ValidationError as error:
        raise FeedFormatError(describe(worded(str(error)), data)) from None
    except msgspec.DecodeError as error:
        raise FeedFormatError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise FeedFormatError("not valid JSON: nested too deeply") from None
    except UnicodeDecodeError as error:
        raise FeedFormatError(f"not valid UTF-8 JSON: {error.reason}") from None


def worded(message: str) -> str:
    """msgspec's message for a count over the bound, in the model's words."""
    return message.replace(
        f"Expected `int` <= {MAX_VOTES}", f"too large: at most {MAX_VOTES:,}"
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many small acyclic objects.

    A statewide feed allocates hundreds of thousands of snapshot objects and
    none of them form cycles; letting the collector rescan them on every
    allocation threshold more than doubles the parse time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
