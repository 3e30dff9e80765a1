from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.search import index
from terbuka.search.tests.fakes import FakeSource
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
    client: Client, world: World, make_document: Callable[..., int]
) -> None:
    make_document(
        "Rencana penganggaran kesehatan",
        "Dana yang dianggarkan untuk puskesmas",
        url="/dip/rencana-kesehatan/",
    )
    html = get(client, q="anggaran")
    assert "1 hasil" in html
    assert "/dip/rencana-kesehatan/" in html
    assert "<mark>penganggaran</mark>" in html
    assert "<mark>dianggarkan</mark>" in html
    assert world.agency_a.name in html


def test_it_applies_the_filters(
    client: Client, world: World, make_document: Callable[..., int]
) -> None:
    make_document("Anggaran dinas kesehatan")
    make_document("Anggaran jalan provinsi", body=world.agency_b, category="setiap_saat")
    html = get(client, q="anggaran", badan=world.agency_b.slug)
    assert "Anggaran jalan provinsi" in html.replace("<mark>", "").replace("</mark>", "")
    assert "dinas kesehatan" not in html
    html = get(client, q="anggaran", kategori="berkala", tahun=2024, bentuk="softcopy")
    assert "dinas kesehatan" in html
    assert "jalan provinsi" not in html


def test_an_unknown_filter_value_is_reported_not_a_crash(
    client: Client, world: World, make_document: Callable[..., int]
) -> None:
    make_document("Anggaran dinas kesehatan")
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


def test_it_marks_each_hit_with_its_sources_badge(
    client: Client, world: World, make_document: Callable[..., int]
) -> None:
    make_document("Anggaran dinas kesehatan")
    make_document("Salinan anggaran dinas", kind="request")
    html = get(client, q="anggaran")
    assert '<span class="badge">DIP</span>' in html
    assert '<span class="badge">Permohonan yang dijawab</span>' in html
    html = get(client, q="anggaran", jenis="request")
    assert "1 hasil" in html
    assert '<span class="badge">DIP</span>' not in html


def test_it_offers_the_filters_its_sources_register(
    client: Client, world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Peta banjir digital", world.agency_a, category="ujicoba", form="digital")
    fake_source.add(2, "Peta banjir cetak", world.agency_a, form="cetak")
    for object_id in (1, 2):
        index.reindex(kind="uji", object_id=object_id)
    html = get(client, q="banjir")
    for offered in [
        '<option value="ujicoba">Kategori uji coba</option>',
        '<option value="berkala">Informasi berkala</option>',  # the catalog's, still there
        '<option value="digital">Berkas digital</option>',
        '<option value="uji">Hanya dokumen uji</option>',
        '<span class="badge">Dokumen uji</span>',
    ]:
        assert offered in html
    html = get(client, q="banjir", kategori="ujicoba", jenis="uji")
    assert "1 hasil" in html
    assert "Peta banjir digital" in html.replace("<mark>", "").replace("</mark>", "")


def test_it_only_answers_get(client: Client, world: World) -> None:
    assert client.post(reverse("search:search"), {"q": "x"}).status_code == 405


def test_its_filters_written_once_follow_the_choice_the_years_and_the_language(
    client: Client, world: World, make_document: Callable[..., int]
) -> None:
    """Without a filter chosen the filters are kept per tree of bodies, language and the
    index's years: a chosen filter never shows on the next visitor's page, a year newly
    indexed appears, and each language gets its own labels."""
    make_document("Rencana anggaran kesehatan", year=2023)
    assert 'value="2023"' in get(client, q="anggaran")
    chosen = get(client, q="anggaran", badan=world.agency_a.slug)
    assert f'<option value="{world.agency_a.slug}" selected>' in chosen
    plain = get(client, q="anggaran")
    assert f'<option value="{world.agency_a.slug}">' in plain
    make_document("Laporan anggaran", year=2025)
    assert 'value="2025"' in get(client, q="anggaran")
    client.cookies["django_language"] = "en"
    english = get(client, q="anggaran")
    assert 'value="2025"' in english
    assert "Semua tahun" not in english
    assert "Semua tahun" in plain
