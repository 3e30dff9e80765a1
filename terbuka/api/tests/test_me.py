"""A requester's own requests through the API, with his session."""

from __future__ import annotations

import pytest
from django.test import Client

from terbuka.testing import World, submit_request

pytestmark = pytest.mark.django_db


def test_it_shows_a_requester_his_own_requests(client: Client, world: World) -> None:
    mine = submit_request(world)
    submit_request(world, user=world.other_requester)
    client.force_login(world.requester)
    answer = client.get("/api/v1/me/requests/").json()
    assert [item["number"] for item in answer] == [mine.number]
    assert answer[0]["status"] == "received"
    assert client.get(f"/api/v1/me/requests/{mine.public_id}/").status_code == 200


def test_it_hides_another_requesters_request(client: Client, world: World) -> None:
    theirs = submit_request(world, user=world.other_requester)
    client.force_login(world.requester)
    assert client.get(f"/api/v1/me/requests/{theirs.public_id}/").status_code == 404


def test_it_asks_a_visitor_to_log_in(client: Client, world: World) -> None:
    response = client.get("/api/v1/me/requests/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
