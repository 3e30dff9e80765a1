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
from typing import IO
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from PIL import Image, ImageOps, UnidentifiedImageError

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
    the application: nginx only ever sees the encrypted file.
    """
    prefix = settings.TERBUKA_X_ACCEL_REDIRECT_PREFIX
    response: HttpResponseBase
    if data is not None:
        response = HttpResponse(data, content_type=content_type)
        response["Content-Length"] = str(len(data))
    elif prefix:
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
