"""The personal-data shield on the DIP: every new document version is scanned in the
background worker (the same django-tasks queue as the text extraction) and stays off the
public pages until the scan finds nothing or an officer confirms it may go out
(``actions.confirm_shield``) or replaces it with a redacted version (scanned again)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django_tasks import task

from terbuka.audit import log
from terbuka.bodies.models import Body
from terbuka.catalog import documents, extraction, indexing
from terbuka.catalog.models import DocumentVersion
from terbuka.shield import hold
from terbuka.shield.state import CONFIRMABLE_STATES, ShieldState

logger = logging.getLogger(__name__)


@task()
def scan_version(version_id: int) -> str:
    return run_scan(version_id)


def enqueue(version_id: int) -> None:
    """Queue the scan once the current transaction commits."""
    transaction.on_commit(lambda: scan_version.enqueue(version_id))


def _read_text(version: DocumentVersion, data: bytes) -> str:
    import tempfile

    kind = documents.kind_of(version.content_type)
    if kind is None:
        return ""
    with tempfile.NamedTemporaryFile(suffix=kind.extension) as handle:
        handle.write(data)
        handle.flush()
        return extraction.extract(Path(handle.name), kind.code).text


def run_scan(version_id: int) -> str:
    """Scan one version; idempotent (a version already scanned is left alone)."""
    # By its key alone, no joins and no ordering: the model orders by its document, and on
    # a freshly loaded PostgreSQL (no statistics yet) the joined lookup was planned as a
    # walk over every entry (seconds each). Its document, entry and body follow by key.
    version = DocumentVersion.objects.filter(pk=version_id).order_by().first()
    if version is None or version.shield_state != ShieldState.PENDING or not version.file:
        return "skipped"
    scanned = version
    try:
        with default_storage.open(version.file.name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        fields = {
            "shield_state": ShieldState.FAILED,
            "shield_findings": [],
            "shield_note": str(error) or type(error).__name__,
        }
    else:
        try:
            body = version.document.entry.body
            fields = hold.scan(
                data,
                version.content_type,
                read_text=lambda: _read_text(scanned, data),
                # The body's own office phone and e-mail on its letterhead are public.
                contacts=(body.phone, body.email),
            )
        except extraction.ExtractionFailed as error:
            fields = {
                "shield_state": ShieldState.FAILED,
                "shield_findings": [],
                "shield_note": str(error),
            }
        except extraction.ExtractionInterrupted as error:
            fields = {
                "shield_state": ShieldState.FAILED,
                "shield_findings": [],
                "shield_note": str(error),
            }
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update().filter(pk=version_id).order_by().first()
        )
        if version is None or version.shield_state != ShieldState.PENDING:
            return "skipped"
        version.save(update_fields=hold.record_scan(version, fields))
        if version.shield_state == ShieldState.CLEAR:
            # Its text becomes findable with the commit that lets it out.
            indexing.reindex_entry(version.document.entry)
        else:
            log.record(
                actor=None,
                action="catalog.document.shield_held",
                obj=version.document,
                summary=version.document.title,
                detail={
                    "version": version.number,
                    "findings": hold.summary(version.shield_findings),
                },
            )
    return str(version.shield_state)


def held(bodies: QuerySet[Body] | list[Body]) -> QuerySet[DocumentVersion]:
    """The versions of these bodies' DIP held or still being checked, oldest first."""
    return (
        DocumentVersion.objects.filter(document__entry__body__in=bodies)
        .filter(shield_state__in=(*CONFIRMABLE_STATES, ShieldState.PENDING))
        .select_related("document__entry__body")
        .order_by("uploaded_at", "pk")
    )


def scan_pending(limit: int | None = None) -> dict[str, int]:
    """Scan every version not scanned yet, inline (after the upgrade, and in the demo)."""
    ids = list(
        DocumentVersion.objects.filter(shield_state=ShieldState.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    outcomes: dict[str, int] = {}
    for version_id in ids:
        outcome = run_scan(version_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
