from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.tests.helpers import link_in_last_mail

URL = reverse("accounts:resend_verification")


def test_it_resends_to_an_unverified_address(
    client: Client, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    register()
    mail.outbox.clear()
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(URL, {"email": "WARGA.BARU@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_it_answers_the_same_for_an_unknown_or_verified_address(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(URL, {"email": "tidak.ada@example.test"})
        verified = client.post(URL, {"email": "pemohon.satu@example.test"})
    assert unknown.status_code == verified.status_code == 302
    assert unknown["Location"] == verified["Location"]
    assert mail.outbox == []


def test_it_asks_for_an_address_without_a_pending_login(client: Client, db: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()
    response = client.post(URL, {"email": "bukan-email"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_it_keeps_next_from_the_registration(
    client: Client, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    register("?next=/permohonan/baru/")
    mail.outbox.clear()
    content = client.get(URL).content.decode()
    assert 'name="email"' not in content  # the session knows who is waiting
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)
    response = client.get(link_in_last_mail())
    assert response["Location"] == "/permohonan/baru/"


def test_it_sends_at_most_one_mail_a_minute(
    client: Client, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    register()
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _attempt in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(URL, {"email": "warga.baru@example.test"})
            assert response["Location"] == reverse("accounts:verification_sent")
        assert len(mail.outbox) == 1
        clock.shift(61)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL, {"email": "warga.baru@example.test"})
        assert len(mail.outbox) == 2
