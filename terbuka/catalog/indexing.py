"""The DIP as a source of the search index, and the one place that reindexes an entry.

What of an entry is found: its Perki fields, its tags and the extracted text of its
documents' latest versions (public text only, PITFALLS.md 12). Which entries are found:
the published ones of active bodies (``EntryQuerySet.published``), nothing else.

The catalog actions and the extraction task call ``reindex_entry`` inside the transaction
of their change; ``terbuka.search.index`` says why it is inside, not after commit.
``CatalogConfig.ready`` registers ``SOURCE``.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from terbuka.catalog.models import Category, Document, DocumentVersion, Entry, ExtractionStatus
from terbuka.search import index
from terbuka.search.registry import FormChoice, IndexDocument, Source
from terbuka.search.snippet import PART_SEPARATOR

KIND = "dip"
BATCH_SIZE = 500

# The form column: an entry's Perki availability flags (softcopy, hardcopy or both).
SOFTCOPY = "softcopy"
HARDCOPY = "hardcopy"
BOTH = "both"


def entry_form(*, softcopy: bool, hardcopy: bool) -> str:
    """The stored form of an entry from its two availability flags."""
    if softcopy and hardcopy:
        return BOTH
    if hardcopy:
        return HARDCOPY
    return SOFTCOPY if softcopy else ""


def _entries() -> QuerySet[Entry]:
    """Published entries with what their documents need (the latest version's text)."""
    latest_versions = DocumentVersion.objects.order_by("document_id", "-number").only(
        "document_id", "number", "extraction_status", "extracted_text", "shield_state"
    )
    documents = Document.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("versions", queryset=latest_versions)
    )
    return (
        Entry.objects.published()
        .select_related("body")
        .prefetch_related(Prefetch("documents", queryset=documents))
    )


def entry_text(entry: Entry) -> str:
    """The public text of a DIP entry: its Perki columns, tags and documents' text."""
    parts = [
        entry.summary,
        entry.number,
        entry.holder,
        entry.responsible,
        entry.created_when,
        entry.created_where,
        entry.retention,
        entry.tags.replace(",", " "),
    ]
    for document in entry.documents.all():
        parts.append(document.title)
        # Only text the personal-data shield let out is findable (and shown in snippets).
        versions = [version for version in document.versions.all() if version.is_shield_public]
        latest = max(versions, key=lambda version: version.number) if versions else None
        if latest is not None and latest.extraction_status == ExtractionStatus.DONE:
            parts.append(latest.extracted_text)
    # One field a part: a search snippet is taken from the field that matched (issue 13).
    return PART_SEPARATOR.join(part for part in parts if part)


def entry_document(entry: Entry) -> IndexDocument:
    return IndexDocument(
        object_id=entry.pk,
        body_id=entry.body_id,
        title=entry.title,
        text=entry_text(entry),
        url=entry.get_absolute_url(),
        category=entry.category,
        year=entry.published_on.year if entry.published_on else None,
        form=entry_form(softcopy=entry.available_softcopy, hardcopy=entry.available_hardcopy),
        published_on=entry.published_on,
    )


def _document(entry_id: int) -> IndexDocument | None:
    entry = _entries().filter(pk=entry_id).first()
    return entry_document(entry) if entry is not None else None


def _public_documents() -> Iterator[IndexDocument]:
    for entry in _entries().order_by("pk").iterator(chunk_size=BATCH_SIZE):
        yield entry_document(entry)


SOURCE = Source(
    kind=KIND,
    noun=_("entri DIP"),
    filter_label=_("Hanya informasi publik (DIP)"),
    badge=_("DIP"),
    position=10,
    document=_document,
    public_documents=_public_documents,
    categories=Category.choices,
    forms=(
        FormChoice(SOFTCOPY, _("Softcopy"), accepts=(SOFTCOPY, BOTH)),
        FormChoice(HARDCOPY, _("Hardcopy"), accepts=(HARDCOPY, BOTH)),
    ),
)


def reindex_entry(entry: Entry) -> None:
    """Put the entry in the search index if it is published, take it out otherwise.
    Call it inside the transaction that changed the entry or its documents."""
    index.reindex(kind=KIND, object_id=entry.pk)
