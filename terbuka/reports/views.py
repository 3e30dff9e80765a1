"""The officers' report pages: the request register (with its exports, audited) and the
statistics of a body for a period (with their exports). Who reads them: ``access``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from terbuka import cursors, tabular
from terbuka.bodies.models import Body
from terbuka.reports import access, register, statistics
from terbuka.reports.forms import RegisterFilterForm, StatisticsForm
from terbuka.requests.models import InfoRequestQuerySet
from terbuka.requests.views.common import current_user

REGISTER_FILTERS = ("badan", "dari", "sampai", "saluran", "keputusan")
REGISTER_PAGE_SIZE = 50


def _readable(request: HttpRequest) -> list[Body]:
    """The bodies this officer reads; anyone else gets 403. A body asked for by name that
    he may not read is refused outright, not offered as a form error."""
    user = current_user(request)
    bodies = access.readable_bodies(user)
    if not bodies:
        raise PermissionDenied
    slug = request.GET.get("badan")
    if slug and slug not in {body.slug for body in bodies}:
        raise PermissionDenied
    return bodies


# --- The request register -------------------------------------------------------------------


def _register_form(request: HttpRequest) -> RegisterFilterForm:
    return RegisterFilterForm(request.GET, bodies=_readable(request))


def _registered(form: RegisterFilterForm) -> InfoRequestQuerySet:
    data = form.cleaned_data
    return register.filtered(
        bodies=form.bodies(),
        received_from=data.get("dari"),
        received_to=data.get("sampai"),
        channel=data.get("saluran", ""),
        outcome=data.get("keputusan", ""),
    )


def _register_page(
    request: HttpRequest, form: RegisterFilterForm, *, status: int = 200
) -> HttpResponse:
    shown, rows, next_page, bad_cursor = False, [], "", False
    after = request.GET.get("setelah") or ""
    if form.is_valid():
        shown = True
        try:
            requests = register.page(_registered(form), after, REGISTER_PAGE_SIZE + 1)
        except cursors.InvalidCursor:
            requests, bad_cursor, status = [], True, 400
        if len(requests) > REGISTER_PAGE_SIZE:
            requests = requests[:REGISTER_PAGE_SIZE]
            next_page = register.cursor(requests[-1])
        rows = list(zip(requests, register.rows(requests), strict=True))
    return render(
        request,
        "reports/register.html",
        {
            "form": form,
            "shown": shown,
            "after": after,
            "next_page": next_page,
            "bad_cursor": bad_cursor,
            "rows": rows,
            "columns": register.headers(),
            "formats": register.FORMATS,
            "query": form.query(REGISTER_FILTERS),
        },
        status=status,
    )


@login_required
@never_cache
def register_list(request: HttpRequest) -> HttpResponse:
    """The register permohonan of the officer's bodies, 50 requests a page, paged by a
    keyset cursor (``setelah``): no count and no offset."""
    return _register_page(request, _register_form(request))


@login_required
@never_cache
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register as CSV, XLSX or PDF, with the page's filters. It carries identities,
    so every export is audited (the format, the filters and the number of rows, never a
    name)."""
    if fmt not in register.FORMATS:
        raise Http404
    form = _register_form(request)
    if not form.is_valid():
        return _register_page(request, form, status=400)
    data = form.cleaned_data
    return tabular.export_register(
        request,
        register=register,
        items=_registered(form),
        fmt=fmt,
        body=data.get("badan"),
        actor=current_user(request),
        action="request.register_export",
        too_many=_(
            "PDF memuat paling banyak %(max)s permohonan: persempit periodenya atau unduh XLSX."
        ),
        refused=lambda: _register_page(request, form, status=400),
        start=data["dari"],
        end=data["sampai"],
        channel=data["saluran"],
        outcome=data["keputusan"],
    )


# --- The statistics -------------------------------------------------------------------------


def _statistics_form(request: HttpRequest) -> StatisticsForm:
    return StatisticsForm(request.GET, bodies=_readable(request))


def _statistics_page(
    request: HttpRequest, form: StatisticsForm, *, status: int = 200
) -> HttpResponse:
    stats = None
    if form.is_valid():
        stats = statistics.compute(form.cleaned_data["badan"], form.period())
    return render(
        request,
        "reports/statistics.html",
        {
            "form": form,
            "stats": stats,
            "formats": tabular.FORMATS,
            "query": form.query() if stats is not None else "",
        },
        status=status,
    )


@login_required
@never_cache
def statistics_page(request: HttpRequest) -> HttpResponse:
    """The service figures of one body for a year, a semester or a month."""
    return _statistics_page(request, _statistics_form(request))


@login_required
@never_cache
def statistics_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The same figures as CSV, XLSX or PDF (no identity in them: not audited)."""
    if fmt not in tabular.FORMATS:
        raise Http404
    form = _statistics_form(request)
    if not form.is_valid():
        return _statistics_page(request, form, status=400)
    stats = statistics.compute(form.cleaned_data["badan"], form.period())
    name = f"statistik-{stats.body.slug}-{stats.period.key}.{fmt}"
    return tabular.download(statistics.export(stats, fmt), fmt, name)
