"""Writing the search index: one ``SearchDocument`` row per public object of a registered
source (``registry.py``), kept in step with the database's full-text structure.

Callers pass only public text (PITFALLS.md 12); what that is for each kind of object is
the business of its source, not of this module.

When an object is indexed: inside the transaction that changes it
-----------------------------------------------------------------
Every source is (re)indexed by ``reindex`` inside the transaction of the change, never
after commit (``transaction.on_commit``), for all sources alike:

- a rolled-back change takes its index row with it: the index never keeps a row for
  something that was never committed, nor loses one for something that still is;
- other connections see the object and its index row at the same commit, so search never
  shows what was not committed and never misses what was;
- there is no moment between the commit and the indexing in which a crash or a failing
  callback loses an update, and an indexing error fails the change itself instead of
  surfacing after the user was told it succeeded. Should the index drift anyway (a
  restore, a change of stemming, rows changed outside the actions), ``manage.py
  rebuild_search_index`` rebuilds it from the sources.

The price is that stemming runs inside the change's transaction: milliseconds per
document, with text cut at ``MAX_TEXT_CHARS``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import connection, transaction

from terbuka.search import registry, stemming
from terbuka.search.backends import Row, current
from terbuka.search.models import IndexStamp, SearchDocument
from terbuka.search.registry import IndexDocument

# Longer text is cut before indexing: PostgreSQL refuses a tsvector over 1 MB, and the
# beginning of a document is what snippets show. The same cut on both databases.
MAX_TEXT_CHARS = 100_000


def _row(document: SearchDocument) -> Row:
    return Row(
        id=document.pk,
        kind=document.kind,
        body_id=document.body_id,
        category=document.category,
        year=document.year,
        form=document.form,
        stemmed_title=document.stemmed_title,
        stemmed_text=document.stemmed_text,
    )


@transaction.atomic
def upsert(
    *,
    kind: str,
    object_id: int,
    body_id: int,
    title: str,
    text: str,
    url: str,
    category: str = "",
    year: int | None = None,
    form: str = "",
    published_on: dt.date | None = None,
) -> None:
    """Add or replace the index row of one public object."""
    text = text[:MAX_TEXT_CHARS]
    document, _created = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "body_id": body_id,
            "title": title[:300],
            "url": url,
            "text": text,
            "stemmed_title": stemming.stem_text(title),
            "stemmed_text": stemming.stem_text(text),
            "category": category,
            "year": year,
            "form": form,
            "published_on": published_on,
        },
    )
    with connection.cursor() as cursor:
        current().write(cursor, [_row(document)])


def store(kind: str, document: IndexDocument) -> None:
    """``upsert`` of a source's document."""
    upsert(kind=kind, **dataclasses.asdict(document))


@transaction.atomic
def delete(*, kind: str, object_id: int) -> None:
    """Remove an object from the index (unpublished, withdrawn, deleted); no-op if absent."""
    ids = list(
        SearchDocument.objects.filter(kind=kind, object_id=object_id).values_list("pk", flat=True)
    )
    if not ids:
        return
    with connection.cursor() as cursor:
        current().remove(cursor, ids)
    SearchDocument.objects.filter(pk__in=ids).delete()


@transaction.atomic
def reindex(*, kind: str, object_id: int) -> bool:
    """Bring one object's index row in line with its source: index it when it is public,
    remove it otherwise. Called inside the transaction of the change (see above).
    Returns True when the object is now in the index."""
    document = registry.source(kind).document(object_id)
    if document is None:
        delete(kind=kind, object_id=object_id)
        return False
    store(kind, document)
    return True


@transaction.atomic
def clear() -> None:
    with connection.cursor() as cursor:
        current().clear(cursor)
    SearchDocument.objects.all().delete()


@transaction.atomic
def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from every registered source's public objects, in one
    transaction: searches see the old index until the new one is complete. Returns how
    many objects of each kind were indexed."""
    clear()
    counts: dict[str, int] = {}
    for source in registry.sources():
        count = 0
        for document in source.public_documents():
            store(source.kind, document)
            count += 1
        counts[source.kind] = count
    stamp(stemming.STEMMER_VERSION)
    return counts


def stamp(version: str) -> None:
    """Record that the stems in the index are ``version``'s."""
    IndexStamp.objects.update_or_create(id=1, defaults={"stemmer_version": version})


def stamped_version() -> str | None:
    """The stemmer version the index was built with (None: never stamped)."""
    return IndexStamp.objects.filter(id=1).values_list("stemmer_version", flat=True).first()


def is_stale() -> bool:
    """True when the index holds stems of another stemmer than this code's: a query's
    stems would then miss words stemmed differently, until ``rebuild_search_index``.
    An index never stamped is stale once it holds anything (it was filled by hand or
    the stamp was deleted)."""
    version = stamped_version()
    if version is None:
        return SearchDocument.objects.exists()
    return version != stemming.STEMMER_VERSION
