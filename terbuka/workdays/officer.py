"""The PPID Utama's calendar page (issue 11): the regional holidays, election days, decreed
extra days and "keep working" overrides of his body and of the units it serves.

Who may: ``permissions.can_administer`` (the PPID Utama serving the body, or a platform
administrator). Every change runs the same action as the Django admin
(``workdays.actions``): the same checks, audit record and recompute of open deadlines.
The national calendar stays with the platform administrator in the Django admin.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.actionviews import run_action, run_button
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.workdays import actions
from terbuka.workdays.calendar import MAX_YEAR, MIN_YEAR
from terbuka.workdays.forms import BodyDayForm
from terbuka.workdays.models import CalendarDay


def _refuse() -> PermissionDenied:
    return PermissionDenied(
        _("Kalender badan publik ini dikelola oleh PPID Utama yang melayaninya.")
    )


def _body(request: HttpRequest, slug: str) -> Body:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    if not permissions.can_administer(request.user, body):
        raise _refuse()
    return body


def _day(request: HttpRequest, pk: int) -> CalendarDay:
    # National days (no body) are the platform administrator's, in the Django admin.
    day = get_object_or_404(CalendarDay.objects.select_related("body"), pk=pk, body__isnull=False)
    assert day.body is not None
    if not permissions.can_administer(request.user, day.body):
        raise _refuse()
    return day


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw)
    return timezone.localdate().year


def _page_url(body: Body, year: int | None = None) -> str:
    url = reverse("workdays:manage_body", kwargs={"slug": body.slug})
    return f"{url}?tahun={year}" if year else url


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The bodies whose calendar the user manages; with only one, straight to it."""
    bodies = permissions.administered_bodies(request.user)
    if not bodies:
        raise _refuse()
    if len(bodies) == 1:
        return redirect(_page_url(bodies[0]))
    return render(request, "workdays/manage.html", {"bodies": bodies})


@login_required
def manage_body(request: HttpRequest, slug: str) -> HttpResponse:
    """The body's own days of one year, and the form to add one."""
    body = _body(request, slug)
    year = _year(request)
    form = BodyDayForm(request.POST or None)

    def page() -> HttpResponse:
        days = CalendarDay.objects.filter(body=body, date__year=year).order_by("date", "kind")
        return render(
            request,
            "workdays/manage_body.html",
            {
                "body": body,
                "year": year,
                "days": days,
                "form": form,
                "previous_year": year - 1 if year > MIN_YEAR else None,
                "next_year": year + 1 if year < MAX_YEAR else None,
            },
        )

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.add_day(actor=request.user, body=body, **data),
        done=lambda day: (
            _("Ditambahkan: %(day)s. Tenggat perkara yang terbuka dihitung ulang.") % {"day": day}
        ),
        then=lambda day: _page_url(body, day.date.year),
        again=page,
    )


@login_required
def day_edit(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day(request, pk)
    assert day.body is not None
    body = day.body
    if not day.is_active:
        # A removed day is history: restore it first, then edit it.
        return redirect(_page_url(body, day.date.year))
    form = BodyDayForm.for_day(day, request.POST or None)

    def page() -> HttpResponse:
        return render(request, "workdays/day_form.html", {"body": body, "day": day, "form": form})

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.change_day(actor=request.user, day=day, body=body, **data),
        done=lambda saved: (
            _("Diubah: %(day)s. Tenggat perkara yang terbuka dihitung ulang.") % {"day": saved}
        ),
        then=lambda saved: _page_url(body, saved.date.year),
        again=page,
    )


@login_required
@require_POST
def day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day(request, pk)
    assert day.body is not None
    return run_button(
        request,
        lambda: actions.remove_day(actor=request.user, day=day),
        done=lambda removed: _("Dihapus dari kalender: %(day)s.") % {"day": removed},
        then=_page_url(day.body, day.date.year),
    )


@login_required
@require_POST
def day_restore(request: HttpRequest, pk: int) -> HttpResponse:
    day = _day(request, pk)
    assert day.body is not None
    return run_button(
        request,
        lambda: actions.restore_day(actor=request.user, day=day),
        done=lambda restored: _("Dikembalikan ke kalender: %(day)s.") % {"day": restored},
        then=_page_url(day.body, day.date.year),
    )
