"""Helpers for the accounts tests: a registration as a visitor fills it in."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    # PBKDF2 at full strength makes every persona cost a tenth of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def registration_data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "warga.baru",
        "email": "warga.baru@example.test",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "requester_type": "individual",
        "full_name": "Warga Baru",
    }
    data.update(overrides)
    return data


def link_in_last_mail() -> str:
    """The path (with query) of the first link in the last e-mail sent."""
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


@pytest.fixture
def register(
    client: Client, db: Any, django_capture_on_commit_callbacks: Any
) -> Callable[..., Any]:
    """POST the registration form; mails queued with ``on_commit`` are sent."""

    def post(query: str = "", **overrides: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:register") + query, registration_data(**overrides))

    return post
