"""The PPID's page for a draft or released document the personal-data shield holds: what
it found, the link that proposes the areas to black out, and the confirmation (with a
reason) that it may be published as it is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from terbuka.actionviews import run_action
from terbuka.requests import access, actions
from terbuka.requests.models import RequestFile
from terbuka.requests.shielding import SCANNED_KINDS
from terbuka.shield import hold, links
from terbuka.shield.forms import ConfirmForm


@login_required
def file_check(request: HttpRequest, file_public_id: Any) -> HttpResponse:
    request_file = get_object_or_404(
        RequestFile.objects.select_related("info_request", "shield_decided_by"),
        public_id=file_public_id,
        kind__in=SCANNED_KINDS,
    )
    info_request = request_file.info_request
    if info_request is None:
        raise Http404
    if not access.can_handle(request.user, info_request):
        raise PermissionDenied(_("Berkas ini milik permohonan yang tidak Anda tangani."))
    form = ConfirmForm(request.POST or None)

    def page() -> HttpResponse:
        return render(
            request,
            "shield/held.html",
            {
                "item": request_file,
                "heading": info_request.number or _("Permohonan"),
                "back_url": reverse(
                    "requests:officer_detail", kwargs={"public_id": info_request.public_id}
                ),
                "file_name": request_file.original_name,
                "findings": hold.rows(request_file.shield_findings),
                "download_url": reverse(
                    "requests:download", kwargs={"file_public_id": request_file.public_id}
                ),
                "redaction_url": links.redaction_url(request_file, request_file.shield_findings),
                "form": form,
            },
        )

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.confirm_shield(
            actor=request.user, request_file=request_file, reason=data["reason"]
        ),
        done=_("Dokumen diizinkan terbit; alasannya dicatat."),
        then=reverse("requests:file_check", kwargs={"file_public_id": request_file.public_id}),
        again=page,
    )
