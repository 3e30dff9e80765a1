"""Public DIP downloads as XLSX, CSV and PDF: the Perki matrix columns, published entries
only, no personal data, safe file names and cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.catalog import actions, exporting, importing
from terbuka.catalog.models import Category
from terbuka.testing import NIK_SATU, make_entry

PUBLISHED_A = "Rencana Strategis Dinas Kesehatan 2021–2026"
HIDDEN_A = "Draf internal yang belum diumumkan"
PUBLISHED_B = "Daftar paket pekerjaan jalan provinsi 2025"
EXEMPT_TITLE = "Dokumen penyelidikan kasus pengadaan alat kesehatan"
EXEMPT_HARM = "Menghambat penyidikan yang sedang berjalan oleh kejaksaan"


@pytest.fixture
def dip(world: Any) -> Any:
    make_entry(world.pelaksana_a, world.agency_a, title=PUBLISHED_A, number="A-1")
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        title=HIDDEN_A,
        number="A-2",
        category=Category.SETIAP_SAAT,
        is_published=False,
    )
    make_entry(
        world.pelaksana_b,
        world.agency_b,
        title=PUBLISHED_B,
        number="B-1",
        category=Category.SERTA_MERTA,
    )
    actions.create_exemption(
        actor=world.pelaksana_a,
        body=world.agency_a,
        title=EXEMPT_TITLE,
        ground="a.1",
        harm=EXEMPT_HARM,
        public_interest="Kepentingan penegakan hukum lebih besar.",
        deciding_ppid="PPID Pelaksana Dinas Kesehatan",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2030, 1, 1),
        decided_place="Palangka Raya",
        decided_on=dt.date(2025, 1, 1),
        approved_by="Kepala Dinas Kesehatan",
        approved_on=dt.date(2025, 1, 2),
    )
    return world


def download(client: Client, fmt: str, body: Any = None) -> Any:
    if body is None:
        return client.get(reverse("catalog:export") + f"?format={fmt}")
    return client.get(reverse("catalog:export", kwargs={"slug": body.slug}) + f"?format={fmt}")


def personal_data(world: Any) -> list[str]:
    profile = world.requester.requester_profile
    return [NIK_SATU, profile.full_name, profile.address, profile.phone, world.requester.email]


def content_of(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_exports_a_bodys_dip_as_xlsx_with_the_matrix_headers_and_the_dik(
    dip: Any, client: Client
) -> None:
    from openpyxl import load_workbook

    response = download(client, "xlsx", dip.agency_a)
    assert response.status_code == 200
    today = dt.date.today().strftime("%Y%m%d")
    assert f'filename="dip-dinkes-kalteng-{today}.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(content_of(response)))
    sheet = workbook["DIP"]
    values = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == importing.template_headers()
    titles = [row[0] for row in values[1:]]
    assert titles == [PUBLISHED_A]
    dik = [list(row) for row in workbook["DIK"].iter_rows(values_only=True)]
    assert EXEMPT_TITLE in dik[1]
    flat = " ".join(str(cell) for row in dik for cell in row)
    assert "Pasal 17 huruf a angka 1" in flat
    assert EXEMPT_HARM not in flat  # the classification and period, never the content


def test_it_exports_csv_that_excel_and_parsers_read(dip: Any, client: Client) -> None:
    response = download(client, "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = content_of(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert parsed[0][0] == "Badan publik"
    assert parsed[0][1:] == importing.template_headers()
    bodies_and_titles = {(row[0], row[1]) for row in parsed[1:]}
    assert bodies_and_titles == {
        (dip.agency_a.name, PUBLISHED_A),
        (dip.agency_b.name, PUBLISHED_B),
    }
    # Grouped by category in the order of the law: berkala before serta merta.
    assert [row[2] for row in parsed[1:]] == ["Informasi berkala", "Informasi serta merta"]


def test_it_exports_a_landscape_pdf_matrix_with_the_dik_below(dip: Any, client: Client) -> None:
    from pypdf import PdfReader

    response = download(client, "pdf", dip.agency_a)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Rencana Strategis" in text
    assert "Informasi berkala" in text
    assert "Dikecualikan" in text
    assert "Draf internal" not in text
    assert "Menghambat penyidikan" not in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_no_export_holds_an_unpublished_entry_or_personal_data(
    dip: Any, client: Client, fmt: str
) -> None:
    for body in (None, dip.agency_a):
        raw = content_of(download(client, fmt, body))
        text = _text_of(fmt, raw)
        assert HIDDEN_A not in text
        for secret in personal_data(dip):
            assert secret not in text


def _text_of(fmt: str, raw: bytes) -> str:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(raw))
        return " ".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    return raw.decode("utf-8-sig")


def test_it_leaves_out_entries_of_inactive_bodies(dip: Any, client: Client) -> None:
    dip.agency_b.is_active = False
    dip.agency_b.save()
    assert PUBLISHED_B not in content_of(download(client, "csv")).decode("utf-8-sig")
    assert download(client, "csv", dip.agency_b).status_code == 404


def test_it_keeps_spreadsheets_from_running_a_cell_as_a_formula(world: Any, client: Client) -> None:
    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://contoh.invalid","klik")'
    make_entry(world.pelaksana_a, world.agency_a, title=formula, number="-")
    rows = list(csv.reader(io.StringIO(content_of(download(client, "csv")).decode("utf-8-sig"))))
    assert rows[1][1] == "'" + formula
    assert rows[1][3] == "-"  # a lone dash stays as it is
    workbook = load_workbook(io.BytesIO(content_of(download(client, "xlsx", world.agency_a))))
    cell = workbook["DIP"]["A2"]
    assert cell.value == formula
    assert cell.data_type == "s"


def test_it_refuses_an_unknown_format_and_an_unknown_body(dip: Any, client: Client) -> None:
    response = client.get(reverse("catalog:export") + "?format=docx")
    assert response.status_code == 400
    assert "xlsx, csv atau pdf" in response.content.decode()
    missing = reverse("catalog:export", kwargs={"slug": "tidak-ada"}) + "?format=csv"
    assert client.get(missing).status_code == 404


def test_it_sends_a_too_large_pdf_to_the_spreadsheet_formats(
    dip: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "PDF_MAX_ENTRIES", 1)
    response = download(client, "pdf")
    assert response.status_code == 413
    assert "XLSX/CSV" in response.content.decode()


def test_the_pdf_renderer_refuses_local_files_and_the_network() -> None:
    fetcher = exporting.refusing_url_fetcher()
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://contoh.invalid/a.png"):
        with pytest.raises(ValueError, match="disabled"):
            fetcher.fetch(url)


def test_a_summary_with_markup_cannot_pull_in_a_local_file(world: Any, client: Client) -> None:
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        summary='<img src="file:///etc/hostname"> <link rel="stylesheet" href="file:///etc/passwd">',
    )
    response = download(client, "pdf", world.agency_a)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_dip_pages_link_their_exports_and_open_data(client: Client, world: Any) -> None:
    html = client.get("/dip/").content.decode()
    assert "/dip/unduh/?format=xlsx" in html and "/dip.json" in html
    html = client.get(f"/badan-publik/{world.agency_a.slug}/dip/").content.decode()
    assert f"/badan-publik/{world.agency_a.slug}/dip/unduh/?format=pdf" in html
    assert f"/badan-publik/{world.agency_a.slug}/dip.json" in html
