"""The DIP as open data: the rows of ``/dip.json`` and ``/dip.csv`` and how harvesters page
through them.

A harvester keeps the time of its last run and asks for ``?since=<that time>``: every
published entry created or changed at or after it comes back, ordered by
``(updated_at, id)``. The ``next`` link carries a cursor (the last row's ``updated_at`` and
id) instead of a page number, so an entry changed while the harvester pages through moves
behind the cursor and is still delivered, and no row is skipped when earlier rows move.

Only published entries of active bodies, and only public fields: the DIP holds no
personal data of requesters (UU 14/2008 Pasal 17 huruf h), and nothing here reads it.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db.models import (
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka import choices, cursors
from terbuka.bodies.models import Body
from terbuka.catalog import perki
from terbuka.catalog.models import Category, Document, DocumentVersion, Entry, EntryQuerySet
from terbuka.links import url_prefix
from terbuka.prepared import Param, Shapes
from terbuka.shield import state as shield_state

DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 500

# The CSV feed's columns, in order: the JSON fields flattened (documents as URLs).
CSV_FIELDS = [
    "id",
    "url",
    "body_slug",
    "body_name",
    "category",
    "category_label",
    "number",
    "title",
    "summary",
    "holder",
    "responsible",
    "created_when",
    "created_where",
    "available_forms",
    "retention",
    "tags",
    "published_on",
    "last_updated_on",
    "next_update_due",
    "updated_at",
    "document_urls",
]


class FeedError(ValueError):
    """A query parameter a harvester got wrong; its message is shown as it is."""


@dataclass(frozen=True)
class FeedQuery:
    since: dt.datetime | None
    after: tuple[dt.datetime, int] | None  # the cursor: (updated_at, pk) of the last row seen
    page: int
    per_page: int


@dataclass
class FeedPage:
    rows: Sequence[Sequence[Any]]  # each in ``COLUMNS`` order, for ``records``
    next_cursor: str | None
    query: FeedQuery


def parse_since(raw: str) -> dt.datetime:
    """An ISO 8601 date or timestamp; without an offset it is read in the server's zone.

    A ``+`` in an offset often arrives as a space when a harvester forgets to encode it.
    """
    text = raw.strip()
    candidates = [text]
    if " " in text:
        candidates.append(text[::-1].replace(" ", "+", 1)[::-1])
    for candidate in candidates:
        try:
            value = parse_datetime(candidate)
        except ValueError:
            value = None
        if value is None:
            try:
                day = parse_date(candidate)
            except ValueError:
                day = None
            if day is not None:
                value = dt.datetime.combine(day, dt.time.min)
        if value is not None:
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            return value
    raise FeedError(
        _(
            "Parameter since tidak valid: “%(value)s”. Gunakan tanggal/waktu ISO 8601, "
            "mis. 2025-01-31 atau 2025-01-31T08:00:00+07:00."
        )
        % {"value": raw[:60]}
    )


def encode_cursor(entry: Entry) -> str:
    return cursors.encode(entry.updated_at, entry.pk)


def decode_cursor(raw: str) -> tuple[dt.datetime, int]:
    try:
        return cursors.decode(raw)
    except cursors.InvalidCursor:
        raise FeedError(_("Parameter cursor tidak valid. Ikuti tautan next apa adanya.")) from None


def _positive_int(raw: str | None, name: str, default: int, maximum: int | None = None) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        if maximum is not None:
            message = _("Parameter %(name)s harus bilangan bulat 1 sampai %(max)s.") % {
                "name": name,
                "max": maximum,
            }
        else:
            message = _("Parameter %(name)s harus bilangan bulat positif.") % {"name": name}
        raise FeedError(message)
    return value


def parse_query(params: Any) -> FeedQuery:
    """Read ``since``, ``cursor``, ``page`` and ``per_page`` from a QueryDict."""
    since_raw = params.get("since")
    cursor_raw = params.get("cursor")
    return FeedQuery(
        since=parse_since(since_raw) if since_raw else None,
        after=decode_cursor(cursor_raw) if cursor_raw else None,
        page=_positive_int(params.get("page"), "page", 1),
        per_page=_positive_int(params.get("per_page"), "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def feed_entries(body: Body | None = None) -> EntryQuerySet:
    """Published entries (of one body, or of every active body), in harvesting order."""
    entries = Entry.objects.published()
    if body is not None:
        entries = entries.filter(body=body)
    return entries.order_by("updated_at", "pk")


def after_cursor(entries: EntryQuerySet, after: tuple[dt.datetime, int]) -> EntryQuerySet:
    """The rows after the cursor in ``(updated_at, pk)`` order. The redundant
    ``updated_at >= stamp`` lets the database start from the cursor in the ``updated_at``
    index instead of scanning from the first row (the OR alone defeated it on SQLite: the
    1,000th page of 100,000 entries took 5x the first; bench/api.py)."""
    stamp, pk = after
    return entries.filter(updated_at__gte=stamp).filter(
        Q(updated_at__gt=stamp) | Q(updated_at=stamp, pk__gt=pk)
    )


# An entry's fields a record shows, read as tuples: a page of records builds no model
# instances (the instances and their prefetch were 40% of an API page; bench/api.py). A row
# is these and its body's slug and name, in ``COLUMNS`` order.
RECORD_FIELDS = (
    "id",
    "public_id",
    *perki.ROW_FIELDS,
    "tags",
    "published_on",
    "last_updated_on",
    "next_update_due",
    "updated_at",
)
COLUMNS = (*RECORD_FIELDS, "body_slug", "body_name")
_ROW_LOOKUPS = (*RECORD_FIELDS, "body__slug", "body__name")
_ID, _UPDATED_AT = COLUMNS.index("id"), COLUMNS.index("updated_at")


# --- Statements compiled once -------------------------------------------------------------
# A page runs two statements whose text depends only on which filters it has and on its
# slice: the keyset query of the entries and the query of their documents. Building and
# compiling them through the ORM cost more than running them on PostgreSQL (bench/api.py),
# so each shape is compiled once (``terbuka.prepared``) with ``Param`` values where a
# request's body, category, moment and cursor go.

_SHAPES = Shapes(kept=64)  # filters and slices (pages of /dip.json) in use


def load_page(
    query: FeedQuery, *, body: Body | None = None, category: str | None = None
) -> FeedPage:
    """One page of ``feed_entries(body)`` (of one category if given), without a count: a
    count over the whole table costs more than the page (PITFALLS 15); harvesters follow
    the cursor to the end."""
    start = (query.page - 1) * query.per_page
    stop = start + query.per_page + 1
    values: dict[str, Any] = {}
    if body is not None:
        values["body"] = body.pk
    if category is not None:
        values["category"] = category
    if query.since is not None:
        values["since"] = query.since
    if query.after is not None:
        values["stamp"], values["pk"] = query.after

    def build() -> QuerySet[Any]:
        entries = feed_entries()
        if body is not None:
            entries = entries.filter(body_id=Param("body", IntegerField()))
        if category is not None:
            entries = entries.filter(category=Param("category", CharField()))
        if query.since is not None:
            entries = entries.filter(updated_at__gte=Param("since", DateTimeField()))
        if query.after is not None:
            stamp = Param("stamp", DateTimeField())
            entries = after_cursor(entries, (stamp, Param("pk", IntegerField())))  # type: ignore[arg-type]
        return entries.values_list(*_ROW_LOOKUPS)[start:stop]

    shape = ("page", *sorted(values), start, stop)
    rows = _SHAPES.get(shape, build).rows(using=Entry.objects.db, **values)
    has_more = len(rows) > query.per_page
    rows = rows[: query.per_page]
    return FeedPage(
        rows=rows,
        next_cursor=(
            cursors.encode(rows[-1][_UPDATED_AT], rows[-1][_ID]) if has_more and rows else None
        ),
        query=query,
    )


def row_of(entry: Entry) -> tuple[Any, ...]:
    """An entry instance as the row ``load_page`` reads (one record for one entry)."""
    return (
        *(getattr(entry, name) for name in RECORD_FIELDS),
        entry.body.slug,
        entry.body.name,
    )


_SAMPLE_UUID = uuid.UUID(int=0)


@functools.cache
def _paths() -> tuple[tuple[str, str], tuple[str, str]]:
    """The entry's and the document's URL path around the ``public_id``, reversed once per
    process (the URL patterns do not change while it runs)."""
    return (
        url_prefix("catalog:entry", public_id=_SAMPLE_UUID),
        url_prefix("catalog:document_download", public_id=_SAMPLE_UUID),
    )


@dataclass(frozen=True)
class _Links:
    """The entry and document URLs around their ``public_id``, made absolute once per list
    rather than reversed once per row (issue 14)."""

    entry: tuple[str, str]
    document: tuple[str, str]

    @classmethod
    def build(cls, absolute: Callable[[str], str]) -> _Links:
        # ``absolute(before) + id + after`` is ``absolute(before + id + after)``: a path
        # is joined to the scheme and host, and a UUID needs no escaping.
        entry, document = _paths()
        return cls(
            entry=(absolute(entry[0]), entry[1]), document=(absolute(document[0]), document[1])
        )


@functools.cache
def _entry_names(count: int) -> tuple[str, ...]:
    return tuple(f"entry{n}" for n in range(count))


def documents_of(entry_ids: list[int], links: _Links) -> dict[int, list[dict[str, str | None]]]:
    """The documents of these entries, in one query, by entry id: each one's title, the
    URL of its public download view and the content type of its latest version that the
    personal-data shield let out; a link document's own URL; a document with neither
    (every version still held) is left out."""
    if not entry_ids:
        return {}
    names = _entry_names(len(entry_ids))

    def build() -> QuerySet[Any]:
        latest_public = (
            DocumentVersion.objects.filter(document=OuterRef("pk"), **shield_state.public_filter())
            .order_by("-number")
            .values("content_type")[:1]
        )
        return (
            # The entry ids as a plain integer column: a foreign key's ``__in`` would take
            # each ``Param`` for an id of its own.
            Document.objects.alias(entry_key=ExpressionWrapper(F("entry_id"), IntegerField()))
            .filter(entry_key__in=[Param(name, IntegerField()) for name in names])
            .annotate(public_type=Subquery(latest_public))
            # Within an entry, Document's own order (Meta.ordering): the entry page's.
            .order_by("entry_id", "created_at", "id")
            .values_list("entry_id", "public_id", "title", "link", "public_type")
        )

    statement = _SHAPES.get(("documents", len(entry_ids)), build)
    before, after = links.document
    found: dict[int, list[dict[str, str | None]]] = {}
    for entry_id, public_id, title, link, public_type in statement.rows(
        using=Document.objects.db, **dict(zip(names, entry_ids, strict=True))
    ):
        if public_type is not None:
            url, content_type = f"{before}{public_id}{after}", public_type
        elif link:
            url, content_type = link, None
        else:
            continue
        found.setdefault(entry_id, []).append(
            {"title": title, "url": url, "content_type": content_type}
        )
    return found


# ``available_forms`` for each (softcopy, hardcopy). Tuples, shared by the records: a record
# is read (serialised, flattened to CSV), never changed.
_FORMS = {
    (softcopy, hardcopy): tuple(perki.forms(softcopy, hardcopy))
    for softcopy in (False, True)
    for hardcopy in (False, True)
}
_MATRIX = itemgetter(*(COLUMNS.index(name) for name in perki.ROW_FIELDS))
_SHOWN = itemgetter(
    *(
        COLUMNS.index(name)
        for name in (
            "id",
            "public_id",
            "body_slug",
            "body_name",
            *perki.ROW_FIELDS,
            "tags",
            "published_on",
            "last_updated_on",
            "next_update_due",
            "updated_at",
        )
    )
)


def records(
    rows: Sequence[Sequence[Any]],
    absolute: Callable[[str], str],
    *,
    stamp: Callable[[dt.datetime], Any] = dt.datetime.isoformat,
) -> list[dict[str, Any]]:
    """The open-data records of these rows (``load_page``'s, or ``row_of``'s), with their
    documents read in one query. ``absolute`` turns a path into a full URL; ``stamp``
    writes ``updated_at`` (ISO 8601 as ``isoformat`` writes it, for the feeds)."""
    links = _Links.build(absolute)
    documents = documents_of([row[_ID] for row in rows], links)
    labels = choices.labels(Category)
    entry_before, entry_after = links.entry
    # Many entries share their tags' text and their body: each built once per list.
    tag_lists: dict[str, tuple[str, ...]] = {}
    bodies: dict[str, dict[str, str]] = {}
    shaped = []
    for row in rows:
        (
            entry_id,
            public_id,
            body_slug,
            body_name,
            category,
            number,
            title,
            summary,
            holder,
            responsible,
            created_when,
            created_where,
            softcopy,
            hardcopy,
            retention,
            tags,
            published_on,
            last_updated_on,
            next_update_due,
            updated_at,
        ) = _SHOWN(row)
        # The matrix as Perki 1/2021 prints it, column by column (PERKI_COLUMNS' order).
        matrix = perki.field_values(_MATRIX(row), labels)
        public_text = str(public_id)
        body = bodies.get(body_slug)
        if body is None:
            body = bodies[body_slug] = {"slug": body_slug, "name": body_name}
        tag_list = tag_lists.get(tags)
        if tag_list is None:
            tag_list = tag_lists[tags] = tuple(
                tag.strip() for tag in tags.split(",") if tag.strip()
            )
        shaped.append(
            {
                "id": public_text,
                "url": f"{entry_before}{public_text}{entry_after}",
                "body": body,
                "category": category,
                "category_label": matrix["kategori"],
                "number": number,
                "title": title,
                "summary": summary,
                "holder": holder,
                "responsible": responsible,
                "created_when": created_when,
                "created_where": created_where,
                "available_forms": _FORMS[bool(softcopy), bool(hardcopy)],
                "retention": retention,
                "tags": tag_list,
                "published_on": published_on.isoformat() if published_on else None,
                "last_updated_on": last_updated_on.isoformat() if last_updated_on else None,
                "next_update_due": next_update_due.isoformat() if next_update_due else None,
                "updated_at": stamp(updated_at),
                "perki": matrix,
                "documents": documents.get(entry_id, ()),
            }
        )
    return shaped


def entry_record(entry: Entry, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One entry as open data."""
    return records([row_of(entry)], absolute)[0]


def csv_row(record: dict[str, Any]) -> list[str]:
    flat = {
        **record,
        "body_slug": record["body"]["slug"],
        "body_name": record["body"]["name"],
        "available_forms": ", ".join(record["available_forms"]),
        "tags": ", ".join(record["tags"]),
        "document_urls": " ".join(str(doc["url"]) for doc in record["documents"]),
    }
    return ["" if flat[name] is None else str(flat[name]) for name in CSV_FIELDS]
