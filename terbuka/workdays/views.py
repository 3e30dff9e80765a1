"""The public calendar page: the non-working days in use, and "when is my answer due?"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import law
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.workdays import calendar, counting
from terbuka.workdays.forms import DueDateForm


def _year(request: HttpRequest) -> int:
    current = timezone.localdate().year
    raw = request.GET.get("year")
    if raw is None or raw == "":
        return current
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not calendar.MIN_YEAR <= year <= calendar.MAX_YEAR:
        messages.warning(
            request,
            _("Tahun tidak valid (harus %(min)s–%(max)s); menampilkan tahun %(year)s.")
            % {"min": calendar.MIN_YEAR, "max": calendar.MAX_YEAR, "year": current},
        )
        return current
    return year


def _body(request: HttpRequest) -> Body | None:
    slug = request.GET.get("body", "")
    if not slug:
        return None
    body = Body.objects.active().filter(slug=slug).first()
    if body is None:
        messages.warning(request, _("Badan publik tidak ditemukan; menampilkan kalender nasional."))
    return body


def _deadline(form: DueDateForm) -> counting.Deadline:
    data = form.cleaned_data
    body: Body | None = data["body"]
    cal = calendar.for_body(body)
    received: dt.date | dt.datetime = data["received"]
    if data["time"] is not None:
        received = dt.datetime.combine(data["received"], data["time"], tzinfo=cal.tzinfo)
    return counting.add_working_days(received, data["working_days"], cal)


def calendar_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    body = _body(request)
    context: dict[str, Any] = {
        "year": year,
        "body": body,
        "bodies": Body.objects.active().order_by("name"),
        "days": calendar.listing(body, year),
        "cuti_bersama_is_day_off": calendar.cuti_bersama_is_day_off(),
        "previous_year": year - 1 if year > calendar.MIN_YEAR else None,
        "next_year": year + 1 if year < calendar.MAX_YEAR else None,
        "can_manage_calendar": permissions.administers_any_body(request.user),
    }
    if "received" in request.GET:
        form = DueDateForm(request.GET)
        if form.is_valid():
            context["deadline"] = _deadline(form)
            context["deadline_body"] = form.cleaned_data["body"]
    else:
        form = DueDateForm(
            initial={"body": body.slug if body else "", "working_days": law.NOTICE_WORKING_DAYS}
        )
    context["form"] = form
    return render(request, "workdays/calendar.html", context)
