"""Files of a request: upload checks, storage, reading back, orphan sweeping.

- Each kind accepts a short list of formats and a maximum size; the content is sniffed
  (magic numbers, the members of an OOXML/ODF zip) and must match the extension.
- Files are stored under a random name (never the uploaded one) outside any public URL and
  served only through a permission-checked view. Identity documents are encrypted at rest
  (``terbuka.crypto.encrypt_bytes``), since a KTP scan carries a face photo (UU 27/2022).
- Django does not delete a stored file when the transaction that referenced it rolls back
  (PITFALLS.md 6). Actions that store files run under ``cleans_up_on_error``, which deletes
  what they stored when they fail; ``sweep_orphans`` (``manage.py sweep_orphan_files``)
  removes anything that still slipped through (e.g. an outer transaction rolled back).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import posixpath
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from terbuka import crypto, storage, uploads
from terbuka.requests import shielding
from terbuka.requests.errors import ActionError
from terbuka.requests.models import PERSONAL_FILE_KINDS, FileKind, InfoRequest, RequestFile

MB = 1024 * 1024
STORAGE_ROOT = "requests"


@dataclass(frozen=True)
class Format:
    extensions: tuple[str, ...]
    content_type: str
    label: str
    code: str  # what terbuka.uploads.sniff calls it


PDF = Format((".pdf",), "application/pdf", "PDF", uploads.PDF)
JPEG = Format((".jpg", ".jpeg"), "image/jpeg", "JPEG", uploads.JPEG)
PNG = Format((".png",), "image/png", "PNG", uploads.PNG)
DOCX = Format(
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "DOCX",
    uploads.DOCX,
)
XLSX = Format(
    (".xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "XLSX",
    uploads.XLSX,
)
ODT = Format((".odt",), "application/vnd.oasis.opendocument.text", "ODT", uploads.ODT)
ODS = Format((".ods",), "application/vnd.oasis.opendocument.spreadsheet", "ODS", uploads.ODS)

DOCUMENT_FORMATS = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG)


@dataclass(frozen=True)
class Rule:
    max_size: int
    formats: tuple[Format, ...]


RULES: dict[str, Rule] = {
    FileKind.IDENTITY: Rule(5 * MB, (PDF, JPEG, PNG)),
    FileKind.ATTACHMENT: Rule(10 * MB, DOCUMENT_FORMATS),
    FileKind.DRAFT: Rule(20 * MB, DOCUMENT_FORMATS),
    FileKind.RELEASED: Rule(20 * MB, DOCUMENT_FORMATS),
    FileKind.LETTER: Rule(20 * MB, (PDF,)),
    FileKind.EXTENSION_LETTER: Rule(20 * MB, (PDF,)),
    FileKind.OBJECTION_ATTACHMENT: Rule(10 * MB, DOCUMENT_FORMATS),
    FileKind.POWER_OF_ATTORNEY: Rule(5 * MB, (PDF, JPEG, PNG)),
}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content: bytes
    format: Format


def _human_size(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size // 1024} KB"


def describe_limits(kind: str) -> str:
    """What may be uploaded as ``kind``, said next to the file input before a person picks
    a file (issue 13)."""
    rule = RULES[kind]
    return gettext("Jenis berkas: %(formats)s. Maks. %(max)s per berkas.") % {
        "formats": ", ".join(fmt.label for fmt in rule.formats),
        "max": _human_size(rule.max_size),
    }


def accept_attribute(kind: str) -> str:
    """The file input's ``accept``: the picker offers the extensions ``kind`` takes."""
    return ",".join(ext for fmt in RULES[kind].formats for ext in fmt.extensions)


def validate_upload(uploaded_file: Any, kind: str) -> CheckedUpload:
    """Check an uploaded file for ``kind``; raise ``ActionError`` with a clear message."""
    rule = RULES[kind]
    name = posixpath.basename(str(getattr(uploaded_file, "name", "") or "").replace("\\", "/"))
    extension = posixpath.splitext(name)[1].lower()
    allowed = ", ".join(fmt.label for fmt in rule.formats)
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > rule.max_size:
        raise ActionError(
            gettext("Berkas %(name)s terlalu besar: paling besar %(max)s.")
            % {"name": name, "max": _human_size(rule.max_size)}
        )
    fmt = next((f for f in rule.formats if extension in f.extensions), None)
    if fmt is None:
        raise ActionError(
            gettext("Jenis berkas %(name)s tidak diterima. Yang diterima: %(allowed)s.")
            % {"name": name or "?", "allowed": allowed}
        )
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    content = uploaded_file.read(rule.max_size + 1)
    if not content:
        raise ActionError(gettext("Berkas %(name)s kosong.") % {"name": name})
    if len(content) > rule.max_size:
        raise ActionError(
            gettext("Berkas %(name)s terlalu besar: paling besar %(max)s.")
            % {"name": name, "max": _human_size(rule.max_size)}
        )
    if uploads.sniff(content) != fmt.code:
        raise ActionError(
            gettext(
                "Isi berkas %(name)s tidak sesuai dengan ekstensinya (%(ext)s). Periksa"
                " kembali berkasnya."
            )
            % {"name": name, "ext": extension}
        )
    if fmt.code in (uploads.JPEG, uploads.PNG):
        # Keep the picture, not its EXIF (GPS position, device, time): issue 5.
        try:
            content = uploads.strip_image_metadata(content, fmt.code)
        except uploads.UnreadableImage:
            raise ActionError(
                gettext("Gambar %(name)s rusak atau tidak dapat dibaca. Unggah ulang gambarnya.")
                % {"name": name}
            ) from None
    return CheckedUpload(name=name, extension=extension, content=content, format=fmt)


# --- Storage, with clean-up of what a failed action stored -----------------------------

_stored: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "terbuka_requests_stored_files", default=None
)

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def collecting() -> Iterator[list[str]]:
    """Delete the files stored inside this block when the block raises."""
    outer = _stored.get()
    names: list[str] = []
    token = _stored.set(names)
    try:
        yield names
    except BaseException:
        for stored_name in names:
            default_storage.delete(stored_name)
        raise
    finally:
        _stored.reset(token)
        if outer is not None:
            outer.extend(names)


def cleans_up_on_error(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator for actions (outside ``transaction.atomic``, so a failing commit counts)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with collecting():
            return function(*args, **kwargs)

    return wrapper


def store_bytes(
    *,
    info_request: InfoRequest | None,
    content: bytes,
    kind: str,
    original_name: str,
    content_type: str,
    uploaded_by: Any = None,
    disposition: Any = None,
    encrypt: bool | None = None,
) -> RequestFile:
    if encrypt is None:
        encrypt = kind in PERSONAL_FILE_KINDS
    extension = posixpath.splitext(original_name)[1].lower()
    now = timezone.now()
    path = f"{STORAGE_ROOT}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{extension}"
    data = crypto.encrypt_bytes(content) if encrypt else content
    stored_name = default_storage.save(path, ContentFile(data))
    names = _stored.get()
    if names is not None:
        names.append(stored_name)
    request_file = RequestFile.objects.create(
        info_request=info_request,
        disposition=disposition,
        kind=kind,
        file=stored_name,
        original_name=original_name[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        is_encrypted=encrypt,
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
    )
    # A draft or released document waits for the personal-data shield before it is public.
    shielding.enqueue(request_file)
    return request_file


def store_upload(
    *,
    info_request: InfoRequest | None,
    checked: CheckedUpload,
    kind: str,
    uploaded_by: Any = None,
    disposition: Any = None,
) -> RequestFile:
    return store_bytes(
        info_request=info_request,
        content=checked.content,
        kind=kind,
        original_name=checked.name,
        content_type=checked.format.content_type,
        uploaded_by=uploaded_by,
        disposition=disposition,
    )


def open_file(request_file: RequestFile) -> bytes:
    """The file's bytes, decrypted when it is stored encrypted."""
    with default_storage.open(request_file.file.name, "rb") as handle:
        data: bytes = handle.read()
    return crypto.decrypt_bytes(data) if request_file.is_encrypted else data


def copy_file(request_file: RequestFile, *, to: InfoRequest, by: Any = None) -> RequestFile:
    """A new stored copy for another request (a referral)."""
    return store_bytes(
        info_request=to,
        content=open_file(request_file),
        kind=request_file.kind,
        original_name=request_file.original_name,
        content_type=request_file.content_type,
        uploaded_by=by,
        encrypt=request_file.is_encrypted,
    )


def download_filename(request_file: RequestFile) -> str:
    """A safe ASCII file name for Content-Disposition (no path, no quotes, no control chars)."""
    stem, extension = posixpath.splitext(request_file.original_name)
    extension = re.sub(r"[^a-z0-9.]", "", extension.lower())[:10]
    stem = slugify(stem)[:80] or "berkas"
    return f"{stem}{extension}"


def sweep_orphans(older_than: dt.timedelta = dt.timedelta(hours=1)) -> list[str]:
    """Delete stored files under ``requests/`` that no RequestFile refers to and that are
    older than ``older_than`` (younger ones may belong to a transaction still running)."""
    return storage.sweep(
        STORAGE_ROOT,
        older_than=timezone.now() - older_than,
        keep=lambda name: RequestFile.objects.filter(file=name).exists(),
    )
