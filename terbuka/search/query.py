"""Searching the index: the one entry point the pages, the request form and the
benchmark use. ``search`` stems the query exactly as the index stems text and asks the
database's backend for ranked candidates, so SQLite and PostgreSQL find the same set."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BigIntegerField, QuerySet
from django.utils.safestring import SafeString

from terbuka.prepared import Param, Shapes
from terbuka.search import registry, stemming
from terbuka.search.backends import CANDIDATE_LIMIT, Filters, current
from terbuka.search.models import SearchDocument
from terbuka.search.snippet import snippet, whole

# A query longer than this is cut; nobody types more, and it bounds the work.
MAX_QUERY_CHARS = 500
# At most this many distinct stems are searched (AND of all of them).
MAX_QUERY_STEMS = 12


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    snippet_html: SafeString
    body_id: int
    category: str
    year: int | None
    rank: float
    title_html: SafeString = field(default_factory=SafeString)
    form: str = ""
    published_on: dt.date | None = None


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    query: str
    stems: list[str] = field(default_factory=list)
    # True when more than CANDIDATE_LIMIT documents matched: only that many are ranked.
    capped: bool = False

    @property
    def searched(self) -> bool:
        """False when the query held no searchable word (empty, punctuation, stop words)."""
        return bool(self.stems)


def filter_forms(form: str | None) -> tuple[str, ...]:
    """The stored forms a form filter accepts, as its source defines them (a "softcopy"
    filter also accepts entries available in both forms); a value no source offers
    accepts only itself."""
    if not form:
        return ()
    for choice in registry.form_choices():
        if choice.value == form:
            return choice.accepts
    return (form,)


def search_stems(q: str) -> list[str]:
    return stemming.query_stems(q[:MAX_QUERY_CHARS])[:MAX_QUERY_STEMS]


def candidates_sql(stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
    """The full-text SQL ``search`` runs (the benchmark times it on its own)."""
    return current().candidates(stems, filters)


def search(
    q: str,
    *,
    body_id: int | None = None,
    category: str | None = None,
    year: int | None = None,
    form: str | None = None,
    kinds: Sequence[str] = (),
    page: int = 1,
    per_page: int = 20,
) -> Results:
    """Documents holding every word of ``q`` (stemmed), best first, one page of them.

    ``kinds`` limits the search to those sources' kinds; none given searches every kind.
    Never raises on what a user typed: the query is reduced to stems of letters and
    digits before any SQL is built. ``page`` beyond the last page gives the last page.
    """
    filters = Filters(
        kinds=tuple(kinds),
        body_id=body_id,
        category=category or None,
        year=year,
        forms=filter_forms(form),
    )
    return search_for_stems(search_stems(q), filters, page=page, per_page=per_page, query=q)


def search_for_stems(
    stems: Sequence[str], filters: Filters, *, page: int = 1, per_page: int = 20, query: str = ""
) -> Results:
    """``search`` for stems already computed."""
    stems = list(stems)
    if not stems:
        return Results(hits=[], total=0, page=1, pages=0, query=query, stems=[])
    backend = current()
    sql, params = backend.candidates(stems, filters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranked = backend.rank(cursor.fetchall(), stems)
    total = len(ranked)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    chosen = ranked[(page - 1) * per_page : page * per_page]
    documents = _documents([doc_id for doc_id, _rank in chosen])
    hits = [_hit(documents[doc_id], rank, stems) for doc_id, rank in chosen if doc_id in documents]
    return Results(
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        query=query,
        stems=stems,
        capped=total >= CANDIDATE_LIMIT,
    )


# What a hit shows of its document (not the stemmed columns), read as plain values.
HIT_FIELDS = (
    "id",
    "kind",
    "object_id",
    "title",
    "url",
    "text",
    "body_id",
    "category",
    "year",
    "form",
    "published_on",
)
# The page's documents by id, one compiled query per number of ids (``terbuka/prepared.py``):
# building and compiling the queryset and the model objects cost more than the query.
_DOCUMENTS = Shapes(kept=32)


def _documents(ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The ``HIT_FIELDS`` of the documents of these ids, by id (an id gone is left out)."""
    if not ids:
        return {}
    count = len(ids)

    def build() -> QuerySet[Any]:
        places = [Param(f"id_{n}", BigIntegerField()) for n in range(count)]
        return SearchDocument.objects.filter(pk__in=places).values_list(*HIT_FIELDS)

    prepared = _DOCUMENTS.get(count, build, HIT_FIELDS)
    values: dict[str, Any] = {f"id_{n}": doc_id for n, doc_id in enumerate(ids)}
    rows = prepared.rows(**values)
    return {row[0]: row for row in rows}


def _hit(document: tuple[Any, ...], rank: float, stems: Sequence[str]) -> Hit:
    (
        _id,
        kind,
        object_id,
        title,
        url,
        text,
        body_id,
        category,
        year,
        form,
        published_on,
    ) = document
    return Hit(
        kind=kind,
        object_id=object_id,
        title=title,
        url=url,
        snippet_html=snippet(text, stems),
        body_id=body_id,
        category=category,
        year=year,
        rank=rank,
        title_html=whole(title, stems),
        form=form,
        published_on=published_on,
    )


def suggest(text: str, limit: int = 5) -> list[Hit]:
    """Up to ``limit`` indexed documents of any kind (DIP entries, published requests)
    like ``text`` ("maybe this is already public"), for the request form.

    What a requester types is a sentence, not keywords: requiring every word would find
    nothing, so the longest (most specific) words are tried first, dropping words until
    something is found.
    """
    stems = search_stems(text)
    if not stems:
        return []
    by_length = sorted(stems, key=len, reverse=True)[:5]
    filters = Filters()  # every kind
    for size in range(len(by_length), 0, -1):
        results = search_for_stems(by_length[:size], filters, per_page=limit, query=text)
        if results.hits:
            return results.hits
    return []
