"""The public directory of bodies at /badan-publik/."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.bodies.models import Body, BodyKind
from terbuka.testing import World

URL = reverse("bodies:directory")


def region_names(response: Any) -> list[str]:
    return [node.body.name for node in response.context["regions"]]


def test_it_groups_bodies_by_region_with_the_province_first(client: Client, world: World) -> None:
    Body.objects.create(
        name="Kota Palangka Raya",
        code="PKY",
        slug="kota-palangka-raya",
        kind=BodyKind.CITY,
        parent=world.province,
        has_own_ppid=True,
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert region_names(response) == [
        "Provinsi Kalimantan Tengah",
        "Kabupaten Barito Utara",
        "Kota Palangka Raya",
    ]
    province, regency, _city = response.context["regions"]
    assert [node.body for node in province.children] == [
        world.agency_a,  # Dinas Kesehatan
        world.utama_body,  # Dinas Komunikasi, …
        world.agency_b,  # Dinas Pekerjaan Umum …
    ]
    assert [node.body for node in regency.children] == [world.regency_agency]
    html = response.content.decode()
    assert html.index("Provinsi Kalimantan Tengah") < html.index("Kabupaten Barito Utara")
    assert response.context["count"] == 7


def test_it_nests_a_unit_under_its_agency(client: Client, world: World) -> None:
    Body.objects.create(
        name="RSUD dr. Doris Sylvanus",
        code="RSUD-DORIS",
        slug="rsud-doris-sylvanus",
        kind=BodyKind.OTHER,
        parent=world.agency_a,
    )
    response = client.get(URL)
    province = response.context["regions"][0]
    dinkes = next(node for node in province.children if node.body == world.agency_a)
    assert [node.body.name for node in dinkes.children] == ["RSUD dr. Doris Sylvanus"]


def test_it_links_each_body_and_says_who_serves_it(client: Client, world: World) -> None:
    html = client.get(URL).content.decode()
    assert f'href="/badan-publik/{world.agency_a.slug}/"' in html
    assert f'href="/badan-publik/{world.regency.slug}/"' in html
    assert "dilayani PPID Utama Provinsi Kalimantan Tengah" in html
    assert "dilayani PPID Utama Kabupaten Barito Utara" in html
    assert "PPID Pelaksana" in html


def test_it_hides_inactive_bodies_but_keeps_their_active_units(
    client: Client, world: World
) -> None:
    world.agency_b.is_active = False
    world.agency_b.save()
    Body.objects.create(
        name="UPT Laboratorium Bahan Konstruksi",
        code="UPT-LAB-PUPR",
        slug="upt-lab-pupr",
        kind=BodyKind.OTHER,
        parent=world.agency_b,
    )
    response = client.get(URL)
    html = response.content.decode()
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" not in html
    province = response.context["regions"][0]
    assert "UPT Laboratorium Bahan Konstruksi" in [node.body.name for node in province.children]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kesehatan", {"Dinas Kesehatan", "Dinas Kesehatan Kabupaten Barito Utara"}),
        ("KESEHATAN", {"Dinas Kesehatan", "Dinas Kesehatan Kabupaten Barito Utara"}),
        ("diskominfosantik", {"Dinas Komunikasi, Informatika, Persandian dan Statistik"}),
        ("pupr", {"Dinas Pekerjaan Umum dan Penataan Ruang"}),
        ("dinkes-barut", {"Dinas Kesehatan Kabupaten Barito Utara"}),
    ],
)
def test_it_searches_name_short_name_and_code_ignoring_case(
    client: Client, world: World, query: str, expected: set[str]
) -> None:
    response = client.get(URL, {"q": query})
    assert response.context["count"] == len(expected)
    found = set()
    for region in response.context["regions"]:
        stack = [region]
        while stack:
            node = stack.pop()
            if node.matched:
                found.add(node.body.name)
            stack.extend(node.children)
    assert found == expected
    html = response.content.decode()
    assert f"{len(expected)} badan publik cocok" in html


def test_it_keeps_the_region_as_context_for_matches_below_it(client: Client, world: World) -> None:
    response = client.get(URL, {"q": "Dinas Kesehatan Kabupaten"})
    assert region_names(response) == ["Kabupaten Barito Utara"]
    (regency,) = response.context["regions"]
    assert not regency.matched  # shown as the heading, not counted as a result
    assert response.context["count"] == 1
    html = response.content.decode()
    assert "Dinas Pekerjaan Umum" not in html
    assert "Provinsi Kalimantan Tengah</a>" not in html


def test_it_says_clearly_when_nothing_is_found(client: Client, world: World) -> None:
    response = client.get(URL, {"q": "Kementerian Kelautan"})
    assert response.status_code == 200
    assert response.context["regions"] == []
    html = response.content.decode()
    assert "Badan publik tidak ditemukan" in html
    assert "0 badan publik cocok" in html
    assert 'href="/badan-publik/"' in html


def test_it_escapes_the_query(client: Client, world: World) -> None:
    html = client.get(URL, {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_it_uses_a_bounded_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(40):
        agency = Body.objects.create(
            name=f"Dinas Uji {number}",
            code=f"UJI-{number}",
            slug=f"uji-{number}",
            kind=BodyKind.AGENCY,
            parent=world.regency if number % 2 else world.province,
        )
        Body.objects.create(
            name=f"UPT Uji {number}",
            code=f"UPT-UJI-{number}",
            slug=f"upt-uji-{number}",
            kind=BodyKind.OTHER,
            parent=agency,
        )
    # After a change: the tree's stamp, then its rows (one statement, however many).
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    assert response.context["count"] == 86
    # Nothing changed since: the stamp alone.
    with django_assert_max_num_queries(1):
        response = client.get(URL)
    assert response.context["count"] == 86
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"q": "uji"})
    assert response.context["count"] == 80


def test_it_shows_a_change_to_a_body_on_the_next_request_however_it_was_made(
    client: Client, world: World, settings: Any
) -> None:
    # The directory is rendered once per tree of bodies in each process; a change made
    # outside the actions (no cache bump, no new updated_at) must still show at once.
    settings.PAGE_CACHE = False
    assert "Dinas Kesehatan" in client.get(URL).content.decode()
    Body.objects.filter(pk=world.agency_a.pk).update(name="Dinas Kesehatan dan KB")
    assert "Dinas Kesehatan dan KB" in client.get(URL).content.decode()
    Body.objects.filter(pk=world.agency_a.pk).update(is_active=False)
    page = client.get(URL).content.decode()
    assert "Dinas Kesehatan dan KB" not in page
    assert world.agency_b.name in page


def test_it_reads_the_unchanged_directory_in_one_query(
    client: Client, world: World, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.PAGE_CACHE = False
    client.get(URL)
    with django_assert_max_num_queries(1):
        response = client.get(URL)
    assert world.agency_b.name in response.content.decode()
