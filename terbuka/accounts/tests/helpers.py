"""Helpers for the accounts tests: a registration as a visitor fills it in."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.testing import PASSWORD


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


def code_for(device: Any) -> str:
    """The code an authenticator app holding this device's secret shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(user: Any) -> Any:
    """Give the user a confirmed authenticator, as the enrolment page does."""
    return TOTPDevice.objects.create(user=user, name="aplikasi autentikator", confirmed=True)
