from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.tests.helpers import link_in_last_mail

URL = reverse("accounts:password_reset")


def without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_it_does_not_reveal_an_unknown_email(client: Client, world: Any) -> None:
    known = client.post(URL, {"email": "pemohon.satu@example.test"})
    known_page = without_csrf(client.get(known["Location"]).content.decode())
    sent = len(mail.outbox)
    unknown = client.post(URL, {"email": "tidak.terdaftar@example.test"})
    unknown_page = without_csrf(client.get(unknown["Location"]).content.decode())
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert known_page == unknown_page
    assert "Jika alamat itu terdaftar" in unknown_page
    assert sent == 1
    assert len(mail.outbox) == 1


def test_it_resets_the_password_through_the_mailed_link(client: Client, world: Any) -> None:
    client.post(URL, {"email": "PEMOHON.SATU@example.test"})
    assert mail.outbox[0].to == ["pemohon.satu@example.test"]
    assert "kata sandi" in mail.outbox[0].body
    link = link_in_last_mail()
    assert link.startswith("/akun/kata-sandi/atur-ulang/")
    response = client.get(link)
    assert response.status_code == 302  # Django moves the token out of the URL
    form_url = response["Location"]
    response = client.post(
        form_url,
        {"new_password1": "kata-sandi-baru-456", "new_password2": "kata-sandi-baru-456"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    world.requester.refresh_from_db()
    assert world.requester.check_password("kata-sandi-baru-456")


def test_it_refuses_a_bad_link_in_indonesian(client: Client, world: Any) -> None:
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"})
    )
    assert response.status_code == 200
    assert "Tautan tidak berlaku" in response.content.decode()


def test_it_shows_the_form_in_indonesian(client: Client, db: Any) -> None:
    content = client.get(URL).content.decode()
    assert "Lupa kata sandi" in content
    assert "Alamat e-mail" in content
