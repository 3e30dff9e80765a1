from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import User
from terbuka.accounts.tests.helpers import link_in_last_mail
from terbuka.testing import PASSWORD

LOGIN = reverse("accounts:login")


def test_it_logs_in_with_the_username(client: Client, world: Any) -> None:
    response = client.post(LOGIN, {"username": "pemohon.satu", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.requester.pk)


def test_it_logs_in_with_the_email_in_any_case(client: Client, world: Any) -> None:
    response = client.post(
        LOGIN + "?next=/permohonan/baru/",
        {
            "username": "Pemohon.Satu@Example.TEST",
            "password": PASSWORD,
            "next": "/permohonan/baru/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/permohonan/baru/"
    assert client.session["_auth_user_id"] == str(world.requester.pk)


def test_it_refuses_a_wrong_password_in_indonesian(client: Client, world: Any) -> None:
    response = client.post(LOGIN, {"username": "pemohon.satu", "password": "salah"})
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_unverified_email_and_offers_to_resend(
    client: Client, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    register()
    mail.outbox.clear()
    response = client.post(LOGIN, {"username": "warga.baru", "password": PASSWORD})
    assert response.status_code == 200
    content = response.content.decode()
    assert "E-mail Anda belum diverifikasi" in content
    assert reverse("accounts:resend_verification") in content
    assert "_auth_user_id" not in client.session

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_verification"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["warga.baru@example.test"]
    client.get(link_in_last_mail())
    assert client.session["_auth_user_id"] == str(User.objects.get(username="warga.baru").pk)


def test_it_does_not_tell_an_unverified_account_with_a_wrong_password(
    client: Client, register: Any
) -> None:
    register()
    response = client.post(LOGIN, {"username": "warga.baru", "password": "salah-sekali"})
    assert "belum diverifikasi" not in response.content.decode()


def test_it_lets_an_officer_created_by_an_admin_in(client: Client, world: Any) -> None:
    # Officers' addresses are vouched for by the administrator who created them.
    User.objects.filter(pk=world.pelaksana_a.pk).update(email_verified=False)
    response = client.post(LOGIN, {"username": "pelaksana.a", "password": PASSWORD})
    assert response.status_code == 302


def test_it_refuses_an_open_redirect(client: Client, world: Any) -> None:
    response = client.post(
        LOGIN,
        {"username": "pemohon.satu", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_it_refuses_an_inactive_account(client: Client, world: Any) -> None:
    User.objects.filter(pk=world.requester.pk).update(is_active=False)
    response = client.post(LOGIN, {"username": "pemohon.satu", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_logs_out_only_with_post(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
