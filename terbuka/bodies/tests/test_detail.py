"""A body's public profile at /badan-publik/<slug>/."""

import datetime as dt

from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test import Client

from terbuka.bodies.models import Body, BodyKind, Role, RoleKind, TimeZoneName
from terbuka.testing import World


def test_it_shows_the_profile_contacts_hours_maklumat_and_sop(client: Client, world: World) -> None:
    body = world.province
    body.address = "Jl. RTA Milono No. 1\nPalangka Raya 73111"
    body.phone = "(0536) 3221000"
    body.email = "ppid.demo@kalteng.go.id.example"
    body.website = "https://ppid.kalteng.go.id.example/"
    body.opens_at = dt.time(7, 30)
    body.closes_at = dt.time(15, 30)
    body.maklumat = "Kami sanggup melayani.\n\nPalangka Raya, 2 Januari 2025"
    body.sop = "1. Pemohon datang.\n2. Petugas mencatat."
    body.save()

    response = client.get(body.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Provinsi Kalimantan Tengah</h1>" in html
    assert "Provinsi" in html
    assert "Jl. RTA Milono No. 1<br>Palangka Raya 73111" in html
    assert "(0536) 3221000" in html
    assert 'href="mailto:ppid.demo@kalteng.go.id.example"' in html
    assert "https://ppid.kalteng.go.id.example/" in html
    assert "Senin–Jumat, 07.30–15.30 WIB" in html
    assert "<p>Kami sanggup melayani.</p>" in html
    assert "1. Pemohon datang.<br>2. Petugas mencatat." in html
    # The bodies below it are listed with links.
    assert f'href="{world.agency_a.get_absolute_url()}"' in html
    assert f'href="{world.regency.get_absolute_url()}"' in html


def test_it_lists_the_officers_names_and_positions_but_not_their_e_mail(
    client: Client, world: World
) -> None:
    world.utama.first_name, world.utama.last_name = "Rina", "Kartikasari"
    world.utama.save()
    Role.objects.filter(user=world.utama).update(position="Kepala Diskominfosantik")
    html = client.get(world.province.get_absolute_url()).content.decode()
    assert "Rina Kartikasari" in html
    assert "Kepala Diskominfosantik" in html
    assert "Sekretaris Daerah" in html
    assert world.utama.email not in html
    assert world.atasan.email not in html


def test_it_leaves_out_officers_whose_account_is_disabled(client: Client, world: World) -> None:
    world.atasan.first_name = "Hendra"
    world.atasan.is_active = False
    world.atasan.save()
    html = client.get(world.province.get_absolute_url()).content.decode()
    assert "Hendra" not in html
    assert "Sekretaris Daerah" not in html


def test_it_shows_the_ppid_utama_that_serves_a_pelaksana_unit(client: Client, world: World) -> None:
    world.province.email = "ppid.demo@kalteng.go.id.example"
    world.province.phone = "(0536) 3221000"
    world.province.save()
    Role.objects.create(
        user=world.pelaksana_b, body=world.agency_a, kind=RoleKind.OPERATOR, position="Staf"
    )
    response = client.get(world.agency_a.get_absolute_url())
    html = response.content.decode()
    assert response.context["ppid_body"] == world.province
    assert "Dinas Kesehatan adalah PPID Pelaksana" in html
    assert f'<a href="{world.province.get_absolute_url()}">Provinsi Kalimantan Tengah</a>' in html
    assert "ppid.demo@kalteng.go.id.example" in html
    assert "(0536) 3221000" in html


def test_it_names_the_time_zone_of_the_body(client: Client, world: World) -> None:
    world.regency.timezone = TimeZoneName.WITA
    world.regency.save()
    html = client.get(world.regency.get_absolute_url()).content.decode()
    assert "08.00–16.00 WITA" in html


def test_it_says_when_a_body_has_no_ppid(client: Client, db: None) -> None:
    body = Body.objects.create(
        name="PDAM Kota Contoh", code="PDAM", slug="pdam-contoh", kind=BodyKind.BUMD
    )
    html = client.get(body.get_absolute_url()).content.decode()
    assert "belum memiliki PPID" in html


def test_it_answers_404_in_indonesian_for_an_unknown_body(client: Client, world: World) -> None:
    response = client.get("/badan-publik/tidak-ada-badan-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert '<html lang="id">' in html


def test_it_answers_404_for_an_inactive_body(client: Client, world: World) -> None:
    world.agency_b.is_active = False
    world.agency_b.save()
    response = client.get(world.agency_b.get_absolute_url())
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_it_does_not_link_an_inactive_parent_or_child(client: Client, world: World) -> None:
    world.agency_b.is_active = False
    world.agency_b.save()
    html = client.get(world.province.get_absolute_url()).content.decode()
    assert world.agency_b.get_absolute_url() not in html


def test_it_leaves_a_block_for_later_features() -> None:
    template = get_template("bodies/detail.html")
    blocks = {node.name for node in template.template.nodelist.get_nodes_by_type(BlockNode)}
    assert "body_extra" in blocks


def test_the_profile_links_to_a_request_form_for_this_body_and_its_dip(
    client: Client, world: World
) -> None:
    html = client.get(f"/badan-publik/{world.agency_a.slug}/").content.decode()
    assert f"/permohonan/baru/?badan={world.agency_a.slug}" in html
    assert f"/badan-publik/{world.agency_a.slug}/dip/" in html
