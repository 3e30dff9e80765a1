"""The personal-data shield on requests: a draft or released document is scanned in the
background worker when it is stored, and a released one appears on the public request
log (and downloads for anyone) only once the shield lets it out: nothing found, or an
officer confirmed it may go out (``actions.confirm_shield``). A redacted copy is a new
file, scanned again. The requester's own copy is not held: it is his request."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django_tasks import task

from terbuka import crypto
from terbuka.audit import log
from terbuka.catalog import shielding
from terbuka.requests.models import FileKind, RequestFile
from terbuka.shield import hold
from terbuka.shield.state import CONFIRMABLE_STATES, ShieldState

SCANNED_KINDS = (FileKind.DRAFT, FileKind.RELEASED)


@task()
def scan_file(file_id: int) -> str:
    return run_scan(file_id)


def enqueue(request_file: RequestFile) -> None:
    """Queue the scan of a draft or released document once the transaction commits."""
    if request_file.kind in SCANNED_KINDS:
        file_id = request_file.pk
        transaction.on_commit(lambda: scan_file.enqueue(file_id))


def _contacts(request_file: RequestFile) -> list[str]:
    """The office phone and e-mail of the bodies answering: public, on their letterhead."""
    info_request = request_file.info_request
    if info_request is None:
        return []
    bodies = [info_request.body, info_request.ppid_body]
    return [value for body in bodies if body is not None for value in (body.phone, body.email)]


def run_scan(file_id: int) -> str:
    """Scan one file; idempotent (a file already scanned is left alone)."""
    # By its key alone (see catalog.shielding.run_scan); its request and bodies by key.
    request_file = RequestFile.objects.filter(pk=file_id, kind__in=SCANNED_KINDS).order_by().first()
    if request_file is None or request_file.shield_state != ShieldState.PENDING:
        return "skipped"
    content_type = request_file.content_type
    fields = hold.scan_stored(
        request_file.file.name,
        content_type,
        read_text=lambda data: shielding.read_text(content_type, data),
        contacts=_contacts(request_file),
        decode=crypto.decrypt_bytes if request_file.is_encrypted else lambda data: data,
    )
    with transaction.atomic():
        request_file = (
            # Only the file's row, by its key.
            RequestFile.objects.select_for_update().filter(pk=file_id).order_by().first()
        )
        if request_file is None or request_file.shield_state != ShieldState.PENDING:
            return "skipped"
        request_file.save(update_fields=hold.record_scan(request_file, fields))
        if request_file.shield_state != ShieldState.CLEAR and request_file.info_request:
            log.record(
                actor=None,
                action="request.file.shield_held",
                obj=request_file.info_request,
                summary=request_file.info_request.number,
                detail={
                    "file": str(request_file.public_id),
                    "findings": hold.summary(request_file.shield_findings),
                },
            )
    return str(request_file.shield_state)


def held(ppid_body_ids: set[int]) -> QuerySet[RequestFile]:
    """Draft and released documents of these PPID bodies' requests that are held or
    still being checked."""
    return (
        RequestFile.objects.filter(
            kind__in=SCANNED_KINDS, info_request__ppid_body_id__in=ppid_body_ids
        )
        .filter(Q(shield_state__in=CONFIRMABLE_STATES) | Q(shield_state=ShieldState.PENDING))
        .select_related("info_request")
        .order_by("created_at", "pk")
    )


def scan_pending(limit: int | None = None) -> dict[str, int]:
    """Scan every draft and released document not scanned yet, inline."""
    ids = list(
        RequestFile.objects.filter(kind__in=SCANNED_KINDS, shield_state=ShieldState.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return hold.scan_each(ids, run_scan)
