"""The few things about stored files that depend on where they live (issue 15).

Every stored file goes through Django's storage API (``default_storage``): on local disk
(``FileSystemStorage`` under MEDIA_ROOT, the embedded default) or in S3-compatible object
storage (django-storages' ``S3Storage``, ``TERBUKA_STORAGE=s3``). Code never builds a path
under MEDIA_ROOT; where a library needs a real file (OCR, spreadsheet readers) it gets a
temporary local copy from ``local_copy``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

CHUNK = 1024 * 1024


def is_local(storage: Storage | None = None) -> bool:
    """Whether the storage keeps its files on this machine's disk (it has paths)."""
    storage = storage or default_storage
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True


def walk(folder: str = "", storage: Storage | None = None) -> Iterator[str]:
    """Every stored name under ``folder`` ("" for all), directories first-level down."""
    storage = storage or default_storage
    try:
        directories, file_names = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for file_name in sorted(file_names):
        yield f"{prefix}{file_name}"
    for directory in sorted(directories):
        yield from walk(f"{prefix}{directory}", storage)


def sweep(
    folder: str, *, older_than: dt.datetime, keep: Callable[[str], bool] = lambda name: False
) -> list[str]:
    """Delete the stored files under ``folder`` last written before ``older_than`` that
    ``keep`` does not claim; returns their names. The one sweep of files a killed process
    left between storing and committing (PITFALLS.md 6) and of expired uploads: a younger
    file may belong to a transaction still running."""
    deleted = []
    for name in walk(folder):
        if keep(name):
            continue
        with contextlib.suppress(OSError):  # gone meanwhile: another sweep was quicker
            if default_storage.get_modified_time(name) < older_than:
                default_storage.delete(name)
                deleted.append(name)
    return deleted


def signed_url(name: str, *, filename: str, content_type: str, expire: int) -> str | None:
    """A short-lived signed URL that downloads ``name`` as an attachment, or None when the
    storage cannot sign URLs (local disk: the app or nginx serves the file)."""
    if is_local():
        return None
    url: str = default_storage.url(  # type: ignore[call-arg]
        name,
        parameters={
            "ResponseContentDisposition": f'attachment; filename="{filename}"',
            "ResponseContentType": content_type,
        },
        expire=expire,
    )
    return url


@contextlib.contextmanager
def local_copy(name: str, storage: Storage | None = None) -> Iterator[Path]:
    """A local file with the stored file's bytes, for libraries that need a path; removed
    afterwards. On local disk it is the stored file itself (read only, never removed)."""
    storage = storage or default_storage
    if is_local(storage):
        yield Path(storage.path(name))
        return
    suffix = PurePosixPath(name).suffix
    with tempfile.TemporaryDirectory(prefix="terbuka-file-") as folder:
        path = Path(folder) / f"copy{suffix}"
        with storage.open(name, "rb") as source, path.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        yield path


def replace(name: str, data: bytes, storage: Storage | None = None) -> None:
    """Write ``data`` under exactly ``name``, replacing what is there at once: a reader sees
    the old bytes or the new, never a missing or half-written file (a job's status that a
    page polls while a worker on another machine writes it)."""
    storage = storage or default_storage
    if is_local(storage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        return
    # One PUT replaces an object atomically. ``save`` would pick a new name beside it
    # (file_overwrite=False); ``_save`` is the backend's own write of exactly this name.
    storage._save(name, ContentFile(data))  # type: ignore[attr-defined]
