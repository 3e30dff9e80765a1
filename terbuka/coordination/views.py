"""The coordination dashboard (the PPID Utama's, with a print stylesheet), its rakor PDF, and
the public transparency page with the same figures. No personal data on any of them: the
figures are counts, rates and grades (``hub``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from terbuka import tabular
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.coordination import charts, columns, hub
from terbuka.requests.views.common import current_user
from terbuka.workdays import state as workdays_state

FIRST_YEAR = 2008  # UU 14/2008


def _year(request: HttpRequest, root: Body) -> int:
    """``?tahun=`` when it is a year the law knows up to this one, else this year."""
    this_year = workdays_state.today(root).year
    try:
        asked = int(request.GET.get("tahun", ""))
    except ValueError:
        return this_year
    return asked if FIRST_YEAR <= asked <= this_year else this_year


def _choose(request: HttpRequest, bodies: list[Body]) -> Body:
    slug = request.GET.get("badan")
    if not slug:
        return bodies[0]
    for body in bodies:
        if body.slug == slug:
            return body
    raise PermissionDenied


def _context(request: HttpRequest, root: Body, *, public: bool) -> dict[str, Any]:
    figures = hub.build(root, _year(request, root))
    key = request.GET.get("urut", "")
    direction = request.GET.get("arah", "")
    rows = columns.sort_rows(figures.rows, key, direction)
    base = {"badan": root.slug, "tahun": figures.year}
    return {
        "hub": figures,
        "headings": columns.headings(figures, key, direction, base),
        "rows": [(row, columns.cells(row, figures, public=public)) for row in rows],
        "charts": charts.of(figures),
        "public": public,
        "year_choices": list(range(workdays_state.today(root).year, FIRST_YEAR - 1, -1))[:6],
        "generated": timezone.localtime(),
    }


def _coordinator(request: HttpRequest) -> tuple[list[Body], Body]:
    bodies = permissions.coordinated_bodies(current_user(request))
    if not bodies:
        raise PermissionDenied
    return bodies, _choose(request, bodies)


@login_required
@never_cache
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every body of the officer's hub, the worst first, each figure leading to its
    detail; prints as the table (print stylesheet)."""
    bodies, root = _coordinator(request)
    context = _context(request, root, public=False)
    return render(request, "coordination/dashboard.html", {**context, "bodies": bodies})


@login_required
@never_cache
def rakor_pdf(request: HttpRequest) -> HttpResponse:
    """The table and the charts as a PDF for the coordination meeting (rakor)."""
    _bodies, root = _coordinator(request)
    context = _context(request, root, public=False)
    data = tabular.pdf_bytes("coordination/rakor_pdf.html", {**context, "pdf": True})
    return tabular.download(data, "pdf", f"rakor-{root.slug}-{context['hub'].year}.pdf")


def _public_roots() -> list[Body]:
    """The PPID bodies a visitor may pick: every active body with its own PPID."""
    return list(Body.objects.active().filter(has_own_ppid=True).order_by("name", "pk"))


def public(request: HttpRequest) -> HttpResponse:
    """The same figures for everyone (``?badan=``: a PPID body; by default the first body
    at the top of the tree, the province on a province hub)."""
    roots = _public_roots()
    if not roots:
        raise Http404
    slug = request.GET.get("badan")
    if slug:
        found = [body for body in roots if body.slug == slug]
        if not found:
            raise Http404
        root = found[0]
    else:
        root = next((body for body in roots if body.parent_id is None), roots[0])
    context = _context(request, root, public=True)
    return render(request, "coordination/public.html", {**context, "roots": roots})
