"""Confirming a DIP bulk import: all rows in one transaction or none, the background job,
and the status page with its progress bar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.bodies.models import Role
from terbuka.catalog import actions, importing
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.test_import_upload import (
    KEYS,
    csv_file,
    officer_client,
    row_values,
    rows,
    upload,
    xlsx_file,
)


@pytest.fixture
def officer(world: Any) -> Client:
    return officer_client(world.pelaksana_a)


def job_id_of(response: Any) -> str:
    return str(response["Location"].strip("/").split("/")[-1])


def confirm(client: Client, job_id: str) -> Any:
    return client.post(reverse("catalog:import_preview", kwargs={"job_id": job_id}))


def test_it_imports_every_row_of_a_csv_file(world: Any, officer: Client) -> None:
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(12))))
    response = confirm(officer, job_id)
    assert response["Location"] == reverse("catalog:import_status", kwargs={"job_id": job_id})
    page = officer.get(response["Location"])
    html = page.content.decode()
    assert "Selesai: 12 entri baru ditambahkan ke DIP." in html
    assert 'http-equiv="refresh"' not in html
    assert Entry.objects.filter(body=world.agency_a).count() == 12
    entry = Entry.objects.get(number="N-3")
    assert entry.title == "Laporan kegiatan nomor 3"
    assert entry.category == Category.BERKALA
    assert (entry.created_when, entry.created_where) == ("Januari 2025", "Palangka Raya")
    assert entry.available_softcopy and entry.available_hardcopy
    assert entry.tags == "kegiatan, laporan"
    assert entry.published_on == dt.date(2025, 1, 15)
    assert entry.next_update_due == dt.date(2025, 7, 15)  # berkala: six months on
    assert entry.created_by == world.pelaksana_a
    assert AuditRecord.objects.filter(action="catalog.entry.import").count() == 1


def test_it_imports_an_xlsx_file(world: Any, officer: Client) -> None:
    data: list[list[Any]] = rows(3)
    data[0][KEYS.index("tanggal_publikasi")] = dt.datetime(2025, 3, 1)
    data[1][KEYS.index("kategori")] = "Informasi Serta Merta"
    data[2][KEYS.index("bentuk")] = "hardcopy"
    job_id = job_id_of(upload(officer, world.agency_a, xlsx_file(data)))
    confirm(officer, job_id)
    assert Entry.objects.filter(body=world.agency_a).count() == 3
    assert Entry.objects.get(number="N-1").published_on == dt.date(2025, 3, 1)
    assert Entry.objects.get(number="N-2").category == Category.SERTA_MERTA
    third = Entry.objects.get(number="N-3")
    assert third.available_hardcopy and not third.available_softcopy


def test_it_imports_nothing_when_a_late_row_fails(
    world: Any, officer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_create = actions.create_entry
    calls = {"n": 0}

    def failing_at_row_990(**kwargs: Any) -> Entry:
        calls["n"] += 1
        if calls["n"] == 989:  # data row 989 is spreadsheet row 990
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(1000))))
    monkeypatch.setattr(actions, "create_entry", failing_at_row_990)
    page = officer.get(confirm(officer, job_id)["Location"])
    html = page.content.decode()
    assert calls["n"] == 989
    assert Entry.objects.count() == 0
    assert "Impor dibatalkan di baris 990" in html
    assert "Tidak ada satu entri pun yang disimpan" in html
    assert not AuditRecord.objects.filter(action="catalog.entry.import").exists()
    job = importing.load_job(job_id)
    assert job is not None and job.state == importing.STATE_FAILED
    assert not default_storage.exists(importing.data_name(job))


def test_it_imports_a_file_only_once_when_confirmed_twice(world: Any, officer: Client) -> None:
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(4))))
    confirm(officer, job_id)
    second = confirm(officer, job_id)
    assert second.status_code == 302
    assert Entry.objects.count() == 4


def test_it_cannot_confirm_a_file_with_errors(world: Any, officer: Client) -> None:
    data = rows(3)
    data[2] = row_values(3, tanggal_publikasi="kemarin")
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(data)))
    confirm(officer, job_id)
    assert Entry.objects.count() == 0
    assert importing.load_job(job_id).state == importing.STATE_INVALID  # type: ignore[union-attr]


def test_it_shows_a_refreshing_progress_bar_while_the_job_runs(world: Any, officer: Client) -> None:
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(3))))
    job = importing.load_job(job_id)
    assert job is not None
    job.state, job.total, job.processed = importing.STATE_RUNNING, 10_000, 2_500
    importing.save_job(job)
    page = officer.get(reverse("catalog:import_status", kwargs={"job_id": job_id}))
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress id="import-progress" max="10000" value="2500">25%</progress>' in html
    assert "2500 dari 10000 baris (25%)" in html


def test_a_worker_runs_a_queued_import_and_the_status_page_follows_it(
    world: Any, officer: Client, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(5))))
    confirm(officer, job_id)
    status_url = reverse("catalog:import_status", kwargs={"job_id": job_id})
    waiting = officer.get(status_url).content.decode()
    assert "menunggu giliran" in waiting
    assert 'http-equiv="refresh"' in waiting
    assert Entry.objects.count() == 0
    assert importing.run(job_id) == importing.STATE_DONE  # what the worker does
    assert importing.run(job_id) == "skipped"  # a job delivered twice runs once
    assert Entry.objects.count() == 5
    assert "Selesai: 5 entri baru" in officer.get(status_url).content.decode()


def test_it_fails_the_job_if_the_officer_lost_the_role_before_it_ran(
    world: Any, officer: Client, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(2))))
    confirm(officer, job_id)
    Role.objects.filter(user=world.pelaksana_a).delete()
    assert importing.run(job_id) == importing.STATE_FAILED
    assert Entry.objects.count() == 0
    assert "tidak lagi berwenang" in importing.load_job(job_id).failure  # type: ignore[union-attr]


def test_the_status_of_an_unknown_or_expired_import_is_not_found(
    world: Any, officer: Client
) -> None:
    url = reverse(
        "catalog:import_status", kwargs={"job_id": "6f1c1f0e-0000-4000-8000-000000000000"}
    )
    assert officer.get(url).status_code == 404


def test_it_sweeps_uploads_older_than_a_day(world: Any, officer: Client) -> None:
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(2))))
    job = importing.load_job(job_id)
    assert job is not None
    later = dt.datetime.now(dt.UTC) + importing.EXPIRES_AFTER + dt.timedelta(minutes=1)
    assert importing.sweep_expired(now=later) >= 2
    assert importing.load_job(job_id) is None
    assert not default_storage.exists(importing.data_name(job))


def test_it_says_when_a_running_import_stalled(world: Any, officer: Client) -> None:
    job_id = job_id_of(upload(officer, world.agency_a, csv_file(rows(3))))
    job = importing.load_job(job_id)
    assert job is not None
    job.state = importing.STATE_RUNNING
    importing.save_job(job)
    later = dt.datetime.now(dt.UTC) + importing.STALLED_AFTER + dt.timedelta(minutes=1)
    with time_machine.travel(later):
        html = officer.get(reverse("catalog:import_status", kwargs={"job_id": job_id})).content
    assert "terhenti tanpa selesai" in html.decode()
    assert b'http-equiv="refresh"' not in html
