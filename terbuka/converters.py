"""The ORM's conversions of the values a ``Prepared`` query gives (``terbuka/prepared.py``).

``Prepared.rows`` returns the database driver's values as they are: on SQLite a UUID is
32 hex characters, a date or a moment is text. A list that reads plain rows and shows
them as the ORM would (``catalog/views/public.py``, ``requests/views/public.py``)
converts each column with the converters the ORM itself applies to that field.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


@functools.cache
def _converters(
    vendor: str, model: type[Model], names: tuple[str, ...]
) -> tuple[tuple[Any, tuple[Any, ...]], ...]:
    result = []
    for name in names:
        # "notice__outcome": the field across the relations, as values_list names it.
        *path, last = name.split("__")
        owner: Any = model
        for step in path:
            owner = owner._meta.get_field(step).related_model
        field = owner._meta.get_field(last)
        column = field.get_col(owner._meta.db_table)
        functions = (
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        )
        result.append((column, functions))
    return tuple(result)


def row_converter(
    model: type[Model], names: Sequence[str]
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A function giving a row of ``model``'s columns ``names`` (``values_list`` names) as
    the ORM gives them, on the current database."""
    converters = _converters(connection.vendor, model, tuple(names))

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for index, (column, functions) in enumerate(converters):
            for function in functions:
                values[index] = function(values[index], column, connection)
        return tuple(values)

    return convert
