"""A disposisi is not recorded as done when the unit never submitted its draft."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.requests.models import Disposition
from terbuka.testing import draft_answer, forward_to_a, grant_request, submit_request


def officer_page(client: Client, world: Any, info_request: Any) -> str:
    client.force_login(world.utama)
    url = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    return client.get(url).content.decode()


def test_it_shows_a_disposisi_without_a_draft_as_closed_without_one(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    disposition = forward_to_a(world, info_request)
    grant_request(world.utama, info_request)  # the Utama answers without the unit's draft
    disposition.refresh_from_db()
    assert disposition.state == Disposition.State.LAPSED
    html = officer_page(client, world, info_request)
    assert "Ditutup tanpa draf" in html
    assert '<span class="badge">Selesai</span>' not in html


def test_it_shows_a_drafted_disposisi_as_done(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    disposition = forward_to_a(world, info_request)
    draft_answer(world, disposition)
    grant_request(world.utama, info_request)
    disposition.refresh_from_db()
    assert disposition.state == Disposition.State.CLOSED
    html = officer_page(client, world, info_request)
    assert '<span class="badge">Selesai</span>' in html
    assert "Ditutup tanpa draf" not in html
