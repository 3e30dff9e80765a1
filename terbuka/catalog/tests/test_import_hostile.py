"""Bad and hostile files: each gets a clear Indonesian message (by row and column where
there is one), never a 500, and nothing is stored."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.catalog.models import Entry
from terbuka.catalog.tests.spreadsheets import csv_bytes, ods_bytes, upload_of, xlsx_bytes
from terbuka.catalog.tests.test_import_upload import officer_client

HEADER = ["Judul", "Kategori", "Ringkasan"]


@pytest.fixture
def officer(world: Any) -> Client:
    return officer_client(world.pelaksana_a)


def preview_of(client: Client, body: Any, name: str, data: bytes) -> str:
    response = client.post(
        reverse("catalog:import_upload", kwargs={"slug": body.slug}),
        {"file": upload_of(name, data)},
    )
    if response.status_code == 400:
        return str(response.content.decode())
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Impor sekarang" not in html
    return html


def _replace_member(xlsx: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = content if info.filename == member else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def test_it_explains_an_empty_sheet(world: Any, officer: Client) -> None:
    html = preview_of(officer, world.agency_a, "dip.xlsx", xlsx_bytes([]))
    assert "Berkas kosong" in html


def test_it_explains_a_sheet_with_only_a_title(world: Any, officer: Client) -> None:
    html = preview_of(
        officer, world.agency_a, "dip.xlsx", xlsx_bytes([["DAFTAR INFORMASI PUBLIK 2025"]])
    )
    assert "Tidak ditemukan baris judul kolom yang dikenali" in html
    assert "“DAFTAR INFORMASI PUBLIK 2025”" in html


def test_it_says_a_password_protected_xlsx_must_be_unlocked(world: Any, officer: Client) -> None:
    # Excel keeps an encrypted workbook in an OLE2 compound file with an EncryptionInfo stream.
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le")
    )
    html = preview_of(officer, world.agency_a, "dip.xlsx", encrypted + b"\0" * 500)
    assert "dilindungi kata sandi" in html


def test_it_refuses_a_file_over_the_row_cap_with_its_size(world: Any, officer: Client) -> None:
    rows = [HEADER, *([f"Judul {n}", "berkala", "r"] for n in range(200_000))]
    html = preview_of(officer, world.agency_a, "dip.csv", csv_bytes(rows))
    assert "Berkas memuat 200.000 baris data; paling banyak 20.000 baris" in html
    assert Entry.objects.count() == 0


def test_it_names_the_row_of_a_broken_encoding(world: Any, officer: Client) -> None:
    good = csv_bytes([HEADER, ["Laporan tahunan", "berkala", "Ringkasan é"]])
    broken = good + b"Laporan \xe9 rusak,berkala,isi\r\n"
    html = preview_of(officer, world.agency_a, "dip.csv", broken)
    assert "Baris 3: pengodean berkas rusak" in html


def test_it_refuses_entity_expansion_in_an_xlsx(world: Any, officer: Client) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    xlsx = _replace_member(xlsx_bytes([HEADER]), "xl/worksheets/sheet1.xml", laughs)
    html = preview_of(officer, world.agency_a, "dip.xlsx", xlsx)
    assert "deklarasi DTD/entitas XML" in html


def test_it_refuses_a_zip_bomb(world: Any, officer: Client) -> None:
    bomb = _replace_member(
        xlsx_bytes([HEADER]), "xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024)
    )
    assert len(bomb) < 100_000
    html = preview_of(officer, world.agency_a, "dip.xlsx", bomb)
    assert "bom zip" in html


@pytest.mark.parametrize(
    "name,writer", [("dip.xlsx", xlsx_bytes), ("dip.csv", csv_bytes), ("dip.ods", ods_bytes)]
)
def test_it_refuses_a_formula_cell_without_evaluating_it(
    world: Any, officer: Client, name: str, writer: Any
) -> None:
    rows = [HEADER, ['=HYPERLINK("http://contoh.invalid/x","Klik")', "berkala", "Isi."]]
    html = preview_of(officer, world.agency_a, name, writer(rows))
    assert "baris 2" in html and "Judul" in html
    assert "sel berisi rumus" in html
    assert Entry.objects.count() == 0


def test_it_refuses_a_legacy_xls(world: Any, officer: Client) -> None:
    html = preview_of(
        officer, world.agency_a, "dip.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    )
    assert "format Excel lama (.xls)" in html
