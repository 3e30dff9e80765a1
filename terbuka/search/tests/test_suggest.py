from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def some(world: World, make_document: Callable[..., int]) -> World:
    for number in range(7):
        make_document(f"Laporan realisasi anggaran {number}")
    make_document("Salinan laporan realisasi anggaran dinas", "Laporan", kind="request")
    return world


def test_it_returns_at_most_five_suggestions_as_html(client: Client, some: World) -> None:
    response = client.get(
        reverse("search:suggest"), {"q": "Saya meminta laporan realisasi anggaran"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mungkin informasi ini sudah tersedia" in html
    assert html.count("<li>") == 5


def test_it_answers_json_when_asked(client: Client, some: World) -> None:
    response = client.get(
        reverse("search:suggest"),
        {"q": "realisasi anggaran"},
        headers={"Accept": "application/json"},
    )
    results = response.json()["results"]
    assert 1 <= len(results) <= 5
    assert {"kind", "title", "url"} == set(results[0])


def test_it_includes_published_requests(client: Client, some: World) -> None:
    response = client.get(
        reverse("search:suggest"), {"q": "salinan dinas"}, headers={"Accept": "application/json"}
    )
    assert [item["kind"] for item in response.json()["results"]] == ["request"]


def test_it_marks_only_answered_requests_with_a_badge(client: Client, some: World) -> None:
    html = client.get(reverse("search:suggest"), {"q": "realisasi anggaran 3"}).content.decode()
    assert "Laporan realisasi anggaran 3" in html
    assert "badge" not in html
    html = client.get(reverse("search:suggest"), {"q": "salinan dinas"}).content.decode()
    assert '<span class="badge">Permohonan yang dijawab</span>' in html


def test_it_returns_nothing_for_nothing(client: Client, some: World) -> None:
    for q in ["", '"*"', "kapal selam nuklir"]:
        response = client.get(reverse("search:suggest"), {"q": q})
        assert response.status_code == 200
        assert "<li>" not in response.content.decode()
