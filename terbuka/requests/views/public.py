"""The public request log (`/permohonan/`): answered requests whose requesters allowed
publication. Never a requester's name, NIK, address or contact (UU 14/2008 Pasal 17
huruf h; UU 27/2022): the queries load only the request's own columns."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka import cursors
from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.links import url_prefix
from terbuka.prepared import Prepared
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


def _log_key(item: InfoRequest) -> cursors.Key:
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
# The first page without a filter (the page most visitors see), compiled once per process
# (``terbuka/prepared.py``): the same query ``keyset_page`` runs for it, without building
# a queryset and 75 model objects per visit (issue 14).
_FIRST_PAGE = Prepared(
    lambda: (
        _log_queryset()
        .order_by(*(f"-{field}" for field in LOG_ORDER))
        .values_list(*FIRST_PAGE_FIELDS)[: LOG_PAGE_SIZE + 1]
    ),
    FIRST_PAGE_FIELDS,
)


class _Notice:
    __slots__ = ("outcome",)

    def __init__(self, outcome: str) -> None:
        self.outcome = outcome

    def get_outcome_display(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome))


class LogRow:
    """A request of the log's first page as ``requests/rows.py`` and ``queries.timing``
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


def _first_page() -> cursors.KeysetPage[Any] | None:
    """The log's first page from ``_FIRST_PAGE``, as ``keyset_page`` gives it; None when a
    row's body is not in this request's tree of bodies (added since: the ORM reads it)."""
    by_pk = tree.snapshot().by_pk
    found = _FIRST_PAGE.rows()
    if any(row[6] not in by_pk or row[7] not in by_pk for row in found):
        return None
    rows = [LogRow(row, by_pk) for row in found[:LOG_PAGE_SIZE]]
    is_last = len(found) <= LOG_PAGE_SIZE
    return cursors.KeysetPage(
        rows=rows,
        next_key=cursors.encode_key(_log_key(rows[-1])) if rows and not is_last else None,  # type: ignore[arg-type]
        previous_key=None,
        is_first=True,
        is_last=is_last,
    )


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
    first = not conditions and cursor == {"after": None, "before": None, "last": False}
    page = _first_page() if first else None
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
