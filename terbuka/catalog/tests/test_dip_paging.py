"""The public DIP lists page by cursor in index order (issue 14): every row exactly once
going forwards or backwards, ties included; the same number of queries on the first and
the last page; the filters of issue 13; full body names."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terbuka.catalog.models import Category, Entry
from terbuka.catalog.views.public import PER_PAGE
from terbuka.testing import make_entry, make_exemption

CATEGORY = reverse("catalog:category", args=[Category.BERKALA])


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/dip/informasi/[0-9a-f-]+/">([^<]+)</a>', html)


def link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="(\?[^"]*)" rel="{rel}">', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture
def many(world: Any) -> list[str]:
    """More than two pages over two bodies; many rows share a number (the tie is broken
    by id) or have none."""
    made = []
    for index in range(PER_PAGE + 30):
        body, officer = (
            (world.agency_a, world.pelaksana_a)
            if index % 2
            else (world.agency_b, world.pelaksana_b)
        )
        number = "" if index % 5 == 0 else f"{index % 3}"
        entry = make_entry(officer, body, number=number, title=f"Entri ke-{index:03d}")
        made.append(entry.title)
    return made


def walk(client: Client, url: str, rel: str) -> list[list[str]]:
    pages = []
    while url:
        html = client.get(url).content.decode()
        pages.append(titles(html))
        following = link(html, rel)
        url = CATEGORY + following if following else ""
    return pages


def test_it_shows_every_entry_once_going_forwards_and_backwards(
    many: list[str], client: Client
) -> None:
    forwards = walk(client, CATEGORY, "next")
    assert len(forwards) == 2
    flat = [title for page in forwards for title in page]
    assert sorted(flat) == sorted(many)
    assert len(flat) == len(set(flat))
    backwards = walk(client, CATEGORY + "?akhir=1", "prev")
    assert [title for page in reversed(backwards) for title in page] == flat


def test_it_lists_in_the_index_order_body_then_number(many: list[str], client: Client) -> None:
    flat = [title for page in walk(client, CATEGORY, "next") for title in page]
    ordered = Entry.objects.filter(title__in=many).order_by("body_id", "number", "id")
    assert flat == [entry.title for entry in ordered]


def test_the_last_page_costs_the_queries_of_the_first(many: list[str], client: Client) -> None:
    def queries(url: str) -> int:
        connection.queries_log.clear()  # the fixture's thousands of queries filled it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    html = client.get(CATEGORY).content.decode()
    middle = CATEGORY + (link(html, "next") or "")
    assert queries(CATEGORY) == queries(CATEGORY + "?akhir=1") == queries(middle)


def test_a_cursor_that_does_not_decode_is_not_found(world: Any, client: Client) -> None:
    assert client.get(CATEGORY + "?setelah=bukan-kursor").status_code == 404
    assert client.get(reverse("catalog:exemptions") + "?sebelum=W10").status_code == 404


def test_it_filters_by_body_category_year_and_form(world: Any, client: Client) -> None:
    make_entry(
        world.pelaksana_a, world.agency_a, title="Anggaran A 2023", published_on=dt.date(2023, 3, 1)
    )
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        title="Anggaran A 2024",
        published_on=dt.date(2024, 3, 1),
        available_hardcopy=True,
        available_softcopy=False,
    )
    make_entry(
        world.pelaksana_b, world.agency_b, title="Anggaran B 2024", published_on=dt.date(2024, 5, 1)
    )
    make_entry(
        world.pelaksana_b,
        world.agency_b,
        title="Banjir B",
        category=Category.SERTA_MERTA,
        published_on=dt.date(2024, 5, 1),
    )
    dip = reverse("catalog:dip")

    def shown(**params: str) -> set[str]:
        return set(titles(client.get(dip, params).content.decode()))

    assert shown() == {"Anggaran A 2023", "Anggaran A 2024", "Anggaran B 2024", "Banjir B"}
    assert shown(badan=world.agency_a.slug) == {"Anggaran A 2023", "Anggaran A 2024"}
    assert shown(tahun="2024") == {"Anggaran A 2024", "Anggaran B 2024", "Banjir B"}
    assert shown(bentuk="hardcopy") == {"Anggaran A 2024"}
    assert shown(kategori="serta_merta") == {"Banjir B"}
    assert shown(badan=world.agency_b.slug, tahun="2024", kategori="berkala") == {"Anggaran B 2024"}
    # A value that does not validate is ignored, not an error page.
    assert client.get(dip, {"tahun": "abc", "bentuk": "kertas"}).status_code == 200
    assert shown(tahun="abc") == shown()
    # The category page keeps the filters.
    page = client.get(CATEGORY, {"tahun": "2024", "badan": world.agency_b.slug})
    assert set(titles(page.content.decode())) == {"Anggaran B 2024"}


def test_the_body_picker_is_grouped_by_region_with_full_names(world: Any, client: Client) -> None:
    html = client.get(reverse("catalog:dip")).content.decode()
    picker = html[html.index('name="badan"') : html.index("</select>", html.index('name="badan"'))]
    assert f'<optgroup label="{world.province.name}">' in picker
    assert f">{world.agency_a.name}</option>" in picker


def test_the_matrix_names_bodies_in_full(world: Any, client: Client) -> None:
    world.agency_a.short_name = "DINKES"
    world.agency_a.save()
    make_entry(world.pelaksana_a, world.agency_a, title="Profil")
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas")
    for url in (reverse("catalog:dip"), reverse("catalog:exemptions"), CATEGORY):
        html = client.get(url).content.decode()
        assert world.agency_a.name in html
        assert ">DINKES<" not in html


def test_the_exempt_list_pages_by_cursor(world: Any, client: Client) -> None:
    for index in range(PER_PAGE + 5):
        make_exemption(world.pelaksana_a, world.agency_a, title=f"DIK {index:03d}")
    url = reverse("catalog:exemptions")
    first = client.get(url).content.decode()
    following = link(first, "next")
    assert following
    second = client.get(url + following).content.decode()
    found = re.findall(r">(DIK \d{3})</a>", first) + re.findall(r">(DIK \d{3})</a>", second)
    assert sorted(found) == [f"DIK {index:03d}" for index in range(PER_PAGE + 5)]


def test_the_exempt_list_shows_each_once_both_ways_in_index_order(
    world: Any, client: Client
) -> None:
    # Two bodies, periods ending on three days (ties broken by id), more than two pages.
    made = []
    for index in range(2 * PER_PAGE + 7):
        body, officer = (
            (world.agency_a, world.pelaksana_a)
            if index % 2
            else (world.agency_b, world.pelaksana_b)
        )
        made.append(
            make_exemption(
                officer,
                body,
                title=f"DIK {index:03d}",
                period_end=dt.date(2030, 1, 1 + index % 3),
            )
        )
    url = reverse("catalog:exemptions")

    def walk_exempt(start: str, rel: str) -> list[list[str]]:
        pages, following = [], start
        while following is not None:
            html = client.get(url + following).content.decode()
            pages.append(re.findall(r">(DIK \d{3})</a>", html))
            following = link(html, rel)
        return pages

    forwards = walk_exempt("", "next")
    assert len(forwards) == 3
    flat = [title for page in forwards for title in page]
    ordered = sorted(made, key=lambda item: (item.body_id, item.period_end, item.pk))
    assert flat == [item.title for item in ordered]
    backwards = walk_exempt("?akhir=1", "prev")
    assert [title for page in reversed(backwards) for title in page] == flat
