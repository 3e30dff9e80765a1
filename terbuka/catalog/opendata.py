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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka import cursors
from terbuka.bodies.models import Body
from terbuka.catalog import perki
from terbuka.catalog.models import DocumentVersion, Entry, EntryQuerySet
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
    entries: list[Entry]
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


def load_page(entries: EntryQuerySet, query: FeedQuery, *, with_count: bool = True) -> FeedPage:
    """One page. ``with_count=False`` skips counting every matching row (the API pages by
    cursor only; a count over the whole table costs more than the page, PITFALLS 15)."""
    if query.since is not None:
        entries = entries.filter(updated_at__gte=query.since)
    count = entries.count() if with_count else None
    if query.after is not None:
        entries = after_cursor(entries, query.after)
    start = (query.page - 1) * query.per_page
    rows = list(
        entries.select_related("body").prefetch_related(
            "documents",
            Prefetch(
                "documents__versions",
                # Only what the personal-data shield let out is offered for download.
                queryset=DocumentVersion.objects.filter(**shield_state.public_filter())
                .order_by("-number")
                .only("id", "document_id", "number", "content_type", "original_name"),
            ),
        )[start : start + query.per_page + 1]
    )
    has_more = len(rows) > query.per_page
    rows = rows[: query.per_page]
    return FeedPage(
        entries=rows,
        count=count,
        next_cursor=encode_cursor(rows[-1]) if has_more and rows else None,
        query=query,
    )


_SAMPLE_UUID = uuid.UUID(int=0)


def _links() -> dict[str, tuple[str, str]]:
    """The entry and document URLs around their ``public_id``, reversed once per page
    rather than once per row (issue 14)."""
    return {
        "entry": url_prefix("catalog:entry", public_id=_SAMPLE_UUID),
        "document": url_prefix("catalog:document_download", public_id=_SAMPLE_UUID),
    }


def document_rows(
    entry: Entry, absolute: Any, links: dict[str, tuple[str, str]] | None = None
) -> list[dict[str, str | None]]:
    """Each document's title, the URL of its public download view and its content type."""
    links = links or _links()
    before, after = links["document"]
    result: list[dict[str, str | None]] = []
    for document in entry.documents.all():
        versions = list(document.versions.all())
        if versions:
            url = absolute(f"{before}{document.public_id}{after}")
            content_type: str | None = versions[0].content_type
        elif document.link:
            url, content_type = document.link, None
        else:
            continue
        result.append({"title": document.title, "url": url, "content_type": content_type})
    return result


def entry_record(
    entry: Entry, absolute: Any, links: dict[str, tuple[str, str]] | None = None
) -> dict[str, Any]:
    """One entry as open data. ``absolute`` turns a path into a full URL; ``links`` are
    the URL prefixes (``_links``), passed by a caller that builds many records."""
    links = links or _links()
    forms = [
        name
        for name, present in (
            ("softcopy", entry.available_softcopy),
            ("hardcopy", entry.available_hardcopy),
        )
        if present
    ]
    record: dict[str, Any] = {
        "id": str(entry.public_id),
        "url": absolute(f"{links['entry'][0]}{entry.public_id}{links['entry'][1]}"),
        "body": {"slug": entry.body.slug, "name": entry.body.name},
        "category": entry.category,
        "category_label": str(entry.get_category_display()),
        "number": entry.number,
        "title": entry.title,
        "summary": entry.summary,
        "holder": entry.holder,
        "responsible": entry.responsible,
        "created_when": entry.created_when,
        "created_where": entry.created_where,
        "available_forms": forms,
        "retention": entry.retention,
        "tags": [tag.strip() for tag in entry.tags.split(",") if tag.strip()],
        "published_on": entry.published_on.isoformat() if entry.published_on else None,
        "last_updated_on": entry.last_updated_on.isoformat() if entry.last_updated_on else None,
        "next_update_due": entry.next_update_due.isoformat() if entry.next_update_due else None,
        "updated_at": entry.updated_at.isoformat(),
        # The matrix as Perki 1/2021 prints it, column by column.
        "perki": {
            key: value
            for (key, _header), value in zip(
                perki.PERKI_COLUMNS, perki.entry_row(entry), strict=True
            )
        },
        "documents": document_rows(entry, absolute),
    }
    return record


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


def records(entries: Iterable[Entry], absolute: Any) -> list[dict[str, Any]]:
    links = _links()
    return [entry_record(entry, absolute, links) for entry in entries]
