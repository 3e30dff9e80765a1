"""The scanner on real files: a text PDF (also rotated), a scanned PDF and an image read
by OCR, office documents through their text, and files it cannot open."""

from __future__ import annotations

import io
import shutil
import subprocess

import pymupdf
import pytest

from terbuka.catalog import pdfgen
from terbuka.shield import links, scanner
from terbuka.shield.patterns import Kind
from terbuka.testing import NIK_DUA

PHONE = "0812-3456-7890"


def ocr_ready() -> bool:
    if shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        return False
    languages = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.split()
    return "ind" in languages


@pytest.fixture
def ocr_available() -> None:
    if not ocr_ready():
        pytest.fail(
            "OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-ind"
            " poppler-utils): the shield must be tested with it"
        )


def text_pdf(lines: list[str], *, rotation: int = 0) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 20 * number), line, fontsize=11)
    page.set_rotation(rotation)
    return document.tobytes()


def dark_share(data: bytes, finding: scanner.Finding) -> float:
    """How much of the page's ink lies inside the finding's box (as displayed)."""
    assert finding.page is not None and finding.box is not None
    page = pymupdf.open(stream=data)[finding.page - 1]
    pixmap = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
    width, height = pixmap.width, pixmap.height
    x0, y0, x1, y1 = finding.box
    inside = total = 0
    for y in range(height):
        for x in range(width):
            if pixmap.pixel(x, y)[0] < 128:
                total += 1
                if x0 * width <= x <= x1 * width and y0 * height <= y <= y1 * height:
                    inside += 1
    return inside / total if total else 0.0


def test_it_finds_a_nik_in_a_text_pdf_with_its_box_and_a_masked_excerpt() -> None:
    data = text_pdf(["Daftar penerima bantuan", f"Nama: Siti   NIK {NIK_DUA}"])
    result = scanner.scan(data, "application/pdf")
    [finding] = result.findings
    assert (finding.kind, finding.page, finding.excerpt) == (Kind.NIK, 1, "6271********0002")
    x0, y0, x1, y1 = finding.box or (0, 0, 0, 0)
    assert 0 < x0 < x1 < 1 and 0 < y0 < y1 < 0.2
    assert NIK_DUA not in str(finding.as_dict())
    assert result.ocr_pages == 0


@pytest.mark.parametrize("rotation", [90, 270])
def test_it_gives_boxes_on_the_page_as_displayed_when_it_is_rotated(rotation: int) -> None:
    data = text_pdf([f"NIK {NIK_DUA}"], rotation=rotation)
    [finding] = scanner.scan(data, "application/pdf").findings
    # The box covers the number's ink on the rendered (rotated) page: most of the page's
    # ink, the rest being the "NIK" label.
    assert dark_share(data, finding) > 0.6


def test_it_reads_a_scanned_pdf_with_ocr(ocr_available: None) -> None:
    data = pdfgen.scanned_pdf(["Data pemohon", f"NIK {NIK_DUA}", f"HP {PHONE}"])
    result = scanner.scan(data, "application/pdf")
    assert result.ocr_pages == 1
    assert {finding.kind for finding in result.findings} == {Kind.NIK, Kind.PHONE}
    nik = next(finding for finding in result.findings if finding.kind == Kind.NIK)
    assert nik.page == 1
    x0, y0, x1, y1 = nik.box or (0, 0, 0, 0)
    assert 0 < x0 < x1 < 1 and 0 < y0 < y1 < 1


def test_it_reads_an_image_with_ocr(ocr_available: None) -> None:
    data = pdfgen.scanned_png([f"surel: warga.desa@contoh.co.id NIK {NIK_DUA}"])
    kinds = {finding.kind for finding in scanner.scan(data, "image/png").findings}
    assert kinds == {Kind.EMAIL, Kind.NIK}


def test_it_finds_nothing_in_a_clean_document() -> None:
    data = text_pdf(["Laporan realisasi anggaran 2024", "Belanja modal Rp 1.234.567.890"])
    assert scanner.scan(data, "application/pdf").findings == []


def test_it_scans_other_documents_through_their_text() -> None:
    result = scanner.scan(b"", "application/x-anything", read_text=lambda: f"HP {PHONE}")
    assert [(finding.kind, finding.page, finding.box) for finding in result.findings] == [
        (Kind.PHONE, None, None)
    ]


def test_it_refuses_a_corrupt_or_encrypted_pdf_with_a_reason() -> None:
    with pytest.raises(scanner.Unreadable, match="rusak"):
        scanner.scan(b"%PDF-1.7\nnot really", "application/pdf")
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "rahasia")
    out = io.BytesIO()
    document.save(out, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="kunci", owner_pw="pemilik")
    with pytest.raises(scanner.Unreadable, match="kata sandi"):
        scanner.scan(out.getvalue(), "application/pdf")


def test_it_proposes_areas_in_the_redaction_contract_format() -> None:
    findings = [
        {"kind": Kind.NIK, "page": 2, "box": [0.1, 0.2, 0.3, 0.25], "excerpt": "x"},
        {"kind": Kind.UNREAD, "page": 3, "box": [0, 0, 1, 1], "excerpt": "y"},
        {"kind": Kind.PHONE, "page": None, "box": None, "excerpt": "z"},
    ]
    assert links.areas(findings) == "2:0.0970:0.1970:0.3030:0.2530:h"


def test_it_leaves_the_bodys_own_phone_and_email_on_its_letterhead_alone() -> None:
    data = text_pdf(["Telp. (0536) 322 1736, surel dinsos@kalteng.go.id", f"HP {PHONE}"])
    known = scanner.public_contacts("(0536) 3221736", "DINSOS@kalteng.go.id")
    result = scanner.scan(data, "application/pdf", known=known)
    assert [(finding.kind, finding.excerpt) for finding in result.findings] == [
        (Kind.PHONE, "0812*****890")
    ]


@pytest.mark.django_db
def test_it_links_to_the_redaction_page_with_the_areas() -> None:
    import uuid

    from terbuka.catalog.models import Document, DocumentVersion
    from terbuka.requests.models import FileKind, RequestFile

    findings = [{"kind": Kind.NIK, "page": 1, "box": [0.1, 0.2, 0.3, 0.25], "excerpt": "x"}]
    draft = RequestFile(public_id=uuid.UUID(int=1), kind=FileKind.DRAFT)
    assert links.redaction_url(draft, findings) == (
        f"/hitamkan/berkas/{draft.public_id}/?areas=1:0.0970:0.1970:0.3030:0.2530:h"
    )
    released = RequestFile(public_id=uuid.UUID(int=3), kind=FileKind.RELEASED)
    assert links.redaction_url(released, findings) is None, "a released file is not redacted"
    document = Document(public_id=uuid.UUID(int=2))
    version = DocumentVersion(document=document, number=3)
    assert links.redaction_url(version, findings) == (
        f"/hitamkan/dip/{document.public_id}/v3/?areas=1:0.0970:0.1970:0.3030:0.2530:h"
    )
    assert links.redaction_url(version, []) is None
