"""Text extraction for every accepted format, and OCR with Tesseract's Indonesian model.

The OCR tests really run tesseract: without it they skip with a message, except under
CI=true where a missing tesseract is a failure (CI installs tesseract-ocr-ind)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from terbuka.catalog import extraction, pdfgen
from terbuka.catalog.tests.factories import (
    corrupt_pdf,
    docx_bytes,
    encrypted_pdf,
    odt_bytes,
    text_pdf,
    xlsx_bytes,
)


def _tesseract_with_indonesian() -> str:
    """Why OCR cannot run here, or "" when it can."""
    if shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        return (
            "tesseract or pdftoppm is not installed"
            " (apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils)"
        )
    languages = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.split()
    if "ind" not in languages:
        return "tesseract has no Indonesian model (apt-get install tesseract-ocr-ind)"
    return ""


@pytest.fixture
def ocr_available() -> None:
    missing = _tesseract_with_indonesian()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"OCR must run in CI: {missing}")
        pytest.skip(missing)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_it_reads_the_text_layer_of_a_pdf(tmp_path: Path) -> None:
    result = extraction.extract(
        write(tmp_path, "a.pdf", text_pdf("Laporan Realisasi Anggaran 2024")), "pdf"
    )
    assert "Laporan Realisasi Anggaran 2024" in result.text
    assert "Penganggaran" in result.text
    assert not result.used_ocr


def test_it_reads_a_pdf_made_by_weasyprint(tmp_path: Path) -> None:
    from weasyprint import HTML

    html = "<h1>Profil Badan Publik</h1><p>Dinas Kesehatan Provinsi Kalimantan Tengah</p>"
    data = HTML(string=html).write_pdf()
    result = extraction.extract(write(tmp_path, "w.pdf", data), "pdf")
    assert "Profil Badan Publik" in result.text


def test_it_reads_a_docx_with_its_tables(tmp_path: Path) -> None:
    result = extraction.extract(
        write(tmp_path, "a.docx", docx_bytes("Tujuan dan sasaran strategis")), "docx"
    )
    assert "Tujuan dan sasaran strategis" in result.text
    assert "Pelayanan kesehatan rujukan" in result.text


def test_it_reads_an_xlsx(tmp_path: Path) -> None:
    result = extraction.extract(write(tmp_path, "a.xlsx", xlsx_bytes("Pengadaan ambulans")), "xlsx")
    assert "Pengadaan ambulans" in result.text
    assert "1250000000" in result.text


def test_it_reads_an_odt(tmp_path: Path) -> None:
    result = extraction.extract(
        write(tmp_path, "a.odt", odt_bytes("SOP Pelayanan Informasi", "Permohonan diterima")), "odt"
    )
    assert result.text.splitlines() == ["SOP Pelayanan Informasi", "Permohonan diterima"]


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (corrupt_pdf(), "pdf", "PDF rusak"),
        (encrypted_pdf(), "pdf", "kata sandi"),
        (b"PK\x03\x04 broken", "docx", "DOCX rusak"),
        (b"PK\x03\x04 broken", "xlsx", "XLSX rusak"),
        (b"PK\x03\x04 broken", "odt", "ODT rusak"),
    ],
)
def test_it_fails_with_a_clear_reason_on_a_damaged_file(
    tmp_path: Path, data: bytes, kind: str, reason: str
) -> None:
    with pytest.raises(extraction.ExtractionFailed) as caught:
        extraction.extract(write(tmp_path, f"x.{kind}", data), kind)
    assert reason in str(caught.value)


def test_it_reads_a_scanned_pdf_page_with_indonesian_ocr(
    tmp_path: Path, ocr_available: None
) -> None:
    data = pdfgen.scanned_pdf(
        ["Laporan Keuangan Pemerintah Provinsi", "Kalimantan Tengah Tahun 2024"]
    )
    result = extraction.extract(write(tmp_path, "scan.pdf", data), "pdf")
    assert result.used_ocr
    assert "Laporan Keuangan Pemerintah Provinsi" in result.text


def test_it_reads_a_photographed_page_with_ocr(tmp_path: Path, ocr_available: None) -> None:
    data = pdfgen.scanned_png(["Laporan Keuangan Pemerintah Provinsi"])
    result = extraction.extract(write(tmp_path, "scan.png", data), "png")
    assert result.used_ocr
    assert "Laporan Keuangan Pemerintah Provinsi" in result.text


def test_it_reports_a_missing_ocr_program_as_worth_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(extraction.ExtractionInterrupted) as caught:
        extraction.extract(write(tmp_path, "scan.png", pdfgen.scanned_png(["x"])), "png")
    assert "tesseract" in str(caught.value)


def test_it_reports_an_ocr_timeout_as_worth_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: object, ocr_available: None
) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(cmd="tesseract", timeout=1)

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(extraction.ExtractionInterrupted) as caught:
        extraction.extract(write(tmp_path, "scan.png", pdfgen.scanned_png(["x"])), "png")
    assert "batas waktu" in str(caught.value)
