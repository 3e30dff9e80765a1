"""The redaction page ("Hitamkan") of a request's draft file, and its page images.

Both answer 404 to anyone who may not redact the file (a file id tells nothing), and
serve nothing of the original to the public: page images go out private and uncached.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from terbuka import law
from terbuka.actionviews import run_action
from terbuka.redaction import access, actions, engine
from terbuka.redaction.forms import AreasForm
from terbuka.redaction.models import Redaction
from terbuka.requests import files
from terbuka.requests.models import RequestFile


def _redactable(request: HttpRequest, file_public_id: Any) -> RequestFile:
    request_file = get_object_or_404(
        RequestFile.objects.select_related("info_request"), public_id=file_public_id
    )
    if not access.can_redact(request.user, request_file):
        raise Http404
    return request_file


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def redact(request: HttpRequest, file_public_id: Any) -> HttpResponse:
    request_file = _redactable(request, file_public_id)
    info_request = request_file.info_request
    assert info_request is not None
    back = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    try:
        page_count = engine.page_count(files.open_file(request_file), request_file.content_type)
    except engine.RedactionError as error:
        # A damaged, locked or too long file: said plainly, never a server error.
        return render(
            request,
            "redaction/redact.html",
            {
                "request_file": request_file,
                "info_request": info_request,
                "back": back,
                "unusable": str(error),
            },
        )
    areas: list[engine.Area] = []
    proposal_error = ""
    if request.method == "GET" and request.GET.get("areas"):
        try:
            areas = engine.parse_areas(request.GET["areas"][:20_000])
        except engine.RedactionError as error:
            proposal_error = str(error)
    form = AreasForm(
        request.POST if request.method == "POST" else None, page_count=page_count, areas=areas
    )

    def page() -> HttpResponse:
        return render(
            request,
            "redaction/redact.html",
            {
                "request_file": request_file,
                "info_request": info_request,
                "back": back,
                "form": form,
                "pages": range(1, page_count + 1),
                "proposal_error": proposal_error,
                "grounds": law.ground_choices(),
                "earlier": Redaction.objects.filter(source=request_file).select_related("result"),
            },
        )

    if request.method == "GET":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.redact_request_file(
            actor=request.user, request_file=request_file, areas=data["areas"]
        ),
        done=lambda redaction: (
            _(
                "%(name)s dibuat. Berkas aslinya tetap draf yang hanya dilihat petugas; pilih"
                " berkas hasil penghitaman saat mengirim pemberitahuan tertulis."
            )
            % {"name": redaction.result.original_name}
        ),
        then=back + "#pemberitahuan",
        again=page,
    )


@login_required
@never_cache
@require_GET
def page_image(request: HttpRequest, file_public_id: Any, page: int) -> HttpResponse:
    request_file = _redactable(request, file_public_id)
    try:
        png = engine.page_image(files.open_file(request_file), request_file.content_type, page)
    except engine.RedactionError:
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
