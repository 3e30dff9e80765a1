"""Registration and password-reset forms against bots and floods (issue #5)."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import User
from terbuka.accounts.tests.helpers import registration_data

REGISTER = reverse("accounts:register")
RESET = reverse("accounts:password_reset")


def test_registration_has_a_honeypot_that_people_do_not_see(client: Client, db: Any) -> None:
    page = client.get(REGISTER).content.decode()
    assert 'name="situs_web"' in page
    assert "hp-field" in page
    assert "Jangan isi kolom ini" in page


def test_registration_refuses_a_bot_that_fills_the_honeypot(client: Client, db: Any) -> None:
    response = client.post(REGISTER, registration_data(situs_web="https://spam.example/"))
    assert response.status_code == 200
    assert "Formulir tidak dapat diproses" in response.content.decode()
    assert not User.objects.filter(username="warga.baru").exists()
    assert not mail.outbox


def test_registration_is_limited_per_address(client: Client, db: Any) -> None:
    for number in range(10):
        response = client.post(
            REGISTER,
            registration_data(username=f"warga{number}", email=f"warga{number}@example.test"),
        )
        assert response.status_code == 302
    response = client.post(
        REGISTER, registration_data(username="warga.lagi", email="warga.lagi@example.test")
    )
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not User.objects.filter(username="warga.lagi").exists()
    # Another address still may.
    other = Client(REMOTE_ADDR="192.0.2.10")
    response = other.post(
        REGISTER, registration_data(username="warga.lagi", email="warga.lagi@example.test")
    )
    assert response.status_code == 302


def test_password_reset_is_limited_per_address(client: Client, world: Any) -> None:
    for number in range(10):
        response = client.post(RESET, {"email": f"siapa{number}@example.test"})
        assert response.status_code == 302
    response = client.post(RESET, {"email": "pemohon.satu@example.test"})
    assert response.status_code == 429
    assert not mail.outbox


def test_password_reset_mails_an_account_at_most_three_times_an_hour(
    world: Any, frozen: Any
) -> None:
    for number in range(5):
        visitor = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        response = visitor.post(RESET, {"email": "pemohon.satu@example.test"})
        # The page answers the same way: it tells nothing about the account.
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 3
    frozen.shift(3600)
    Client(REMOTE_ADDR="192.0.2.50").post(RESET, {"email": "pemohon.satu@example.test"})
    assert len(mail.outbox) == 4
