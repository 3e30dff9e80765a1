"""Queries compiled once per process and run again with new values.

Django builds and compiles a queryset's SQL on every call. For a small report over a few
hundred rows (one body's statistics for a year) that Python costs several times the
query itself (measured by ``bench/reports.py``: 5 ms of building against 1.6 ms of SQL
on SQLite). A ``Prepared`` query is still written with the ORM, once, with named
``Param`` placeholders where its values go; its SQL is compiled the first time it runs on
a database and reused after that, each value converted for the database by the field
the ``Param`` names (a time-zone-aware moment as SQLite or PostgreSQL stores it).

The query's shape must not depend on the values: a value that changes the SQL (a list
of varying length, a condition present or not) is not a ``Param``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import Expression, Field, QuerySet


class Param(Expression):
    """A named value of a ``Prepared`` query, converted for the database as ``field``
    converts it (e.g. ``Param("since", models.DateTimeField())``)."""

    def __init__(self, name: str, field: Field[Any, Any]) -> None:
        super().__init__(output_field=field)
        self.name = name

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [self]

    def get_group_by_cols(self) -> list[Any]:
        return []

    def __repr__(self) -> str:
        return f"Param({self.name!r})"


class Prepared:
    """The query ``build()`` returns (a queryset with ``Param`` values), compiled once per
    database alias, run with ``rows(**values)`` as plain tuples in ``columns`` order."""

    def __init__(self, build: Callable[[], QuerySet[Any]], columns: Sequence[str]) -> None:
        self._build = build
        self.columns = tuple(columns)
        self._compiled: dict[str, tuple[str, list[Any]]] = {}

    def _sql(self, using: str) -> tuple[str, list[Any]]:
        compiled = self._compiled.get(using)
        if compiled is None:
            queryset = self._build()
            query = queryset.query
            # The columns in the order the SQL selects them (``values()``' order).
            selected = list(query.selected or ())
            if tuple(selected) != self.columns:
                raise ValueError(f"The query selects {selected}, not {list(self.columns)}")
            sql, params = query.get_compiler(using=using).as_sql()
            compiled = self._compiled[using] = (sql, list(params))
        return compiled

    def rows(self, *, using: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        connection = connections[using]
        sql, params = self._sql(using)
        bound = [
            param.output_field.get_db_prep_value(values[param.name], connection)
            if isinstance(param, Param)
            else param
            for param in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            return cursor.fetchall()
