"""The personal-data shield on the DIP: every new document version is scanned in the
background worker (the same django-tasks queue as the text extraction) and stays off the
public pages until the scan finds nothing or an officer confirms it may go out
(``actions.confirm_shield``) or replaces it with a redacted version (scanned again)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django_tasks import task

from terbuka.audit import log
from terbuka.bodies.models import Body
from terbuka.catalog import documents, extraction, indexing
from terbuka.catalog.models import DocumentVersion
from terbuka.shield import hold, scanner
from terbuka.shield.state import CONFIRMABLE_STATES, ShieldState

logger = logging.getLogger(__name__)


@task()
def scan_version(version_id: int) -> str:
    return run_scan(version_id)


def enqueue(version_id: int) -> None:
    """Queue the scan once the current transaction commits."""
    transaction.on_commit(lambda: scan_version.enqueue(version_id))


def read_text(content_type: str, data: bytes) -> str:
    """The text layer of a document for the shield (a DIP version or a request file);
    ``scanner.Unreadable`` when the extraction cannot read it."""
    kind = documents.kind_of(content_type)
    if kind is None:
        return ""
    with tempfile.NamedTemporaryFile(suffix=kind.extension) as handle:
        handle.write(data)
        handle.flush()
        try:
            return extraction.extract(Path(handle.name), kind.code).text
        except (extraction.ExtractionFailed, extraction.ExtractionInterrupted) as error:
            raise scanner.Unreadable(str(error)) from error


def run_scan(version_id: int) -> str:
    """Scan one version; idempotent (a version already scanned is left alone)."""
    # By its key alone, no joins and no ordering: the model orders by its document, and on
    # a freshly loaded PostgreSQL (no statistics yet) the joined lookup was planned as a
    # walk over every entry (seconds each). Its document, entry and body follow by key.
    version = DocumentVersion.objects.filter(pk=version_id).order_by().first()
    if version is None or version.shield_state != ShieldState.PENDING or not version.file:
        return "skipped"
    body = version.document.entry.body
    content_type = version.content_type
    fields = hold.scan_stored(
        version.file.name,
        content_type,
        read_text=lambda data: read_text(content_type, data),
        # The body's own office phone and e-mail on its letterhead are public.
        contacts=(body.phone, body.email),
    )
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
    return hold.scan_each(ids, run_scan)
