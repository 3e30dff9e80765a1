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
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka import choices, cursors
from terbuka.bodies.models import Body
from terbuka.catalog import perki
from terbuka.catalog.models import Category, Document, DocumentVersion, Entry, EntryQuerySet
from terbuka.links import url_prefix
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
    rows: list[dict[str, Any]]  # RECORD_FIELDS and the body's slug and name, for ``records``
    count: int | None  # None when the caller did not ask for it
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


# An entry's fields a record shows, read with ``values()``: a page of records builds no
# model instances (the instances and their prefetch were 40% of an API page; bench/api.py).
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
BODY_FIELDS = {"body_slug": F("body__slug"), "body_name": F("body__name")}


def load_page(entries: EntryQuerySet, query: FeedQuery, *, with_count: bool = True) -> FeedPage:
    """One page. ``with_count=False`` skips counting every matching row (the API pages by
    cursor only; a count over the whole table costs more than the page, PITFALLS 15)."""
    if query.since is not None:
        entries = entries.filter(updated_at__gte=query.since)
    count = entries.count() if with_count else None
    if query.after is not None:
        entries = after_cursor(entries, query.after)
    start = (query.page - 1) * query.per_page
    rows = list(entries.values(*RECORD_FIELDS, **BODY_FIELDS)[start : start + query.per_page + 1])
    has_more = len(rows) > query.per_page
    rows = rows[: query.per_page]
    return FeedPage(
        rows=rows,
        count=count,
        next_cursor=(
            cursors.encode(rows[-1]["updated_at"], rows[-1]["id"]) if has_more and rows else None
        ),
        query=query,
    )


def row_of(entry: Entry) -> dict[str, Any]:
    """An entry instance as the row ``load_page`` reads (one record for one entry)."""
    return {
        **{name: getattr(entry, name) for name in RECORD_FIELDS},
        "body_slug": entry.body.slug,
        "body_name": entry.body.name,
    }


_SAMPLE_UUID = uuid.UUID(int=0)


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
        entry = url_prefix("catalog:entry", public_id=_SAMPLE_UUID)
        document = url_prefix("catalog:document_download", public_id=_SAMPLE_UUID)
        return cls(
            entry=(absolute(entry[0]), entry[1]), document=(absolute(document[0]), document[1])
        )


def documents_of(entry_ids: list[int], links: _Links) -> dict[int, list[dict[str, str | None]]]:
    """The documents of these entries, in one query, by entry id: each one's title, the
    URL of its public download view and the content type of its latest version that the
    personal-data shield let out; a link document's own URL; a document with neither
    (every version still held) is left out."""
    if not entry_ids:
        return {}
    latest_public = (
        DocumentVersion.objects.filter(document=OuterRef("pk"), **shield_state.public_filter())
        .order_by("-number")
        .values("content_type")[:1]
    )
    rows = (
        Document.objects.filter(entry_id__in=entry_ids)
        .annotate(public_type=Subquery(latest_public))
        # Within an entry, Document's own order (Meta.ordering): the entry page's.
        .order_by("entry_id", "created_at", "id")
        .values_list("entry_id", "public_id", "title", "link", "public_type")
    )
    before, after = links.document
    found: dict[int, list[dict[str, str | None]]] = {}
    for entry_id, public_id, title, link, public_type in rows:
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


def _record(
    row: Mapping[str, Any],
    documents: list[dict[str, str | None]],
    links: _Links,
    stamp: Callable[[dt.datetime], Any],
    category_labels: Mapping[str, str],
) -> dict[str, Any]:
    perki_values = perki.row_values(row, category_labels)
    published_on, last_updated_on, next_update_due = (
        row["published_on"],
        row["last_updated_on"],
        row["next_update_due"],
    )
    return {
        "id": str(row["public_id"]),
        "url": f"{links.entry[0]}{row['public_id']}{links.entry[1]}",
        "body": {"slug": row["body_slug"], "name": row["body_name"]},
        "category": row["category"],
        "category_label": perki_values["kategori"],
        "number": row["number"],
        "title": row["title"],
        "summary": row["summary"],
        "holder": row["holder"],
        "responsible": row["responsible"],
        "created_when": row["created_when"],
        "created_where": row["created_where"],
        "available_forms": perki.forms(row["available_softcopy"], row["available_hardcopy"]),
        "retention": row["retention"],
        "tags": [tag.strip() for tag in row["tags"].split(",") if tag.strip()],
        "published_on": published_on.isoformat() if published_on else None,
        "last_updated_on": last_updated_on.isoformat() if last_updated_on else None,
        "next_update_due": next_update_due.isoformat() if next_update_due else None,
        "updated_at": stamp(row["updated_at"]),
        # The matrix as Perki 1/2021 prints it, column by column.
        "perki": {key: perki_values[key] for key, _header in perki.PERKI_COLUMNS},
        "documents": documents,
    }


def records(
    rows: Sequence[Mapping[str, Any]],
    absolute: Callable[[str], str],
    *,
    stamp: Callable[[dt.datetime], Any] = dt.datetime.isoformat,
) -> list[dict[str, Any]]:
    """The open-data records of these rows (``load_page``'s, or ``row_of``'s), with their
    documents read in one query. ``absolute`` turns a path into a full URL; ``stamp``
    writes ``updated_at`` (ISO 8601 as ``isoformat`` writes it, for the feeds)."""
    links = _Links.build(absolute)
    documents = documents_of([row["id"] for row in rows], links)
    labels = choices.labels(Category)
    return [_record(row, documents.get(row["id"], []), links, stamp, labels) for row in rows]


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
