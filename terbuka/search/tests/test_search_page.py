from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.catalog.models import Category, Entry
from terbuka.requests.models import InfoRequest
from terbuka.search import index
from terbuka.testing import World

pytestmark = pytest.mark.django_db


def get(client: Client, **params: object) -> str:
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_explains_what_to_type_before_any_search(client: Client, world: World) -> None:
    html = get(client)
    assert "Apa yang ingin Anda cari?" in html
    assert "Tidak ditemukan" not in html


def test_it_explains_a_query_with_nothing_searchable(client: Client, world: World) -> None:
    html = get(client, q='"*" () yang')
    assert "tidak mengandung kata yang dapat dicari" in html


def test_it_shows_highlighted_results_with_their_body(
    client: Client, world: World, make_entry: Callable[..., Entry]
) -> None:
    entry = make_entry("Rencana penganggaran kesehatan", "Dana yang dianggarkan untuk puskesmas")
    html = get(client, q="anggaran")
    assert "1 hasil" in html
    assert entry.get_absolute_url() in html
    assert "<mark>penganggaran</mark>" in html
    assert "<mark>dianggarkan</mark>" in html
    assert world.agency_a.name in html


def test_it_applies_the_filters(
    client: Client, world: World, make_entry: Callable[..., Entry]
) -> None:
    make_entry("Anggaran dinas kesehatan")
    make_entry("Anggaran jalan provinsi", body=world.agency_b, category=Category.SETIAP_SAAT)
    html = get(client, q="anggaran", badan=world.agency_b.slug)
    assert "Anggaran jalan provinsi" in html.replace("<mark>", "").replace("</mark>", "")
    assert "dinas kesehatan" not in html
    html = get(client, q="anggaran", kategori="berkala", tahun=2024, bentuk="softcopy")
    assert "dinas kesehatan" in html
    assert "jalan provinsi" not in html


def test_an_unknown_filter_value_is_reported_not_a_crash(
    client: Client, world: World, make_entry: Callable[..., Entry]
) -> None:
    make_entry("Anggaran dinas kesehatan")
    html = get(client, q="anggaran", badan="tidak-ada", tahun="abc", kategori="x")
    assert "1 hasil" in html
    assert 'class="error"' in html


def test_it_suggests_a_request_when_nothing_is_found(client: Client, world: World) -> None:
    html = get(client, q="kapal selam")
    assert "Tidak ditemukan informasi untuk" in html
    assert "/permohonan/baru/" in html
    html = get(client, q="kapal selam", badan=world.agency_a.slug)
    assert f"/permohonan/baru/?badan={world.agency_a.slug}" in html
    assert f"Ajukan permohonan informasi ke {world.agency_a.name}" in html


def test_it_pages_and_survives_a_bad_page_number(client: Client, world: World) -> None:
    for number in range(25):
        index.upsert(
            kind="dip",
            object_id=number,
            body_id=world.agency_a.pk,
            title=f"Laporan banjir {number}",
            text="",
            url=f"/dip/{number}/",
        )
    html = get(client, q="banjir")
    assert "25 hasil" in html
    assert "halaman 1 dari 2" in html
    assert "halaman=2" in html
    assert "halaman 2 dari 2" in get(client, q="banjir", halaman=2)
    assert "halaman 2 dari 2" in get(client, q="banjir", halaman=999)
    assert "halaman 1 dari 2" in get(client, q="banjir", halaman="satu")


def test_it_escapes_the_query_it_echoes(client: Client, world: World) -> None:
    html = get(client, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html


def test_it_lists_published_requests_without_personal_data(
    client: Client, world: World, make_request: Callable[..., InfoRequest]
) -> None:
    info_request = make_request("Salinan kontrak pengadaan ambulans", material="Kontrak ambulans")
    html = get(client, q="ambulans")
    assert reverse("requests:log_detail", kwargs={"public_id": info_request.public_id}) in html
    for secret in ["Siti", "Rahmawati", "6271014101900001", "Tjilik", "081234567890", "rahasia"]:
        assert secret not in html
    # The requester's name finds nothing: it was never indexed.
    assert "Tidak ditemukan informasi untuk" in get(client, q="Siti Rahmawati")


def test_it_only_answers_get(client: Client, world: World) -> None:
    assert client.post(reverse("search:search"), {"q": "x"}).status_code == 405
