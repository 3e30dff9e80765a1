"""The public page /kalender/: the calendar in use and "when is my answer due?"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.testing import NIK_SATU, World
from terbuka.workdays import actions
from terbuka.workdays.models import DayKind

pytestmark = pytest.mark.django_db

URL = reverse("workdays:calendar")


def page(client: Client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC))
def test_it_shows_this_years_calendar_by_default(client: Client) -> None:
    html = page(client)
    assert "Kalender hari kerja 2025" in html
    assert "Hari Raya Idul Fitri" in html
    assert "31 Maret 2025" in html
    assert "Senin" in html
    assert "Cuti bersama dihitung sebagai hari bukan kerja." in html


def test_it_shows_another_year(client: Client) -> None:
    html = page(client, year="2026")
    assert "Kalender hari kerja 2026" in html
    assert "24 Desember 2026" in html
    assert "Cuti Bersama Hari Raya Natal" in html


@time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC))
@pytest.mark.parametrize("year", ["abc", "1999", "2101", "20 25", "-1"])
def test_it_falls_back_to_this_year_for_a_bad_year(client: Client, year: str) -> None:
    html = page(client, year=year)
    assert "Kalender hari kerja 2025" in html
    assert "Tahun tidak valid" in html


def test_it_shows_a_bodys_own_days(client: Client, world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 8),
        name="Hari Jadi Kabupaten Barito Utara",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    html = page(client, year="2025", body=world.regency_agency.slug)
    assert "Hari Jadi Kabupaten Barito Utara" in html
    assert "Kabupaten Barito Utara" in html
    assert "Hari Jadi Kabupaten Barito Utara" not in page(client, year="2025")
    assert "Hari Jadi Kabupaten Barito Utara" not in page(
        client, year="2025", body=world.agency_a.slug
    )


def test_it_says_when_cuti_bersama_counts_as_working_days(client: Client, world: World) -> None:
    actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    html = page(client, year="2025")
    assert "Cuti bersama dihitung sebagai hari kerja." in html
    assert "Dihitung hari kerja" in html


def test_it_shows_an_unknown_body_as_the_national_calendar(client: Client) -> None:
    html = page(client, year="2025", body="tidak-ada")
    assert "Badan publik tidak ditemukan" in html
    assert "kalender nasional" in html


def test_it_answers_when_is_my_answer_due(client: Client) -> None:
    html = page(client, received="2025-03-27", working_days="10", year="2025")
    assert "Jatuh tempo:" in html
    assert "Selasa, 22 April 2025" in html
    assert "Dilewati Jumat, 28 Maret 2025: Cuti Bersama Hari Suci Nyepi" in html
    assert "Dilewati Jumat, 18 April 2025: Wafat Yesus Kristus" in html


def test_it_rolls_a_receipt_after_service_hours(client: Client, world: World) -> None:
    # The province closes at 16:00: a request at 16:30 on Wednesday counts from Thursday.
    html = page(
        client,
        received="2025-03-05",
        time="16:30",
        body=world.province.slug,
        working_days="10",
    )
    assert "diterima setelah jam layanan" in html
    assert "Dihitung diterima pada Kamis, 6 Maret 2025" in html
    assert "Jatuh tempo:" in html


def test_it_counts_the_extension_and_objection_periods(client: Client) -> None:
    html = page(client, received="2025-03-27", working_days="17")
    assert "Jumat, 2 Mei 2025" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"received": ""}, "Isi tanggal permohonan diterima."),
        ({"received": "kemarin"}, "Tanggal tidak valid"),
        ({"received": "2025-02-30"}, "Tanggal tidak valid"),
        ({"received": "1900-01-01"}, "Tahun harus antara 2000 dan 2100."),
        ({"received": "2025-03-27", "working_days": "11"}, "Pilih salah satu jangka waktu"),
        ({"received": "2025-03-27", "working_days": "-1"}, "Pilih salah satu jangka waktu"),
        ({"received": "2025-03-27", "time": "25:00"}, "Jam tidak valid"),
        ({"received": "2025-03-27", "body": "tidak-ada"}, "Badan publik tidak ditemukan."),
    ],
)
def test_it_explains_bad_input_in_indonesian(
    client: Client, params: dict[str, str], message: str
) -> None:
    html = page(client, **{"working_days": "10", **params})
    assert message in html
    assert "Jatuh tempo:" not in html


def test_it_never_shows_personal_data_of_requesters(client: Client, world: World) -> None:
    html = page(client, year="2025", received="2025-03-27", working_days="10")
    for secret in (NIK_SATU, "Jl. Tjilik Riwut", "081234567890", "pemohon.satu@example.test"):
        assert secret not in html


def test_it_renders_in_english_too(client: Client) -> None:
    client.cookies["django_language"] = "en"
    response = client.get(URL, {"year": "2025"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
