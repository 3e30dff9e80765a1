"""A requester's personal API token (issue 15): made and revoked on his token page, it
reads his own requests through ``/api/v1/me/`` as his session does, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from terbuka.api import actions
from terbuka.api.models import ApiToken, PersonalToken
from terbuka.api.tests.conftest import bearer
from terbuka.audit.models import AuditRecord
from terbuka.privacy import actions as privacy_actions
from terbuka.privacy.models import SubjectRequestKind
from terbuka.testing import World, add_dpo, submit_request

pytestmark = pytest.mark.django_db

PAGE = "/akun/token-api/"


def issue(world: World, days: int = 30) -> tuple[PersonalToken, str]:
    return actions.issue_personal_token(actor=world.requester, name="Aplikasi ponsel", days=days)


def test_it_reads_the_owners_requests_with_his_token_and_not_anothers(
    client: Client, world: World
) -> None:
    mine = submit_request(world)
    theirs = submit_request(world, user=world.other_requester)
    _token, secret = issue(world)
    answer = client.get("/api/v1/me/requests/", **bearer(secret))
    assert answer.status_code == 200
    assert [item["number"] for item in answer.json()] == [mine.number]
    assert client.get(f"/api/v1/me/requests/{mine.public_id}/", **bearer(secret)).status_code == 200
    response = client.get(f"/api/v1/me/requests/{theirs.public_id}/", **bearer(secret))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_it_stores_only_a_hash_of_the_secret(world: World) -> None:
    token, secret = issue(world)
    token.refresh_from_db()
    assert secret.startswith(token.prefix)
    assert secret not in (token.key_hash, token.prefix, token.name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT prefix, key_hash, name FROM api_personaltoken")
        assert all(secret not in str(value) for row in cursor.fetchall() for value in row)


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(
    client: Client, world: World
) -> None:
    token, secret = issue(world)
    client.get("/api/v1/me/requests/", **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/me/requests/", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first


def test_it_refuses_a_revoked_token_and_says_so(client: Client, world: World) -> None:
    token, secret = issue(world)
    actions.revoke_personal_token(actor=world.requester, token=token)
    response = client.get("/api/v1/me/requests/", **bearer(secret))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert "dicabut" in response.json()["detail"]


def test_it_refuses_an_expired_token_and_says_so(client: Client, world: World) -> None:
    _token, secret = issue(world, days=30)
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        response = client.get("/api/v1/me/requests/", **bearer(secret))
    assert response.status_code == 401
    assert "kedaluwarsa" in response.json()["detail"]


def test_it_refuses_an_unknown_token_and_says_so(client: Client, world: World) -> None:
    response = client.get("/api/v1/me/requests/", **bearer("trb_" + "x" * 43))
    assert response.status_code == 401
    assert "tidak dikenal" in response.json()["detail"]


def test_it_refuses_the_token_of_a_closed_account_and_revokes_it_on_erasure(
    client: Client, world: World
) -> None:
    token, secret = issue(world)
    dpo = add_dpo("dpo.kalteng", world.province)
    (subject_request,) = privacy_actions.submit_subject_request(
        actor=world.requester, kind=SubjectRequestKind.ERASURE, close_account=True
    )
    privacy_actions.erase(actor=dpo, subject_request=subject_request)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/me/requests/", **bearer(secret)).status_code == 401


def test_it_refuses_a_personal_token_on_the_partner_endpoints(client: Client, world: World) -> None:
    _token, secret = issue(world)
    response = client.get(
        "/api/v1/partner/requests/00000000-0000-0000-0000-000000000000/", **bearer(secret)
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_it_refuses_a_partner_token_on_me(
    client: Client, world: World, partner: tuple[ApiToken, str]
) -> None:
    _token, secret = partner
    response = client.get("/api/v1/me/requests/", **bearer(secret))
    assert response.status_code == 401
    assert "pribadi" in response.json()["detail"]


def test_it_limits_the_calls_of_one_token(client: Client, world: World, settings: object) -> None:
    settings.API_TOKEN_RATE_LIMIT = 3  # type: ignore[attr-defined]
    _token, secret = issue(world)
    codes = [client.get("/api/v1/me/requests/", **bearer(secret)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_only_the_owner_revokes_a_token(world: World) -> None:
    token, _secret = issue(world)
    with pytest.raises(PermissionDenied):
        actions.revoke_personal_token(actor=world.other_requester, token=token)
    with pytest.raises(PermissionDenied):
        actions.revoke_personal_token(actor=world.admin, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_another_user_gets_not_found_on_the_revoke_button(client: Client, world: World) -> None:
    token, secret = issue(world)
    client.force_login(world.other_requester)
    response = client.post(reverse("personal_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    client.logout()
    assert client.get("/api/v1/me/requests/", **bearer(secret)).status_code == 200


def test_it_refuses_bad_names_validity_and_too_many_tokens(world: World) -> None:
    with pytest.raises(ValidationError):
        actions.issue_personal_token(actor=world.requester, name="  ", days=30)
    with pytest.raises(ValidationError):
        actions.issue_personal_token(actor=world.requester, name="Skrip", days=400)
    for number in range(actions.MAX_PERSONAL_TOKENS):
        actions.issue_personal_token(actor=world.requester, name=f"Token {number}", days=30)
    with pytest.raises(ValidationError, match="batas terbanyak"):
        actions.issue_personal_token(actor=world.requester, name="Satu lagi", days=30)


def test_the_page_requires_login(client: Client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_page_shows_the_secret_once_and_never_again(client: Client, world: World) -> None:
    client.force_login(world.requester)
    response = client.post(PAGE, {"name": "Aplikasi ponsel", "days": "90"})
    assert response.status_code == 200
    token = PersonalToken.objects.get(user=world.requester)
    page = response.content.decode()
    shown = re.search(r'id="new-token-secret" value="([^"]+)"', page)
    assert shown is not None
    secret = shown.group(1)
    assert secret.startswith(token.prefix)
    assert len(secret) > len(token.prefix) + 20
    assert "tidak akan ditampilkan lagi" in page
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=90)).date()
    # Not kept anywhere that survives the answer: the next page does not have it.
    again = client.get(PAGE).content.decode()
    assert secret not in again
    assert "Aplikasi ponsel" in again
    assert f"{token.prefix}…" in again
    assert client.get("/api/v1/me/requests/", **bearer(secret)).status_code == 200


def test_the_page_keeps_what_was_typed_when_the_form_is_wrong(client: Client, world: World) -> None:
    client.force_login(world.requester)
    response = client.post(PAGE, {"name": "", "days": "90"})
    assert response.status_code == 400
    assert "Beri nama token ini" in response.content.decode()
    response = client.post(PAGE, {"name": "Skrip saya", "days": "7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pilih masa berlaku 30, 90 atau 365 hari." in page
    assert 'value="Skrip saya"' in page
    assert not PersonalToken.objects.exists()


def test_the_page_lists_only_the_owners_tokens_and_revokes_one(
    client: Client, world: World
) -> None:
    token, secret = issue(world)
    actions.issue_personal_token(actor=world.other_requester, name="Milik Budi", days=30)
    client.force_login(world.requester)
    page = client.get(PAGE).content.decode()
    assert "Aplikasi ponsel" in page
    assert "Milik Budi" not in page
    response = client.post(reverse("personal_tokens:revoke", kwargs={"pk": token.pk}), follow=True)
    assert "sudah dicabut" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/me/requests/", **bearer(secret)).status_code == 401


def test_the_profile_links_to_the_token_page(client: Client, world: World) -> None:
    client.force_login(world.requester)
    assert PAGE in client.get(reverse("accounts:profile")).content.decode()


def test_it_audits_issue_and_revoke_without_the_secret(world: World) -> None:
    token, secret = issue(world)
    actions.revoke_personal_token(actor=world.requester, token=token)
    records = AuditRecord.objects.filter(action__startswith="api.personal_token.")
    assert sorted(records.values_list("action", flat=True)) == [
        "api.personal_token.issue",
        "api.personal_token.revoke",
    ]
    for record in records:
        assert record.summary == token.prefix
        assert secret not in json.dumps(record.detail) + record.summary


def test_the_schema_documents_both_ways_to_call_me(client: Client) -> None:
    schema = client.get("/api/v1/schema/").json()
    security = schema["paths"]["/api/v1/me/requests/"]["get"]["security"]
    assert {name for entry in security for name in entry} == {"RequesterSession", "RequesterToken"}
    assert schema["components"]["securitySchemes"]["RequesterToken"]["scheme"] == "bearer"
    assert client.get("/api/v1/docs/").status_code == 200
