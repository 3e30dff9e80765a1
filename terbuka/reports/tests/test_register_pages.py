"""The register page pages by a keyset cursor (issue 14): 50 requests a page in register
order, every request once, no count over the whole register, a forged cursor refused."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terbuka.testing import submit_request

REGISTER = reverse("reports:register_list")


def numbers_on(html: str) -> list[str]:
    return re.findall(r'/petugas/[0-9a-f-]{36}/">([^<]+)</a></td>', html)


def test_it_pages_the_register_by_a_cursor_without_counting(client: Client, world: Any) -> None:
    made = [submit_request(world, subject=f"Permintaan {n}") for n in range(53)]
    client.force_login(world.utama)
    with CaptureQueriesContext(connection) as captured:
        first = client.get(REGISTER)
    assert not [query for query in captured if "COUNT(" in query["sql"].upper()]
    html = first.content.decode()
    shown = numbers_on(html)
    assert len(shown) == 50
    assert shown == sorted(shown)  # register order: the number's sequence
    next_link = re.search(r'href="\?([^"]*setelah=[^"]+)" rel="next"', html)
    assert next_link
    second = client.get(REGISTER + "?" + next_link.group(1).replace("&amp;", "&"))
    rest = numbers_on(second.content.decode())
    assert len(rest) == 3
    assert sorted(shown + rest) == sorted(item.number for item in made)
    assert 'rel="next"' not in second.content.decode()
    assert "Halaman pertama" in second.content.decode()


def test_it_keeps_the_filters_on_the_next_page(client: Client, world: Any) -> None:
    for n in range(51):
        submit_request(world, subject=f"Permintaan {n}")
    client.force_login(world.utama)
    html = client.get(REGISTER, {"saluran": "online"}).content.decode()
    assert re.search(r'href="\?saluran=online&amp;setelah=[^"]+" rel="next"', html)


def test_it_refuses_a_forged_cursor(client: Client, world: Any) -> None:
    submit_request(world)
    client.force_login(world.utama)
    response = client.get(REGISTER, {"setelah": "bukan-kursor"})
    assert response.status_code == 400
    assert "Kembali ke halaman pertama" in response.content.decode()
