"""Public DIP and DIK pages and document downloads.

Public pages show only what the DIP publishes: the Perki columns, documents and their
extracted text, and for exempt information its classification and period, never its content.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from uuid import UUID

from django.core.files.storage import default_storage
from django.db.models import CharField, DateField, Field, IntegerField, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from terbuka import cursors, law, uploads
from terbuka.bodies import permissions, tree
from terbuka.bodies.models import Body, TimeZoneName
from terbuka.bodies.views import region_order
from terbuka.catalog import documents
from terbuka.catalog.forms import DipFilterForm
from terbuka.catalog.models import (
    Category,
    Document,
    DocumentVersion,
    Entry,
    Exemption,
    ExtractionStatus,
    body_todays,
    update_overdue,
)
from terbuka.catalog.perki import MATRIX_COLUMNS, ROW_FIELDS
from terbuka.links import url_prefix
from terbuka.prepared import Param, Prepared, Shapes
from terbuka.shield import state as shield_state

# Rows shown per category on a matrix page before "see all".
MATRIX_CAP = 25
PER_PAGE = 50
EXCERPT_CHARS = 800
EXCERPT_LINES = 12

# Every list of entries is shown in the order of the index
# ``catalog_entry_list_order`` (category, is_published, body, number, id), so a page reads
# ``PER_PAGE + 1`` rows from the index wherever it is in the list (PITFALLS 15).
ENTRY_ORDER = ("body_id", "number", "id")
ENTRY_KEY = (int, str, int)
# The exempt list in the order of ``catalog_exemption_list_order`` (body, period_end, id).
EXEMPTION_ORDER = ("body_id", "period_end", "id")
EXEMPTION_KEY = (int, str, int)


def _entry_key(entry: Entry | MatrixRow) -> cursors.Key:
    return (entry.body_id, entry.number, entry.pk)  # type: ignore[union-attr]


def _exemption_key(item: Exemption | DikRow) -> cursors.Key:
    return (item.body_id, item.period_end.isoformat(), item.pk)  # type: ignore[union-attr]


def _published_entries() -> QuerySet[Entry]:
    """Published entries of active bodies. The body condition is a subquery, not a join,
    so the database walks the entries' index in its order and the page needs no sort."""
    # ``__in=[True]``, not ``=True``: on SQLite Django writes a true-test as the bare
    # column, which no index can match as an equality, and the page sorted the category.
    return Entry.objects.filter(
        is_published__in=[True], body__in=Body.objects.active().values("pk")
    ).select_related("body")


def _headers() -> list[str]:
    """The matrix's column headers translated once per page, not once per row."""
    return [str(header) for _key, header in MATRIX_COLUMNS]


def _links() -> dict[str, tuple[str, str]]:
    return {
        "entry": url_prefix("catalog:entry", public_id=_SAMPLE_UUID),
        "body_dip": url_prefix("catalog:body_dip", slug="contoh-badan-xyz"),
        "exemption": url_prefix("catalog:exemption", public_id=_SAMPLE_UUID),
    }


_SAMPLE_UUID = UUID(int=0)


def _body_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Active bodies by region (province first, then its regencies and cities), with their
    full names: a Dinas Kesehatan of the province and one of a regency are told apart.
    Worked out once per tree of bodies (``tree.snapshot``), not per request."""
    current = tree.snapshot()
    return current.memo(
        "dip_body_choices",
        lambda: _group_by_region(sorted(current.active, key=lambda body: body.name)),
    )


def _group_by_region(bodies: list[Body]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[int, tuple[Body, list[tuple[str, str]]]] = {}
    for body in bodies:  # ordered by name
        region = body.region
        groups.setdefault(region.pk, (region, []))[1].append((body.slug, body.name))
    ordered = sorted(groups.values(), key=lambda group: region_order(group[0]))
    return [(region.name, choices) for region, choices in ordered]


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _in_year(entries: QuerySet[Entry], since: Any, until: Any) -> QuerySet[Entry]:
    """Published from ``since`` to before ``until`` (dates, or a prepared query's ``Param``)."""
    return entries.filter(published_on__gte=since, published_on__lt=until)


def _in_form(entries: QuerySet[Entry], form: str | None) -> QuerySet[Entry]:
    if form == "softcopy":
        return entries.filter(available_softcopy=True)
    if form == "hardcopy":
        return entries.filter(available_hardcopy=True)
    return entries


def _filter_form(request: HttpRequest, body: Body | None) -> tuple[DipFilterForm, dict[str, Any]]:
    form = DipFilterForm(request.GET or None, body_choices=_body_choices())
    filters = form.values() if request.GET else {}
    if body is not None:
        filters.pop("badan", None)
    return form, filters


def _filter_fields(form: DipFilterForm, body: Body | None) -> SafeString:
    """The filter form's fields (``catalog/_dip_filters.html``; a body's own DIP has no
    body picker). Without filters, as on every first visit, they are the same for every
    visitor: written once per tree of bodies (whose picker they hold) and language."""

    def write() -> SafeString:
        return render_to_string("catalog/_dip_filters.html", {"form": form, "body": body})

    if form.is_bound:
        return write()
    return tree.snapshot().memo(("dip_filter_fields", body is None), write, per_language=True)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in ("setelah", "sebelum", "akhir", *names):
        query.pop(name, None)
    return query.urlencode()


# What a matrix row shows (``catalog/rows.py``): the entry's own columns; its body comes
# from the process's tree (``MatrixRow``), not from a join of every body column.
MATRIX_FIELDS = ("id", "public_id", "body_id", *ROW_FIELDS, "next_update_due")
# What a DIK row shows, and the exempt list's order.
DIK_FIELDS = (
    "id",
    "public_id",
    "body_id",
    "title",
    "ground",
    "deciding_ppid",
    "period_start",
    "period_end",
)


def _matrix(
    filters: dict[str, Any], body: Body | None, categories: list[tuple[str, Any]]
) -> list[dict[str, Any]]:
    """One group per category: the first ``MATRIX_CAP`` rows in index order, one query
    each; one more row read tells whether there are more (no count of the register)."""
    year = filters.get("tahun")
    prepared = _matrix_query(
        year=year is not None, body=body is not None, form=filters.get("bentuk")
    )
    values: dict[str, Any] = {}
    if year is not None:
        values["since"], values["until"] = _year_bounds(year)
    if body is not None:
        values["body"] = body.pk
    by_pk = tree.snapshot().by_pk
    groups = []
    for value, label in categories:
        rows = [MatrixRow(row, by_pk) for row in prepared.rows(category=value, **values)]
        groups.append(
            {
                "category": value,
                "label": label,
                "rows": rows[:MATRIX_CAP],
                "more": len(rows) > MATRIX_CAP,
            }
        )
    return groups


# The matrix's query of one category, compiled once per process for each shape of the
# filters (``terbuka/prepared.py``): building three querysets per page cost more than
# their SQL (issue 14).
_MATRIX_QUERIES = Shapes(kept=16)


def _entry_shape(*, year: bool, body: bool, form: str | None) -> tuple[bool, bool, str | None]:
    return (year, body, form if form in ("softcopy", "hardcopy") else None)


def _category_entries(shape: tuple[bool, bool, str | None]) -> QuerySet[Any]:
    """The published entries of one category (``Param`` "category") as matrix rows, with
    the filters of ``shape`` (``_entry_shape``) as ``Param`` values: "since" and "until"
    for a year, "body" for one body."""
    year, body, form = shape
    entries = _published_entries().select_related(None)
    entries = entries.filter(category=Param("category", CharField()))
    if year:
        entries = _in_year(entries, Param("since", DateField()), Param("until", DateField()))
    entries = _in_form(entries, form)
    if body:
        entries = entries.filter(body_id=Param("body", IntegerField()))
    return entries.values_list(*MATRIX_FIELDS)


def _matrix_query(*, year: bool, body: bool, form: str | None) -> Prepared:
    shape = _entry_shape(year=year, body=body, form=form)

    def build() -> QuerySet[Any]:
        return _category_entries(shape).order_by(*ENTRY_ORDER)[: MATRIX_CAP + 1]

    return _MATRIX_QUERIES.get(shape, build, MATRIX_FIELDS)


# A category page's query for each shape of its filters and each page mode, compiled
# once per process (``cursors.prepared_keyset_page``).
_CATEGORY_PAGES = Shapes(kept=64)
ENTRY_KEY_FIELDS: tuple[Field[Any, Any], ...] = (IntegerField(), CharField(), IntegerField())


def _category_page_query(mode: str, *, year: bool, body: bool, form: str | None) -> Prepared:
    shape = _entry_shape(year=year, body=body, form=form)

    def build() -> QuerySet[Any]:
        return cursors.page_query(
            _category_entries(shape),
            fields=ENTRY_ORDER,
            mode=mode,
            key=cursors.key_params(ENTRY_KEY_FIELDS),
            per_page=PER_PAGE,
        )

    return _CATEGORY_PAGES.get((*shape, mode), build, MATRIX_FIELDS)


class _TreeRow:
    """A list row's columns (``FIELDS``, read as plain values) as ``catalog/rows.py``
    reads them from a model object, with its body from the process's tree
    (``bodies.tree``)."""

    FIELDS: tuple[str, ...] = ()
    __slots__ = ("body",)

    def __init__(self, values: tuple[Any, ...], bodies: dict[int, Body]) -> None:
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)
        body_id = self.body_id  # type: ignore[attr-defined]
        # A body added since the tree was read: read it.
        self.body = bodies.get(body_id) or Body.objects.get(pk=body_id)

    @property
    def pk(self) -> int:
        return self.id  # type: ignore[attr-defined]


class MatrixRow(_TreeRow):
    """A matrix row (``MATRIX_FIELDS``) of an entry."""

    FIELDS = MATRIX_FIELDS
    __slots__ = MATRIX_FIELDS

    @property
    def is_update_overdue(self) -> bool:
        return update_overdue(self.category, self.next_update_due, self.body)  # type: ignore[attr-defined]


def _today_params() -> dict[str, Any]:
    """Each time zone's today as a ``Param`` (``ExemptionQuerySet.in_force``'s ``todays``)."""
    return {
        name: Param(f"today_{index}", DateField()) for index, name in enumerate(TimeZoneName.values)
    }


def _todays() -> dict[str, Any]:
    """The values of ``_today_params`` now."""
    return {f"today_{index}": today for index, today in enumerate(body_todays().values())}


# The DIP page's DIK rows (in force, or ended on the exempt list) and whether any
# exemption ended, compiled once per process.
_DIK_QUERIES = Shapes(kept=4)


def _dik_rows(*, ended: bool = False) -> QuerySet[Any]:
    """The public exemptions in force (or ``ended``) as DIK rows, each time zone's today a
    ``Param`` (``_todays`` gives their values)."""
    exemptions = _public_exemptions(None, ended=ended, todays=_today_params())
    return exemptions.select_related(None).values_list(*DIK_FIELDS)


def _dik_query(*, body: bool, ended: bool = False) -> Prepared:
    def build() -> QuerySet[Any]:
        exemptions = _dik_rows(ended=ended)
        if body:
            exemptions = exemptions.filter(body_id=Param("body", IntegerField()))
        return exemptions[: MATRIX_CAP + 1]

    return _DIK_QUERIES.get((body, ended), build, DIK_FIELDS)


# The exempt list's page in each mode, compiled once per process.
_EXEMPTION_PAGES = Shapes(kept=4)
EXEMPTION_KEY_FIELDS: tuple[Field[Any, Any], ...] = (IntegerField(), DateField(), IntegerField())


def _exemption_page_query(mode: str) -> Prepared:
    def build() -> QuerySet[Any]:
        return cursors.page_query(
            _dik_rows(),
            fields=EXEMPTION_ORDER,
            mode=mode,
            key=cursors.key_params(EXEMPTION_KEY_FIELDS),
            per_page=PER_PAGE,
        )

    return _EXEMPTION_PAGES.get(mode, build, DIK_FIELDS)


_ANY_ENDED = Prepared(
    lambda: (
        _public_exemptions(None, ended=True, todays=_today_params())
        .select_related(None)
        .order_by()  # whether any: no order, as exists() asks
        .values_list("id")[:1]
    ),
    ("id",),
)


class DikRow(_TreeRow):
    """A DIK row (``DIK_FIELDS``) of an exemption."""

    FIELDS = DIK_FIELDS
    __slots__ = DIK_FIELDS

    @property
    def ground_label(self) -> str:
        return law.label(self.ground)  # type: ignore[attr-defined]


def _public_exemptions(
    body: Body | None, *, ended: bool = False, todays: dict[str, Any] | None = None
) -> QuerySet[Exemption]:
    """The DIK in force; with ``ended``, the exemptions whose period ended without a
    decision: no longer in force, shown apart (PP 61/2010 Pasal 11). ``todays``: each time
    zone's today as a prepared query's values (``_dik_query``)."""
    exemptions = Exemption.objects.filter(body__is_active=True)
    exemptions = exemptions.ended(todays=todays) if ended else exemptions.in_force(todays=todays)
    exemptions = exemptions.select_related("body", "unit")
    if body is not None:
        exemptions = exemptions.filter(body=body)
    return exemptions.order_by(*EXEMPTION_ORDER)


def _dip_page(request: HttpRequest, body: Body | None) -> HttpResponse:
    form, filters = _filter_form(request, body)
    if body is None and "badan" in filters:
        body_filter = Body.objects.active().filter(slug=filters["badan"]).first()
    else:
        body_filter = body
    categories = [
        (value, label)
        for value, label in Category.choices
        if filters.get("kategori") in (None, value)
    ]
    todays = _todays()
    by_pk = tree.snapshot().by_pk
    if body_filter is None:
        found = _dik_query(body=False).rows(**todays)
    else:
        found = _dik_query(body=True).rows(body=body_filter.pk, **todays)
    exemptions = [DikRow(row, by_pk) for row in found]
    return render(
        request,
        "catalog/dip.html",
        {
            "body": body,
            "filter_fields": _filter_fields(form, body),
            "filtered": bool(filters),
            "query": _query_without(request, "kategori"),
            "groups": _matrix(filters, body_filter, categories),
            "headers": _headers(),
            "links": _links(),
            "exemptions": exemptions[:MATRIX_CAP],
            "more_exemptions": len(exemptions) > MATRIX_CAP,
            # One body's ended exemptions are few: counted; province-wide only whether any.
            "ended_total": (
                _public_exemptions(body_filter, ended=True).count() if body_filter else None
            ),
            "any_ended": body_filter is None and bool(_ANY_ENDED.rows(**todays)),
            "can_manage": body is not None and permissions.can_act_on(request.user, body),
        },
    )


def dip(request: HttpRequest) -> HttpResponse:
    return _dip_page(request, None)


def body_dip(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    return _dip_page(request, body)


def _cursor_args(request: HttpRequest, types: tuple[type, ...]) -> dict[str, Any]:
    """``setelah``/``sebelum`` cursors and ``akhir`` (the last page) from the query; a
    cursor that does not decode is a 404, as a page number past the end used to be."""
    try:
        after = request.GET.get("setelah")
        before = request.GET.get("sebelum")
        return {
            "after": cursors.decode_key(after, types) if after else None,
            "before": cursors.decode_key(before, types) if before else None,
            "last": bool(request.GET.get("akhir")),
        }
    except cursors.InvalidCursor:
        raise Http404 from None


def category(request: HttpRequest, category: str) -> HttpResponse:
    """All entries of one category, a page at a time by cursor; ``?badan=<slug>`` for one
    body and the DIP page's other filters."""
    labels = dict(Category.choices)
    if category not in labels:
        raise Http404
    body = None
    values: dict[str, Any] = {"category": category}
    if request.GET.get("badan"):
        body = get_object_or_404(Body.objects.active(), slug=request.GET["badan"])
        values["body"] = body.pk
    # The filters only (the page shows no form): no body choices to load.
    filters = DipFilterForm(request.GET, body_choices=[]).values()
    year = filters.get("tahun")
    if year is not None:
        values["since"], values["until"] = _year_bounds(year)
    by_pk = tree.snapshot().by_pk
    page = cursors.prepared_keyset_page(
        functools.partial(
            _category_page_query,
            year=year is not None,
            body=body is not None,
            form=filters.get("bentuk"),
        ),
        key_of=_entry_key,
        row=lambda found: MatrixRow(found, by_pk),
        per_page=PER_PAGE,
        **values,
        **_cursor_args(request, ENTRY_KEY),
    )
    return render(
        request,
        "catalog/category.html",
        {
            "body": body,
            "category": category,
            "label": labels[category],
            "page": page,
            "query": _query_without(request),
            "headers": _headers(),
            "links": _links(),
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
    by_pk = tree.snapshot().by_pk
    todays = _todays()
    page = cursors.prepared_keyset_page(
        _exemption_page_query,
        key_of=_exemption_key,
        row=lambda found: DikRow(found, by_pk),
        per_page=PER_PAGE,
        **todays,
        **_cursor_args(request, EXEMPTION_KEY),
    )
    ended = [DikRow(row, by_pk) for row in _dik_query(body=False, ended=True).rows(**todays)]
    return render(
        request,
        "catalog/exemptions.html",
        {
            "page": page,
            "query": "",
            "links": _links(),
            "ended": ended[:MATRIX_CAP],
            "more_ended": len(ended) > MATRIX_CAP,
        },
    )


def exemption(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = get_object_or_404(
        Exemption.objects.select_related("body", "unit").filter(body__is_active=True),
        public_id=public_id,
    )
    return render(request, "catalog/exemption.html", {"exemption": item})
