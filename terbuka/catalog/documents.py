"""Uploaded DIP documents: validation by content, storage under random names, safe serving.

An upload is accepted only when its bytes match its extension (magic numbers; for the
zip-based office formats, the members that make them what they are), within the size
limit of its kind, and not empty. Files are stored through ``default_storage`` under a
random name that says nothing about the content and is never served from a public URL:
they go out only through ``views.document_download`` with the content type of the kind,
a safe file name and ``X-Content-Type-Options: nosniff``.

A PDF that is corrupt or encrypted still has a PDF header: it is accepted as a file (the
officer may have no other copy) and its text extraction fails with a clear reason.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import uuid
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from terbuka import uploads

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    content_type: str
    max_size: int
    extension: str  # the extension a served file gets


KINDS: dict[str, Kind] = {
    "pdf": Kind("pdf", "PDF", "application/pdf", 25 * MB, ".pdf"),
    "docx": Kind(
        "docx",
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        25 * MB,
        ".docx",
    ),
    "xlsx": Kind(
        "xlsx",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        25 * MB,
        ".xlsx",
    ),
    "odt": Kind("odt", "ODT", "application/vnd.oasis.opendocument.text", 25 * MB, ".odt"),
    "jpeg": Kind("jpeg", "JPEG", "image/jpeg", 10 * MB, ".jpg"),
    "png": Kind("png", "PNG", "image/png", 10 * MB, ".png"),
}
EXTENSIONS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
}
CONTENT_TYPE_KINDS = {kind.content_type: kind.code for kind in KINDS.values()}
ACCEPT_ATTRIBUTE = ",".join(sorted(EXTENSIONS))
STORAGE_DIR = "dip"


@dataclass(frozen=True)
class Inspected:
    kind: Kind
    size: int
    sha256: str
    original_name: str
    # For images: the re-encoded bytes without metadata, which are what gets stored.
    content: bytes | None = None


def sniff(upload: IO[bytes]) -> str | None:
    """The kind the bytes really are, or None when they are none of the accepted kinds."""
    code = uploads.sniff(upload)
    return code if code in KINDS else None


def safe_name(name: str, kind: Kind | None = None) -> str:
    """A file name safe to show and to put in Content-Disposition: no path, no control
    characters, ASCII letters, digits, dots, dashes and underscores, at most 100 characters,
    with the extension of its kind."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, _ext = os.path.splitext(base)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    try:
        cleaned = get_valid_filename(ascii_stem)[:100].strip("._-")
    except Exception:  # get_valid_filename refuses names that clean to nothing
        cleaned = ""
    extension = kind.extension if kind is not None else ""
    return (cleaned or "dokumen") + extension


def _describe(kind_code: str | None) -> str:
    if kind_code is None:
        return _("bukan PDF, DOCX, XLSX, ODT, JPEG atau PNG")
    return KINDS[kind_code].label


def inspect(upload: Any) -> Inspected:
    """Check an upload; raise ``ValidationError`` with a message the officer can act on."""
    original = str(getattr(upload, "name", "") or "")
    extension = os.path.splitext(original)[1].lower()
    kind_code = EXTENSIONS.get(extension)
    if kind_code is None:
        raise ValidationError(
            _(
                "Jenis berkas %(ext)s tidak diterima. Unggah PDF, DOCX, XLSX, ODT, JPEG atau"
                " PNG, atau isi tautan."
            )
            % {"ext": extension or _("(tanpa ekstensi)")},
            code="extension",
        )
    kind = KINDS[kind_code]
    size = int(getattr(upload, "size", 0) or 0)
    if size <= 0:
        raise ValidationError(_("Berkas kosong (0 bita). Pilih berkas yang berisi."), code="empty")
    if size > kind.max_size:
        raise ValidationError(
            _("Berkas %(label)s paling besar %(max)s MB; berkas ini %(size).1f MB.")
            % {"label": kind.label, "max": kind.max_size // MB, "size": size / MB},
            code="size",
        )
    actual = sniff(upload)
    if actual != kind_code:
        raise ValidationError(
            _(
                "Isi berkas tidak sesuai dengan ekstensinya: namanya %(ext)s, tetapi isinya"
                " %(actual)s. Periksa berkasnya atau simpan ulang dalam format yang benar."
            )
            % {"ext": extension, "actual": _describe(actual)},
            code="mismatch",
        )
    if kind_code in (uploads.JPEG, uploads.PNG):
        # Store the picture without its EXIF (GPS position, device, time): issue 5.
        upload.seek(0)
        try:
            content = uploads.strip_image_metadata(upload.read(), kind_code)
        except uploads.UnreadableImage:
            raise ValidationError(
                _("Gambar rusak atau tidak dapat dibaca. Unggah ulang gambarnya."), code="image"
            ) from None
        return Inspected(
            kind=kind,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            original_name=original,
            content=content,
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return Inspected(kind=kind, size=size, sha256=digest.hexdigest(), original_name=original)


def store(upload: Any, inspected: Inspected) -> str:
    """Save the upload under a random name; return the storage name."""
    name = f"{STORAGE_DIR}/{uuid.uuid4().hex}{inspected.kind.extension}"
    if inspected.content is not None:
        return default_storage.save(name, ContentFile(inspected.content))
    upload.seek(0)
    return default_storage.save(name, upload)


def discard(name: str) -> None:
    """Delete a stored file (after a failed save), ignoring one already gone."""
    if name and default_storage.exists(name):
        default_storage.delete(name)


def kind_of(content_type: str) -> Kind | None:
    code = CONTENT_TYPE_KINDS.get(content_type)
    return KINDS[code] if code else None
