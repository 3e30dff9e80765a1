"""The officer's decision on a document the personal-data shield held."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from terbuka.requests.actions.shared import _event, _lock, _require_handler
from terbuka.requests.errors import ActionError
from terbuka.requests.models import EventKind, RequestFile
from terbuka.shield import hold


@transaction.atomic
def confirm_shield(*, actor: Any, request_file: RequestFile, reason: str) -> RequestFile:
    """The PPID has looked at what the shield found (or could not read) in a draft or
    released document and confirms, with a reason, that it may be published as it is."""
    info_request = request_file.info_request
    if info_request is None:
        # An objection's files are never scanned nor held.
        raise ActionError(gettext("Berkas ini tidak ditahan pemeriksaan data pribadi."))
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    request_file = RequestFile.objects.select_for_update().get(
        pk=request_file.pk, info_request=info_request
    )
    findings = hold.summary(request_file.shield_findings)
    try:
        fields = hold.confirm(request_file, actor=actor, reason=reason)
    except hold.NotHeld as error:
        raise ActionError(str(error)) from None
    request_file.save(update_fields=fields)
    _event(
        info_request,
        actor=actor,
        kind=EventKind.SHIELD_CONFIRMED,
        note=request_file.shield_note,
        data={"file": str(request_file.public_id), "findings": findings},
    )
    return request_file
