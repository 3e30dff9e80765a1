"""Backup and restore: one archive with a database snapshot, the stored files, and a
manifest with checksums.

Archive layout (a gzip-compressed tar):
  manifest.json        format, time, database vendor, applied migrations, audit head,
                       key fingerprints, and the SHA-256 and size of every other member
  database.sqlite3     SQLite: a consistent snapshot through SQLite's online backup API
  database.pgdump      PostgreSQL: ``pg_dump --format=custom``
  media/…              every stored file, read through Django's storage API (local disk
                       or S3-compatible object storage alike)

The database is snapshot first, then the files: a file uploaded in between is carried as an
orphan (harmless, swept later); files are never deleted while a row references them.
Encryption keys are NOT in the archive: they are backed up separately, and the manifest
carries their fingerprints so a restore can tell whether the keys at hand fit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from terbuka import crypto, storage
from terbuka.audit import chain
from terbuka.audit.models import AuditRecord

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    """The full path of pg_dump/pg_restore (Debian keeps them under the server's bindir)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/lib/postgresql/15/bin")
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return found


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _snapshot_database(workdir: Path) -> tuple[str, Path]:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            connection.connection.backup(destination)
        destination.close()
        return "sqlite", target
    if connection.vendor == "postgresql":
        target = workdir / "database.pgdump"
        subprocess.run(  # noqa: S603
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(target),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
            capture_output=True,
        )
        return "postgresql", target
    raise BackupError(f"Unsupported database: {connection.vendor}")


def _applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def _media_files(workdir: Path) -> Iterator[tuple[Path, str]]:
    """Copy every stored file into ``workdir/media/`` (from disk or object storage alike)
    and yield each copy with its name in the archive."""
    for name in storage.walk("", default_storage):
        member = "media/" + _safe_member(name).as_posix()
        copy = workdir / member
        copy.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, copy.open("wb") as handle:
            shutil.copyfileobj(source, handle, CHUNK)
        yield copy, member


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    database_bytes: int
    audit_rows: int


def backup(destination: Path) -> BackupResult:
    """Write the archive to ``destination`` atomically (a partial archive never appears)."""
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="terbuka-backup-") as tmp:
        workdir = Path(tmp)
        vendor, db_file = _snapshot_database(workdir)
        members: list[dict[str, Any]] = [
            {"path": db_file.name, "sha256": sha256_file(db_file), "size": db_file.stat().st_size}
        ]
        media = list(_media_files(workdir))
        members += [
            {"path": name, "sha256": sha256_file(path), "size": path.stat().st_size}
            for path, name in media
        ]
        report = chain.verify()
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": vendor, "member": db_file.name},
            "migrations": _applied_migrations(),
            "audit": {"rows": report.checked, "head_hash": report.head_hash, "intact": report.ok},
            "key_fingerprints": crypto.key_fingerprints(),
            "members": members,
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_file, arcname=db_file.name)
            for path, name in media:
                archive.add(path, arcname=name)
        partial.replace(destination)
    return BackupResult(destination, len(media), members[0]["size"], report.checked)


# --- Restore ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreTarget:
    """Where to restore: a SQLite file path, or a PostgreSQL settings dict; and the file
    storage (local disk or object storage) that receives the stored files."""

    vendor: str
    files: Storage
    sqlite_path: Path | None = None
    pg_settings: dict[str, Any] | None = None

    @classmethod
    def from_settings(cls) -> RestoreTarget:
        db = settings.DATABASES["default"]
        vendor = "sqlite" if db["ENGINE"].endswith("sqlite3") else "postgresql"
        return cls(
            vendor=vendor,
            files=default_storage,
            sqlite_path=Path(db["NAME"]) if vendor == "sqlite" else None,
            pg_settings=dict(db) if vendor == "postgresql" else None,
        )


@dataclass(frozen=True)
class RestoreResult:
    files: int
    audit_rows: int
    audit_problem: chain.Problem | None
    keys_match: bool


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Unsafe path in archive: {name}")
    return path


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupError("The archive has no manifest.json: not a Terbuka backup") from None
    if handle is None:
        raise BackupError("manifest.json is not a file")
    manifest: dict[str, Any] = json.load(handle)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def _extract_verified(archive_path: Path, workdir: Path) -> dict[str, Any]:
    """Extract into ``workdir`` and check every member against the manifest."""
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = _read_manifest(archive)
        expected = {member["path"]: member for member in manifest["members"]}
        for info in archive.getmembers():
            if info.name == "manifest.json":
                continue
            _safe_member(info.name)
            if info.name not in expected:
                raise BackupError(f"{info.name} is in the archive but not in the manifest")
            if not info.isfile():
                raise BackupError(f"{info.name} is not a regular file")
            archive.extract(info, workdir, filter="data")
    for name, member in expected.items():
        path = workdir / name
        if not path.is_file():
            raise BackupError(f"{name} is listed in the manifest but missing from the archive")
        if path.stat().st_size != member["size"] or sha256_file(path) != member["sha256"]:
            raise BackupError(f"Checksum mismatch for {name}: the archive is damaged or altered")
    return manifest


def _target_is_empty(target: RestoreTarget) -> bool:
    if target.vendor == "sqlite":
        assert target.sqlite_path is not None
        if not target.sqlite_path.exists() or target.sqlite_path.stat().st_size == 0:
            return True
        with sqlite3.connect(target.sqlite_path) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        return bool(tables == 0)
    import psycopg

    with psycopg.connect(**_pg_connect_args(target)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return bool(row and row[0] == 0)


def _pg_connect_args(target: RestoreTarget) -> dict[str, Any]:
    db = target.pg_settings or {}
    args = {"dbname": db["NAME"], "user": db.get("USER") or None}
    if db.get("HOST"):
        args["host"] = db["HOST"]
    if db.get("PORT"):
        args["port"] = db["PORT"]
    if db.get("PASSWORD"):
        args["password"] = db["PASSWORD"]
    return args


def _audit_rows(target: RestoreTarget) -> list[AuditRecord]:
    columns = (
        "seq, at, actor_id, actor_label, action, object_type, object_id, summary, detail,"
        " ip_address, prev_hash, row_hash"
    )
    query = f"SELECT {columns} FROM audit_auditrecord ORDER BY seq"  # noqa: S608 - constant
    if target.vendor == "sqlite":
        assert target.sqlite_path is not None
        with sqlite3.connect(target.sqlite_path) as conn:
            rows = conn.execute(query).fetchall()
    else:
        import psycopg

        with psycopg.connect(**_pg_connect_args(target)) as conn:
            rows = conn.execute(query).fetchall()
    records = []
    for seq, at, actor_id, label, action, otype, oid, summary, detail, ip, prev, own in rows:
        if isinstance(at, str):
            at = parse_datetime(at.replace(" ", "T"))
            if at is not None and timezone.is_naive(at):
                at = timezone.make_aware(at, dt.UTC)
        if isinstance(detail, str):
            detail = json.loads(detail)
        records.append(
            AuditRecord(
                seq=seq,
                at=at,
                actor_id=actor_id,
                actor_label=label,
                action=action,
                object_type=otype,
                object_id=oid,
                summary=summary,
                detail=detail,
                ip_address=ip if ip is None else str(ip),
                prev_hash=prev,
                row_hash=own,
            )
        )
    return records


def restore(archive_path: Path, target: RestoreTarget | None = None) -> RestoreResult:
    """Restore into an empty installation after checking every checksum; then verify the
    audit chain of the restored database."""
    target = target or RestoreTarget.from_settings()
    if not archive_path.is_file():
        raise BackupError(f"No such archive: {archive_path}")
    if not _target_is_empty(target):
        raise BackupError("The target database is not empty: restore only into a new installation")
    if next(storage.walk("", target.files), None) is not None:
        raise BackupError("The target file storage is not empty: restore only into a new one")
    with tempfile.TemporaryDirectory(prefix="terbuka-restore-") as tmp:
        workdir = Path(tmp)
        manifest = _extract_verified(archive_path, workdir)
        vendor = manifest["database"]["vendor"]
        if vendor != target.vendor:
            raise BackupError(f"This is a {vendor} backup; the target is {target.vendor}")
        db_file = workdir / manifest["database"]["member"]
        if target.vendor == "sqlite":
            assert target.sqlite_path is not None
            target.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(db_file) as source, sqlite3.connect(target.sqlite_path) as dest:
                source.backup(dest)
        else:
            db = target.pg_settings or {}
            subprocess.run(  # noqa: S603
                [
                    _pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "-d",
                    db["NAME"],
                    str(db_file),
                ],
                check=True,
                env=_pg_env(db),
                capture_output=True,
            )
        media_dir = workdir / "media"
        files = 0
        if media_dir.exists():
            for path in media_dir.rglob("*"):
                if path.is_file():
                    name = path.relative_to(media_dir).as_posix()
                    with path.open("rb") as handle:
                        saved = target.files.save(name, File(handle))
                    if saved != name:
                        raise BackupError(f"{name} could not be restored under its own name")
                    files += 1
    report = chain.verify(_audit_rows(target))
    keys_match = bool(set(manifest.get("key_fingerprints", [])) & set(crypto.key_fingerprints()))
    return RestoreResult(files, report.checked, report.problem, keys_match)
