"""A backup of a populated installation restores elsewhere to the same data, files and
audit chain; a damaged archive or a non-empty target is refused."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from terbuka.audit import log
from terbuka.backups.archive import BackupError, RestoreTarget, backup, restore
from terbuka.storage import walk

pytestmark = pytest.mark.django_db(transaction=True)

CORE_TABLES = [
    "accounts_user",
    "accounts_requesterprofile",
    "bodies_body",
    "bodies_role",
    "audit_auditrecord",
    "django_migrations",
]
TABLES = list(CORE_TABLES)


def _digest_rows(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(repr([tuple(str(v) for v in row) for row in rows]).encode()).hexdigest()


def _source_snapshot() -> dict[str, str]:
    """The running (test) database, read with the same raw driver as the restored one."""
    db = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        source = RestoreTarget("sqlite", default_storage, sqlite_path=Path(db["NAME"]))
    else:
        source = RestoreTarget("postgresql", default_storage, pg_settings=db)
    return _target_snapshot(source)


@pytest.fixture
def populated(world: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    for i in range(3):
        log.record(actor=world.admin, action="test.backup", detail={"i": i})
    name = default_storage.save("requests/2026/11/ktp.bin", ContentFile(b"\x00encrypted-bytes\xff"))
    return {"world": world, "file": name}


@pytest.fixture
def target(tmp_path: Path) -> Iterator[RestoreTarget]:
    media = FileSystemStorage(location=tmp_path / "restored-media")
    if connection.vendor == "sqlite":
        yield RestoreTarget("sqlite", media, sqlite_path=tmp_path / "restored.sqlite3")
        return
    import psycopg

    settings_dict = dict(connection.settings_dict)
    name = f"restore_{uuid.uuid4().hex[:12]}"
    args = {
        "user": settings_dict["USER"],
        "host": settings_dict["HOST"],
        "port": settings_dict["PORT"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **args) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield RestoreTarget("postgresql", media, pg_settings={**settings_dict, "NAME": name})
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **args) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _target_snapshot(target: RestoreTarget) -> dict[str, str]:
    result = {}
    if target.vendor == "sqlite":
        assert target.sqlite_path is not None
        with sqlite3.connect(target.sqlite_path) as conn:
            for table in TABLES:
                rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()  # noqa: S608
                result[table] = _digest_rows(rows)
        return result
    import psycopg

    db = target.pg_settings or {}
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]
    ) as conn:
        for table in TABLES:
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()  # noqa: S608
            result[table] = _digest_rows(rows)
    return result


def test_it_round_trips_database_files_and_audit_chain(
    populated: dict[str, Any], target: RestoreTarget, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    result = backup(archive)
    assert result.audit_rows >= 3
    assert result.files == 1

    restored = restore(archive, target)

    assert restored.audit_problem is None
    assert restored.audit_rows == result.audit_rows
    assert restored.keys_match
    assert _target_snapshot(target) == _source_snapshot()
    with target.files.open(populated["file"], "rb") as restored_file:
        assert restored_file.read() == b"\x00encrypted-bytes\xff"


def test_it_refuses_a_damaged_archive(
    populated: dict[str, Any], target: RestoreTarget, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as dest:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name.startswith("media/"):
                data = data.replace(b"encrypted", b"ENCRYPTED")
            dest.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="Checksum mismatch"):
        restore(damaged, target)
    assert list(walk("", target.files)) == []


def test_it_refuses_a_target_that_is_not_empty(populated: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    # The running installation itself holds data: restoring over it must be refused.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_the_backup_command_reports_what_it_wrote(
    populated: dict[str, Any], tmp_path: Path
) -> None:
    out = io.StringIO()
    call_command("backup", str(tmp_path / "b.tar.gz"), stdout=out)
    assert "1 files" in out.getvalue()
    assert (tmp_path / "b.tar.gz").exists()
    assert not (tmp_path / "b.tar.gz.partial").exists()


def _all_tables() -> list[str]:
    # The search index's FTS5 shadow tables are SQLite internals, rebuilt with the table.
    return sorted(
        name
        for name in connection.introspection.table_names(include_views=False)
        if not name.startswith("search_fts_")
    )


def test_the_demo_round_trips_table_by_table(
    settings: Any, target: RestoreTarget, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    archive = tmp_path / "demo.tar.gz"
    result = backup(archive)
    assert result.files > 100  # the demo's request files and DIP documents

    restored = restore(archive, target)

    assert restored.audit_problem is None
    assert restored.files == result.files
    tables = _all_tables()
    assert len(tables) > 30
    TABLES[:] = tables  # compare every table, not only the core ones
    try:
        assert _target_snapshot(target) == _source_snapshot()
    finally:
        TABLES[:] = CORE_TABLES
    for stored in (tmp_path / "media").rglob("*"):
        if stored.is_file():
            with target.files.open(stored.relative_to(tmp_path / "media").as_posix()) as copy:
                assert copy.read() == stored.read_bytes()
