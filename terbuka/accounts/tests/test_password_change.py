"""A new password logs the account out everywhere else (issue #5)."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.accounts.tests.helpers import link_in_last_mail
from terbuka.audit.models import AuditRecord
from terbuka.testing import PASSWORD

CHANGE = reverse("accounts:password_change")
MINE = "/permohonan/saya/"
NEW = "kata-sandi-baru-789"


def logged_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_it_changes_the_password_and_logs_out_every_other_session(world: Any) -> None:
    here = logged_in("pemohon.satu")
    elsewhere = logged_in("pemohon.satu")
    assert elsewhere.get(MINE).status_code == 200
    response = here.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == reverse("accounts:profile")
    assert here.get(MINE).status_code == 200
    assert elsewhere.get(MINE).status_code == 302
    assert "_auth_user_id" not in elsewhere.session
    world.requester.refresh_from_db()
    assert world.requester.check_password(NEW)
    row = AuditRecord.objects.get(action="account.password_changed")
    assert row.actor == world.requester
    assert row.detail == {"via": "change"}
    assert NEW not in str(row.detail) + row.summary


def test_it_refuses_a_wrong_current_password_in_indonesian(world: Any) -> None:
    client = logged_in("pemohon.satu")
    response = client.post(
        CHANGE, {"old_password": "bukan-ini", "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 200
    assert "Kata sandi sekarang salah" in response.content.decode()
    world.requester.refresh_from_db()
    assert world.requester.check_password(PASSWORD)


def test_it_needs_a_login(client: Client, db: Any) -> None:
    assert client.get(CHANGE)["Location"].startswith(reverse("accounts:login"))


def test_a_password_reset_logs_out_every_session_too(world: Any) -> None:
    elsewhere = logged_in("pemohon.satu")
    visitor = Client()
    visitor.post(reverse("accounts:password_reset"), {"email": "pemohon.satu@example.test"})
    assert len(mail.outbox) == 1
    form_url = visitor.get(link_in_last_mail())["Location"]
    visitor.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    world.requester.refresh_from_db()
    assert world.requester.check_password(NEW)
    assert elsewhere.get(MINE).status_code == 302
    assert "_auth_user_id" not in elsewhere.session
    row = AuditRecord.objects.get(action="account.password_changed")
    assert row.detail == {"via": "reset"}
    assert row.actor == world.requester
