"""An answered request reopened under an instruction of the Atasan PPID (UU 14/2008 Pasal
36): when he grants an objection, the PPID must answer again as instructed (release the
information, answer, correct the fee …) by the instruction's date.

The request keeps its status (its written notice was sent and stays on record, with the
days it took); ``reopened_until`` marks the pending instruction, puts the request back in
the officers' inbox and on the requester's page, and is cleared when the PPID reports the
instruction carried out, with any information he released under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from terbuka import pagecache
from terbuka.bodies import permissions
from terbuka.requests import files
from terbuka.requests.actions.shared import _checked, _event, _lock
from terbuka.requests.errors import ActionError
from terbuka.requests.models import EventKind, FileKind, InfoRequest, RequestFile, Status


@transaction.atomic
def reopen(
    *, actor: Any, info_request: InfoRequest, until: dt.date, instruction: str, reference: str
) -> InfoRequest:
    """The Atasan PPID granted an objection (``reference``: its number) to this answered
    request: it is reopened under his instruction until ``until``."""
    info_request = _lock(info_request)
    if not permissions.can_decide_objections(actor, info_request.ppid_body_id):
        raise PermissionDenied(gettext("Hanya Atasan PPID yang dapat membuka kembali permohonan."))
    if info_request.status != Status.ANSWERED:
        # An unanswered request is still open: the instruction is carried out by the notice.
        return info_request
    info_request.reopened_until = until
    info_request.reopened_instruction = instruction.strip()
    info_request.save(update_fields=["reopened_until", "reopened_instruction", "updated_at"])
    pagecache.bump()
    _event(
        info_request,
        actor=actor,
        kind=EventKind.REOPENED,
        data={"until": until.isoformat(), "objection": reference},
    )
    return info_request


@files.cleans_up_on_error
@transaction.atomic
def answer_under_instruction(
    *, actor: Any, info_request: InfoRequest, report: str, released: Sequence[Any] = ()
) -> list[RequestFile]:
    """The PPID answered again under the Atasan's instruction: the files he releases now go
    to the requester like the notice's material, and the request is no longer reopened."""
    info_request = _lock(info_request)
    if not permissions.can_handle_body(actor, info_request.ppid_body_id):
        raise PermissionDenied(gettext("Hanya PPID yang dapat melaksanakan perintah ini."))
    if not info_request.is_reopened:
        raise ActionError(gettext("Permohonan ini tidak sedang dibuka kembali."))
    checked = _checked(released, FileKind.RELEASED)
    pagecache.bump()  # the released files are listed in the public log
    stored = [
        files.store_upload(
            info_request=info_request, checked=item, kind=FileKind.RELEASED, uploaded_by=actor
        )
        for item in checked
    ]
    late = timezone.localdate(timezone.now(), info_request.ppid_body.tzinfo) > (
        info_request.reopened_until or dt.date.max
    )
    info_request.reopened_until = None
    info_request.save(update_fields=["reopened_until", "updated_at"])
    _event(
        info_request,
        actor=actor,
        kind=EventKind.ANSWERED_UNDER_INSTRUCTION,
        note=report.strip(),
        data={"released": [item.original_name for item in stored], "late": late},
    )
    return stored
