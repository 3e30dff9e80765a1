"""Helpers for the accounts tests: a registration as a visitor fills it in."""

from __future__ import annotations

import re

from django.core import mail

from terbuka.conftest import PASSWORD

__all__ = ["PASSWORD", "link_in_last_mail", "registration_data"]


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
