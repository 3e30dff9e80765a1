"""An officer's page for a DIP document version the personal-data shield holds: what it
found, the link that proposes the areas to black out, and the confirmation (with a
reason) that it may be published as it is."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from terbuka.accounts.models import User
from terbuka.actionviews import run_action
from terbuka.bodies import permissions
from terbuka.catalog import actions
from terbuka.catalog.models import DocumentVersion
from terbuka.shield import hold, links
from terbuka.shield.forms import ConfirmForm


@login_required
def version_check(request: HttpRequest, public_id: UUID) -> HttpResponse:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__entry__body", "shield_decided_by"),
        public_id=public_id,
    )
    entry = version.document.entry
    user = request.user
    if not isinstance(user, User) or not permissions.can_act_on(user, entry.body):
        raise PermissionDenied(_("Dokumen ini milik badan publik lain."))
    form = ConfirmForm(request.POST or None)

    def page() -> HttpResponse:
        return render(
            request,
            "shield/held.html",
            {
                "item": version,
                "heading": entry.title,
                "back_url": entry.get_absolute_url(),
                "file_name": _("%(title)s, versi %(number)s")
                % {"title": version.document.title, "number": version.number},
                "findings": hold.rows(version.shield_findings),
                "download_url": reverse(
                    "catalog:document_version_download",
                    kwargs={"public_id": version.document.public_id, "number": version.number},
                ),
                "redaction_url": links.redaction_url(version, version.shield_findings),
                "form": form,
            },
        )

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.confirm_shield(actor=user, version=version, reason=data["reason"]),
        done=_("Dokumen diizinkan terbit; alasannya dicatat."),
        then=reverse("catalog:version_check", kwargs={"public_id": version.public_id}),
        again=page,
    )
