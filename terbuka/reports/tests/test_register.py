"""The request register (register permohonan): its columns in every format, the filters,
who may read it, and the audit record of every export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.audit.models import AuditRecord
from terbuka.reports.register import headers
from terbuka.testing import NIK_DUA, NIK_SATU, World

from .small_world import LETTER_ADDRESS, Small, build


@pytest.fixture
def small(world: World) -> Small:
    return build(world)


def export(user: Any, fmt: str, **query: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("reports:register_export", kwargs={"fmt": fmt}), query)


def page(user: Any, **query: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("reports:register_list"), query)


def csv_table(user: Any, **query: str) -> list[list[str]]:
    content = export(user, "csv", **query).content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def numbers(user: Any, **query: str) -> list[str]:
    return [line[0] for line in csv_table(user, **query)[1:]]


def expected_r4(small: Small) -> list[str]:
    """The letter from a legal entity, refused late on Pasal 17 huruf b."""
    return [
        small.r4.number,
        "2025-02-06",
        "Yayasan Peduli Kahayan",
        LETTER_ADDRESS,
        "0536123456 / yayasan@example.test",
        "Badan hukum",
        "Hasil audit internal inspektorat",
        "",
        "Dikuasai",
        "",
        "Melihat / mengetahui",
        "Ditolak: informasi dikecualikan",
        "Pasal 17 huruf b UU 14/2008\nMemuat rahasia dagang pihak ketiga.",
        "2025-02-24",
        "Tanpa biaya",
        "Surat",
    ]


def expected_r3(world: World, small: Small) -> list[str]:
    """Budi's request granted in part, with copies charged."""
    return [
        small.r3.number,
        "2025-02-05",
        "Budi Santoso",
        small.r3.requester_address,
        " / ".join(v for v in (small.r3.requester_phone, world.other_requester.email) if v),
        "Perorangan",
        "Anggaran pengadaan alat kesehatan",
        "Penelitian skripsi",
        "Dikuasai",
        "Hardcopy",
        "Meminta salinan (Softcopy)",
        "Dikabulkan sebagian",
        "Nama penyedia dihitamkan (Pasal 17 huruf b).",
        "2025-02-27",
        "Rp5.000\nBayar tunai di loket PPID.",
        "Formulir daring",
    ]


def test_the_csv_has_the_sixteen_columns_and_no_nik(world: World, small: Small) -> None:
    table = csv_table(world.utama, badan=world.province.slug)
    assert table[0] == headers() and len(table[0]) == 16
    rows = {line[0]: line for line in table[1:]}
    # Everything the province's PPID handles: r1–r7 and r9, not the regency's r8.
    assert set(rows) == {
        r.number for r in (small.r1, small.r2, small.r3, small.r4, small.r5, small.r6)
    } | {small.r7.number, small.r9.number}
    assert rows[small.r4.number] == expected_r4(small)
    assert rows[small.r3.number] == expected_r3(world, small)
    assert rows[small.r7.number][8] == "Tidak dikuasai; dikuasai oleh Kabupaten Barito Utara"
    assert rows[small.r5.number][11] == "Dicabut pemohon"
    assert rows[small.r6.number][11:15] == ["Diterima", "", "", ""]
    text = "\n".join(",".join(line) for line in table)
    assert NIK_SATU not in text and NIK_DUA not in text


def test_the_xlsx_has_real_dates_and_the_same_cells(world: World, small: Small) -> None:
    response = export(
        world.operator, "xlsx", badan=world.province.slug, dari="2025-02-06", sampai="2025-02-06"
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert values[0] == headers() and len(values) == 2
    row, expected = values[1], expected_r4(small)
    assert row[1] == dt.datetime(2025, 2, 6) and row[13] == dt.datetime(2025, 2, 24)
    assert [row[i] or "" for i in range(16) if i not in (1, 13)] == [
        expected[i] for i in range(16) if i not in (1, 13)
    ]


def test_the_pdf_shows_the_register(world: World, small: Small) -> None:
    response = export(world.utama, "pdf", badan=world.agency_a.slug)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    squeezed = "".join(text.split())  # narrow columns wrap the numbers
    for info_request in (small.r1, small.r2, small.r3):
        assert info_request.number in squeezed
    assert small.r4.number not in squeezed  # addressed to the province, not agency A
    assert "Rekam medis pasien rumah sakit daerah" in text
    assert NIK_SATU not in text


def test_it_filters_by_body_period_channel_and_outcome(world: World, small: Small) -> None:
    user = world.utama
    assert numbers(user, badan=world.agency_a.slug) == [
        small.r1.number,
        small.r2.number,
        small.r3.number,
    ]
    assert numbers(user, badan=world.province.slug, saluran="letter") == [small.r4.number]
    assert numbers(user, badan=world.province.slug, keputusan="refused_exempt") == [
        small.r2.number,
        small.r4.number,
    ]
    assert numbers(user, keputusan="withdrawn") == [small.r5.number]
    assert numbers(user, keputusan="open") == [small.r6.number]
    assert numbers(user, dari="2025-07-01") == [small.r9.number]
    assert numbers(user, dari="2025-02-10", sampai="2025-02-10") == [small.r7.number]
    html = page(user, saluran="letter").content.decode()
    assert small.r4.number in html and small.r1.number not in html
    assert "saluran=letter" in html  # the export links keep the filter
    backwards = page(user, dari="2025-03-01", sampai="2025-02-01")
    assert small.r6.number not in backwards.content.decode()


def test_the_pelaksana_reads_his_unit_only(world: World, small: Small) -> None:
    assert set(numbers(world.pelaksana_a)) == {small.r1.number, small.r2.number, small.r3.number}
    assert export(world.pelaksana_a, "csv", badan=world.province.slug).status_code == 403
    assert export(world.pelaksana_b, "csv", badan=world.agency_a.slug).status_code == 403


def test_another_body_the_requester_the_atasan_and_the_public_are_refused(
    world: World, small: Small
) -> None:
    own = numbers(world.regency_officer)
    assert small.r8.number in own and small.r1.number not in own
    assert export(world.regency_officer, "csv", badan=world.province.slug).status_code == 403
    assert page(world.regency_officer, badan=world.province.slug).status_code == 403
    for outsider in (world.requester, world.other_requester, world.atasan, world.admin):
        assert export(outsider, "csv").status_code == 403
        assert page(outsider).status_code == 403
    response = Client().get(reverse("reports:register_export", kwargs={"fmt": "csv"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert export(world.utama, "docx").status_code == 404


def test_an_export_is_audited_without_personal_data(world: World, small: Small) -> None:
    export(world.operator, "csv", badan=world.province.slug, dari="2025-02-01", saluran="letter")
    entry = AuditRecord.objects.filter(action="request.register_export").get()
    assert entry.actor == world.operator
    assert entry.object_id == str(world.province.pk)
    assert entry.summary == "csv"
    assert entry.detail == {
        "rows": 1,
        "format": "csv",
        "from": "2025-02-01",
        "to": "",
        "channel": "letter",
        "outcome": "",
    }
    written = f"{entry.summary} {entry.detail}"
    for personal in ("Yayasan Peduli Kahayan", LETTER_ADDRESS, "0536123456", NIK_SATU):
        assert personal not in written
    page(world.operator)  # reading the page is not an export
    assert AuditRecord.objects.filter(action="request.register_export").count() == 1


def test_an_empty_period_says_so(world: World, small: Small) -> None:
    html = page(world.utama, dari="2024-01-01", sampai="2024-12-31").content.decode()
    assert "Tidak ada permohonan yang cocok dengan saringan ini." in html
    pdf = export(world.utama, "pdf", dari="2024-01-01", sampai="2024-12-31").content
    assert (
        "Tidak ada permohonan pada periode ini."
        in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    )
