"""The public request log (`/permohonan/`): answered requests whose requesters allowed
publication. Never a requester's name, NIK, address or contact (UU 14/2008 Pasal 17
huruf h; UU 27/2022): the queries load only the request's own columns."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka import cursors
from terbuka.links import url_prefix
from terbuka.requests import deadlines, queries
from terbuka.requests.forms import LogFilterForm
from terbuka.requests.models import FileKind, RequestFile
from terbuka.requests.rows import log_rows
from terbuka.shield import state as shield_state
from terbuka.workdays import state as workdays_state

LOG_PAGE_SIZE = 25
LOG_KEY = (str, int)


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
    page = queries.log_page(cursor, LOG_PAGE_SIZE, **conditions)
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
