from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.accounts.tests.helpers import registration_data


@pytest.fixture
def register(
    client: Client, db: Any, django_capture_on_commit_callbacks: Any
) -> Callable[..., Any]:
    """POST the registration form; mails queued with ``on_commit`` are sent."""

    def post(query: str = "", **overrides: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:register") + query, registration_data(**overrides))

    return post


@pytest.fixture
def two_factor(settings: Any) -> None:
    """Officers must give a second factor, as in production (the suite turns it off)."""
    settings.TERBUKA_REQUIRE_OFFICER_2FA = True


@pytest.fixture
def frozen() -> Any:
    """Time stands still (codes are computed from it); ``frozen.shift(seconds)`` moves on."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as t:
        yield t
