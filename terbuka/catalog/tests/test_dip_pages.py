"""The public DIP: province-wide and per body, the Perki matrix grouped by category, the
DIK below, capped per category, no N+1, and no personal data."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from terbuka.catalog import actions
from terbuka.catalog.models import Category
from terbuka.catalog.templatetags.catalog_tags import serta_merta_highlights
from terbuka.catalog.views.public import MATRIX_CAP
from terbuka.testing import NIK_SATU, make_entry, make_exemption


def test_it_shows_the_matrix_grouped_by_category_with_the_dik_below(
    world: Any, client: Any
) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Laporan Keuangan 2024")
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        category=Category.SERTA_MERTA,
        title="Peringatan Dini Banjir",
    )
    make_entry(
        world.pelaksana_b,
        world.agency_b,
        category=Category.SETIAP_SAAT,
        title="Daftar Pengadaan Barang dan Jasa",
    )
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas penyelidikan")
    page = client.get(reverse("catalog:dip")).content.decode()
    berkala = page.index('<h2 id="kategori-berkala">Informasi berkala')
    serta_merta = page.index('<h2 id="kategori-serta_merta">Informasi serta merta')
    setiap_saat = page.index('<h2 id="kategori-setiap_saat">Informasi tersedia setiap saat')
    dik = page.index("Daftar Informasi yang Dikecualikan (DIK)")
    assert berkala < page.index("Laporan Keuangan 2024") < serta_merta
    assert serta_merta < page.index("Peringatan Dini Banjir") < setiap_saat
    assert setiap_saat < page.index("Daftar Pengadaan Barang dan Jasa") < dik
    assert dik < page.index("Berkas penyelidikan")
    for header in (
        "Ringkasan isi informasi",
        "Pejabat/unit yang menguasai informasi",
        "Penanggung jawab pembuatan/penerbitan informasi",
        "Waktu dan tempat pembuatan informasi",
        "Bentuk informasi yang tersedia",
        "Jangka waktu penyimpanan",
    ):
        assert header in page


def test_the_body_page_lists_only_that_body(world: Any, client: Any) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Profil Dinas Kesehatan")
    make_entry(world.pelaksana_b, world.agency_b, title="Profil Dinas PUPR")
    response = client.get(reverse("catalog:body_dip", args=[world.agency_a.slug]))
    assert response.status_code == 200
    assert "Profil Dinas Kesehatan" in response.content.decode()
    assert "Profil Dinas PUPR" not in response.content.decode()
    assert response.wsgi_request.path == f"/badan-publik/{world.agency_a.slug}/dip/"


def test_the_body_profile_route_still_answers(world: Any, client: Any) -> None:
    assert client.get(f"/badan-publik/{world.agency_a.slug}/").status_code == 200


def test_it_hides_unpublished_entries_and_inactive_bodies(world: Any, client: Any) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Draf belum diumumkan", is_published=False)
    make_entry(world.pelaksana_b, world.agency_b, title="Dari badan nonaktif")
    world.agency_b.is_active = False
    world.agency_b.save()
    page = client.get(reverse("catalog:dip")).content.decode()
    assert "Draf belum diumumkan" not in page
    assert "Dari badan nonaktif" not in page
    assert client.get(reverse("catalog:body_dip", args=[world.agency_b.slug])).status_code == 404


def test_it_caps_each_category_and_links_to_all_of_it(world: Any, client: Any) -> None:
    for number in range(MATRIX_CAP + 3):
        make_entry(
            world.pelaksana_a,
            world.agency_a,
            number=f"{number:03d}",
            title=f"Laporan bulanan {number:03d}",
        )
    page = client.get(reverse("catalog:body_dip", args=[world.agency_a.slug])).content.decode()
    assert f"Laporan bulanan {MATRIX_CAP - 1:03d}" in page
    assert f"Laporan bulanan {MATRIX_CAP:03d}" not in page
    # No count of the register per view (issue 14): the link says there is more.
    assert "Lihat semua entri Informasi berkala" in page
    more = client.get(reverse("catalog:category", args=["berkala"]), {"badan": world.agency_a.slug})
    assert f"Laporan bulanan {MATRIX_CAP + 2:03d}" in more.content.decode()


def test_it_rejects_an_unknown_category(world: Any, client: Any) -> None:
    assert client.get(reverse("catalog:category", args=["rahasia"])).status_code == 404


def test_it_runs_a_fixed_number_of_queries_however_many_entries(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(3):
        make_entry(world.pelaksana_a, world.agency_a, title=f"A {number}", unit=world.agency_a)
        make_entry(
            world.pelaksana_b, world.agency_b, title=f"B {number}", category=Category.SETIAP_SAAT
        )
        make_exemption(world.pelaksana_a, world.agency_a, title=f"DIK {number}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalog:dip")).status_code == 200
    for number in range(20):
        make_entry(world.pelaksana_a, world.agency_a, title=f"C {number}", unit=world.agency_a)
        make_exemption(world.pelaksana_b, world.agency_b, title=f"DIK B {number}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalog:dip")).status_code == 200


def test_no_personal_data_of_requesters_appears_on_dip_pages(world: Any, client: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    pages = [
        reverse("catalog:dip"),
        reverse("catalog:body_dip", args=[world.agency_a.slug]),
        reverse("catalog:category", args=["berkala"]),
        entry.get_absolute_url(),
        exemption.get_absolute_url(),
        reverse("catalog:exemptions"),
    ]
    client.force_login(world.requester)
    for url in pages:
        page = client.get(url).content.decode()
        for secret in (NIK_SATU, "Jl. Tjilik Riwut", "081234567890", "Siti Rahmawati"):
            assert secret not in page, (url, secret)
        # Officers' e-mail addresses are not published on the DIP either.
        assert "pelaksana.a@example.test" not in page


def test_the_home_highlight_lists_current_serta_merta_information(world: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        category=Category.SERTA_MERTA,
        title="Status Siaga Darurat Banjir",
        published_on=today,
    )
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        category=Category.SERTA_MERTA,
        title="Kabut asap lama",
        published_on=today - dt.timedelta(days=400),
    )
    hidden = make_entry(
        world.pelaksana_a,
        world.agency_a,
        category=Category.SERTA_MERTA,
        title="Belum terbit",
        published_on=today,
    )
    actions.update_entry(actor=world.pelaksana_a, entry=hidden, is_published=False)
    titles = [item.title for item in serta_merta_highlights()["items"]]
    assert titles == ["Status Siaga Darurat Banjir"]


def test_its_filters_written_once_follow_the_bodies_and_the_language(
    world: Any, client: Any
) -> None:
    """Without filters the form is kept per tree of bodies and language: a renamed body
    shows under its new name on the next visit, and each language gets its own labels."""
    url = reverse("catalog:dip")
    assert f">{world.agency_a.name}</option>" in client.get(url).content.decode()
    type(world.agency_a).objects.filter(pk=world.agency_a.pk).update(name="Dinas Baru Sekali")
    page = client.get(url).content.decode()
    assert ">Dinas Baru Sekali</option>" in page
    assert "Tahun diumumkan" in page
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert ">Dinas Baru Sekali</option>" in english
    assert "Tahun diumumkan" not in english
    filtered = client.get(url, {"badan": world.agency_a.slug}).content.decode()
    assert f'<option value="{world.agency_a.slug}" selected>Dinas Baru Sekali</option>' in filtered
