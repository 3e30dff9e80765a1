"""The public request log (`/permohonan/`): answered requests whose requesters allowed
publication. Never a requester's name, NIK, address or contact (UU 14/2008 Pasal 17
huruf h; UU 27/2022): the queries load only the request's own columns."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import DateTimeField, Field, IntegerField, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka import cursors
from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.links import url_prefix
from terbuka.prepared import Prepared, Shapes
from terbuka.requests import deadlines, queries
from terbuka.requests.forms import LogFilterForm
from terbuka.requests.models import FileKind, InfoRequest, InfoRequestQuerySet, Outcome, RequestFile
from terbuka.requests.rows import log_rows
from terbuka.shield import state as shield_state
from terbuka.workdays import state as workdays_state

LOG_PAGE_SIZE = 25
# Newest answer first, in the order of the index (publish_allowed, status, -answered_at).
LOG_ORDER = ("answered_at", "id")
LOG_KEY = (str, int)


def _log_key(item: InfoRequest | LogRow) -> cursors.Key:
    assert item.answered_at is not None  # published() holds answered requests only
    return (item.answered_at.isoformat(), item.pk)


def _cursor_args(request: HttpRequest) -> dict[str, Any]:
    try:
        after = request.GET.get("setelah")
        before = request.GET.get("sebelum")
        return {
            "after": cursors.decode_key(after, LOG_KEY) if after else None,
            "before": cursors.decode_key(before, LOG_KEY) if before else None,
            "last": bool(request.GET.get("akhir")),
        }
    except cursors.InvalidCursor:
        raise Http404 from None


def _log_queryset() -> InfoRequestQuerySet:
    # The redundant ``__in=[True]`` gives SQLite an equality on publish_allowed (Django
    # writes ``=True`` as the bare column), so the index gives the order: no sort.
    return queries.public_log().filter(publish_allowed__in=[True])


# What the log's first page shows of a request, read as plain values.
FIRST_PAGE_FIELDS = (
    "id",
    "public_id",
    "subject",
    "received_at",
    "answered_at",
    "due_date",
    "body_id",
    "ppid_body_id",
    "notice__outcome",
)
# The pages without a filter (what most visitors see), compiled once per process and
# page mode (``cursors.prepared_keyset_page``): the same query ``keyset_page`` runs for
# them, without building a queryset and 75 model objects per visit (issue 14).
_LOG_PAGES = Shapes(kept=4)
LOG_KEY_FIELDS: tuple[Field[Any, Any], ...] = (DateTimeField(), IntegerField())


def _log_page_query(mode: str) -> Prepared:
    def build() -> QuerySet[Any]:
        return cursors.page_query(
            _log_queryset().values_list(*FIRST_PAGE_FIELDS),
            fields=LOG_ORDER,
            mode=mode,
            key=cursors.key_params(LOG_KEY_FIELDS),
            per_page=LOG_PAGE_SIZE,
            descending=True,
        )

    return _LOG_PAGES.get(mode, build, FIRST_PAGE_FIELDS)


class _Notice:
    __slots__ = ("outcome",)

    def __init__(self, outcome: str) -> None:
        self.outcome = outcome

    def get_outcome_display(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome))


class LogRow:
    """A request of the log's unfiltered pages as ``requests/rows.py`` and ``queries.timing``
    read it: its columns, its body and PPID body from the process's tree of bodies (their
    parents linked, for the calendar), its notice's outcome."""

    __slots__ = (
        "answered_at",
        "body",
        "due_date",
        "notice",
        "pk",
        "ppid_body",
        "public_id",
        "received_at",
        "subject",
    )

    def __init__(self, values: tuple[Any, ...], bodies: dict[int, Body]) -> None:
        (
            self.pk,
            self.public_id,
            self.subject,
            self.received_at,
            self.answered_at,
            self.due_date,
            body_id,
            ppid_body_id,
            outcome,
        ) = values
        self.body = bodies[body_id]
        self.ppid_body = bodies[ppid_body_id]
        self.notice = _Notice(outcome) if outcome is not None else None


class _NotInTree(Exception):
    """A row's body is not in this request's tree of bodies (added since)."""


def _unfiltered_page(cursor: dict[str, Any]) -> cursors.KeysetPage[Any] | None:
    """A page of the log without a filter from ``_log_page_query``, as ``keyset_page``
    gives it; None when a row's body is not in this request's tree of bodies (the ORM
    reads it then)."""
    by_pk = tree.snapshot().by_pk

    def row(found: tuple[Any, ...]) -> LogRow:
        if found[6] not in by_pk or found[7] not in by_pk:
            raise _NotInTree
        return LogRow(found, by_pk)

    try:
        return cursors.prepared_keyset_page(
            _log_page_query, key_of=_log_key, row=row, per_page=LOG_PAGE_SIZE, **cursor
        )
    except _NotInTree:
        return None


def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    conditions: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            conditions["subject__icontains"] = data["q"]
        if data.get("body"):
            conditions["body"] = data["body"]
        if data.get("outcome"):
            conditions["notice__outcome"] = data["outcome"]
    cursor = _cursor_args(request)
    page = None if conditions else _unfiltered_page(cursor)
    if page is None:
        page = cursors.keyset_page(
            _log_queryset().filter(**conditions),
            fields=LOG_ORDER,
            key_of=_log_key,
            per_page=LOG_PAGE_SIZE,
            descending=True,
            **cursor,
        )
        queries.link_ppid_ancestors(page.rows)
    # Each row on its PPID body's calendar, as its deadline was counted; built once per body.
    calendars = workdays_state.Calendars()
    rows = [(item, queries.timing(item, calendars.of(item.ppid_body))) for item in page.rows]
    query = request.GET.copy()
    for name in ("setelah", "sebelum", "akhir", "halaman"):
        query.pop(name, None)
    detail_url = url_prefix("requests:log_detail", public_id=uuid.UUID(int=0))
    return render(
        request,
        "requests/log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "log_rows": log_rows(rows, detail_url),
            "query": query.urlencode(),
        },
    )


def log_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = get_object_or_404(queries.public_log(), public_id=public_id)
    # A released file shows only once the personal-data shield has let it out.
    released = RequestFile.objects.filter(
        info_request=info_request, kind=FileKind.RELEASED, **shield_state.public_filter()
    ).only("public_id", "original_name", "size", "content_type")
    calendar = deadlines.calendar_for(info_request)
    notice = getattr(info_request, "notice", None)
    return render(
        request,
        "requests/log_detail.html",
        {
            "info_request": info_request,
            "notice": notice,
            "released": list(released),
            "timing": queries.timing(info_request, calendar),
        },
    )
