"""Byte-order marks and UTF-16: what a document's first bytes say about its text.

Spreadsheet and Windows tools write a UTF-8 byte-order mark, and some county
systems write their XML in UTF-16. Parsers strip the mark, and format sniffing
reads the head through ``text_head``, so neither needs a ``--format`` flag.
"""

from __future__ import annotations

import codecs

UTF8_BOM = codecs.BOM_UTF8
_UTF16 = (
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00", "utf-16-le"),  # XML in UTF-16 with no mark: '<' then NUL
    (b"\x00<", "utf-16-be"),
)
HEAD_BYTES = 4096
"""How much of a document the format sniffs look at."""


def without_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark."""
    return data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data


def text_head(data: bytes, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes as UTF-8 with no mark, transcoded from UTF-16.

    For sniffing only: a UTF-16 head is decoded leniently, since ``size`` may
    cut a character in half.
    """
    head = data[:size]
    for start, codec in _UTF16:
        if head.startswith(start):
            if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                head = head[len(start) :]
            return head.decode(codec, errors="ignore").encode()
    return without_bom(head)
