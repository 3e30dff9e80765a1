from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from terbuka.api import actions
from terbuka.api.models import ApiToken
from terbuka.testing import World


def issue(
    world: World, *, user: Any = None, bodies: Any = None, **flags: bool
) -> tuple[ApiToken, str]:
    """A token issued by the admin through the action: the utama's for agency A by default."""
    return actions.issue_token(
        actor=world.admin,
        name="SID Desa Uji",
        user=user or world.utama,
        bodies=bodies if bodies is not None else [world.agency_a],
        expires_at=timezone.now() + dt.timedelta(days=30),
        **(flags or {"can_submit_requests": True, "can_read_status": True, "can_push_dip": True}),
    )


@pytest.fixture
def partner(world: World) -> tuple[ApiToken, str]:
    return issue(world)


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# The headless Chromium page of the request journeys, for the token page's journey.
from terbuka.requests.tests.conftest import browser_page  # noqa: E402

__all__ = ["bearer", "browser_page", "issue", "partner"]
