"""Stored files behave the same on local disk and in S3-compatible object storage (issue 15).

Every test runs twice: once on ``FileSystemStorage`` (the embedded default) and once on
django-storages' ``S3Storage`` configured from the environment exactly as production is
(``terbuka.settings.s3_storage_options``), against a local S3 server: moto's standalone
server (``moto[server]``, Apache-2.0), started on a free port for the session and killed
after. Each test gets its own empty bucket.

What moto does not emulate (README "Files on object storage"): durability and replication
(objects live in the server's memory), real IAM, bucket policies and "block public access"
(an unsigned GET is not refused as AWS would refuse it), the timing and limits of a real
service; it does check the presence and expiry of a signed URL's query string.
"""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage, storages
from django.db import connection
from django.test import Client
from django.urls import reverse

from terbuka import crypto, storage
from terbuka import settings as project_settings
from terbuka.backups.archive import RestoreTarget, backup, restore
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import shielding, tasks
from terbuka.catalog.models import ExtractionStatus
from terbuka.requests import files
from terbuka.requests.models import RequestFile
from terbuka.security import rotation
from terbuka.shield.state import ShieldState
from terbuka.testing import (
    make_entry,
    pdf_upload,
    png_upload,
    submit_request,
    tiny_pdf,
)

S3_BACKEND = "storages.backends.s3.S3Storage"
REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """moto's S3 server on a free loopback port for the whole session."""
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "moto.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).close()  # noqa: S310
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the moto S3 server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _s3_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, endpoint: str, bucket: str
) -> dict[str, object]:
    """The options production reads from the environment, secrets through ``*_FILE``."""
    secret = tmp_path / "s3-secret"
    secret.write_text("testing-secret\n")
    monkeypatch.setenv("TERBUKA_S3_BUCKET", bucket)
    monkeypatch.setenv("TERBUKA_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("TERBUKA_S3_REGION", REGION)
    monkeypatch.setenv("TERBUKA_S3_ACCESS_KEY", "testing")
    monkeypatch.setenv("TERBUKA_S3_SECRET_KEY_FILE", str(secret))
    return project_settings.s3_storage_options()


def _make_bucket(endpoint: str) -> str:
    import boto3

    bucket = f"terbuka-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture(params=["local", "s3"])
def backend(
    request: pytest.FixtureRequest,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> str:
    """The default storage for one test: local disk or a fresh bucket on the S3 server."""
    settings.TERBUKA_X_ACCEL_REDIRECT_PREFIX = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "local":
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        endpoint = request.getfixturevalue("s3_server")
        options = _s3_options(monkeypatch, tmp_path, endpoint, _make_bucket(endpoint))
        default = {"BACKEND": S3_BACKEND, "OPTIONS": options}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    return str(request.param)


def _other_storage(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    """A second, empty storage of the same kind (a new installation to restore into)."""
    if backend == "local":
        return FileSystemStorage(location=tmp_path / "restored-media")
    endpoint = request.getfixturevalue("s3_server")
    options = {**storages.backends["default"]["OPTIONS"], "bucket_name": _make_bucket(endpoint)}
    return storages.create_storage({"BACKEND": S3_BACKEND, "OPTIONS": options})


def _raw(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def test_it_uses_the_backend_it_is_given(backend: str) -> None:
    assert storage.is_local() is (backend == "local")
    assert type(default_storage._wrapped).__name__ == (
        "FileSystemStorage" if backend == "local" else "S3Storage"
    )


@pytest.mark.django_db
def test_it_stores_reads_and_deletes_a_request_attachment(backend: str, world: Any) -> None:
    info_request = submit_request(world, attachments=[pdf_upload()])
    attachment = info_request.files.get()
    assert default_storage.exists(attachment.file.name)
    assert files.open_file(attachment).startswith(b"%PDF")
    assert attachment.file.name in set(storage.walk(files.STORAGE_ROOT))
    default_storage.delete(attachment.file.name)
    assert not default_storage.exists(attachment.file.name)


@pytest.mark.django_db
def test_it_encrypts_an_identity_document_before_it_leaves_the_app(
    backend: str, world: Any
) -> None:
    info_request = submit_request(world, identity_documents=[png_upload()])
    identity = info_request.files.get()
    raw = _raw(identity.file.name)
    assert not raw.startswith(b"\x89PNG")
    assert files.open_file(identity).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_it_gives_a_file_only_to_whom_the_permission_check_allows(
    backend: str, world: Any, client: Client
) -> None:
    info_request = submit_request(
        world, attachments=[pdf_upload()], identity_documents=[png_upload()]
    )
    for request_file in info_request.files.all():
        url = reverse("requests:download", kwargs={"file_public_id": request_file.public_id})
        client.force_login(world.requester)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert _body(response) == files.open_file(request_file)
        client.force_login(world.other_requester)
        assert client.get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_public_dip_document_goes_out_through_a_short_lived_signed_url(
    backend: str, world: Any, client: Client
) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    content = tiny_pdf("Laporan keuangan")
    document = catalog_actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Laporan",
        upload=ContentFile(content, name="laporan.pdf"),
    )
    # Public once the personal-data shield has read it from this storage, as the worker does.
    assert shielding.run_scan(document.versions.get().pk) == ShieldState.CLEAR
    url = reverse("catalog:document_download", kwargs={"public_id": document.public_id})
    response = client.get(url)
    if backend == "local":
        assert response.status_code == 200
        assert _body(response) == content
        return
    assert response.status_code == 302
    signed = response["Location"]
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert "response-content-disposition=attachment" in signed
    with urllib.request.urlopen(signed, timeout=10) as fetched:  # noqa: S310 - loopback
        assert fetched.read() == content


@pytest.mark.django_db
def test_the_worker_extracts_a_dip_documents_text_from_the_stored_file(
    backend: str, world: Any
) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    document = catalog_actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Laporan",
        upload=ContentFile(tiny_pdf("Realisasi anggaran puskesmas"), name="laporan.pdf"),
    )
    version = document.versions.get()
    assert tasks.run_extraction(version.pk) == "done"
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.DONE
    assert "puskesmas" in version.extracted_text.lower()


@pytest.mark.django_db
def test_it_sweeps_old_orphans_and_keeps_referenced_and_young_files(
    backend: str, world: Any
) -> None:
    kept = submit_request(world, attachments=[pdf_upload()]).files.get().file.name
    orphan = default_storage.save("requests/2025/01/orphan.pdf", ContentFile(b"%PDF-1.4"))
    assert files.sweep_orphans() == []  # younger than an hour: may be a running transaction
    swept = files.sweep_orphans(dt.timedelta(0))
    assert swept == [orphan]
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept)


OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def old_key(settings: Any) -> None:
    """Everything (the personas' NIKs too) encrypted with a key about to be replaced."""
    settings.TERBUKA_ENCRYPTION_KEYS = [OLD_KEY]
    crypto.reset_keys()


@pytest.mark.django_db
def test_rotate_keys_re_encrypts_stored_files_in_place_of_the_old_ones(
    backend: str,
    old_key: None,
    world: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    identity = submit_request(world, identity_documents=[png_upload()]).files.get()
    old_name = identity.file.name
    settings.TERBUKA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    crypto.reset_keys()
    with django_capture_on_commit_callbacks(execute=True):
        report = rotation.rotate_all()
    assert report.files_rotated == 1
    identity = RequestFile.objects.get(pk=identity.pk)
    assert identity.file.name != old_name
    assert not default_storage.exists(old_name)
    assert Fernet(NEW_KEY.encode()).decrypt(_raw(identity.file.name)).startswith(b"\x89PNG")
    settings.TERBUKA_ENCRYPTION_KEYS = [NEW_KEY]
    crypto.reset_keys()
    assert files.open_file(identity).startswith(b"\x89PNG")


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A new, empty database of the running kind to restore into."""
    if connection.vendor == "sqlite":
        yield {"vendor": "sqlite", "sqlite_path": tmp_path / "restored.sqlite3"}
        return
    import psycopg

    settings_dict = dict(connection.settings_dict)
    name = f"restore_{uuid.uuid4().hex[:12]}"
    args = {key.lower(): settings_dict[key] for key in ("USER", "HOST", "PORT")}
    with psycopg.connect(dbname="postgres", autocommit=True, **args) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"vendor": "postgresql", "pg_settings": {**settings_dict, "NAME": name}}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **args) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_carries_the_stored_files_into_a_new_installation(
    backend: str,
    world: Any,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    empty_database: dict[str, Any],
) -> None:
    info_request = submit_request(
        world, attachments=[pdf_upload()], identity_documents=[png_upload()]
    )
    stored = {f.file.name: _raw(f.file.name) for f in info_request.files.all()}
    archive = tmp_path / "backup.tar.gz"
    result = backup(archive)
    assert result.files == len(stored) == 2

    target_files = _other_storage(backend, request, tmp_path)
    restored = restore(archive, RestoreTarget(files=target_files, **empty_database))

    assert restored.files == 2
    assert restored.audit_problem is None
    for name, data in stored.items():
        with target_files.open(name, "rb") as handle:
            assert handle.read() == data
    # A second restore into the now filled storage is refused.
    with pytest.raises(Exception, match="not empty"):
        restore(archive, RestoreTarget(files=target_files, **empty_database))


def test_the_s3_settings_refuse_a_missing_bucket(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("TERBUKA_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="TERBUKA_S3_BUCKET"):
        project_settings.s3_storage_options()


def test_it_hands_libraries_a_local_copy_and_removes_it_after(backend: str) -> None:
    name = default_storage.save("dip/x/probe.txt", io.BytesIO(b"isi"))
    with storage.local_copy(name) as path:
        assert path.read_bytes() == b"isi"
    assert path.exists() is (backend == "local")


@pytest.mark.django_db
def test_a_dip_import_runs_from_the_stored_upload_and_is_confirmed_once(
    backend: str, world: Any, settings: Any, client: Client
) -> None:
    from terbuka.catalog import importing
    from terbuka.catalog.models import Entry
    from terbuka.catalog.tests.test_import_upload import csv_file, rows

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    job = importing.start_job(
        actor=world.pelaksana_a, body=world.agency_a, upload=csv_file(rows(3))
    )
    assert job.state == importing.STATE_READY
    assert default_storage.exists(importing.data_name(job))
    loaded = importing.load_job(job.id)
    assert loaded is not None
    second = importing.load_job(job.id)
    assert second is not None
    assert importing.confirm(loaded) is True
    assert importing.confirm(second) is False  # the same button pressed twice
    finished = importing.load_job(job.id)
    assert finished is not None and finished.state == importing.STATE_DONE
    assert Entry.objects.filter(body=world.agency_a).count() == 3
    assert not default_storage.exists(importing.data_name(job))
