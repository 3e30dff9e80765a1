"""A workbook with one sheet per category ("Berkala", "Serta Merta", "Setiap Saat"), as many
offices keep their DIP: every sheet with a DIP header is read, its name sets its rows'
category, a cover or the exempt list is skipped and named, and numbers and the row cap are
checked across the sheets."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from terbuka.catalog import exporting, importing
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.spreadsheets import ods_workbook, upload_of, xlsx_workbook
from terbuka.catalog.tests.test_import_upload import officer_client, upload_and_follow

HEADER = ["No", "Judul Informasi", "Ringkasan Isi Informasi"]


def category_workbook() -> list[tuple[str, list[list[Any]]]]:
    return [
        ("Sampul", [["DAFTAR INFORMASI PUBLIK"], ["Dinas Perhubungan"], ["Tahun 2025"]]),
        (
            "Berkala",
            [
                ["DIP — Informasi Berkala"],
                HEADER,
                [1, "Rencana kerja 2025", "Rencana kerja tahunan dinas."],
                [2, "Laporan keuangan 2024", "Laporan realisasi anggaran."],
            ],
        ),
        (
            "Informasi Serta Merta",
            [HEADER, [1, "Peringatan banjir", "Peringatan dini banjir."]],
        ),
        (
            "Setiap Saat",
            [
                # Another wording of the header: this sheet's columns are found on their own.
                ["Nomor", "Judul", "Ringkasan", "Pejabat yang Menguasai Informasi"],
                [1, "SOP pelayanan", "Standar pelayanan informasi.", "Bidang Umum"],
                [2, "Daftar aset", "Inventaris dinas.", "Bidang Umum"],
                [3, "Perjanjian kerja sama", "Naskah perjanjian.", "Sekretariat"],
            ],
        ),
        # A summary sheet: a header, but no title or summary column.
        ("Rekap", [["No", "Kategori", "Jumlah"], [1, "Berkala", 2], [2, "Serta Merta", 1]]),
        (
            "DIK",
            [
                exporting.dik_headers(),
                ["Dinas", "Dokumen penyidikan", "Pasal 17 a", "", "", "", ""],
            ],
        ),
    ]


def check(tmp_path: Path, name: str, data: bytes, body: Any, **kwargs: Any) -> Any:
    path = tmp_path / name
    path.write_bytes(data)
    return importing.check_file(path, body, **kwargs)


@pytest.mark.parametrize("writer,name", [(xlsx_workbook, "dip.xlsx"), (ods_workbook, "dip.ods")])
def test_it_imports_every_category_sheet_and_skips_the_cover_and_the_dik(
    world: Any, tmp_path: Path, writer: Any, name: str
) -> None:
    result = check(tmp_path, name, writer(category_workbook()), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    assert result.total == 6
    notes = " ".join(result.layout.notes)
    assert "dilewati: “Sampul”, “Rekap”, “DIK”" in notes
    assert "“Berkala” (2), “Informasi Serta Merta” (1), “Setiap Saat” (3)" in notes
    importing.store(result, actor=None, body=world.agency_a, name=name)
    entries = Entry.objects.filter(body=world.agency_a)
    counts = {c: entries.filter(category=c).count() for c in Category.values}
    assert counts == {Category.BERKALA: 2, Category.SERTA_MERTA: 1, Category.SETIAP_SAAT: 3}
    assert entries.get(title="Daftar aset").holder == "Bidang Umum"
    assert not entries.filter(title="Dokumen penyidikan").exists()


@pytest.mark.parametrize("writer,name", [(xlsx_workbook, "dip.xlsx"), (ods_workbook, "dip.ods")])
def test_it_refuses_a_number_used_twice_across_sheets_naming_both(
    world: Any, tmp_path: Path, writer: Any, name: str
) -> None:
    sheets = [
        ("Berkala", [HEADER, [1, "Rencana kerja", "Rencana."], [2, "Renstra", "Rencana."]]),
        ("Berkala (lanjutan)", [HEADER, [3, "LKjIP", "Laporan."], [1, "LHKPN", "Laporan."]]),
    ]
    result = check(tmp_path, name, writer(sheets), world.agency_a)
    assert [str(e) for e in result.errors] == [
        "lembar “Berkala (lanjutan)”, baris 3, kolom “No”: nomor “1” sudah dipakai di "
        "lembar “Berkala”, baris 2 (kategori yang sama)"
    ]
    assert len(result.rows) == 3


def test_it_counts_the_rows_of_every_sheet_against_the_cap(
    world: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    sheets = [
        ("Berkala", [HEADER, [1, "Renja", "Rencana."], [2, "Renstra", "Rencana."]]),
        ("Setiap Saat", [HEADER, [1, "SOP", "Standar."], [2, "Aset", "Daftar."]]),
    ]
    with pytest.raises(importing.ImportFileError, match="memuat 4 baris data"):
        check(tmp_path, "dip.xlsx", xlsx_workbook(sheets), world.agency_a)


def test_it_applies_the_officers_mapping_to_sheets_with_the_same_header(
    world: Any, tmp_path: Path
) -> None:
    same = ["Judul", "Uraian"]  # "Uraian" is not a known header: the officer maps it
    sheets = [
        ("Berkala", [same, ["Renja", "Rencana kerja."]]),
        ("Serta Merta", [same, ["Peringatan banjir", "Peringatan dini."]]),
        ("Setiap Saat", [["Judul", "Ringkasan", "Uraian"], ["SOP", "Standar.", "catatan"]]),
    ]
    result = check(
        tmp_path, "dip.xlsx", xlsx_workbook(sheets), world.agency_a, mapping=["judul", "ringkasan"]
    )
    assert result.error_count == 0, [str(e) for e in result.errors]
    summaries = {row.fields["title"]: row.fields["summary"] for row in result.rows}
    assert summaries == {
        "Renja": "Rencana kerja.",
        "Peringatan banjir": "Peringatan dini.",
        "SOP": "Standar.",  # its own columns: "Uraian" stays aside
    }


def test_it_refuses_a_workbook_without_any_dip_sheet(world: Any, tmp_path: Path) -> None:
    sheets = [("Sampul", [["DAFTAR INFORMASI PUBLIK"]]), ("Catatan", [["dibuat oleh PPID"]])]
    with pytest.raises(importing.ImportFileError, match="Tidak ditemukan baris judul kolom"):
        check(tmp_path, "dip.ods", ods_workbook(sheets), world.agency_a)


def test_it_shows_the_officer_the_sheet_of_each_problem(world: Any) -> None:
    sheets = [
        ("Berkala", [HEADER, [1, "Rencana kerja", "Rencana."]]),
        ("Berkala 2", [HEADER, [1, "LHKPN", "Laporan."]]),
    ]
    officer = officer_client(world.pelaksana_a)
    page = upload_and_follow(officer, world.agency_a, upload_of("dip.xlsx", xlsx_workbook(sheets)))
    html = page.content.decode()
    assert "lembar “Berkala 2”, baris 2" in html
    assert "sudah dipakai di lembar “Berkala”, baris 2" in html
    assert "Impor sekarang" not in html


def test_it_imports_a_category_workbook_from_the_command_line(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip-2025.xlsx"
    path.write_bytes(xlsx_workbook(category_workbook()))
    out = io.StringIO()
    call_command("import_dip", str(path), body=world.agency_a.slug, stdout=out)
    assert "Nama lembar “Setiap Saat” menetapkan kategori" in out.getvalue()
    assert "6 entri baru diimpor dari dip-2025.xlsx" in out.getvalue()
    assert Entry.objects.filter(body=world.agency_a, category=Category.SERTA_MERTA).count() == 1
