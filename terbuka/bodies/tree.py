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
goes with it. So every process sees a change on its next request.

Reading the ~500 rows to compare them cost ~0.85 ms on every request (SQLite, the driver
building 6,000 values). The database now says whether anything changed: triggers give the
one row of ``TreeStamp`` a new random value in the statement that inserts, changes or
deletes bodies (``install_stamp_triggers``), so it commits or rolls back with the change.
A request reads that one value; only when it differs from the stamp the copy was built
with are the rows read (in the same statement as the stamp, so the two agree) and compared.
A random value, never a counter: a change rolled back and another one made later must not
meet the same stamp.
"""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DEFERRED, CharField, Subquery
from django.db.models.functions import Cast
from django.utils import translation

from terbuka.bodies.models import TREE_MAX_DEPTH, Body, TreeStamp
from terbuka.prepared import Prepared

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

    def __init__(self, rows: tuple[tuple[Any, ...], ...], stamp: str | None = None) -> None:
        self.rows = rows
        # The ``TreeStamp`` read in the same statement as the rows (None: no stamp row).
        self.stamp = stamp
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

    def restamped(self, stamp: str | None) -> Tree:
        """This tree (its objects and memo shared) under another stamp."""
        copy = object.__new__(Tree)
        copy.__dict__.update(self.__dict__)
        copy.stamp = stamp
        return copy

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


STAMP_ID = 1
_STAMP_ALIAS = "tree_stamp"


@functools.cache
def _rows_sql(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The ORM's statement for the rows, each with the current stamp as its last value,
    compiled once per process."""
    texts = {alias: Cast(name, output_field=CharField()) for name, alias in _AS_TEXT.items()}
    stamp = Subquery(TreeStamp.objects.filter(pk=STAMP_ID).values("stamp")[:1])
    names = [_AS_TEXT.get(name, name) for name in (*COLUMNS, _ACTIVE)]
    query = (
        Body.objects.annotate(**texts, **{_STAMP_ALIAS: stamp})
        .order_by("name", "pk")
        .values_list(*names, _STAMP_ALIAS)
        .query
    )
    return query.sql_with_params()


_STAMP = Prepared(lambda: TreeStamp.objects.filter(pk=STAMP_ID).values_list("stamp"))


def _read_stamp() -> str | None:
    rows = _STAMP.rows()
    return rows[0][0] if rows else None


def _read_rows() -> tuple[str | None, tuple[tuple[Any, ...], ...]]:
    """The stamp and the rows as the database driver gives them, from one statement (one
    snapshot of the database): compared as they are, converted to Python values only when
    the tree is built again (``Tree.__init__``)."""
    sql, params = _rows_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    stamp = fetched[0][-1] if fetched else None
    return stamp, tuple(tuple(row[:-1]) for row in fetched)


def snapshot() -> Tree:
    """The tree as the database holds it now: this process's copy while the stamp (or,
    without one, every row) is unchanged. Read once per request (a page that lists bodies
    twice reads the stamp once)."""
    global _current
    in_request = getattr(_request, "active", False)
    if in_request and getattr(_request, "tree", None) is not None:
        return _request.tree
    stamp = _read_stamp()
    with _lock:
        current = _current
    if stamp is None or current is None or current.stamp != stamp:
        stamp, rows = _read_rows()
        if current is None or current.rows != rows:
            current = Tree(rows, stamp)
        elif current.stamp != stamp:
            # Changed and changed back, or a column the tree does not hold: the same
            # objects (and what was derived from them) under the new stamp.
            current = current.restamped(stamp)
        with _lock:
            _current = current
    if in_request:
        _request.tree = current
    return current


# The triggers that give ``TreeStamp`` a new value. SQLite has row triggers only (one
# writer at a time, so no lock order to mind); PostgreSQL runs one per statement, BEFORE
# it, so that a writer takes the stamp's row lock before any body's: two transactions
# changing bodies wait for each other instead of deadlocking.
SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")
_SQLITE_TRIGGER = (
    "CREATE TRIGGER bodies_tree_stamp_{event} AFTER {event} ON {body} BEGIN "
    "INSERT OR REPLACE INTO {stamp} (id, stamp) VALUES ({id}, lower(hex(randomblob(16)))); "
    "END"
)
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION bodies_tree_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {stamp} (id, stamp) VALUES ({id}, gen_random_uuid()::text)
    ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp;
    RETURN NULL;
END
$$
"""
_PG_TRIGGER = (
    "CREATE TRIGGER bodies_tree_stamp BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
    "ON {body} FOR EACH STATEMENT EXECUTE FUNCTION bodies_tree_stamp()"
)


def drop_stamp_triggers(db: BaseDatabaseWrapper) -> None:
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS bodies_tree_stamp ON {Body._meta.db_table}")
        else:
            for event in SQLITE_EVENTS:
                cursor.execute(f"DROP TRIGGER IF EXISTS bodies_tree_stamp_{event}")


def install_stamp_triggers(db: BaseDatabaseWrapper) -> None:
    """(Re)create the triggers and give the stamp a new value. Run by the migration that
    made ``TreeStamp`` and after every ``migrate`` and ``flush`` (``apps.py``): SQLite
    drops a table's triggers when a migration rebuilds the table."""
    names = {"body": Body._meta.db_table, "stamp": TreeStamp._meta.db_table, "id": STAMP_ID}
    drop_stamp_triggers(db)
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION.format(**names))
            cursor.execute(_PG_TRIGGER.format(**names))
        else:
            for event in SQLITE_EVENTS:
                cursor.execute(_SQLITE_TRIGGER.format(event=event, **names))
    TreeStamp.objects.using(db.alias).update_or_create(
        pk=STAMP_ID, defaults={"stamp": secrets.token_hex(16)}
    )


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
