"""Background text extraction through the Django tasks API (``django-tasks`` on 5.2).

The worker is django-tasks' own ``python manage.py db_worker``. One job extracts one
document version:

- idempotent: a version already done (or one whose job another worker is running) is
  left alone, so a job enqueued twice does the work once;
- retried: a run that fails for a reason outside the document (a timeout, a missing
  program) goes back to the queue, at most ``MAX_ATTEMPTS`` runs in all;
- visible: a failure keeps its reason on the version, and a version "running" longer than
  ``STUCK_AFTER`` counts as stuck; both show on the officer dashboard with a retry button.

Whatever happens, the entry stays published with its metadata: the extraction only adds
text to what search finds.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task, task_backends

from terbuka import pagecache, storage
from terbuka.catalog import documents, extraction, indexing
from terbuka.catalog.models import DocumentVersion, ExtractionStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
STUCK_AFTER = dt.timedelta(minutes=15)
# A version waiting this long for a worker is shown as stuck too (no worker running?).
WAITING_TOO_LONG = dt.timedelta(hours=1)
RETRY_DELAYS = (dt.timedelta(minutes=1), dt.timedelta(minutes=5))


@task()
def extract_version(version_id: int) -> str:
    """The queued job; returns what it did (kept in the task result)."""
    return run_extraction(version_id)


def enqueue(version_id: int, *, delay: dt.timedelta | None = None) -> None:
    """Queue the job once the current transaction commits (the row must be visible)."""

    def send() -> None:
        job = extract_version
        if delay is not None and task_backends[job.backend].supports_defer:
            job = job.using(run_after=timezone.now() + delay)
        job.enqueue(version_id)

    transaction.on_commit(send)


def stuck(now: dt.datetime | None = None) -> QuerySet[DocumentVersion]:
    now = now or timezone.now()
    return DocumentVersion.objects.filter(
        Q(extraction_status=ExtractionStatus.RUNNING, extraction_started_at__lt=now - STUCK_AFTER)
        | Q(extraction_status=ExtractionStatus.PENDING, uploaded_at__lt=now - WAITING_TOO_LONG)
    )


def is_stuck(version: DocumentVersion, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if version.extraction_status == ExtractionStatus.RUNNING:
        started = version.extraction_started_at
        return started is None or started < now - STUCK_AFTER
    if version.extraction_status == ExtractionStatus.PENDING:
        return version.uploaded_at < now - WAITING_TOO_LONG
    return False


def _claim(version_id: int) -> DocumentVersion | None:
    """Mark the version running, or return None when there is nothing to do."""
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document")
            .filter(pk=version_id)
            .first()
        )
        if version is None:
            return None
        status = version.extraction_status
        if status in (ExtractionStatus.DONE, ExtractionStatus.NOT_NEEDED, ExtractionStatus.FAILED):
            return None
        if status == ExtractionStatus.RUNNING and not is_stuck(version):
            return None
        if version.extraction_attempts >= MAX_ATTEMPTS:
            # A job that keeps dying (the worker killed mid-run) ends here, visibly.
            version.extraction_status = ExtractionStatus.FAILED
            version.extraction_error = version.extraction_error or _(
                "Ekstraksi terhenti %(n)s kali tanpa selesai."
            ) % {"n": version.extraction_attempts}
            version.save(update_fields=["extraction_status", "extraction_error"])
            return None
        version.extraction_status = ExtractionStatus.RUNNING
        version.extraction_attempts += 1
        version.extraction_started_at = timezone.now()
        version.save(
            update_fields=["extraction_status", "extraction_attempts", "extraction_started_at"]
        )
        return version


def _finish(version_id: int, **fields: object) -> DocumentVersion | None:
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document__entry__body")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.extraction_status != ExtractionStatus.RUNNING:
            return None
        for name, value in fields.items():
            setattr(version, name, value)
        version.save(update_fields=list(fields))
        if version.extraction_status == ExtractionStatus.DONE:
            # The extracted text becomes findable with the same commit that stores it.
            indexing.reindex_entry(version.document.entry)
        return version


def run_extraction(version_id: int) -> str:
    version = _claim(version_id)
    if version is None:
        return "skipped"
    kind = documents.kind_of(version.content_type)
    if kind is None:
        _finish(
            version_id,
            extraction_status=ExtractionStatus.NOT_NEEDED,
            extraction_error="",
        )
        return "not_needed"
    try:
        # With object storage the worker reads a temporary local copy (storage.local_copy).
        with storage.local_copy(version.file.name) as path:
            result = extraction.extract(path, kind.code)
    except extraction.ExtractionFailed as error:
        _finish(
            version_id,
            extraction_status=ExtractionStatus.FAILED,
            extraction_error=str(error),
        )
        return "failed"
    except (extraction.ExtractionInterrupted, OSError) as error:
        return _retry_or_fail(version, str(error) or type(error).__name__)
    except Exception as error:
        # A bug or an unforeseen file: keep the worker alive, record it, retry (bounded).
        logger.exception("extraction of document version %s crashed", version_id)
        return _retry_or_fail(version, _("Kesalahan tak terduga (%s).") % type(error).__name__)
    _finish(
        version_id,
        extraction_status=ExtractionStatus.DONE,
        extracted_text=result.text,
        used_ocr=result.used_ocr,
        extracted_at=timezone.now(),
        extraction_error="",
    )
    pagecache.bump()  # the entry page shows an excerpt of the text
    return "done"


def _retry_or_fail(version: DocumentVersion, reason: str) -> str:
    if version.extraction_attempts < MAX_ATTEMPTS:
        with transaction.atomic():
            _finish(
                version.pk,
                extraction_status=ExtractionStatus.PENDING,
                extraction_error=_("Percobaan %(n)s gagal: %(reason)s Akan dicoba lagi.")
                % {"n": version.extraction_attempts, "reason": reason},
            )
            delay = RETRY_DELAYS[min(version.extraction_attempts, len(RETRY_DELAYS)) - 1]
            enqueue(version.pk, delay=delay)
        return "retry"
    _finish(
        version.pk,
        extraction_status=ExtractionStatus.FAILED,
        extraction_error=_("Gagal setelah %(n)s percobaan: %(reason)s")
        % {"n": version.extraction_attempts, "reason": reason},
    )
    return "failed"


def process_pending(*, include_stuck: bool = True, limit: int | None = None) -> dict[str, int]:
    """Run the outstanding extractions inline (the demo's quick path, and a fallback
    when no worker runs). Returns how many ended in each outcome."""
    pending = DocumentVersion.objects.filter(extraction_status=ExtractionStatus.PENDING)
    if include_stuck:
        pending = pending | stuck()
    ids = list(pending.order_by("pk").values_list("pk", flat=True).distinct()[:limit])
    outcomes: dict[str, int] = {}
    for version_id in ids:
        outcome = run_extraction(version_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
