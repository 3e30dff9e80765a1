"""A NUL character (U+0000) in an address, a filter or a partner's JSON gets a 400 with a
message, never a 500: PostgreSQL cannot compare or store text that holds one (found by
Schemathesis against the live API through nginx). Runs on both databases in CI."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from terbuka.api.tests.conftest import bearer, issue
from terbuka.requests.models import InfoRequest
from terbuka.testing import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/dip/?badan=%00", "/permohonan/?badan=a%00b", "/cari/?q=jalan%00", "/badan-publik/%00/"],
)
def test_a_page_with_a_nul_in_its_address_says_it_cannot_be_processed(
    client: Client, world: World, url: str
) -> None:
    response = client.get(url)

    assert response.status_code == 400
    assert "karakter NUL (U+0000)" in response.content.decode()


def test_the_api_answers_a_nul_in_a_filter_with_a_problem(client: Client, world: World) -> None:
    response = client.get("/api/v1/exemptions/?body=%F3%B7%00X")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "karakter NUL" in response.json()["detail"]


def test_a_partners_request_with_a_nul_is_refused_and_nothing_is_saved(
    client: Client, world: World
) -> None:
    _token, secret = issue(world)
    data = {
        "body": world.agency_a.slug,
        "idempotency_key": "sid-nul-1",
        "channel": "walk_in",
        "identity": {"requester_type": "individual", "name": "Rahmat\u0000 Hidayat"},
        "subject": "Data posyandu",
        "how_to_obtain": "softcopy",
        "delivery": "email",
    }

    response = client.post(
        "/api/v1/partner/requests/",
        json.dumps(data),
        content_type="application/json",
        **bearer(secret),
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not InfoRequest.objects.exists()


def test_a_form_with_a_nul_in_a_field_gets_a_message_not_a_server_error(
    client: Client, world: World
) -> None:
    # As a browser sends a form without files (URL-encoded): refused before the view.
    encoded = client.post(
        "/akun/masuk/",
        "username=pemohon%00&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    # As multipart: the form itself refuses the NUL (Django's forms do) and says so.
    multipart = client.post("/akun/masuk/", {"username": "pemohon\x00", "password": "x"})

    assert encoded.status_code == 400
    assert "karakter NUL (U+0000)" in encoded.content.decode()
    assert multipart.status_code == 200
    assert "pemohon" in multipart.content.decode()


def test_ordinary_requests_pass(client: Client, world: World) -> None:
    assert client.get("/dip/?badan=" + world.agency_a.slug).status_code == 200
    assert client.get("/api/v1/exemptions/").status_code == 200
