"""The redaction page ("Hitamkan") of a request's draft file or of a DIP document's
latest version, their page images, and the set-aside original of a DIP version.

Each answers 404 to anyone who may not use it (an id tells nothing), and none serves the
original to the public: page images and originals go out private and uncached.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from terbuka import law, uploads
from terbuka.actionviews import run_action
from terbuka.catalog import documents
from terbuka.catalog.models import DocumentVersion
from terbuka.redaction import access, actions, engine
from terbuka.redaction.forms import AreasForm
from terbuka.redaction.models import Redaction
from terbuka.requests import files
from terbuka.requests.models import RequestFile

# --- shared --------------------------------------------------------------------------


def _png(data: bytes, content_type: str, page: int) -> HttpResponse:
    try:
        png = engine.page_image(data, content_type, page)
    except engine.RedactionError:
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _redaction_page(
    request: HttpRequest,
    *,
    name: str,
    data: bytes,
    content_type: str,
    back: str,
    back_label: str,
    page_url: Callable[[int], str],
    earlier: list[tuple[str, str]],
    earlier_label: str,
    apply: Callable[[list[engine.Area]], Redaction],
    done: Callable[[Redaction], str],
) -> HttpResponse:
    base = {
        "name": name,
        "back": back,
        "back_label": back_label,
        "earlier": earlier,
        "earlier_label": earlier_label,
    }
    try:
        page_count = engine.page_count(data, content_type)
    except engine.RedactionError as error:
        # A damaged, locked or too long file: said plainly, never a server error.
        return render(request, "redaction/redact.html", base | {"unusable": str(error)})
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
            base
            | {
                "form": form,
                "pages": [(n, page_url(n)) for n in range(1, page_count + 1)],
                "proposal_error": proposal_error,
                "grounds": law.ground_choices(),
            },
        )

    if request.method == "GET":
        return page()
    return run_action(
        request, form, lambda cleaned: apply(cleaned["areas"]), done=done, then=back, again=page
    )


# --- a request's draft -------------------------------------------------------------------


def _redactable(request: HttpRequest, file_public_id: UUID) -> RequestFile:
    request_file = get_object_or_404(
        RequestFile.objects.select_related("info_request"), public_id=file_public_id
    )
    if not access.can_redact(request.user, request_file):
        raise Http404
    return request_file


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def redact(request: HttpRequest, file_public_id: UUID) -> HttpResponse:
    request_file = _redactable(request, file_public_id)
    info_request = request_file.info_request
    assert info_request is not None  # can_redact checked it
    back = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    return _redaction_page(
        request,
        name=request_file.original_name,
        data=files.open_file(request_file),
        content_type=request_file.content_type,
        back=back + "#pemberitahuan",
        back_label=_("Kembali ke permohonan %(number)s") % {"number": info_request.number},
        page_url=lambda n: reverse(
            "redaction:page", kwargs={"file_public_id": request_file.public_id, "page": n}
        ),
        earlier=[
            (
                redaction.result.original_name,
                reverse("requests:download", kwargs={"file_public_id": redaction.result.public_id}),
            )
            for redaction in Redaction.objects.filter(source=request_file).select_related("result")
            if redaction.result is not None
        ],
        earlier_label=_("Sudah dihitamkan sebelumnya menjadi:"),
        apply=lambda areas: actions.redact_request_file(
            actor=request.user, request_file=request_file, areas=areas
        ),
        done=lambda redaction: (
            _(
                "%(name)s dibuat. Berkas aslinya tetap draf yang hanya dilihat petugas; pilih"
                " berkas hasil penghitaman saat mengirim pemberitahuan tertulis."
            )
            % {"name": redaction.result.original_name if redaction.result else ""}
        ),
    )


@login_required
@never_cache
@require_GET
def page_image(request: HttpRequest, file_public_id: UUID, page: int) -> HttpResponse:
    request_file = _redactable(request, file_public_id)
    return _png(files.open_file(request_file), request_file.content_type, page)


# --- a DIP document's latest version -------------------------------------------------------


def _version(request: HttpRequest, public_id: UUID, number: int) -> DocumentVersion:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__entry__body"),
        document__public_id=public_id,
        number=number,
    )
    if not access.can_redact_version(request.user, version):
        raise Http404
    return version


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def redact_version(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    version = _version(request, public_id, number)
    document = version.document
    return _redaction_page(
        request,
        name=version.original_name,
        data=actions.read_version(version),
        content_type=version.content_type,
        back=reverse("catalog:entry", kwargs={"public_id": document.entry.public_id}),
        back_label=_("Kembali ke informasi %(title)s") % {"title": document.entry.title},
        page_url=lambda n: reverse(
            "redaction:version_page",
            kwargs={"public_id": document.public_id, "number": version.number, "page": n},
        ),
        # This version may itself be a redaction: its original, for the officers.
        earlier=[
            (redaction.original_name, reverse("redaction:original", args=[redaction.public_id]))
            for redaction in Redaction.objects.filter(result_version=version)
        ],
        earlier_label=_("Hasil penghitaman dari berkas asli (hanya untuk petugas):"),
        apply=lambda areas: actions.redact_document_version(
            actor=request.user, version=version, areas=areas
        ),
        done=lambda redaction: (
            _(
                "Versi %(number)s (%(name)s) dibuat dan menggantikan versi sebelumnya di DIP."
                " Berkas aslinya disisihkan: hanya petugas yang dapat membukanya."
            )
            % {
                "number": redaction.result_version.number if redaction.result_version else "",
                "name": redaction.result_version.original_name if redaction.result_version else "",
            }
        ),
    )


@login_required
@never_cache
@require_GET
def version_page(request: HttpRequest, public_id: UUID, number: int, page: int) -> HttpResponse:
    version = _version(request, public_id, number)
    return _png(actions.read_version(version), version.content_type, page)


@login_required
@never_cache
@require_GET
def original(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    """The set-aside original of a blacked-out DIP version, for its body's officers."""
    redaction = get_object_or_404(
        Redaction.objects.select_related("source_version__document__entry__body"),
        public_id=public_id,
    )
    if not redaction.original_file or not access.can_see_original(request.user, redaction):
        raise Http404
    kind = documents.kind_of(redaction.original_content_type)
    if kind is None or not default_storage.exists(redaction.original_file.name):
        raise Http404
    return uploads.download_response(
        storage_name=redaction.original_file.name,
        content_type=kind.content_type,
        filename=documents.safe_name(redaction.original_name, kind),
    )
