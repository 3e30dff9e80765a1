"""The tree of public bodies as public pages list it, kept in each process (issue 14).

The home page, the directory, and the body pickers of the DIP and the request log each
showed every body: 500 model objects built and a tree walked on every request (about 5 ms
on SQLite before any rendering), and the directory's 500 rows rendered through a template
per row (about 40 ms). ``snapshot()`` reads the columns those pages show in one query of
plain rows and compares them with the rows this process last built its tree from: only
when a row differs (a body added, renamed, moved, closed, given its own PPID …, however
it was changed: an action, the admin, a test's ``update()``, a rolled-back transaction)
are the objects built again. What a page derives from the tree (the directory's rendered
list, a picker's choices) is kept on the snapshot with ``memo``, once per language, and
goes with it. So every process sees a change on its next request, and a page costs one
read of ~500 short rows instead of building and rendering them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import DEFERRED, CharField
from django.db.models.functions import Cast
from django.utils import translation

from terbuka.bodies.models import TREE_MAX_DEPTH, Body

# The columns the public lists show of each body (the long texts stay in the database).
COLUMNS = (
    "id",
    "name",
    "short_name",
    "code",
    "slug",
    "kind",
    "parent_id",
    "has_own_ppid",
    # A body's own date and calendar: a list's "update overdue", an inbox's deadlines.
    "timezone",
    "closes_at",
    "after_hours_next_day",
)
_ACTIVE = "is_active"

T = TypeVar("T")


class Tree:
    """Every body (active or not) ordered by name, parents linked, so that walking up
    (``ppid_body``, ``region``, ``ancestors``) needs no query. Shared by the requests of a
    process: read it, never change the bodies."""

    def __init__(self, rows: tuple[tuple[Any, ...], ...]) -> None:
        self.rows = rows
        names = (*COLUMNS, _ACTIVE)
        # The driver's values as the ORM gives them (SQLite: 0/1 for a boolean, text for a
        # time of day).
        concrete = {field.attname: field for field in Body._meta.concrete_fields}
        to_python = [concrete[name].to_python for name in names]
        # In the model's field order, the rest deferred (read on access, as with ``only``).
        fields = list(concrete)
        self.bodies: list[Body] = []
        for row in rows:
            values = {
                name: convert(value)
                for name, convert, value in zip(names, to_python, row, strict=True)
            }
            self.bodies.append(
                Body.from_db(
                    connection.alias, fields, [values.get(name, DEFERRED) for name in fields]
                )
            )
        self.by_pk = {body.pk: body for body in self.bodies}
        for body in self.bodies:
            if body.parent_id is not None and body.parent_id in self.by_pk:
                body.parent = self.by_pk[body.parent_id]
        self._memo: dict[Hashable, Any] = {}

    def served_by(self, ppid_ids: Iterable[int]) -> list[Body]:
        """What ``models.served_by`` gives for these PPID bodies, from the tree: the
        units below them reached without passing another body with its own PPID, sorted
        by name (a PPID Utama of a hub serves hundreds: no query, no objects built)."""
        children = self.memo("children", self._children)
        roots = {pk for pk in ppid_ids if pk in self.by_pk and self.by_pk[pk].has_own_ppid}
        found: dict[int, Body] = {}
        level = [child for pk in roots for child in children.get(pk, [])]
        depth = 1
        while level and depth <= TREE_MAX_DEPTH:
            nxt = []
            for body in level:
                if body.has_own_ppid or body.pk in found or body.pk in roots:
                    continue
                found[body.pk] = body
                nxt += children.get(body.pk, [])
            level, depth = nxt, depth + 1
        return sorted(found.values(), key=lambda body: (body.name, body.pk))

    def _children(self) -> dict[int, list[Body]]:
        children: dict[int, list[Body]] = {}
        for body in self.bodies:
            if body.parent_id is not None:
                children.setdefault(body.parent_id, []).append(body)
        return children

    @property
    def active(self) -> list[Body]:
        return self.memo("active", lambda: [body for body in self.bodies if body.is_active])

    def memo(self, key: Hashable, build: Callable[[], T], *, per_language: bool = False) -> T:
        """What ``build`` gives, computed once for this tree (and language)."""
        if per_language:
            key = (key, translation.get_language())
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value


_current: Tree | None = None
_lock = threading.Lock()


# Read as text: SQLite's driver parses a declared time column row by row, a third of the
# read of 500 rows on every request (issue 14); ``Tree`` converts it when it builds.
_AS_TEXT = {"closes_at": "closes_at_text"}


@functools.cache
def _rows_sql(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The ORM's statement for the rows, compiled once per process."""
    texts = {alias: Cast(name, output_field=CharField()) for name, alias in _AS_TEXT.items()}
    names = [_AS_TEXT.get(name, name) for name in (*COLUMNS, _ACTIVE)]
    query = Body.objects.annotate(**texts).order_by("name", "pk").values_list(*names).query
    return query.sql_with_params()


def _read_rows() -> tuple[tuple[Any, ...], ...]:
    """The rows as the database driver gives them: compared as they are, converted to
    Python values only when the tree is built again (``Tree.__init__``)."""
    sql, params = _rows_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(tuple(row) for row in cursor.fetchall())


def snapshot() -> Tree:
    """The tree as the database holds it now: this process's copy while no row changed.
    Read once per request (a page that lists bodies twice compares the rows once)."""
    global _current
    in_request = getattr(_request, "active", False)
    if in_request and getattr(_request, "tree", None) is not None:
        return _request.tree
    rows = _read_rows()
    with _lock:
        current = _current
    if current is None or current.rows != rows:
        current = Tree(rows)
        with _lock:
            _current = current
    if in_request:
        _request.tree = current
    return current


# What this thread's current request has read: kept from request_started to
# request_finished only, so code outside a request (commands, tests) always reads.
_request = threading.local()


def _request_started(**_ignored: object) -> None:
    _request.active = True
    _request.tree = None


def _request_finished(**_ignored: object) -> None:
    _request.active = False
    _request.tree = None


request_started.connect(_request_started, dispatch_uid="terbuka.bodies.tree.started")
request_finished.connect(_request_finished, dispatch_uid="terbuka.bodies.tree.finished")
