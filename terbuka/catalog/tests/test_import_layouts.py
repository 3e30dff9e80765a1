"""DIP spreadsheets as offices keep them, not as our template: title rows, section rows that
set the category, tick columns, other header wording, snake_case database exports, CSV in
Windows-1252 and ODS; and a file exported by Terbuka itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from terbuka.catalog import actions, exporting, importing
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.spreadsheets import csv_bytes, ods_bytes, upload_of, xlsx_bytes
from terbuka.catalog.tests.test_import_upload import officer_client

KIP_HEADER = [
    "No",
    "Ringkasan Isi Informasi",
    "Pejabat/Unit/Satker yang Menguasai Informasi",
    "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
    "Tempat dan Waktu Pembuatan",
    "Bentuk Informasi",
    "",
    "Jangka Waktu Penyimpanan atau Retensi Arsip",
]


def kip_sheet() -> list[list[Any]]:
    """The layout of a provincial KIP matrix: three title rows, a two-row header with
    "Cetak | Online" under a merged "Bentuk Informasi", a row numbering the columns, no
    title column, sections A/B/C, a header repeated in each section, ticks for the form."""
    return [
        ["DAFTAR INFORMASI PUBLIK"],
        ["DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN GUNUNG MAS"],
        ["TAHUN 2025"],
        [],
        KIP_HEADER,
        ["", "", "", "", "", "Cetak", "Online", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["A. Informasi Publik yang Wajib Disediakan dan Diumumkan secara Berkala"],
        [
            1,
            "Profil dinas. Memuat struktur organisasi dan tugas pokok.",
            "Sekretariat",
            "Sekretaris Dinas",
            "Kuala Kurun, 2024",
            "✓",
            "✓",
            "Selama berlaku",
        ],
        [
            2,
            "Laporan keuangan tahun 2024.",
            "Subbagian Keuangan",
            "Kasubbag Keuangan",
            "Kuala Kurun, Maret 2025",
            "",
            "v",
            "10 tahun",
        ],
        ["B. Informasi Publik yang Wajib Tersedia Setiap Saat"],
        KIP_HEADER,
        ["", "", "", "", "", "Cetak", "Online", ""],
        [
            1,
            "Daftar aset dan inventaris dinas.",
            "Subbagian Umum",
            "Kasubbag Umum",
            "Kuala Kurun, Januari 2025",
            "v",
            "",
            "5 tahun",
        ],
        ["C. Informasi Publik yang Wajib Diumumkan Serta-Merta"],
        [
            1,
            "Peringatan dini banjir di wilayah kabupaten.",
            "Bidang Persandian",
            "Kepala Bidang",
            "Kuala Kurun, setiap kejadian",
            "",
            "✓",
            "1 tahun",
        ],
    ]


def check(tmp_path: Path, name: str, data: bytes, body: Any) -> importing.CheckResult:
    path = tmp_path / name
    path.write_bytes(data)
    return importing.check_file(path, body)


def by_title(result: importing.CheckResult) -> dict[str, dict[str, Any]]:
    return {row.fields["title"]: row.fields for row in result.rows}


@pytest.mark.parametrize("writer,name", [(xlsx_bytes, "dip.xlsx"), (ods_bytes, "dip.ods")])
def test_it_reads_a_kip_matrix_with_title_rows_sections_and_ticks(
    world: Any, tmp_path: Path, writer: Any, name: str
) -> None:
    result = check(tmp_path, name, writer(kip_sheet()), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    assert result.total == 4
    rows = by_title(result)
    assert set(rows) == {
        "Profil dinas.",
        "Laporan keuangan tahun 2024.",
        "Daftar aset dan inventaris dinas.",
        "Peringatan dini banjir di wilayah kabupaten.",
    }
    profile = rows["Profil dinas."]
    assert profile["category"] == Category.BERKALA
    assert profile["summary"] == "Profil dinas. Memuat struktur organisasi dan tugas pokok."
    assert (profile["available_hardcopy"], profile["available_softcopy"]) == (True, True)
    assert (profile["created_when"], profile["created_where"]) == ("2024", "Kuala Kurun")
    report = rows["Laporan keuangan tahun 2024."]
    assert (report["available_hardcopy"], report["available_softcopy"]) == (False, True)
    assert report["created_when"] == "Maret 2025"
    assert rows["Daftar aset dan inventaris dinas."]["category"] == Category.SETIAP_SAAT
    assert rows["Daftar aset dan inventaris dinas."]["available_hardcopy"] is True
    warning = rows["Peringatan dini banjir di wilayah kabupaten."]
    assert warning["category"] == Category.SERTA_MERTA
    assert warning["number"] == "1"
    layout = result.layout
    assert layout.header_row == 5
    assert layout.title_rows[0] == "DAFTAR INFORMASI PUBLIK"
    assert "judul bagian" in layout.category_rule
    assert layout.mapping[5:7] == ["hardcopy", "softcopy"]
    if name.endswith(".ods"):  # the second sheet has no header row: skipped, and named
        assert any("dilewati: “Lain”" in note for note in layout.notes)


def test_it_reads_a_windows_1252_semicolon_csv_with_other_headers(
    world: Any, tmp_path: Path
) -> None:
    rows = [
        [
            "Nomor",
            "Judul Informasi",
            "Jenis Informasi",
            "Ringkasan",
            "Pejabat yang menguasai informasi",
            "Penanggung jawab",
            "Waktu dan Tempat Pembuatan Informasi",
            "Bentuk Informasi",
            "Jangka Waktu Penyimpanan atau Retensi Arsip",
            "Keterangan",
        ],
        [
            "SM-1",
            "Status siaga bencana – 2025",
            "Informasi Serta Merta",
            "Pengumuman status siaga.",
            "BPBD",
            "Kepala Pelaksana BPBD",
            "Januari 2025; Posko Utama",
            "HARDCOPY+SOFTCOPY",
            "Permanen",
            "café",
        ],
        [
            "B-7",
            "Rencana strategis",
            "Informasi Berkala",
            "Renstra 2025–2029.",
            "Bappeda",
            "Kepala Bappeda",
            "2025, Kantor Bappeda",
            "Softcopy",
            "Permanen",
            "",
        ],
        [
            "S-2",
            "Daftar pegawai",
            "Setiap saat",
            "Nama dan jabatan pegawai.",
            "BKPSDM",
            "Kepala BKPSDM",
            "2024, Kantor BKPSDM",
            "Hard copy",
            "5 tahun",
            "",
        ],
    ]
    result = check(
        tmp_path, "dip.csv", csv_bytes(rows, delimiter=";", encoding="cp1252"), world.agency_a
    )
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    alert = parsed["Status siaga bencana – 2025"]
    assert alert["category"] == Category.SERTA_MERTA
    assert (alert["available_softcopy"], alert["available_hardcopy"]) == (True, True)
    assert (alert["created_when"], alert["created_where"]) == ("Januari 2025", "Posko Utama")
    assert parsed["Rencana strategis"]["category"] == Category.BERKALA
    assert parsed["Daftar pegawai"]["available_hardcopy"] is True
    assert parsed["Daftar pegawai"]["available_softcopy"] is False
    assert result.layout.unknown() == ["Keterangan"]


def test_it_reads_a_database_export_in_ods_with_snake_case_columns(
    world: Any, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        [
            "id",
            "nama_informasi",
            "jenis_informasi",
            "ringkasan_isi",
            "unit_penyedia",
            "penanggung_jawab",
            "waktu_pembuatan",
            "tempat_pembuatan",
            "bentuk_informasi",
            "jangka_waktu_penyimpanan",
            "tgl_upload",
            "created_by",
        ],
    ]
    kinds = ["berkala", "setiap_saat", "serta_merta"]
    for n in range(1, 7):
        rows.append(
            [
                n,
                f"Dokumen {n}",
                kinds[n % 3],
                f"Isi dokumen {n}.",
                "Bagian Umum",
                "Kabag Umum",
                2024,
                "Sampit",
                "softcopy",
                "5 tahun",
                dt.date(2025, 1, n),
                "admin",
            ]
        )
    result = check(tmp_path, "dip.ods", ods_bytes(rows), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    assert result.total == 6
    parsed = by_title(result)
    assert parsed["Dokumen 1"]["category"] == Category.SETIAP_SAAT
    assert parsed["Dokumen 2"]["category"] == Category.SERTA_MERTA
    assert parsed["Dokumen 3"]["category"] == Category.BERKALA
    assert parsed["Dokumen 3"]["published_on"] == dt.date(2025, 1, 3)
    assert (parsed["Dokumen 3"]["created_when"], parsed["Dokumen 3"]["created_where"]) == (
        "2024",
        "Sampit",
    )
    assert result.layout.mapping[0] == ""  # "id" is kept aside
    assert result.layout.unknown() == ["id", "created_by"]


def test_it_reads_tick_columns_and_fills_columns_the_file_lacks(world: Any, tmp_path: Path) -> None:
    rows = [
        ["Jenis Informasi", "Judul", "Softcopy", "Hardcopy"],
        ["Berkala", "LHKPN pejabat", "v", ""],
        ["Setiap Saat", "SOP pelayanan", "", "V"],
    ]
    result = check(tmp_path, "dip.csv", csv_bytes(rows), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    assert parsed["LHKPN pejabat"]["available_softcopy"] is True
    assert parsed["LHKPN pejabat"]["available_hardcopy"] is False
    assert parsed["SOP pelayanan"]["available_hardcopy"] is True
    assert parsed["SOP pelayanan"]["holder"] == world.agency_a.name
    assert set(result.layout.defaults) == {"pejabat", "penanggung_jawab", "retensi", "waktu"}


@pytest.mark.parametrize("writer,name", [(xlsx_bytes, "dip.xlsx"), (ods_bytes, "dip.ods")])
def test_it_takes_the_category_from_the_sheet_name(
    world: Any, tmp_path: Path, writer: Any, name: str
) -> None:
    rows = [["Judul informasi", "Ringkasan isi informasi"], ["Renja 2025", "Rencana kerja."]]
    result = check(tmp_path, name, writer(rows, sheet_title="Informasi Berkala"), world.agency_a)
    assert result.error_count == 0
    assert result.rows[0].fields["category"] == Category.BERKALA


def test_it_reports_a_row_without_category_by_row_and_column(world: Any, tmp_path: Path) -> None:
    rows = [["Judul", "Ringkasan"], ["Renja 2025", "Rencana kerja."]]
    result = check(tmp_path, "dip.csv", csv_bytes(rows), world.agency_a)
    assert [str(e) for e in result.errors] == [
        "baris 2, kolom “Kategori”: kategori kosong (tidak ada di kolom maupun di judul bagian "
        "di atasnya)"
    ]


def test_it_skips_rows_under_an_exempt_section_and_says_so(world: Any, tmp_path: Path) -> None:
    rows = [
        ["No", "Judul", "Ringkasan"],
        ["A. Informasi Berkala"],
        ["1", "Renja", "Rencana kerja."],
        ["D. Informasi yang Dikecualikan"],
        ["1", "Dokumen penyidikan", "Berkas perkara."],
    ]
    result = check(tmp_path, "dip.csv", csv_bytes(rows), world.agency_a)
    assert result.error_count == 0
    assert [row.fields["title"] for row in result.rows] == ["Renja"]
    assert any("dikecualikan dilewati" in note for note in result.layout.notes)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_imports_a_file_exported_by_terbuka_itself(world: Any, tmp_path: Path, fmt: str) -> None:
    made = [
        actions.create_entry(
            actor=world.pelaksana_a,
            body=world.agency_a,
            title=f"Entri {n}",
            category=category,
            number=f"X-{n}",
            summary=f"Ringkasan entri {n}, dengan koma; dan titik koma.",
            holder="Sekretariat",
            responsible="Sekretaris",
            created_when="Maret 2025",
            created_where="Palangka Raya",
            available_softcopy=n != 2,
            available_hardcopy=n != 0,
            retention="10 tahun",
            tags="anggaran, laporan",
            published_on=dt.date(2025, 3, n + 1),
            last_updated_on=dt.date(2025, 3, n + 1),
        )
        for n, category in enumerate(Category.values)
    ]
    if fmt == "xlsx":
        exported = exporting.xlsx_file(world.agency_a)
        exported.seek(0)
        data = exported.read()
    else:
        data = "".join(exporting.csv_lines(world.agency_a)).encode("utf-8")
    result = check(tmp_path, f"ekspor.{fmt}", data, world.agency_b)
    assert result.error_count == 0, [str(e) for e in result.errors]
    if fmt == "xlsx":  # the DIK sheet is not read, and the officer is told so
        assert any("“DIK”" in note for note in result.layout.notes)
    importing.store(result, actor=world.pelaksana_b, body=world.agency_b, name="ekspor")
    for original in made:
        copy = Entry.objects.get(body=world.agency_b, title=original.title)
        for name in (
            "category",
            "number",
            "summary",
            "holder",
            "responsible",
            "created_when",
            "created_where",
            "available_softcopy",
            "available_hardcopy",
            "retention",
            "tags",
            "published_on",
        ):
            assert getattr(copy, name) == getattr(original, name), name


def test_it_lets_the_officer_change_the_mapping_before_confirming(world: Any) -> None:
    officer = officer_client(world.pelaksana_a)
    rows = [
        ["Nama", "Catatan", "Kategori"],
        ["Renja 2025", "Rencana kerja dinas tahun 2025.", "berkala"],
    ]
    response = officer.post(
        reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug}),
        {"file": upload_of("dip.csv", csv_bytes(rows))},
    )
    preview_url = response["Location"]
    html = officer.get(preview_url).content.decode()
    assert "Pemetaan kolom" in html
    assert "tidak dikenal: disisihkan" in html  # "Catatan"
    officer.post(
        preview_url,
        {"remap": "1", "kolom_0": "judul", "kolom_1": "ringkasan", "kolom_2": "kategori"},
    )
    html = officer.get(preview_url).content.decode()
    assert "diubah oleh Anda" in html
    assert "<td>Rencana kerja dinas tahun 2025.</td>" in html
    officer.post(preview_url)
    entry = Entry.objects.get(body=world.agency_a)
    assert entry.summary == "Rencana kerja dinas tahun 2025."


def test_it_keeps_data_rows_of_a_narrow_file_and_unit_headings_apart(
    world: Any, tmp_path: Path
) -> None:
    rows = [
        ["No", "Judul informasi", "Kategori"],
        ["I. Sekretariat"],
        ["1.", "Renja", "berkala"],
        ["", "Laporan berkala", ""],
        ["II", "Bidang Anggaran"],
        ["2.", "Laporan kinerja", "setiap saat"],
    ]
    result = check(tmp_path, "dip.csv", csv_bytes(rows), world.agency_a)
    assert [row.fields["title"] for row in result.rows] == ["Renja", "Laporan kinerja"]
    assert [str(e) for e in result.errors] == [
        "baris 4, kolom “Kategori”: kategori kosong (tidak ada di kolom maupun di judul "
        "bagian di atasnya)"
    ]


def test_the_officer_can_fix_a_mapping_that_left_no_usable_column(world: Any) -> None:
    officer = officer_client(world.pelaksana_a)
    rows = [["Nama", "Kategori"], ["Renja 2025", "berkala"]]
    response = officer.post(
        reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug}),
        {"file": upload_of("dip.csv", csv_bytes(rows))},
    )
    preview_url = response["Location"]
    officer.post(preview_url, {"remap": "1", "kolom_0": "", "kolom_1": "kategori"})
    html = officer.get(preview_url).content.decode()
    assert "Tidak ada kolom judul atau ringkasan informasi" in html
    assert "Impor sekarang" not in html
    officer.post(preview_url, {"remap": "1", "kolom_0": "judul", "kolom_1": "kategori"})
    assert "Impor sekarang" in officer.get(preview_url).content.decode()


def test_it_reads_a_jenis_informasi_column_of_titles_as_the_title(
    world: Any, tmp_path: Path
) -> None:
    rows = [
        [
            "NO",
            "JENIS INFORMASI",
            "RINGKASAN ISI INFORMASI",
            "PEJABAT YANG MENGUASAI INFORMASI",
            "PENANGGUNG JAWAB PEMBUATAN INFORMASI",
            "WAKTU DAN TEMPAT PEMBUATAN INFORMASI",
            "BENTUK INFORMASI YANG TERSEDIA",
            "JANGKA WAKTU PENYIMPANAN ATAU RETENSI ARSIP",
        ],
        ["I", "INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA"],
        [
            "1",
            "Profil Badan Publik",
            "Struktur dan tugas.",
            "Sekretariat",
            "Sekretaris",
            "2025, Sampit",
            "Softcopy dan Hardcopy",
            "Selama berlaku",
        ],
        [
            "2",
            "Laporan Keuangan",
            "Realisasi anggaran.",
            "Keuangan",
            "Kasubbag",
            "2025, Sampit",
            "Softcopy",
            "10 tahun",
        ],
        ["II", "INFORMASI YANG WAJIB TERSEDIA SETIAP SAAT"],
        [
            "1",
            "Daftar Informasi Publik",
            "DIP tahun 2025.",
            "PPID",
            "PPID",
            "2025, Sampit",
            "Softcopy",
            "5 tahun",
        ],
    ]
    result = check(tmp_path, "dip.xlsx", xlsx_bytes(rows), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    assert parsed["Profil Badan Publik"]["category"] == Category.BERKALA
    assert parsed["Profil Badan Publik"]["available_hardcopy"] is True
    assert parsed["Daftar Informasi Publik"]["category"] == Category.SETIAP_SAAT
    assert any("dipakai sebagai judul" in note for note in result.layout.notes)


def test_it_reads_section_headings_written_in_the_category_column(
    world: Any, tmp_path: Path
) -> None:
    rows = [
        ["Judul", "Kategori", "Ringkasan"],
        ["", "Informasi Serta Merta", ""],
        ["Peringatan banjir", "", "Status siaga."],
        ["Rencana kerja", "berkala", "Renja."],
    ]
    result = check(tmp_path, "dip.csv", csv_bytes(rows), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    assert parsed["Peringatan banjir"]["category"] == Category.SERTA_MERTA
    assert parsed["Rencana kerja"]["category"] == Category.BERKALA


def test_it_reads_time_and_place_sub_headers_and_unmarked_sections(
    world: Any, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        ["MATRIKS DAFTAR INFORMASI PUBLIK"],
        ["BADAN PERENCANAAN PEMBANGUNAN DAERAH"],
        [],
        [
            "No.",
            "Judul Informasi",
            "Ringkasan Isi Informasi",
            "Pejabat/ Unit/ Satker yang Menguasai Informasi",
            "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
            "Waktu dan Tempat Pembuatan Informasi",
            None,
            "Bentuk Informasi yang Tersedia",
            None,
            "Jangka Waktu Penyimpanan atau Retensi Arsip",
            "Keterangan",
        ],
        [None, None, None, None, None, "Waktu", "Tempat", "Softcopy", "Hardcopy", None, None],
        ["INFORMASI BERKALA"],
        [
            1,
            "RKPD 2025",
            "Rencana kerja.",
            "Bidang Perencanaan",
            "Kepala Bidang",
            "2024",
            "Sampit",
            "√",
            "√",
            "5 Tahun",
            "Website",
        ],
        [
            2,
            "LAKIP",
            "Laporan kinerja.",
            "Sekretariat",
            "Sekretaris",
            "Maret 2025",
            "Sampit",
            "√",
            "",
            "5 Tahun",
            None,
        ],
        ["INFORMASI SETIAP SAAT"],
        [
            1,
            "Daftar aset",
            "Aset.",
            "Sekretariat",
            "Sekretaris",
            "2025",
            "Sampit",
            "",
            "√",
            "5 Tahun",
            None,
        ],
    ]
    result = check(tmp_path, "dip.xlsx", xlsx_bytes(rows), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    assert (parsed["LAKIP"]["created_when"], parsed["LAKIP"]["created_where"]) == (
        "Maret 2025",
        "Sampit",
    )
    assert (parsed["LAKIP"]["available_softcopy"], parsed["LAKIP"]["available_hardcopy"]) == (
        True,
        False,
    )
    assert parsed["Daftar aset"]["category"] == Category.SETIAP_SAAT
    assert parsed["Daftar aset"]["available_hardcopy"] is True
    assert result.layout.unknown() == ["Keterangan"]


def test_it_reads_excels_unicode_text_in_utf_16(world: Any, tmp_path: Path) -> None:
    text = (
        "Kategori\tJudul\tRingkasan\tBentuk\r\n"
        "Informasi yang Wajib Tersedia Setiap Saat\tSOP layanan\tProsedur.\tSoftcopy / Hardcopy\r\n"
        "Informasi Serta-Merta\tSiaga banjir\tStatus siaga.\tWebsite\r\n"
    )
    result = check(tmp_path, "dip.csv", b"\xff\xfe" + text.encode("utf-16-le"), world.agency_a)
    assert result.error_count == 0, [str(e) for e in result.errors]
    parsed = by_title(result)
    assert parsed["SOP layanan"]["category"] == Category.SETIAP_SAAT
    assert parsed["SOP layanan"]["available_hardcopy"] is True
    assert parsed["Siaga banjir"]["category"] == Category.SERTA_MERTA


def test_it_reads_utf_8_without_a_bom_and_the_all_bodies_export(world: Any, tmp_path: Path) -> None:
    rows = [
        ["Badan publik", "Judul informasi", "Kategori", "Ringkasan isi informasi"],
        [world.agency_a.name, "Kajian dampak lingkungan", "setiap saat", "Kajian AMDAL, édisi 2"],
    ]
    result = check(tmp_path, "dip.csv", csv_bytes(rows, encoding="utf-8"), world.agency_b)
    assert result.error_count == 0, [str(e) for e in result.errors]
    assert result.rows[0].fields["summary"] == "Kajian AMDAL, édisi 2"
    assert result.layout.mapping[0] == "abaikan"
