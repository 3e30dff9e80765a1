"""The downloadable import template (XLSX and CSV): the Perki matrix headers and one
example row, which the import itself accepts."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from terbuka.catalog import importing, perki
from terbuka.catalog.tests.test_import_upload import officer_client, upload_and_follow
from terbuka.testing import make_entry


def test_the_xlsx_template_has_the_headers_an_example_and_instructions(client: Client) -> None:
    from openpyxl import load_workbook

    response = client.get(reverse("catalog:import_template") + "?format=xlsx")
    assert response.status_code == 200
    assert 'filename="templat-impor-dip.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header, example = list(sheet.iter_rows(values_only=True))[:2]
    assert list(header) == importing.template_headers()
    assert list(header)[: len(perki.PERKI_COLUMNS)] == perki.headers()
    assert example[0] == "Laporan Keuangan Tahun 2024"
    assert sheet.data_validations.dataValidation  # the category drop-down
    assert "Petunjuk" in workbook.sheetnames


def test_the_csv_template_is_utf8_with_a_bom_for_excel(client: Client) -> None:
    response = client.get(reverse("catalog:import_template") + "?format=csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == importing.template_headers()
    assert len(rows) == 2


def test_an_unknown_template_format_is_not_found(client: Client) -> None:
    assert client.get(reverse("catalog:import_template") + "?format=ods").status_code == 404


def test_the_template_as_downloaded_passes_the_check(world: Any, client: Client) -> None:
    officer = officer_client(world.pelaksana_a)
    for fmt in ("xlsx", "csv"):
        data = client.get(reverse("catalog:import_template") + f"?format={fmt}").content
        page = upload_and_follow(officer, world.agency_a, SimpleUploadedFile(f"t.{fmt}", data))
        assert "Impor sekarang" in page.content.decode(), fmt


def test_a_bodys_xlsx_export_can_be_imported_into_another_body(world: Any, client: Client) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Profil Dinas Kesehatan", number="P-1")
    exported = client.get(
        reverse("catalog:export", kwargs={"slug": world.agency_a.slug}) + "?format=xlsx"
    )
    data = b"".join(exported.streaming_content)
    officer_b = officer_client(world.pelaksana_b)
    page = upload_and_follow(officer_b, world.agency_b, SimpleUploadedFile("dip.xlsx", data))
    html = page.content.decode()
    assert "Profil Dinas Kesehatan" in html
    assert "Impor sekarang" in html
