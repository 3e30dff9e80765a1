"""The public request log (`/permohonan/`): answered requests whose requesters allowed
publication. Never a requester's name, NIK, address or contact (UU 14/2008 Pasal 17
huruf h; UU 27/2022): the queries load only the request's own columns."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka.requests import deadlines, queries
from terbuka.requests.forms import LogFilterForm
from terbuka.requests.models import FileKind, RequestFile
from terbuka.shield import state as shield_state
from terbuka.workdays import state as workdays_state

LOG_PAGE_SIZE = 25


def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    queryset = queries.public_log()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(subject__icontains=data["q"])
        if data.get("body"):
            queryset = queryset.filter(body=data["body"])
        if data.get("outcome"):
            queryset = queryset.filter(notice__outcome=data["outcome"])
    page = Paginator(queryset, LOG_PAGE_SIZE).get_page(request.GET.get("halaman"))
    # Each row on its PPID body's calendar, as its deadline was counted; built once per body.
    calendars = workdays_state.Calendars()
    rows = [(item, queries.timing(item, calendars.of(item.ppid_body))) for item in page.object_list]
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "requests/log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
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
