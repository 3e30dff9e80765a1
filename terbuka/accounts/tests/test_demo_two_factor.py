"""The demo officers log in with the TOTP secret the README publishes (issue #5)."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.bodies import demo

pytestmark = pytest.mark.usefixtures("two_factor")

README_SECRET = "JBSWY3DPEHPK3PXP"


def current_code() -> str:
    """What an authenticator app holding the README's secret shows now."""
    return f"{totp(base64.b32decode(README_SECRET)):06d}"


def test_a_demo_officer_logs_in_with_the_documented_secret(db: Any, frozen: Any) -> None:
    demo.seed(io.StringIO())
    client = Client()
    inbox = reverse("requests:inbox")
    response = client.post(
        reverse("accounts:login"),
        {"username": "pelaksana.dinkes", "password": demo.DEMO_PASSWORD, "next": inbox},
    )
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    response = client.post(reverse("accounts:otp_verify"), {"token": current_code(), "next": inbox})
    assert response["Location"] == inbox
    assert client.get(inbox).status_code == 200


def test_the_demo_admin_reaches_the_admin_site_with_it(db: Any, frozen: Any) -> None:
    demo.seed(io.StringIO())
    client = Client()
    client.post(reverse("accounts:login"), {"username": "admin", "password": demo.DEMO_PASSWORD})
    assert client.get("/admin/").status_code == 302
    client.post(reverse("accounts:otp_verify"), {"token": current_code()})
    assert client.get("/admin/").status_code == 200


def test_seeding_twice_keeps_one_authenticator_and_the_same_recovery_codes(db: Any) -> None:
    demo.seed(io.StringIO())
    codes = set(StaticToken.objects.values_list("token", flat=True))
    devices = set(TOTPDevice.objects.values_list("pk", flat=True))
    demo.seed(io.StringIO())
    assert set(StaticToken.objects.values_list("token", flat=True)) == codes
    assert set(TOTPDevice.objects.values_list("pk", flat=True)) == devices
    officers = len(demo.OFFICERS) + 1  # and the admin
    assert TOTPDevice.objects.filter(confirmed=True).count() == officers
    assert StaticDevice.objects.count() == officers
    assert len(codes) == officers * 10
    # Requesters are not enrolled: for them it is a choice.
    assert not TOTPDevice.objects.filter(user__username__startswith="pemohon").exists()
