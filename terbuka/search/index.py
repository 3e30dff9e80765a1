"""Writing the search index. Callers pass only public text (PITFALLS.md 12): for a DIP
entry its fields and its documents' extracted text; for a published request its question
and the answer's material, never anything about the requester.

``upsert`` and ``delete`` keep ``SearchDocument`` and the database's full-text structure
in step inside one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction

from terbuka.search import stemming
from terbuka.search.backends import Row, current
from terbuka.search.models import Form, SearchDocument

# Longer text is cut before indexing: PostgreSQL refuses a tsvector over 1 MB, and the
# beginning of a document is what snippets show. The same cut on both databases.
MAX_TEXT_CHARS = 100_000


def entry_form(*, softcopy: bool, hardcopy: bool) -> str:
    """The ``form`` value of a DIP entry from its two Perki availability flags."""
    if softcopy and hardcopy:
        return Form.BOTH
    if hardcopy:
        return Form.HARDCOPY
    return Form.SOFTCOPY if softcopy else ""


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
def clear() -> None:
    with connection.cursor() as cursor:
        current().clear(cursor)
    SearchDocument.objects.all().delete()


@transaction.atomic
def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the published entries and published requests, in one
    transaction: searches see the old index until the new one is complete."""
    from terbuka.search import sources

    clear()
    return {
        "dip": sources.index_all_entries(),
        "request": sources.index_all_requests(),
    }
