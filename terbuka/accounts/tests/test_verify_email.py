from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from terbuka.accounts.models import User
from terbuka.accounts.tests.helpers import link_in_last_mail
from terbuka.audit.models import AuditRecord


def test_it_refuses_a_forged_token(client: Client, register: Any) -> None:
    register()
    user = User.objects.get(username="warga.baru")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(
        reverse("accounts:verify_email", kwargs={"uidb64": uid, "token": "abc-123"})
    )
    assert response.status_code == 400
    assert "Tautan verifikasi tidak berlaku" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_verified
    assert "_auth_user_id" not in client.session


def test_it_offers_login_and_keeps_next_on_a_used_link(client: Client, register: Any) -> None:
    register("?next=/permohonan/baru/")
    link = link_in_last_mail()
    client.get(link)
    client.post(reverse("accounts:logout"))
    content = client.get(link).content.decode()
    assert reverse("accounts:login") + "?next=/permohonan/baru/" in content


def test_it_refuses_an_unknown_user(client: Client, db: Any) -> None:
    response = client.get(
        reverse("accounts:verify_email", kwargs={"uidb64": "OTk5OQ", "token": "abc-123"})
    )
    assert response.status_code == 400


def test_it_does_not_log_in_twice_with_the_same_link(client: Client, register: Any) -> None:
    register()
    link = link_in_last_mail()
    client.get(link)
    client.post(reverse("accounts:logout"))
    response = client.get(link)
    assert response.status_code == 400
    assert reverse("accounts:login") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_records_the_verification(client: Client, register: Any) -> None:
    register()
    client.get(link_in_last_mail())
    user = User.objects.get(username="warga.baru")
    actions = set(
        AuditRecord.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    )
    assert actions == {"account.registered", "account.email_verified", "account.login"}


def test_it_stops_working_when_the_address_changes(client: Client, register: Any) -> None:
    register()
    link = link_in_last_mail()
    User.objects.filter(username="warga.baru").update(email="baru@example.test")
    response = client.get(link)
    assert response.status_code == 400
    assert not User.objects.get(username="warga.baru").email_verified
