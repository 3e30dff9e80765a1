"""Keyset-pagination cursors: an opaque token for "after this (timestamp, id)".

A list ordered by an indexed (timestamp, id) pair pages by remembering the last row shown,
so the 1,000th page costs what the first does (PITFALLS.md 15). The token is URL-safe
base64 of the pair as JSON; whatever does not decode to an aware timestamp and an integer
is refused with ``InvalidCursor`` (each caller words its own message).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json


class InvalidCursor(ValueError):
    pass


def encode(moment: dt.datetime, pk: int) -> str:
    payload = json.dumps([moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode(raw: str) -> tuple[dt.datetime, int]:
    try:
        padded = raw + "=" * (-len(raw) % 4)
        stamp, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        when = dt.datetime.fromisoformat(stamp)
        if when.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor(raw[:60]) from None
    return when, pk
