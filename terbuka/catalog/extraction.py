"""Text extraction for search: PDF (pypdf), DOCX (python-docx), XLSX (openpyxl), ODT
(``content.xml`` read with the standard library), and OCR with Tesseract's Indonesian
model for scanned PDFs (no text layer) and images.

OCR runs through ``terbuka/ocr.py``, which calls the ``tesseract`` and ``pdftoppm`` programs
(Debian ``tesseract-ocr``, ``tesseract-ocr-ind``, ``poppler-utils``) through ``subprocess``
with a timeout, without pytesseract: that wrapper is itself a subprocess call, and calling
directly gives an explicit timeout, a clear error when the program or the language is
missing, and one dependency less. The personal-data shield reads scans through it too.

``ExtractionFailed`` means the document itself cannot be read (corrupt, encrypted): trying
again will not help. ``ExtractionInterrupted`` means the run itself went wrong (a timeout, a
missing program): the task retries it a bounded number of times.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from terbuka import ocr

# A text layer thinner than this (characters per page) is treated as a scan.
MIN_CHARS_PER_PAGE = 20
# Bounds that keep one document from occupying a worker for long.
MAX_TEXT_CHARS = 1_000_000
MAX_OCR_PAGES = 20
MAX_XLSX_ROWS = 20_000
MAX_ODT_CONTENT_BYTES = 50 * 1024 * 1024


class ExtractionFailed(Exception):
    """The document cannot be read; the message is shown to the officer."""


class ExtractionInterrupted(Exception):
    """The extraction run failed for a reason outside the document; worth retrying."""


@dataclass(frozen=True)
class Extracted:
    text: str
    used_ocr: bool


def _clip(text: str) -> str:
    return text.strip()[:MAX_TEXT_CHARS]


def extract(path: Path, kind: str) -> Extracted:
    """The searchable text of the file at ``path`` of kind ``kind`` (see documents.KINDS)."""
    if kind == "pdf":
        return extract_pdf(path)
    if kind == "docx":
        return Extracted(_clip(extract_docx(path)), used_ocr=False)
    if kind == "xlsx":
        return Extracted(_clip(extract_xlsx(path)), used_ocr=False)
    if kind == "odt":
        return Extracted(_clip(extract_odt(path)), used_ocr=False)
    if kind in ("jpeg", "png"):
        return Extracted(_clip(ocr_image(path)), used_ocr=True)
    raise ExtractionFailed(_("Jenis berkas %(kind)s tidak dapat diekstrak.") % {"kind": kind})


def extract_pdf(path: Path) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            # An owner-password-only PDF opens with an empty user password.
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError, ValueError) as error:
                raise ExtractionFailed(
                    _("PDF terenkripsi dengan cara yang tidak didukung; teks tidak dapat dibaca.")
                ) from error
            if not opened:
                raise ExtractionFailed(
                    _(
                        "PDF dilindungi kata sandi; teksnya tidak dapat dibaca untuk pencarian."
                        " Unggah versi tanpa kata sandi."
                    )
                )
        pages = list(reader.pages)
        parts = [page.extract_text() or "" for page in pages]
    except ExtractionFailed:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise ExtractionFailed(
            _("PDF rusak atau tidak dapat dibaca (%(why)s). Unggah ulang berkas yang utuh.")
            % {"why": type(error).__name__}
        ) from error
    text = "\n".join(parts).strip()
    if len(text) >= MIN_CHARS_PER_PAGE * max(1, len(pages)):
        return Extracted(_clip(text), used_ocr=False)
    # No (real) text layer: a scan. Render the pages and read them with OCR.
    return Extracted(_clip(ocr_pdf(path, page_count=len(pages))), used_ocr=True)


def extract_docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise ExtractionFailed(
            _("DOCX rusak atau tidak dapat dibaca (%(why)s).") % {"why": type(error).__name__}
        ) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(line for line in lines if line.strip())


def extract_xlsx(path: Path) -> str:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as error:
        raise ExtractionFailed(
            _("XLSX rusak atau tidak dapat dibaca (%(why)s).") % {"why": type(error).__name__}
        ) from error
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for count, row in enumerate(sheet.iter_rows(values_only=True)):
                if count >= MAX_XLSX_ROWS:
                    break
                cells = [str(value) for value in row if value not in (None, "")]
                if cells:
                    lines.append(" | ".join(cells))
    finally:
        workbook.close()
    return "\n".join(lines)


_ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def extract_odt(path: Path) -> str:
    """ODT text from ``content.xml``: one line per paragraph and heading."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > MAX_ODT_CONTENT_BYTES:
                raise ExtractionFailed(_("Isi ODT terlalu besar untuk diekstrak."))
            root = ElementTree.fromstring(archive.read(info))  # noqa: S314 (expat, no entities fetched)
    except ExtractionFailed:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as error:
        raise ExtractionFailed(
            _("ODT rusak atau tidak dapat dibaca (%(why)s).") % {"why": type(error).__name__}
        ) from error
    lines = [
        "".join(element.itertext())
        for element in root.iter()
        if element.tag in (f"{{{_ODT_TEXT}}}p", f"{{{_ODT_TEXT}}}h")
    ]
    return "\n".join(line for line in lines if line.strip())


def ocr_image(path: Path) -> str:
    """Read an image with Tesseract's Indonesian model (``terbuka/ocr.py``)."""
    try:
        return ocr.image_text(path)
    except ocr.OcrInterrupted as error:
        raise ExtractionInterrupted(str(error)) from error
    except ocr.OcrUnreadable as error:
        raise ExtractionFailed(str(error)) from error


def ocr_pdf(path: Path, *, page_count: int) -> str:
    """Render up to MAX_OCR_PAGES pages with pdftoppm and read each with Tesseract."""
    try:
        ocr.program("tesseract")
        with ocr.pdf_page_images(path, last_page=max(1, min(page_count, MAX_OCR_PAGES))) as pages:
            texts = [ocr_image(image) for image in pages]
    except ocr.OcrInterrupted as error:
        raise ExtractionInterrupted(str(error)) from error
    except ocr.OcrUnreadable as error:
        raise ExtractionFailed(str(error)) from error
    return "\n".join(text.strip() for text in texts if text.strip())
