"""Public DIP and DIK pages and document downloads.

Public pages show only what the DIP publishes: the Perki columns, documents and their
extracted text, and for exempt information its classification and period, never its content.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka import uploads
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import documents
from terbuka.catalog.models import (
    Category,
    Document,
    DocumentVersion,
    Entry,
    Exemption,
    ExtractionStatus,
)
from terbuka.catalog.perki import MATRIX_COLUMNS
from terbuka.shield import state as shield_state

# Rows shown per category on a matrix page before "see all".
MATRIX_CAP = 25
PER_PAGE = 50
EXCERPT_CHARS = 800
EXCERPT_LINES = 12


def _entry_rows(queryset: QuerySet[Entry]) -> QuerySet[Entry]:
    return queryset.select_related("body", "unit").order_by("body__name", "number", "title")


def _matrix(entries: QuerySet[Entry]) -> list[dict[str, Any]]:
    """One group per category, capped, with its total: three small queries and one count."""
    counts = dict(entries.values_list("category").annotate(n=Count("pk")).order_by())
    groups = []
    for value, label in Category.choices:
        rows = list(_entry_rows(entries.filter(category=value))[:MATRIX_CAP])
        groups.append(
            {
                "category": value,
                "label": label,
                "rows": rows,
                "total": counts.get(value, 0),
                "more": counts.get(value, 0) > len(rows),
            }
        )
    return groups


def _public_exemptions(body: Body | None, *, ended: bool = False) -> QuerySet[Exemption]:
    """The DIK in force; with ``ended``, the exemptions whose period ended without a
    decision: no longer in force, shown apart (PP 61/2010 Pasal 11)."""
    exemptions = Exemption.objects.filter(body__is_active=True)
    exemptions = exemptions.ended() if ended else exemptions.in_force()
    exemptions = exemptions.select_related("body", "unit")
    if body is not None:
        exemptions = exemptions.filter(body=body)
    return exemptions.order_by("body__name", "period_end")


def dip(request: HttpRequest) -> HttpResponse:
    entries = Entry.objects.published()
    return render(
        request,
        "catalog/dip.html",
        {
            "body": None,
            "groups": _matrix(entries),
            "columns": MATRIX_COLUMNS,
            "exemptions": _public_exemptions(None)[:MATRIX_CAP],
            "exemption_total": _public_exemptions(None).count(),
            "ended_total": _public_exemptions(None, ended=True).count(),
        },
    )


def body_dip(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    entries = Entry.objects.published().filter(body=body)
    return render(
        request,
        "catalog/dip.html",
        {
            "body": body,
            "groups": _matrix(entries),
            "columns": MATRIX_COLUMNS,
            "exemptions": _public_exemptions(body)[:MATRIX_CAP],
            "exemption_total": _public_exemptions(body).count(),
            "ended_total": _public_exemptions(body, ended=True).count(),
            "can_manage": permissions.can_act_on(request.user, body),
        },
    )


def category(request: HttpRequest, category: str) -> HttpResponse:
    """All entries of one category, paginated; ``?badan=<slug>`` for one body."""
    labels = dict(Category.choices)
    if category not in labels:
        raise Http404
    entries = Entry.objects.published().filter(category=category)
    body = None
    if request.GET.get("badan"):
        body = get_object_or_404(Body.objects.active(), slug=request.GET["badan"])
        entries = entries.filter(body=body)
    page = Paginator(_entry_rows(entries), PER_PAGE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "catalog/category.html",
        {
            "body": body,
            "category": category,
            "label": labels[category],
            "page": page,
            "columns": MATRIX_COLUMNS,
        },
    )


def _visible_entry(request: HttpRequest, public_id: UUID) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("body", "unit"), public_id=public_id)
    is_public = entry.is_published and entry.body.is_active
    if not is_public and not permissions.can_act_on(request.user, entry.body):
        raise Http404
    return entry


def _excerpt(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    excerpt = "\n".join(lines[:EXCERPT_LINES])
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return excerpt


def related_entries(entry: Entry, limit: int = 5) -> list[Entry]:
    """Entries of the same body and category, or sharing a tag; newest first."""
    tags = [tag.strip() for tag in entry.tags.split(",") if tag.strip()][:5]
    condition = Q(body_id=entry.body_id, category=entry.category)
    for tag in tags:
        condition |= Q(tags__icontains=tag)
    return list(
        Entry.objects.published()
        .filter(condition)
        .exclude(pk=entry.pk)
        .select_related("body")
        .order_by("-published_on", "-pk")[:limit]
    )


def entry(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _visible_entry(request, public_id)
    can_manage = permissions.can_act_on(request.user, item.body)
    docs = list(
        item.documents.prefetch_related(
            Prefetch("versions", queryset=_versions_seen(can_manage).order_by("-number"))
        )
    )
    excerpts = []
    for document in docs:
        versions = list(document.versions.all())
        document.version_list = versions  # type: ignore[attr-defined]
        current = versions[0] if versions else None
        document.current = current  # type: ignore[attr-defined]
        if current is not None and current.extraction_status == ExtractionStatus.DONE:
            text = _excerpt(current.extracted_text)
            if text:
                excerpts.append({"document": document, "text": text, "ocr": current.used_ocr})
    return render(
        request,
        "catalog/entry.html",
        {
            "entry": item,
            "documents": docs,
            "excerpts": excerpts,
            "related": related_entries(item),
            "can_manage": can_manage,
        },
    )


def _versions_seen(can_manage: bool) -> QuerySet[DocumentVersion]:
    """The public sees only the versions the personal-data shield let out; officers all."""
    versions = DocumentVersion.objects.all()
    return versions if can_manage else versions.filter(**shield_state.public_filter())


def document_download(request: HttpRequest, public_id: UUID, number: int | None = None) -> Any:
    document = get_object_or_404(
        Document.objects.select_related("entry__body"), public_id=public_id
    )
    entry = document.entry
    is_public = entry.is_published and entry.body.is_active
    if not is_public and not permissions.can_act_on(request.user, entry.body):
        raise Http404
    versions = _versions_seen(permissions.can_act_on(request.user, entry.body)).filter(
        document=document
    )
    version = versions.filter(number=number).first() if number is not None else versions.first()
    if version is None or not version.file:
        raise Http404
    kind = documents.kind_of(version.content_type)
    if kind is None or not default_storage.exists(version.file.name):
        raise Http404
    return uploads.download_response(
        storage_name=version.file.name,
        content_type=kind.content_type,
        filename=documents.safe_name(version.original_name, kind),
        private=not is_public,
    )


def exemptions(request: HttpRequest) -> HttpResponse:
    page = Paginator(_public_exemptions(None), PER_PAGE).get_page(request.GET.get("halaman"))
    ended = _public_exemptions(None, ended=True)
    return render(
        request,
        "catalog/exemptions.html",
        {"page": page, "ended": ended[:MATRIX_CAP], "ended_total": ended.count()},
    )


def exemption(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = get_object_or_404(
        Exemption.objects.select_related("body", "unit").filter(body__is_active=True),
        public_id=public_id,
    )
    return render(request, "catalog/exemption.html", {"exemption": item})
