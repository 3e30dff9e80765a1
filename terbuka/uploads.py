"""What an uploaded file really is, and images made safe to keep (issue #5 "Uploads").

Every upload in Terbuka — request attachments and identity documents, DIP documents —
is judged by its bytes, never by the browser's word or the extension alone:

- ``sniff`` names the format from magic numbers, and for the zip-based office formats from
  the members that make them what they are (OOXML ``[Content_Types].xml`` plus
  ``word/document.xml`` or ``xl/workbook.xml``; ODF's uncompressed ``mimetype`` member).
- ``strip_image_metadata`` re-encodes a JPEG or PNG with Pillow so that EXIF (GPS position,
  camera, time), comments and text chunks are gone; the orientation is applied first so
  the picture stays upright. A KTP photo carries enough about a person already.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from PIL import Image, ImageOps, UnidentifiedImageError

from terbuka import storage

PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS = "pdf", "jpeg", "png", "docx", "xlsx", "odt", "ods"
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
HEAD = 2048


def _head(data: bytes | IO[bytes]) -> bytes:
    if isinstance(data, bytes | bytearray):
        return bytes(data[:HEAD])
    data.seek(0)
    head = data.read(HEAD)
    data.seek(0)
    return head


def sniff(data: bytes | IO[bytes]) -> str | None:
    """The format the bytes really are (``"pdf"``, ``"jpeg"``, …), or None."""
    head = _head(data)
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    # Readers accept a PDF header after a little junk (ISO 32000 §7.5.2); so do we.
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    return None


def _sniff_zip(data: bytes | IO[bytes]) -> str | None:
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    finally:
        stream.seek(0)
    return None


class UnreadableImage(ValueError):
    """The image cannot be decoded (corrupt, truncated, or a decompression bomb)."""


def strip_image_metadata(data: bytes, fmt: str) -> bytes:
    """Re-encode a JPEG or PNG without its metadata; raise ``UnreadableImage`` if it
    cannot be decoded."""
    if fmt not in (JPEG, PNG):
        raise ValueError(f"not an image format: {fmt}")
    try:
        with warnings.catch_warnings():
            # An image of absurd size is refused, not decoded (decompression bomb).
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                # Pillow writes some of ``info`` back (JPEG comments, ICC, DPI): drop it all.
                upright.info = {}
                out = io.BytesIO()
                if fmt == JPEG:
                    if upright.mode not in ("RGB", "L"):
                        upright = upright.convert("RGB")
                    upright.save(out, format="JPEG", quality=90, optimize=True)
                else:
                    upright.save(out, format="PNG", optimize=True)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise UnreadableImage(str(error)) from error
    return out.getvalue()


def download_response(
    *,
    storage_name: str,
    content_type: str,
    filename: str,
    data: bytes | None = None,
    private: bool = True,
) -> HttpResponseBase:
    """The response of every permission-checked download view.

    Callers decide who may have the file; this decides how it goes out: always as an
    attachment with a safe name, ``nosniff`` and a sandboxing CSP. Behind nginx, with
    ``TERBUKA_X_ACCEL_REDIRECT_PREFIX`` set (e.g. ``/_berkas/`` mapped by an ``internal``
    location to MEDIA_ROOT), a stored file is handed to nginx by ``X-Accel-Redirect``
    instead of being streamed by Python. Decrypted content (``data``) is always sent by
    the application: nginx only ever sees the encrypted file. With object storage
    (``TERBUKA_STORAGE=s3``) nginx has no files: the app streams private files, and a
    public DIP document (``private=False``) is redirected to a signed URL that expires after
    ``TERBUKA_S3_URL_EXPIRY`` seconds.
    """
    prefix = settings.TERBUKA_X_ACCEL_REDIRECT_PREFIX
    local = storage.is_local()
    response: HttpResponseBase
    if data is None and not private and not local:
        # A public DIP document in object storage: a short-lived signed URL, so the bytes
        # do not pass through the app. The bucket itself stays private.
        url = storage.signed_url(
            storage_name,
            filename=filename,
            content_type=content_type,
            expire=settings.TERBUKA_S3_URL_EXPIRY,
        )
        if url:
            response = HttpResponseRedirect(url)
            response["Cache-Control"] = "no-store"
            return response
    if data is not None:
        response = HttpResponse(data, content_type=content_type)
        response["Content-Length"] = str(len(data))
    elif prefix and local:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(storage_name)
    else:
        response = FileResponse(default_storage.open(storage_name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


# --- Hostile containers ---------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Uncompressed sizes an office document (XLSX, ODS) may declare, in all and per member.
# A 20,000-row DIP sheet is ~15 MB of XML; ordinary XML deflates 5-30 times.
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_RATIO = 200
# How much of each XML member is read to look for a DTD (it comes before the root element).
XML_PROLOGUE = 4096


class HostileFile(ValueError):
    """A container built to exhaust the reader: a zip bomb or XML with a DTD (entity
    expansion, "billion laughs"). The message is for the uploader, in their language."""


def is_ole(head: bytes) -> bool:
    """An OLE2 compound file: a legacy .xls/.doc, or an OOXML file encrypted with a
    password (Excel stores those in an OLE container with an ``EncryptionInfo`` stream)."""
    return head.startswith(OLE_MAGIC)


def is_encrypted_office(data: bytes) -> bool:
    return is_ole(data) and "EncryptionInfo".encode("utf-16-le") in data


def check_zip(path: Any) -> None:
    """Refuse a zip whose declared sizes make it a bomb, and office XML that carries a DTD.

    Python's zipfile never inflates a member past its declared ``file_size`` (it stops and
    fails the CRC), so checking the declared sizes before any parser opens the archive is
    enough. OOXML and ODF never need a DTD; refusing one before parsing keeps entity
    expansion out whatever XML parser reads the file later (openpyxl also uses defusedxml).
    """
    from django.utils.translation import gettext as _

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise HostileFile(_("Berkas memuat terlalu banyak bagian (arsip zip)."))
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if total > ZIP_MAX_TOTAL or (
                    member.file_size > 1024 * 1024 and ratio > ZIP_MAX_RATIO
                ):
                    raise HostileFile(
                        _(
                            "Berkas ditolak: isinya mengembang menjadi %(mb)s MB atau lebih saat "
                            "dibuka (bom zip)."
                        )
                        % {"mb": max(total, member.file_size) // (1024 * 1024)}
                    )
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    with archive.open(member) as handle:
                        prologue = handle.read(XML_PROLOGUE)
                    if b"<!DOCTYPE" in prologue.upper() or b"<!ENTITY" in prologue.upper():
                        raise HostileFile(
                            _(
                                "Berkas ditolak: bagian %(member)s memuat deklarasi DTD/entitas "
                                "XML, yang tidak pernah ada dalam dokumen kantor biasa."
                            )
                            % {"member": member.filename[:80]}
                        )
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise HostileFile(_("Berkas zip rusak atau tidak dapat dibaca.")) from exc
