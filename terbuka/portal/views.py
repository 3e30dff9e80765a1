"""The site shell: home page, health check, error pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.bodies.views import region_order


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on every page whatever the page links to: send them to
    the SVG icon instead of answering 404."""
    return HttpResponseRedirect(static("favicon.svg"))


@dataclass
class PpidSummary:
    body: Body
    units: int  # active PPID Pelaksana units this PPID Utama serves


def home(request: HttpRequest) -> HttpResponse:
    # The bodies from this process's copy of the tree, where each unit's PPID Utama is
    # found without a query; the summaries are worked out once per tree.
    current = tree.snapshot()
    ppids = current.memo("ppids", _ppids(current))
    ppids_html = current.memo(
        "ppids_html",
        lambda: render_to_string("portal/_ppids.html", {"ppids": ppids}),
        per_language=True,
    )
    return render(request, "portal/home.html", {"ppids": ppids, "ppids_html": ppids_html})


def _ppids(current: tree.Tree) -> Callable[[], list[PpidSummary]]:
    def build() -> list[PpidSummary]:
        summaries = {
            body.pk: PpidSummary(body, 0)
            for body in current.bodies
            if body.is_active and body.has_own_ppid
        }
        for body in current.bodies:
            served_by = body.ppid_body
            if body.is_active and served_by is not None and served_by.pk != body.pk:
                # A unit under an inactive PPID Utama has no summary to count in.
                summary = summaries.get(served_by.pk)
                if summary is not None:
                    summary.units += 1
        return sorted(summaries.values(), key=lambda summary: region_order(summary.body))

    return build


@functools.cache
def migration_leaves() -> frozenset[tuple[str, str]]:
    """The last migration of every app, read from disk once per process: the code this
    process runs needs them applied."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and every app's last migration is applied, 503
    otherwise. One small query: building the migration graph on every request cost ~5 ms
    of CPU (issue 14)."""
    leaves = migration_leaves()
    condition = " OR ".join(["(app = %s AND name = %s)"] * len(leaves))
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT app, name FROM django_migrations WHERE {condition}",  # noqa: S608
                [part for leaf in sorted(leaves) for part in leaf],
            )
            applied = {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    pending = leaves - applied
    if pending:
        return JsonResponse(
            {"status": "error", "database": "ok", "pending_migrations": len(pending)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "pending_migrations": 0})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)
