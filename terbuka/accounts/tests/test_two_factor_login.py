"""The second step of login for officers (issue #5): code, recovery codes, enrolment."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts.tests.helpers import code_for, enrol
from terbuka.audit.models import AuditRecord
from terbuka.testing import PASSWORD

pytestmark = pytest.mark.usefixtures("two_factor")

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:otp_enrol")
INBOX = reverse("requests:inbox")


def password_step(client: Client, username: str, next_url: str = INBOX) -> Any:
    return client.post(
        LOGIN + "?" + urlencode({"next": next_url}),
        {"username": username, "password": PASSWORD, "next": next_url},
    )


def test_it_asks_an_officer_for_the_code_after_the_password(
    client: Client, world: Any, frozen: Any
) -> None:
    enrol(world.pelaksana_a)
    response = password_step(client, "pelaksana.a")
    assert response["Location"] == VERIFY + "?" + urlencode({"next": INBOX})
    page = client.get(response["Location"]).content.decode()
    assert "Verifikasi dua langkah" in page
    assert "kode 6 angka" in page


def test_it_keeps_an_officer_with_only_the_password_out_of_officer_pages(
    client: Client, world: Any, frozen: Any
) -> None:
    enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")
    # Another officer page, a POST too, and his profile: the same answer.
    assert client.post(reverse("catalog:dashboard")).status_code == 302
    assert client.get(reverse("accounts:profile"))["Location"].startswith(VERIFY)


def test_it_keeps_an_admin_with_only_the_password_out_of_the_admin_site(
    client: Client, world: Any, frozen: Any
) -> None:
    enrol(world.admin)
    client.force_login(world.admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?" + urlencode({"next": "/admin/"})
    assert client.get("/admin/accounts/user/").status_code == 302


def test_it_lets_the_officer_in_with_the_code_and_records_it(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    code = code_for(device)
    response = client.post(VERIFY, {"token": code, "next": INBOX})
    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert client.get(INBOX).status_code == 200
    assert client.get("/admin/").status_code == 302  # not staff: the admin's own login
    actions = list(
        AuditRecord.objects.filter(actor=world.pelaksana_a)
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["account.login", "account.otp_verified"]
    for row in AuditRecord.objects.all():
        assert code not in str(row.detail) + row.summary
        assert PASSWORD not in str(row.detail) + row.summary
    assert AuditRecord.objects.get(action="account.otp_verified").ip_address == "127.0.0.1"


def test_it_lets_a_verified_admin_into_the_admin_site(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.admin)
    client.force_login(world.admin)
    client.post(VERIFY, {"token": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_it_refuses_a_wrong_code_in_indonesian_and_records_it(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong, "next": INBOX})
    assert response.status_code == 200
    assert "Kode salah atau sudah kedaluwarsa" in response.content.decode()
    assert client.get(INBOX).status_code == 302
    failure = AuditRecord.objects.get(action="account.otp_failed")
    assert failure.actor == world.pelaksana_a
    assert wrong not in str(failure.detail) + failure.summary


def test_it_makes_a_guesser_wait_longer_after_each_wrong_code(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    for _attempt in range(3):
        frozen.shift(30)
        client.post(VERIFY, {"token": f"{(int(code_for(device)) + 1) % 1_000_000:06d}"})
    # Even the right code waits out the pause that follows the wrong ones (4 seconds).
    response = client.post(VERIFY, {"token": code_for(device)})
    assert "Terlalu banyak kode salah" in response.content.decode()
    assert client.get(INBOX).status_code == 302
    frozen.shift(5)
    response = client.post(VERIFY, {"token": code_for(device), "next": INBOX})
    assert response["Location"] == INBOX


def test_it_refuses_a_code_that_was_already_used(client: Client, world: Any, frozen: Any) -> None:
    device = enrol(world.pelaksana_a)
    code = code_for(device)
    password_step(client, "pelaksana.a")
    client.post(VERIFY, {"token": code})
    other = Client()
    password_step(other, "pelaksana.a")
    response = other.post(VERIFY, {"token": code})
    assert response.status_code == 200
    assert other.get(INBOX).status_code == 302


def test_it_enrols_an_officer_on_first_login(client: Client, world: Any, frozen: Any) -> None:
    response = password_step(client, "pelaksana.a")
    response = client.get(response["Location"])
    assert response["Location"] == ENROL + "?" + urlencode({"next": INBOX})
    page = client.get(response["Location"]).content.decode()
    assert "Aktifkan verifikasi dua langkah" in page
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=world.pelaksana_a)
    assert not device.confirmed
    secret = re.search(r'<code id="otp-secret">([A-Z2-7]+)</code>', page)
    assert secret is not None
    # Reloading shows the same secret: the app the officer just set up stays valid.
    assert secret.group(1) in client.get(ENROL).content.decode()
    assert client.get(INBOX).status_code == 302  # not before the code is confirmed

    response = client.post(ENROL, {"token": code_for(device), "next": INBOX})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kode pemulihan" in page
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=world.pelaksana_a).values_list("token", flat=True)
    )
    assert client.get(INBOX).status_code == 200
    assert AuditRecord.objects.filter(
        action="account.otp_enrolled", actor=world.pelaksana_a
    ).exists()
    # Shown once: the profile says how many are left, not which.
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Sisa 10 kode pemulihan" in profile
    assert codes[0] not in profile


def test_it_refuses_a_wrong_code_at_enrolment(client: Client, world: Any, frozen: Any) -> None:
    password_step(client, "pelaksana.a")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=world.pelaksana_a)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert "Kode salah atau sudah kedaluwarsa" in response.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditRecord.objects.filter(action="account.otp_failed").exists()


def test_it_does_not_let_someone_with_only_the_password_replace_the_authenticator(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    response = client.post(ENROL, {"token": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=world.pelaksana_a)) == [device]


def test_a_recovery_code_works_once(client: Client, world: Any, frozen: Any) -> None:
    password_step(client, "pelaksana.a")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=world.pelaksana_a)
    page = client.post(ENROL, {"token": code_for(device)}).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    client.post(reverse("accounts:logout"))

    password_step(client, "pelaksana.a")
    response = client.post(VERIFY, {"token": codes[3].upper(), "next": INBOX}, follow=True)
    assert response.redirect_chain[0][0] == INBOX
    assert "Sisa kode pemulihan: 9" in response.content.decode()
    used = AuditRecord.objects.get(action="account.recovery_code_used")
    assert used.detail == {"remaining": 9}
    client.post(reverse("accounts:logout"))

    password_step(client, "pelaksana.a")
    response = client.post(VERIFY, {"token": codes[3]})
    assert "Kode salah" in response.content.decode()
    assert StaticToken.objects.filter(device__user=world.pelaksana_a).count() == 9
    assert client.get(INBOX).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client: Client, world: Any, frozen: Any) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    client.post(VERIFY, {"token": code_for(device)})
    first = client.post(reverse("accounts:otp_recovery_codes")).content.decode()
    second = client.post(reverse("accounts:otp_recovery_codes")).content.decode()
    old = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", first)
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", second)
    assert len(new) == 10
    assert not set(old) & set(new)
    assert StaticToken.objects.filter(device__user=world.pelaksana_a).count() == 10


def test_an_officer_cannot_switch_it_off(client: Client, world: Any, frozen: Any) -> None:
    device = enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    client.post(VERIFY, {"token": code_for(device)})
    assert "Nonaktifkan" not in client.get(reverse("accounts:profile")).content.decode()
    frozen.shift(30)
    response = client.post(reverse("accounts:otp_disable"), {"token": code_for(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_it_does_not_ask_officers_when_the_setting_is_off(
    client: Client, world: Any, settings: Any
) -> None:
    settings.TERBUKA_REQUIRE_OFFICER_2FA = False
    response = password_step(client, "pelaksana.a")
    assert response["Location"] == INBOX
    assert client.get(INBOX).status_code == 200


def test_it_does_not_ask_a_requester_who_did_not_opt_in(client: Client, world: Any) -> None:
    response = password_step(client, "pemohon.satu", next_url="/permohonan/saya/")
    assert response["Location"] == "/permohonan/saya/"
    assert client.get("/permohonan/saya/").status_code == 200


def test_a_requester_opts_in_and_then_gives_the_code_at_login(
    client: Client, world: Any, frozen: Any
) -> None:
    client.force_login(world.requester)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Verifikasi dua langkah: tidak aktif" in profile
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=world.requester)
    response = client.post(ENROL, {"token": code_for(device)})
    assert "Kode pemulihan" in response.content.decode()
    client.post(reverse("accounts:logout"))

    frozen.shift(30)
    response = password_step(client, "pemohon.satu", next_url="/permohonan/saya/")
    assert response["Location"].startswith(VERIFY)
    assert client.get("/permohonan/saya/").status_code == 302
    response = client.post(VERIFY, {"token": code_for(device), "next": "/permohonan/saya/"})
    assert response["Location"] == "/permohonan/saya/"

    # And may switch it off again, confirming with a current code.
    frozen.shift(30)
    response = client.post(reverse("accounts:otp_disable"), {"token": "000000"})
    assert TOTPDevice.objects.filter(user=world.requester).exists()
    frozen.shift(30)
    response = client.post(reverse("accounts:otp_disable"), {"token": code_for(device)})
    assert response["Location"] == reverse("accounts:profile")
    assert not TOTPDevice.objects.filter(user=world.requester).exists()
    assert AuditRecord.objects.filter(action="account.otp_disabled").exists()
    client.post(reverse("accounts:logout"))
    response = password_step(client, "pemohon.satu", next_url="/permohonan/saya/")
    assert response["Location"] == "/permohonan/saya/"


def test_a_requester_who_opted_in_is_asked_even_with_the_setting_off(
    client: Client, world: Any, settings: Any, frozen: Any
) -> None:
    settings.TERBUKA_REQUIRE_OFFICER_2FA = False
    enrol(world.requester)
    response = password_step(client, "pemohon.satu", next_url="/permohonan/saya/")
    assert response["Location"].startswith(VERIFY)


def test_the_code_page_lets_an_unverified_officer_log_out(
    client: Client, world: Any, frozen: Any
) -> None:
    enrol(world.pelaksana_a)
    password_step(client, "pelaksana.a")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_admin_can_remove_an_authenticator_but_not_read_its_secret(
    client: Client, world: Any, frozen: Any
) -> None:
    device = enrol(world.admin)
    officer_device = enrol(world.pelaksana_a)
    client.force_login(world.admin)
    client.post(VERIFY, {"token": code_for(device)})
    page = client.get(f"/admin/otp_totp/totpdevice/{officer_device.pk}/change/")
    assert page.status_code == 200
    assert officer_device.key not in page.content.decode()
    config = f"/admin/otp_totp/totpdevice/{officer_device.pk}/config/"
    assert client.get(config).status_code == 403
