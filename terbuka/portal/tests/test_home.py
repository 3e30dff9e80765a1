"""The home page at /."""

from typing import Any

from django.test import Client

from terbuka.bodies.models import Body, BodyKind
from terbuka.testing import World


def test_it_renders_at_the_root_in_indonesian(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Langsung ke konten utama" in html
    assert "Belum ada PPID yang bergabung" in html


def test_it_lists_the_ppids_on_the_platform(client: Client, world: World) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert [summary.body for summary in response.context["ppids"]] == [
        world.province,
        world.regency,
    ]
    assert f'href="{world.province.get_absolute_url()}"' in html
    assert f'href="{world.regency.get_absolute_url()}"' in html
    # The province serves its three agencies; the regency its one.
    assert "melayani 3 PPID Pelaksana" in html
    assert "melayani 1 PPID Pelaksana" in html
    # Pelaksana units are not PPIDs of their own.
    assert world.agency_a.get_absolute_url() not in html


def test_it_searches_the_directory_and_links_the_calendar(client: Client, db: None) -> None:
    html = client.get("/").content.decode()
    assert 'action="/badan-publik/"' in html
    assert 'name="q"' in html
    assert 'href="/kalender/"' in html


def test_it_leaves_out_an_inactive_ppid(client: Client, world: World) -> None:
    world.regency.is_active = False
    world.regency.save()
    response = client.get("/")
    assert [summary.body for summary in response.context["ppids"]] == [world.province]


def test_it_counts_the_units_in_one_query(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        Body.objects.create(
            name=f"Dinas Uji {number}",
            code=f"UJI-{number}",
            slug=f"uji-{number}",
            kind=BodyKind.AGENCY,
            parent=world.regency,
        )
    # The tree of bodies (after a change: its stamp, then its rows in one query) and one
    # query for the serta merta highlights: neither grows with the number of bodies.
    with django_assert_max_num_queries(3):
        html = client.get("/").content.decode()
    assert "melayani 31 PPID Pelaksana" in html
    # Nothing changed since: the tree's stamp alone.
    with django_assert_max_num_queries(2):
        html = client.get("/").content.decode()
    assert "melayani 31 PPID Pelaksana" in html
