from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import RequesterProfile, User
from terbuka.accounts.tests.helpers import link_in_last_mail, registration_data


def test_it_shows_the_form_in_indonesian(client: Client, db: Any) -> None:
    response = client.get(reverse("accounts:register"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Daftar sebagai pemohon informasi" in content
    assert "Jenis pemohon" in content
    assert "Kelompok orang" in content


def test_it_registers_verifies_and_sends_back_to_next(client: Client, register: Any) -> None:
    response = register("?next=/permohonan/baru/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verification_sent")

    user = User.objects.get(username="warga.baru")
    assert not user.email_verified
    assert user.requester_profile.full_name == "Warga Baru"
    assert user.requester_profile.requester_type == "individual"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["warga.baru@example.test"]
    assert "Verifikasi" in mail.outbox[0].subject

    # Not logged in until the address is verified.
    assert "_auth_user_id" not in client.session

    link = link_in_last_mail()
    assert link.startswith("/akun/verifikasi/")
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/permohonan/baru/"
    user.refresh_from_db()
    assert user.email_verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_sends_to_the_profile_without_next(client: Client, register: Any) -> None:
    register()
    response = client.get(link_in_last_mail())
    assert response["Location"] == reverse("accounts:profile")


def test_it_refuses_a_duplicate_email_whatever_its_case(client: Client, register: Any) -> None:
    register()
    mail.outbox.clear()
    response = register(username="orang.lain", email="WARGA.Baru@Example.TEST")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["email"] == [
        "Alamat e-mail ini sudah terdaftar. Silakan masuk atau atur ulang kata sandi."
    ]
    assert not User.objects.filter(username="orang.lain").exists()
    assert User.objects.count() == 1
    assert RequesterProfile.objects.count() == 1
    assert mail.outbox == []


def test_it_refuses_a_duplicate_username_whatever_its_case(register: Any) -> None:
    register()
    response = register(username="Warga.Baru", email="lain@example.test")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert User.objects.count() == 1


def test_it_keeps_what_was_typed_when_the_passwords_differ(register: Any) -> None:
    response = register(password2="lain-sekali-987")
    assert response.status_code == 200
    content = response.content.decode()
    assert "password2" in response.context["form"].errors
    assert 'value="warga.baru@example.test"' in content
    assert 'value="Warga Baru"' in content
    assert User.objects.count() == 0


def test_it_ignores_an_open_redirect_in_next(client: Client, register: Any) -> None:
    register("?next=https://evil.example/phish")
    link = link_in_last_mail()
    assert "evil.example" not in link
    response = client.get(link)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == reverse("accounts:profile")


def test_it_does_not_carry_a_protocol_relative_next_into_the_form(client: Client, db: Any) -> None:
    response = client.get(reverse("accounts:register") + "?next=//evil.example/")
    assert response.context["next"] == ""
    assert 'name="next" value="//evil.example/"' not in response.content.decode()


def test_it_keeps_the_email_out_of_every_url(client: Client, register: Any) -> None:
    response = register("?next=/permohonan/baru/")
    assert "warga.baru" not in response["Location"]
    assert "warga.baru" not in link_in_last_mail()


def test_it_sends_a_logged_in_user_on(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.get(reverse("accounts:register") + "?next=/permohonan/baru/")
    assert response.status_code == 302
    assert response["Location"] == "/permohonan/baru/"


def test_it_requires_every_field(client: Client, db: Any) -> None:
    response = client.post(reverse("accounts:register"), registration_data(full_name="  "))
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert User.objects.count() == 0


def test_it_writes_the_verification_mail_in_the_language_the_visitor_chose(
    client: Client, register: Any
) -> None:
    client.cookies["django_language"] = "en"
    register()
    (message,) = mail.outbox
    assert message.subject == "Verify your e-mail address on Terbuka"
    assert "Thank you for registering" in message.body


def test_it_registers_the_account_even_when_the_mail_server_refuses(
    client: Client, transactional_db: Any, mail_server_down: None, caplog: Any
) -> None:
    # A real commit, so the mail goes out inside the request as in production: before,
    # the refusal escaped the view as a 500 after the account was already created.
    response = client.post(reverse("accounts:register"), registration_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verification_sent")
    user = User.objects.get(username="warga.baru")
    assert mail.outbox == []
    assert f"accounts.verify_email (user {user.pk}) to 1 recipient(s) not sent" in caplog.text
    assert "warga.baru@example.test" not in caplog.text
    assert "Warga Baru" not in caplog.text
