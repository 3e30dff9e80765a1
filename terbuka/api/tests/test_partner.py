"""Partner systems with a token: submit requests, poll their status, push DIP entries;
scoped to the token's bodies and permissions; revoked and expired tokens refused."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from terbuka.api import actions
from terbuka.api.models import ApiToken
from terbuka.audit.models import AuditRecord
from terbuka.catalog.models import Entry
from terbuka.requests.models import InfoRequest
from terbuka.testing import NIK_DUA, World

from .conftest import bearer, issue

pytestmark = pytest.mark.django_db

REQUEST = {
    "body": "dinas-kesehatan",
    "idempotency_key": "sid-desa-0001",
    "channel": "walk_in",
    "identity": {
        "requester_type": "individual",
        "name": "Rahmat Hidayat",
        "nik": NIK_DUA,
        "address": "Jl. Yos Sudarso No. 3, Palangka Raya",
        "email": "rahmat@example.test",
    },
    "subject": "Data jumlah posyandu aktif per desa tahun 2025",
    "how_to_obtain": "softcopy",
    "delivery": "email",
}

ENTRY = {
    "category": "berkala",
    "title": "APBDes Desa Uji 2026",
    "summary": "Anggaran pendapatan dan belanja desa tahun 2026.",
    "holder": "Sekretaris Desa",
    "responsible": "Kepala Desa",
    "created_when": "Januari 2026",
    "retention": "5 tahun",
    "tags": ["anggaran", "desa"],
}


def post(client: Client, url: str, data: dict[str, Any], secret: str) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(secret))


def put(client: Client, url: str, data: dict[str, Any], secret: str) -> Any:
    return client.put(url, json.dumps(data), content_type="application/json", **bearer(secret))


@pytest.fixture
def request_data(world: World) -> dict[str, Any]:
    return {**REQUEST, "body": world.agency_a.slug}


def test_it_registers_a_partners_request_with_number_and_due_date(
    client: Client,
    world: World,
    partner: tuple[ApiToken, str],
    request_data: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _token, secret = partner
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "/api/v1/partner/requests/", request_data, secret)
    assert response.status_code == 201, response.content
    answer = response.json()
    info_request = InfoRequest.objects.get(public_id=answer["id"])
    assert answer["number"] == info_request.number != ""
    assert answer["due_date"] == info_request.due_date.isoformat()
    assert info_request.requester_nik == NIK_DUA
    # The requester is told as for any request: the receipt goes to his e-mail.
    assert any("rahmat@example.test" in message.to for message in mail.outbox)


def test_it_returns_the_first_request_when_the_same_key_is_sent_again(
    client: Client, partner: tuple[ApiToken, str], request_data: dict[str, Any]
) -> None:
    _token, secret = partner
    first = post(client, "/api/v1/partner/requests/", request_data, secret)
    again = post(client, "/api/v1/partner/requests/", request_data, secret)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["number"] == first.json()["number"]
    assert InfoRequest.objects.count() == 1


def test_it_refuses_an_invalid_nik_as_the_form_does(
    client: Client, partner: tuple[ApiToken, str], request_data: dict[str, Any]
) -> None:
    _token, secret = partner
    data = {**request_data, "identity": {**request_data["identity"], "nik": "1234567890123456"}}
    response = post(client, "/api/v1/partner/requests/", data, secret)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert "NIK tidak valid" in problem["detail"]
    assert "1234567890123456" not in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_it_refuses_a_request_without_a_name(
    client: Client, partner: tuple[ApiToken, str], request_data: dict[str, Any]
) -> None:
    _token, secret = partner
    data = {**request_data, "identity": {**request_data["identity"], "name": ""}}
    response = post(client, "/api/v1/partner/requests/", data, secret)
    assert response.status_code == 422
    assert response.json()["status"] == 422


def test_it_lets_a_partner_poll_only_its_own_submissions(
    client: Client, world: World, partner: tuple[ApiToken, str], request_data: dict[str, Any]
) -> None:
    _token, secret = partner
    created = post(client, "/api/v1/partner/requests/", request_data, secret).json()
    status = client.get(f"/api/v1/partner/requests/{created['id']}/", **bearer(secret))
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    _other, other_secret = issue(world)
    refused = client.get(f"/api/v1/partner/requests/{created['id']}/", **bearer(other_secret))
    assert refused.status_code == 404


def test_a_token_of_body_a_cannot_write_or_read_body_b(
    client: Client, world: World, partner: tuple[ApiToken, str], request_data: dict[str, Any]
) -> None:
    # The Utama serves both agencies, but this token is scoped to agency A only.
    _token, secret = partner
    data = {**request_data, "body": world.agency_b.slug}
    assert post(client, "/api/v1/partner/requests/", data, secret).status_code == 404
    url = f"/api/v1/partner/bodies/{world.agency_b.slug}/dip/desa-1/"
    assert put(client, url, ENTRY, secret).status_code == 404
    assert not InfoRequest.objects.exists()
    assert not Entry.objects.filter(body=world.agency_b).exists()
    # A request of agency B submitted by a token of agency B is not readable with A's.
    _token_b, secret_b = issue(world, bodies=[world.agency_b])
    created = post(client, "/api/v1/partner/requests/", data, secret_b).json()
    assert (
        client.get(f"/api/v1/partner/requests/{created['id']}/", **bearer(secret)).status_code
        == 404
    )


def test_it_refuses_a_call_the_tokens_permissions_do_not_name(
    client: Client, world: World, request_data: dict[str, Any]
) -> None:
    _token, secret = issue(world, can_push_dip=True)
    response = post(client, "/api/v1/partner/requests/", request_data, secret)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("how", ["revoked", "expired", "unknown", "missing"])
def test_it_refuses_revoked_expired_and_unknown_tokens(
    client: Client,
    world: World,
    partner: tuple[ApiToken, str],
    request_data: dict[str, Any],
    how: str,
) -> None:
    token, secret = partner
    headers = bearer(secret)
    if how == "revoked":
        actions.revoke_token(actor=world.admin, token=token)
    elif how == "unknown":
        headers = bearer("trb_" + "x" * 43)
    elif how == "missing":
        headers = {}
    with time_machine.travel(timezone.now() + dt.timedelta(days=31 if how == "expired" else 0)):
        response = client.post(
            "/api/v1/partner/requests/",
            json.dumps(request_data),
            content_type="application/json",
            **headers,
        )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert not InfoRequest.objects.exists()


def test_it_stores_only_a_hash_of_the_token(partner: tuple[ApiToken, str]) -> None:
    token, secret = partner
    token.refresh_from_db()
    assert secret not in (token.key_hash, token.prefix)
    assert secret.startswith(token.prefix)


def test_it_limits_the_calls_of_one_token(
    client: Client, world: World, partner: tuple[ApiToken, str], settings: Any
) -> None:
    settings.API_TOKEN_RATE_LIMIT = 3
    _token, secret = partner
    url = "/api/v1/partner/requests/00000000-0000-0000-0000-000000000000/"
    codes = [client.get(url, **bearer(secret)).status_code for _ in range(4)]
    assert codes[-1] == 429
    # Another token is not slowed down by the first one's calls.
    _other, other_secret = issue(world)
    assert (
        client.get(
            "/api/v1/partner/requests/00000000-0000-0000-0000-000000000000/", **bearer(other_secret)
        ).status_code
        == 404
    )


def test_it_audits_every_call_with_a_token(client: Client, partner: tuple[ApiToken, str]) -> None:
    token, secret = partner
    client.get("/api/v1/partner/requests/00000000-0000-0000-0000-000000000000/", **bearer(secret))
    record = AuditRecord.objects.filter(action="api.call").get()
    assert record.detail["token"] == token.prefix
    assert secret not in json.dumps(record.detail)


def test_it_pushes_dip_entries_idempotently_on_the_partners_id(
    client: Client, world: World, partner: tuple[ApiToken, str]
) -> None:
    _token, secret = partner
    url = f"/api/v1/partner/bodies/{world.agency_a.slug}/dip/apbdes-2026/"
    first = put(client, url, ENTRY, secret)
    assert first.status_code == 201, first.content
    assert first.json()["entry"]["title"] == "APBDes Desa Uji 2026"
    again = put(client, url, {**ENTRY, "title": "APBDes Desa Uji 2026 (perubahan)"}, secret)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    entry = Entry.objects.get(body=world.agency_a, source_key="apbdes-2026")
    assert entry.title == "APBDes Desa Uji 2026 (perubahan)"
    assert entry.tags == "anggaran, desa"


def test_it_refuses_to_issue_a_token_beyond_the_accounts_roles(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        issue(world, user=world.pelaksana_b, bodies=[world.agency_a])
