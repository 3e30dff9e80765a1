"""Issuing and revoking partner tokens in the admin."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from terbuka.api import tokens
from terbuka.api.models import ApiToken
from terbuka.testing import World

from .conftest import issue

pytestmark = pytest.mark.django_db


def test_it_issues_a_token_and_shows_it_once(client: Client, world: World) -> None:
    client.force_login(world.admin)
    expires = timezone.localtime() + dt.timedelta(days=90)
    response = client.post(
        "/admin/api/apitoken/add/",
        {
            "name": "SID Desa Uji",
            "user": world.utama.pk,
            "bodies": [world.agency_a.pk],
            "can_submit_requests": "on",
            "expires_at_0": expires.date().isoformat(),
            "expires_at_1": "10:00:00",
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = re.findall(r"trb_[A-Za-z0-9_-]{43}", response.content.decode())
    assert len(shown) == 1
    token = ApiToken.objects.get()
    assert token.key_hash == tokens.hash_secret(shown[0])
    assert list(token.bodies.all()) == [world.agency_a]
    # Never again: the token's own page shows only its prefix.
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert shown[0] not in page
    assert token.prefix in page


def test_it_refuses_a_scope_beyond_the_accounts_roles_on_the_form(
    client: Client, world: World
) -> None:
    client.force_login(world.admin)
    expires = timezone.localtime() + dt.timedelta(days=90)
    response = client.post(
        "/admin/api/apitoken/add/",
        {
            "name": "SID Desa Uji",
            "user": world.pelaksana_b.pk,
            "bodies": [world.agency_a.pk],
            "can_push_dip": "on",
            "expires_at_0": expires.date().isoformat(),
            "expires_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert "tidak dapat mengelola DIP" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_revokes_tokens_from_the_list(client: Client, world: World) -> None:
    token, secret = issue(world)
    client.force_login(world.admin)
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    answer = client.get(
        "/api/v1/partner/requests/00000000-0000-0000-0000-000000000000/",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert answer.status_code == 401
