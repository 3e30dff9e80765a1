"""Queries compiled once per process and run again with new values.

Django builds and compiles a queryset's SQL on every call. For a small report over a few
hundred rows (one body's statistics for a year) or a page of 100 records (the DIP feeds
and the API's list) that Python costs as much as the query itself or more (measured by
``bench/reports.py`` and ``bench/api.py``). A ``Prepared`` query is still written with the
ORM, once, with named ``Param`` placeholders where its values go: the ORM writes every
statement (the published rule, the shield's filter, the order, the columns). Its SQL is
compiled the first time it runs on a database and reused after that; each value is
converted for the database by the field its ``Param`` names (a time-zone-aware moment as
SQLite or PostgreSQL stores it), and each column read back as the ORM would give it
(Django's own converters: SQLite's text timestamps and UUIDs, its 0/1 booleans).

The query's shape must not depend on the values: a value that changes the SQL (a filter
present or not, a slice, a list of varying length) is not a ``Param`` but part of the
shape, and each shape is its own ``Prepared`` (``Shapes`` keeps them by a key).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
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


_AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "CharField",
        "IntegerField",
        "PositiveIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


class _Compiled:
    """The SQL of a query on one database, its parameters (a ``Param`` where a value goes)
    and the converters of the columns it selects."""

    def __init__(self, queryset: QuerySet[Any], using: str) -> None:
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        self.sql = sql
        self.params = list(params)
        # Where each value goes, and the field that converts it: integers and text go to
        # the driver as they are (their fields' conversion is ``int()`` or ``str()``, a
        # cost per value that a page of 100 ids felt); anything else through its field.
        self.places = [
            (
                index,
                param.name,
                None
                if param.output_field.get_internal_type() in _AS_THEY_ARE
                else param.output_field,
            )
            for index, param in enumerate(self.params)
            if isinstance(param, Param)
        ]
        self.converters = list(
            compiler.get_converters(
                [column for column, *_rest in compiler.select[: compiler.col_count]]
            ).items()
        )


class Prepared:
    """The query ``build()`` returns (a ``values()`` or ``values_list()`` queryset with
    ``Param`` values), compiled once per database alias, run with ``rows(**values)`` as
    tuples in the order it selects (``columns``, when given, is checked against it)."""

    def __init__(
        self, build: Callable[[], QuerySet[Any]], columns: Sequence[str] | None = None
    ) -> None:
        self._build = build
        self.columns = tuple(columns) if columns is not None else None
        self._compiled: dict[str, _Compiled] = {}

    def _on(self, using: str) -> _Compiled:
        compiled = self._compiled.get(using)
        if compiled is None:
            queryset = self._build()
            # The columns in the order the SQL selects them (``values()``' order).
            selected = tuple(queryset.query.selected or ())
            if self.columns is not None and selected != self.columns:
                raise ValueError(f"The query selects {list(selected)}, not {list(self.columns)}")
            compiled = self._compiled[using] = _Compiled(queryset, using)
        return compiled

    def rows(self, *, using: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        connection = connections[using]
        compiled = self._on(using)
        params = compiled.params.copy()
        for index, name, field in compiled.places:
            value = values[name]
            params[index] = value if field is None else field.get_db_prep_value(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
        if not compiled.converters:
            return rows
        converted: list[tuple[Any, ...]] = []
        for row in rows:
            columns = list(row)
            for position, (functions, expression) in compiled.converters:
                value = columns[position]
                for function in functions:
                    value = function(value, expression, connection)
                columns[position] = value
            converted.append(tuple(columns))
        return converted


class Shapes:
    """The ``Prepared`` query of each shape of a query whose SQL changes with what is asked
    (which filters, which slice), built on first use and kept by ``key``, at most ``kept``
    of them, the least recently used dropped first."""

    def __init__(self, kept: int = 64) -> None:
        self.kept = kept
        self._shapes: OrderedDict[Hashable, Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        key: Hashable,
        build: Callable[[], QuerySet[Any]],
        columns: Sequence[str] | None = None,
    ) -> Prepared:
        with self._lock:
            found = self._shapes.get(key)
            if found is None:
                found = self._shapes[key] = Prepared(build, columns)
                if len(self._shapes) > self.kept:
                    self._shapes.popitem(last=False)
            else:
                self._shapes.move_to_end(key)
            return found
