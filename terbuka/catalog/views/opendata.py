"""Public open-data views: the DIP feeds for harvesters (JSON and CSV, province-wide and
per body) and the DIP downloads (XLSX, CSV and PDF in the Perki matrix layout).

Everything here is public and shows only published entries; nothing reads requesters'
data (UU 14/2008 Pasal 17 huruf h).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from terbuka.bodies.models import Body
from terbuka.catalog import exporting, opendata


def _feed_body(slug: str | None) -> Body | None:
    if slug is None:
        return None
    return get_object_or_404(Body.objects.active(), slug=slug)


def _next_url(request: HttpRequest, page: opendata.FeedPage) -> str | None:
    if page.next_cursor is None:
        return None
    params: dict[str, str] = {"cursor": page.next_cursor, "per_page": str(page.query.per_page)}
    if request.GET.get("since"):
        params["since"] = page.query.since.isoformat() if page.query.since else ""
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


def _error(exc: opendata.FeedError) -> JsonResponse:
    response = JsonResponse({"error": str(exc)}, status=400)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def dip_json(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    body = _feed_body(slug)
    try:
        query = opendata.parse_query(request.GET)
    except opendata.FeedError as exc:
        return _error(exc)
    page = opendata.load_page(query, body=body)
    next_url = _next_url(request, page)
    response = JsonResponse(
        {
            # Kept for the shape harvesters know; always null: counting every published
            # entry cost more than the page (issue 14). Follow ``next`` to the end.
            "count": None,
            "per_page": query.per_page,
            "next": next_url,
            "body": {"slug": body.slug, "name": body.name} if body else None,
            "results": opendata.records(page.rows, request.build_absolute_uri),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


@require_GET
def dip_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    body = _feed_body(slug)
    try:
        query = opendata.parse_query(request.GET)
    except opendata.FeedError as exc:
        return _error(exc)
    page = opendata.load_page(query, body=body)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(opendata.CSV_FIELDS)
    for record in opendata.records(page.rows, request.build_absolute_uri):
        writer.writerow(opendata.csv_row(record))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    next_url = _next_url(request, page)
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


@require_GET
def export(request: HttpRequest, slug: str | None = None) -> HttpResponseBase:
    """The DIP as a file: ``?format=xlsx|csv|pdf``, per body or province-wide."""
    body = _feed_body(slug or request.GET.get("badan") or None)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exporting.FORMATS:
        return render(
            request,
            "catalog/export/error.html",
            {"message": _("Format unduhan harus xlsx, csv atau pdf.")},
            status=400,
        )
    if fmt == "pdf":
        entry_count = exporting.entries_for(body).count()
        if entry_count > exporting.PDF_MAX_ENTRIES:
            return render(
                request,
                "catalog/export/error.html",
                {
                    "message": _(
                        "DIP ini memuat %(count)s entri, terlalu banyak untuk satu PDF (paling "
                        "banyak %(max)s). Unduh per badan publik, atau gunakan XLSX/CSV."
                    )
                    % {"count": entry_count, "max": exporting.PDF_MAX_ENTRIES}
                },
                status=413,
            )
    return exporting.export_response(body, fmt)
