"""What of each source object goes into the search index: public text only.

A DIP entry contributes its Perki fields and the extracted text of its documents' latest
versions. A published request (the requester allowed it and it was answered, UU 14/2008
Pasal 22(7); the public request log) contributes only its question, the body, the
outcome, the answer date and the material the notice provided: never the requester's
name, NIK, address or contacts, nor internal notes or drafts.

Callers (catalog actions, the requests' notice action, ``rebuild_search_index``) call
these after commit, so an index row never outlives a rolled-back change.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from terbuka.catalog.models import Document, DocumentVersion, Entry, ExtractionStatus
from terbuka.requests.models import InfoRequest
from terbuka.search import index
from terbuka.search.models import Kind

BATCH_SIZE = 500


def _entry_queryset() -> QuerySet[Entry]:
    latest_versions = DocumentVersion.objects.order_by("document_id", "-number").only(
        "document_id", "number", "extraction_status", "extracted_text"
    )
    documents = Document.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("versions", queryset=latest_versions)
    )
    return Entry.objects.select_related("body").prefetch_related(
        Prefetch("documents", queryset=documents)
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
        versions = list(document.versions.all())
        latest = max(versions, key=lambda version: version.number) if versions else None
        if latest is not None and latest.extraction_status == ExtractionStatus.DONE:
            parts.append(latest.extracted_text)
    return "\n".join(part for part in parts if part)


def index_entry(entry: Entry) -> None:
    """Index a published DIP entry, or remove it from the index otherwise."""
    entry = _entry_queryset().get(pk=entry.pk)
    if not (entry.is_published and entry.body.is_active):
        index.delete(kind=Kind.DIP, object_id=entry.pk)
        return
    _upsert_entry(entry)


def _upsert_entry(entry: Entry) -> None:
    index.upsert(
        kind=Kind.DIP,
        object_id=entry.pk,
        body_id=entry.body_id,
        title=entry.title,
        text=entry_text(entry),
        url=entry.get_absolute_url(),
        category=entry.category,
        year=entry.published_on.year if entry.published_on else None,
        form=index.entry_form(softcopy=entry.available_softcopy, hardcopy=entry.available_hardcopy),
        published_on=entry.published_on,
    )


def request_text(info_request: InfoRequest) -> str:
    notice = getattr(info_request, "notice", None)
    parts = [info_request.subject, info_request.body.name]
    if notice is not None and notice.is_sent:
        parts += [notice.get_outcome_display(), notice.material]
    if info_request.answered_at:
        parts.append(timezone.localdate(info_request.answered_at).strftime("%d-%m-%Y"))
    return "\n".join(part for part in parts if part)


def index_request(info_request: InfoRequest) -> None:
    """Index a request that is in the public log; remove it from the index otherwise."""
    published = (
        InfoRequest.objects.published()
        .select_related("body", "notice")
        .filter(pk=info_request.pk)
        .first()
    )
    if published is None:
        index.delete(kind=Kind.REQUEST, object_id=info_request.pk)
        return
    _upsert_request(published)


def _upsert_request(info_request: InfoRequest) -> None:
    answered_on = timezone.localdate(info_request.answered_at) if info_request.answered_at else None
    index.upsert(
        kind=Kind.REQUEST,
        object_id=info_request.pk,
        body_id=info_request.body_id,
        title=_request_title(info_request),
        text=request_text(info_request),
        url=reverse("requests:log_detail", kwargs={"public_id": info_request.public_id}),
        year=answered_on.year if answered_on else None,
        published_on=answered_on,
    )


def _request_title(info_request: InfoRequest) -> str:
    subject = " ".join(info_request.subject.split())
    return subject if len(subject) <= 120 else subject[:119].rstrip() + "…"


def index_all_entries() -> int:
    count = 0
    queryset = _entry_queryset().filter(pk__in=Entry.objects.published().values("pk"))
    for entry in queryset.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        _upsert_entry(entry)
        count += 1
    return count


def index_all_requests() -> int:
    count = 0
    queryset = InfoRequest.objects.published().select_related("body", "notice").order_by("pk")
    for info_request in queryset.iterator(chunk_size=BATCH_SIZE):
        _upsert_request(info_request)
        count += 1
    return count
