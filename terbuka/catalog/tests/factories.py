"""Builders of the documents the catalog tests upload, made in the test itself. (Entries
and exemptions are built through the actions by ``terbuka.testing``.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.catalog import pdfgen

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">{title}</text:h>
<text:p>{body}</text:p>
</office:text></office:body></office:document-content>"""


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def text_pdf(text: str = "Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024") -> bytes:
    return pdfgen.text_pdf(text, [f"{text}. Penganggaran dan realisasi belanja daerah."])


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Rencana Strategis 2021–2026", level=1)
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Program"
    table.rows[0].cells[1].text = "Pelayanan kesehatan rujukan"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(text: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Pengadaan"
    sheet.append(["No", "Paket", "Pagu (Rp)"])
    sheet.append([1, text, 1_250_000_000])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes(title: str, body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype member comes first and uncompressed (ODF 1.2 part 3, 3.3).
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", ODT_CONTENT.format(title=title, body=body))
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage \x00\x01\x02 no xref"


def stored_files() -> set[str]:
    root = Path(django_settings.MEDIA_ROOT) / "dip"
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()
