"""The background extraction job: done once, retried a bounded number of times, and a
failed or stuck job visible to the officer while the entry stays published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from terbuka.catalog import actions, extraction, shielding, tasks
from terbuka.catalog.models import DocumentVersion, Entry, ExtractionStatus
from terbuka.catalog.tests.factories import corrupt_pdf, text_pdf, upload
from terbuka.search.models import SearchDocument
from terbuka.search.query import search
from terbuka.testing import PASSWORD


def attach(entry: Entry, world: Any, data: bytes, name: str = "laporan.pdf") -> DocumentVersion:
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry, title="Lampiran", upload=upload(name, data)
    )
    return document.versions.get()


def test_it_queues_the_extraction_and_the_shield_scan_after_commit(
    entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = attach(entry_a, world, text_pdf())
    # The extraction and the personal-data shield's scan are queued once each; the other
    # hook after commit makes the public pages' cache stale (terbuka/pagecache.py).
    queued = [callback for callback in callbacks if callback.__module__ != "terbuka.pagecache"]
    assert len(queued) == 2
    assert version.extraction_status == ExtractionStatus.PENDING


def test_it_extracts_and_makes_the_document_text_searchable(entry_a: Entry, world: Any) -> None:
    version = attach(entry_a, world, text_pdf("Dokumen ini memuat kata kunci ambulans terapung"))
    assert tasks.run_extraction(version.pk) == "done"
    assert shielding.run_scan(version.pk) == "clear"
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.DONE
    assert "ambulans terapung" in version.extracted_text
    assert version.extraction_attempts == 1
    assert "ambulans terapung" in SearchDocument.objects.get(kind="dip", object_id=entry_a.pk).text
    assert search("ambulans").total == 1


def test_it_does_nothing_when_run_again_on_a_done_version(entry_a: Entry, world: Any) -> None:
    version = attach(entry_a, world, text_pdf())
    tasks.run_extraction(version.pk)
    assert tasks.run_extraction(version.pk) == "skipped"
    version.refresh_from_db()
    assert version.extraction_attempts == 1


def test_it_does_not_run_a_job_another_worker_is_running(entry_a: Entry, world: Any) -> None:
    version = attach(entry_a, world, text_pdf())
    DocumentVersion.objects.filter(pk=version.pk).update(
        extraction_status=ExtractionStatus.RUNNING, extraction_started_at=dt.datetime.now(dt.UTC)
    )
    assert tasks.run_extraction(version.pk) == "skipped"


def test_it_retries_an_interrupted_run_and_then_gives_up_visibly(
    entry_a: Entry, world: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = attach(entry_a, world, text_pdf())
    runs = []

    def interrupted(path: Any, kind: str) -> Any:
        runs.append(kind)
        raise extraction.ExtractionInterrupted("OCR melewati batas waktu 120 detik.")

    monkeypatch.setattr(extraction, "extract", interrupted)
    # With the inline backend each retry runs at once: all attempts happen in this call.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_extraction(version.pk)
    version.refresh_from_db()
    assert len(runs) == tasks.MAX_ATTEMPTS
    assert version.extraction_status == ExtractionStatus.FAILED
    assert version.extraction_attempts == tasks.MAX_ATTEMPTS
    assert "batas waktu" in version.extraction_error
    entry_a.refresh_from_db()
    assert entry_a.is_published
    assert SearchDocument.objects.filter(kind="dip", object_id=entry_a.pk).exists()


def test_it_recovers_when_a_retry_succeeds(
    entry_a: Entry, world: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = attach(entry_a, world, text_pdf("Rencana Strategis"))
    real = extraction.extract
    calls = []

    def flaky(path: Any, kind: str) -> Any:
        calls.append(kind)
        if len(calls) == 1:
            raise extraction.ExtractionInterrupted("sementara")
        return real(path, kind)

    monkeypatch.setattr(extraction, "extract", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_extraction(version.pk)
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.DONE
    assert version.extraction_attempts == 2
    assert version.extraction_error == ""


def test_it_does_not_retry_a_damaged_document(entry_a: Entry, world: Any) -> None:
    version = attach(entry_a, world, corrupt_pdf())
    assert tasks.run_extraction(version.pk) == "failed"
    version.refresh_from_db()
    assert version.extraction_attempts == 1
    assert "rusak" in version.extraction_error


def test_it_survives_an_unexpected_crash(
    entry_a: Entry, world: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = attach(entry_a, world, text_pdf())

    def crash(path: Any, kind: str) -> Any:
        raise ZeroDivisionError

    monkeypatch.setattr(extraction, "extract", crash)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_extraction(version.pk)
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert "ZeroDivisionError" in version.extraction_error


def test_it_shows_failed_and_stuck_jobs_on_the_dashboard_with_a_retry(
    entry_a: Entry, world: Any, client: Any
) -> None:
    failed = attach(entry_a, world, corrupt_pdf(), "rusak.pdf")
    tasks.run_extraction(failed.pk)
    stuck = attach(entry_a, world, text_pdf(), "macet.pdf")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    DocumentVersion.objects.filter(pk=stuck.pk).update(
        extraction_status=ExtractionStatus.RUNNING,
        extraction_started_at=long_ago,
        extraction_attempts=1,
    )
    client.login(username="pelaksana.a", password=PASSWORD)
    page = client.get(reverse("catalog:dashboard")).content.decode()
    assert "PDF rusak" in page
    assert "Macet" in page
    assert page.count("Coba lagi") == 2
    # The retry puts the stuck one back and (inline backend) runs it.
    response = client.post(
        reverse("catalog:retry_extraction", args=[stuck.document.public_id, stuck.number])
    )
    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.extraction_status in (ExtractionStatus.PENDING, ExtractionStatus.DONE)
    assert stuck.extraction_attempts <= 1


def test_it_runs_a_stuck_job_again_from_the_catch_up_command(entry_a: Entry, world: Any) -> None:
    from django.core.management import call_command

    version = attach(entry_a, world, text_pdf())
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)):
        assert tasks.is_stuck(DocumentVersion.objects.get(pk=version.pk))
        call_command("extract_documents")
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.DONE


def test_it_refuses_a_retry_from_another_body(entry_a: Entry, world: Any, client: Any) -> None:
    version = attach(entry_a, world, corrupt_pdf())
    tasks.run_extraction(version.pk)
    client.login(username="pelaksana.b", password=PASSWORD)
    response = client.post(
        reverse("catalog:retry_extraction", args=[version.document.public_id, version.number])
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.FAILED
