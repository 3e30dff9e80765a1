"""Upload and preview of a DIP bulk import: who may upload, the preview of the first rows,
and the per-row error report that blocks the import."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from terbuka.catalog import importing
from terbuka.catalog.models import Entry
from terbuka.testing import PASSWORD, make_entry

HEADERS = importing.template_headers()
KEYS = [key for key, _header in importing.all_columns()]


def row_values(n: int, **overrides: str) -> list[str]:
    values = {
        "judul": f"Laporan kegiatan nomor {n}",
        "kategori": ["berkala", "serta merta", "setiap saat"][n % 3],
        "nomor": f"N-{n}",
        "ringkasan": f"Ringkasan laporan kegiatan {n} tahun 2024.",
        "pejabat": "Sekretariat",
        "penanggung_jawab": "Kepala Subbagian Umum",
        "waktu_tempat": "Januari 2025, Palangka Raya",
        "bentuk": "softcopy, hardcopy",
        "retensi": "5 tahun",
        "label": "kegiatan, laporan",
        "tanggal_publikasi": "2025-01-15",
        "pembaruan_berikutnya": "",
        **overrides,
    }
    return [values[key] for key in KEYS]


def rows(count: int, **overrides_by_row: dict[str, str]) -> list[list[str]]:
    """``count`` data rows; ``overrides_by_row["r4812"]`` changes spreadsheet row 4812."""
    return [row_values(n, **overrides_by_row.get(f"r{n + 1}", {})) for n in range(1, count + 1)]


def csv_file(data: list[list[str]], headers: list[str] | None = None, delimiter: str = ",") -> Any:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers or HEADERS)
    writer.writerows(data)
    return SimpleUploadedFile("dip.csv", buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_file(data: list[list[Any]], headers: list[str] | None = None) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers or HEADERS)
    for values in data:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("dip.xlsx", out.getvalue())


def officer_client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client: Client, body: Any, file: Any) -> Any:
    return client.post(reverse("catalog:import_upload", kwargs={"slug": body.slug}), {"file": file})


def upload_and_follow(client: Client, body: Any, file: Any) -> Any:
    response = upload(client, body, file)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


@pytest.fixture
def officer(world: Any) -> Client:
    return officer_client(world.pelaksana_a)


def test_it_shows_the_upload_form_to_an_officer_of_the_body(world: Any, officer: Client) -> None:
    response = officer.get(reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug}))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    assert reverse("catalog:import_template") in response.content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page(world: Any, client: Client) -> None:
    response = client.get(reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_refuses_an_officer_of_another_body(world: Any) -> None:
    other = officer_client(world.pelaksana_b)
    url = reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug})
    assert other.get(url).status_code == 403
    assert other.post(url, {"file": csv_file(rows(2))}).status_code == 403
    assert Entry.objects.count() == 0


def test_it_refuses_a_requester(world: Any) -> None:
    requester = officer_client(world.requester)
    url = reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug})
    assert requester.get(url).status_code == 403


def test_it_hides_the_preview_from_an_officer_of_another_body(world: Any, officer: Client) -> None:
    response = upload(officer, world.agency_a, csv_file(rows(3)))
    other = officer_client(world.pelaksana_b)
    assert other.get(response["Location"]).status_code == 403
    assert other.post(response["Location"]).status_code == 403
    assert Entry.objects.count() == 0


def test_it_previews_the_first_rows_as_read_before_saving_anything(
    world: Any, officer: Client
) -> None:
    page = upload_and_follow(officer, world.agency_a, csv_file(rows(30)))
    html = page.content.decode()
    assert page.status_code == 200
    assert "30 baris data" in html
    assert "Laporan kegiatan nomor 1" in html
    assert "Laporan kegiatan nomor 20" in html
    assert "Laporan kegiatan nomor 21<" not in html  # only the first 20 rows are shown
    assert "<td>21</td>" in html  # with the spreadsheet's row numbers
    assert "Impor sekarang" in html
    assert Entry.objects.count() == 0


def test_it_reads_semicolon_separated_csv_from_an_indonesian_excel(
    world: Any, officer: Client
) -> None:
    page = upload_and_follow(officer, world.agency_a, csv_file(rows(3), delimiter=";"))
    assert "Impor sekarang" in page.content.decode()


def test_it_keeps_an_unknown_column_aside_and_says_so(world: Any, officer: Client) -> None:
    found = ["Judul", "Kategori", "Catatan petugas"]
    page = upload_and_follow(
        officer, world.agency_a, csv_file([["Rencana kerja", "berkala", "b"]], headers=found)
    )
    html = page.content.decode()
    assert "Kolom yang tidak dipakai" in html
    assert "“Catatan petugas”" in html
    assert "Impor sekarang" in html


def test_it_names_the_found_columns_when_none_is_usable(world: Any, officer: Client) -> None:
    found = ["Kategori", "Tahun", "Catatan petugas"]
    page = upload_and_follow(
        officer, world.agency_a, csv_file([["berkala", "2024", "b"]], headers=found)
    )
    html = page.content.decode()
    assert "Tidak ada kolom judul atau ringkasan informasi" in html
    assert "Catatan petugas" in html  # a found column, named
    assert "Impor sekarang" not in html


def test_it_reports_a_bad_date_with_its_row_number_in_a_long_file(
    world: Any, officer: Client
) -> None:
    data = rows(5000, r4812={"tanggal_publikasi": "31/02/2024"})
    page = upload_and_follow(officer, world.agency_a, csv_file(data))
    html = page.content.decode()
    assert "1 kesalahan ditemukan" in html
    assert "4.812" in html
    assert "tanggal tidak valid" in html
    assert "31/02/2024" in html
    assert "Impor sekarang" not in html
    job = importing.load_job(page.wsgi_request.path.strip("/").split("/")[-1])
    assert job is not None
    assert job.error_lines()[0].startswith(
        "baris 4.812, kolom “Tanggal publikasi”: tanggal tidak valid"
    )


def test_it_reports_unknown_categories_empty_fields_and_duplicate_numbers(
    world: Any, officer: Client
) -> None:
    data = rows(6)
    data[1] = row_values(2, kategori="rahasia")
    data[2] = row_values(3, ringkasan="  ")
    data[4] = row_values(5, nomor="N-1", kategori=data[0][KEYS.index("kategori")])
    page = upload_and_follow(officer, world.agency_a, csv_file(data))
    html = page.content.decode()
    assert "3 kesalahan ditemukan" in html
    assert "kategori tidak dikenal: “rahasia”" in html
    assert "kolom “Ringkasan isi informasi” wajib diisi" in html
    assert "nomor “N-1” sudah dipakai di baris 2" in html
    assert "<td>rahasia</td>" in html  # wrong rows are previewed as read, too
    assert Entry.objects.count() == 0


def test_it_refuses_a_number_already_in_the_bodys_dip(world: Any, officer: Client) -> None:

    make_entry(world.pelaksana_a, world.agency_a, number="N-1", category="serta_merta")
    page = upload_and_follow(officer, world.agency_a, csv_file(rows(3)))
    assert "nomor “N-1” sudah ada di DIP badan publik ini" in page.content.decode()


def test_it_refuses_a_file_that_is_not_csv_or_xlsx(world: Any, officer: Client) -> None:
    response = upload(officer, world.agency_a, SimpleUploadedFile("dip.pdf", b"%PDF-1.4"))
    assert response.status_code == 400
    assert "Hanya berkas .csv, .xlsx, atau .ods" in response.content.decode()


def test_it_explains_a_corrupt_xlsx(world: Any, officer: Client) -> None:
    page = upload_and_follow(
        officer, world.agency_a, SimpleUploadedFile("dip.xlsx", b"PK\x03\x04 not a zip")
    )
    assert "Berkas XLSX tidak dapat dibaca" in page.content.decode()


def test_it_explains_an_empty_file(world: Any, officer: Client) -> None:
    response = upload(officer, world.agency_a, SimpleUploadedFile("dip.csv", b""))
    assert response.status_code == 400
    assert "kosong" in response.content.decode()
    page = upload_and_follow(officer, world.agency_a, SimpleUploadedFile("dip.csv", b"\n\n"))
    assert "Berkas kosong" in page.content.decode()
    page = upload_and_follow(officer, world.agency_a, csv_file([]))
    assert "tidak memuat satu baris data pun" in page.content.decode()


def test_it_reads_xlsx_dates_stored_as_dates(world: Any, officer: Client) -> None:
    import datetime as dt

    data: list[list[Any]] = rows(2)
    data[0][KEYS.index("tanggal_publikasi")] = dt.datetime(2025, 3, 1)
    page = upload_and_follow(officer, world.agency_a, xlsx_file(data))
    html = page.content.decode()
    assert "2025-03-01" in html
    assert "Impor sekarang" in html


def test_it_keeps_the_upload_under_a_random_name_and_drops_an_unreadable_one(
    world: Any, officer: Client
) -> None:
    response = upload(officer, world.agency_a, csv_file(rows(2)))
    job_id = response["Location"].strip("/").split("/")[-1]
    job = importing.load_job(job_id)
    assert job is not None
    assert default_storage.exists(importing.data_name(job))
    assert job.data_file.startswith(job_id)
    # A file with row errors is kept, so that the officer can change the mapping.
    wrong = upload(officer, world.agency_a, csv_file(rows(2, r2={"kategori": "?"})))
    wrong_job = importing.load_job(wrong["Location"].strip("/").split("/")[-1])
    assert wrong_job is not None
    assert default_storage.exists(importing.data_name(wrong_job))
    bad = upload(officer, world.agency_a, SimpleUploadedFile("dip.csv", b"\n\n"))
    bad_job = importing.load_job(bad["Location"].strip("/").split("/")[-1])
    assert bad_job is not None
    assert not default_storage.exists(importing.data_name(bad_job))


def test_it_asks_for_a_file_when_none_was_sent(world: Any, officer: Client) -> None:
    response = officer.post(reverse("catalog:import_upload", kwargs={"slug": world.agency_a.slug}))
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_it_stops_reading_at_a_long_empty_tail(world: Any, officer: Client) -> None:
    data: list[list[str]] = [*rows(2), *[[""] * len(KEYS)] * (importing.MAX_BLANK_RUN + 1)]
    data.append(row_values(99, kategori="tidak dibaca"))
    page = upload_and_follow(officer, world.agency_a, xlsx_file(data))
    html = page.content.decode()
    assert "2 baris data" in html
    assert "Impor sekarang" in html


def test_it_refuses_a_file_with_too_many_rows(
    world: Any, officer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    page = upload_and_follow(officer, world.agency_a, csv_file(rows(6)))
    assert "Berkas memuat 6 baris data; paling banyak 5 baris" in page.content.decode()
