"""What every action of a request does the same way: lock the request, check the actor and
the state, move the status, write the event with its audit record.

The helpers of the actions in ``receipt``, ``handling`` and ``notice``; not actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from terbuka.audit import log as audit_log
from terbuka.requests import access, deadlines, files
from terbuka.requests.errors import ActionError
from terbuka.requests.models import (
    INTERNAL_EVENT_KINDS,
    OPEN_STATUSES,
    Disposition,
    Event,
    InfoRequest,
    Status,
    Visibility,
)


def _lock(info_request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("body", "ppid_body")
        .get(pk=info_request.pk)
    )


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _event(
    info_request: InfoRequest,
    *,
    actor: Any,
    kind: str,
    old_status: str = "",
    new_status: str = "",
    note: str = "",
    internal: bool | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """The timeline event of an action, and its audit record (issue 5: every action).

    The audit record names the kind and the status change, never the note: notes and
    messages may carry what a requester typed about himself.
    """
    event = Event.objects.create(
        info_request=info_request,
        actor=_actor(actor),
        kind=kind,
        old_status=old_status,
        new_status=new_status,
        note=note,
        is_internal=kind in INTERNAL_EVENT_KINDS if internal is None else internal,
        data=data or {},
    )
    audit_log.record(
        actor=actor,
        action=f"request.{kind}",
        obj=info_request,
        summary=info_request.number,
        detail={"event": event.pk, "old_status": old_status, "new_status": new_status},
    )
    return event


def _require_handler(actor: Any, info_request: InfoRequest) -> None:
    if not access.can_handle(actor, info_request):
        raise PermissionDenied(
            gettext(
                "Anda bukan PPID atau petugas layanan badan publik yang menangani permohonan ini."
            )
        )


def _require_open(info_request: InfoRequest) -> None:
    if info_request.status not in OPEN_STATUSES:
        raise ActionError(
            gettext("Permohonan ini sudah %(status)s; tidak ada lagi yang dapat diubah.")
            % {"status": info_request.get_status_display().lower()}
        )


def _move(info_request: InfoRequest, status: str) -> str:
    if not info_request.can_move_to(status):
        raise ActionError(
            gettext("Permohonan berstatus %(old)s tidak dapat diubah menjadi %(new)s.")
            % {
                "old": info_request.get_status_display().lower(),
                "new": Status(status).label.lower(),
            }
        )
    old = info_request.status
    info_request.status = status
    return old


def _today(info_request: InfoRequest) -> dt.date:
    return deadlines.today(info_request)


def _checked(uploads: Iterable[Any], kind: str) -> list[files.CheckedUpload]:
    return [files.validate_upload(upload, kind) for upload in uploads]


def _close_dispositions(info_request: InfoRequest) -> None:
    """A request that ends (answered, withdrawn) ends every disposisi still open on it: one
    whose draft came in is done (CLOSED); one still waiting for its draft lapsed (LAPSED),
    so that the record never says a unit did work it did not do."""
    info_request.dispositions.filter(state=Disposition.State.DRAFTED).update(
        state=Disposition.State.CLOSED
    )
    info_request.dispositions.filter(state=Disposition.State.OPEN).update(
        state=Disposition.State.LAPSED
    )


def _make_visible(
    info_request: InfoRequest, body_id: int, *, handles: bool = False, works: bool = False
) -> None:
    """Record that ``body_id``'s officers see the request (``models.Visibility``): as its
    PPID body (``handles``), or as the body it is addressed or forwarded to (``works``).
    Called by every action that creates a request or forwards it, in its transaction."""
    row, created = Visibility.objects.get_or_create(
        info_request=info_request, body_id=body_id, defaults={"handles": handles, "works": works}
    )
    if not created and ((handles and not row.handles) or (works and not row.works)):
        row.handles = row.handles or handles
        row.works = row.works or works
        row.save(update_fields=["handles", "works"])
