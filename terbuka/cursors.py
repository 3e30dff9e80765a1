"""Keyset-pagination cursors: opaque tokens for "after this row" in an index order.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Field, Model, Q, QuerySet

from terbuka.prepared import Param, Prepared

Row = TypeVar("Row", bound=Model)
T = TypeVar("T")


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


# --- Keyset pages over any index order ----------------------------------------------------
# A list shown in the order of a composite index, e.g. ``(body_id, number, id)``, pages by
# the key of the row at the edge of the page: "after" it for the next page, "before" it
# for the previous one, read backwards through the same index. The first and the last
# page each cost one range read of ``per_page + 1`` rows, like any page between.

Key = tuple[int | str, ...]


def encode_key(key: Key) -> str:
    payload = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_key(raw: str, types: tuple[type, ...]) -> Key:
    """The key in ``raw`` if it has one value of each type in ``types``, in order."""
    try:
        padded = raw + "=" * (-len(raw) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError(raw)
        for value, kind in zip(values, types, strict=True):
            if type(value) is not kind:
                raise ValueError(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor(raw[:60]) from None
    return tuple(values)


def beyond(fields: Sequence[str], key: Sequence[object], *, backwards: bool = False) -> Q:
    """Rows strictly after ``key`` in ascending ``fields`` order (before it, ``backwards``).

    The leading ``field >= value`` is redundant with the OR but lets the database start
    its index range at the key instead of filtering from the first row (PITFALLS 15).
    """
    strict, loose = ("lt", "lte") if backwards else ("gt", "gte")
    condition = Q()
    for depth, field in enumerate(fields):
        equal = {name: key[i] for i, name in enumerate(fields[:depth])}
        condition |= Q(**equal, **{f"{field}__{strict}": key[depth]})
    return Q(**{f"{fields[0]}__{loose}": key[0]}) & condition


@dataclass
class KeysetPage(Generic[T]):
    rows: list[T]
    next_key: str | None  # the cursor for the page after this one
    previous_key: str | None  # the cursor for the page before this one
    is_first: bool
    is_last: bool

    @property
    def has_other_pages(self) -> bool:
        return not (self.is_first and self.is_last)


# Which page a request asks for: the first, the one after a cursor, the one before a
# cursor, or the last. A cursor before wins over ``last``, which wins over one after.
FIRST, AFTER, BEFORE, LAST = "first", "after", "before", "last"


def page_mode(after: Key | None = None, before: Key | None = None, last: bool = False) -> str:
    if before is not None:
        return BEFORE
    if last:
        return LAST
    return AFTER if after is not None else FIRST


def page_query(
    queryset: QuerySet[Any],
    *,
    fields: Sequence[str],
    mode: str,
    key: Sequence[object] | None,
    per_page: int,
    descending: bool = False,
) -> QuerySet[Any]:
    """The query of one page in ``mode``: past ``key`` (values, or a prepared query's
    ``Param``), in the index order or its reverse, one row more than a page (whether there
    are more)."""
    up = tuple(fields)
    down = tuple(f"-{field}" for field in fields)
    forwards, backwards = (down, up) if descending else (up, down)
    if mode in (BEFORE, LAST):
        if mode == BEFORE:
            assert key is not None
            queryset = queryset.filter(beyond(fields, key, backwards=not descending))
        return queryset.order_by(*backwards)[: per_page + 1]
    if mode == AFTER:
        assert key is not None
        queryset = queryset.filter(beyond(fields, key, backwards=descending))
    return queryset.order_by(*forwards)[: per_page + 1]


def assemble(
    rows: list[T], *, mode: str, per_page: int, key_of: Callable[[T], Key]
) -> KeysetPage[T]:
    """The page of the rows ``page_query`` read (in its order) in ``mode``."""
    more = len(rows) > per_page
    if mode in (BEFORE, LAST):
        rows = rows[:per_page][::-1]
        is_first, is_last = not more, mode == LAST
    else:
        rows = rows[:per_page]
        is_first, is_last = mode == FIRST, not more
    return KeysetPage(
        rows=rows,
        next_key=encode_key(key_of(rows[-1])) if rows and not is_last else None,
        previous_key=encode_key(key_of(rows[0])) if rows and not is_first else None,
        is_first=is_first,
        is_last=is_last,
    )


def keyset_page(
    queryset: QuerySet[Row],
    *,
    fields: Sequence[str],
    key_of: Callable[[Row], Key],
    per_page: int,
    after: Key | None = None,
    before: Key | None = None,
    last: bool = False,
    descending: bool = False,
) -> KeysetPage[Row]:
    """One page of ``queryset`` in ascending ``fields`` order (all descending with
    ``descending``): the first page, the page after ``after``, the page before
    ``before``, or the ``last`` page."""
    mode = page_mode(after, before, last)
    key = after if mode == AFTER else before
    query = page_query(
        queryset, fields=fields, mode=mode, key=key, per_page=per_page, descending=descending
    )
    return assemble(list(query), mode=mode, per_page=per_page, key_of=key_of)


def key_params(fields: Sequence[Field[Any, Any]]) -> list[Param]:
    """A cursor's values as the ``Param`` of a prepared page query (``key_0`` …), each
    converted for the database by its column's field."""
    return [Param(f"key_{index}", field) for index, field in enumerate(fields)]


def prepared_keyset_page(
    prepared: Callable[[str], Prepared],
    *,
    key_of: Callable[[T], Key],
    row: Callable[[tuple[Any, ...]], T],
    per_page: int,
    after: Key | None = None,
    before: Key | None = None,
    last: bool = False,
    **values: Any,
) -> KeysetPage[T]:
    """``keyset_page`` from a query compiled once per process and mode
    (``terbuka/prepared.py``): ``prepared(mode)`` gives the ``Prepared`` of
    ``page_query`` in that mode with ``key_params`` for its cursor; ``row`` makes each of
    its tuples a row; ``values`` are its other ``Param`` values. A page of a long list
    then costs its SQL and its rows, not the building and compiling of a queryset and a
    model object per row (issue 14)."""
    mode = page_mode(after, before, last)
    key = after if mode == AFTER else before if mode == BEFORE else None
    if key is not None:
        values.update({f"key_{index}": value for index, value in enumerate(key)})
    rows = [row(found) for found in prepared(mode).rows(**values)]
    return assemble(rows, mode=mode, per_page=per_page, key_of=key_of)
