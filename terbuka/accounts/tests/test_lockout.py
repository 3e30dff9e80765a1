"""Lockout after repeated failed logins, per account and per client address (django-axes).

The address follows the audit trail's rule (PITFALLS 8): X-Forwarded-For counts only when
the site declares it runs behind a proxy.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.testing import PASSWORD

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.2"  # the reverse proxy every request arrives from
WRONG = "salah-sekali"


def attempt(client: Client, username: str, password: str = WRONG, **meta: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def fail_five_times(client: Client, username: str, **meta: str) -> None:
    statuses = [attempt(client, username, **meta).status_code for _attempt in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_it_locks_an_account_after_five_failures_with_an_indonesian_page(
    client: Client, world: Any
) -> None:
    for _attempt in range(4):
        assert attempt(client, "pemohon.satu").status_code == 200
    response = attempt(client, "pemohon.satu")
    assert response.status_code == 429
    # Even the right password is refused now, from any address.
    response = attempt(Client(), "pemohon.satu", PASSWORD, REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Akses dikunci sementara" in page
    assert "15 menit" in page
    assert "_auth_user_id" not in client.session
    locked = AuditRecord.objects.filter(action="account.locked_out")
    assert locked.exists()
    assert locked.first().actor == world.requester


def test_it_counts_the_email_and_the_username_as_one_account(client: Client, world: Any) -> None:
    for typed in ["pemohon.satu", "PEMOHON.SATU@example.test"] * 2 + ["pemohon.satu"]:
        attempt(client, typed, REMOTE_ADDR=f"192.0.2.{len(typed)}")
    response = attempt(Client(), "pemohon.satu@example.test", PASSWORD, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429


def test_it_keeps_no_stranger_address_in_the_attempts_table(client: Client, db: Any) -> None:
    attempt(client, "orang.asing@example.test")
    assert AccessAttempt.objects.count() == 1
    stored = AccessAttempt.objects.get()
    assert "orang.asing" not in stored.username + stored.post_data
    assert WRONG not in stored.post_data


def test_it_locks_an_address_that_tries_many_accounts(client: Client, world: Any) -> None:
    for username in ["a1", "a2", "a3", "a4", "a5"]:
        attempt(client, username)
    response = attempt(client, "pemohon.dua", PASSWORD)
    assert response.status_code == 429
    # Someone else, elsewhere, is not affected.
    assert attempt(Client(), "pemohon.dua", PASSWORD, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client: Client, world: Any, frozen: Any) -> None:
    fail_five_times(client, "pemohon.satu")
    frozen.shift(14 * 60)
    assert attempt(client, "pemohon.satu", PASSWORD).status_code == 429
    frozen.shift(16 * 60)
    assert attempt(client, "pemohon.satu", PASSWORD).status_code == 302


def test_behind_the_proxy_one_client_does_not_lock_out_the_others(
    client: Client, world: Any, settings: Any
) -> None:
    settings.BEHIND_PROXY = True
    for username in ["b1", "b2", "b3", "b4", "b5"]:
        attempt(client, username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    locked = attempt(
        client, "pemohon.dua", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert locked.status_code == 429
    neighbour = Client()
    response = attempt(
        neighbour,
        "pemohon.dua",
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302
    assert AuditRecord.objects.get(action="account.login").ip_address == "203.0.113.9"


def test_behind_the_proxy_a_forged_header_neither_escapes_the_lock_nor_errors(
    client: Client, world: Any, settings: Any
) -> None:
    # nginx appends the address it saw ($proxy_add_x_forwarded_for): whatever the client
    # wrote comes first, the client's real address last. A new forged address on every
    # try, or a malformed one, must not give a fresh counter, nor answer 500.
    settings.BEHIND_PROXY = True
    forged = ["198.51.100.1", "not-an-ip", "1.2.3.4.5", "::ffff:zzzz", "a" * 300]
    statuses = [
        attempt(
            client,
            f"forger{number}",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{value}, 203.0.113.66",
        ).status_code
        for number, value in enumerate(forged)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}
    locked = attempt(
        client,
        "pemohon.dua",
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.66",
    )
    assert locked.status_code == 429


def test_behind_the_proxy_a_malformed_last_entry_is_never_stored(
    client: Client, world: Any, settings: Any
) -> None:
    settings.BEHIND_PROXY = True
    for value in ["not-an-ip", "1.2.3.4.5", "::ffff:zzzz", "a" * 300, ""]:
        response = attempt(client, "pemohon.dua", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=value)
        assert response.status_code in (200, 429)
    stored = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    stored |= set(
        AuditRecord.objects.filter(action__startswith="account.").values_list(
            "ip_address", flat=True
        )
    )
    assert stored == {PROXY}


def test_without_a_proxy_a_forged_header_does_not_escape_the_lock(
    client: Client, world: Any, settings: Any
) -> None:
    settings.BEHIND_PROXY = False
    for number in range(5):
        attempt(client, f"c{number}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response = attempt(client, "pemohon.dua", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_the_admin_login_form_is_not_a_way_around_the_lock(client: Client, world: Any) -> None:
    # The admin's own login form is replaced by ours (lockout, second factor, audit).
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_audited_without_what_was_typed(client: Client, world: Any) -> None:
    attempt(client, "pemohon.satu", "rahasia-yang-salah")
    attempt(client, "pemohon.satu@example.test", "rahasia-yang-salah-2")
    attempt(client, "tidak.ada@example.test", "rahasia-yang-salah-3")
    rows = list(AuditRecord.objects.filter(action="account.login_failed").order_by("seq"))
    assert [row.actor for row in rows] == [world.requester, world.requester, None]
    for row in rows:
        assert row.ip_address == "127.0.0.1"
        text = f"{row.summary} {row.detail} {row.actor_label}"
        assert "rahasia" not in text
        assert "@" not in text


def test_logins_and_logouts_are_audited(client: Client, world: Any) -> None:
    attempt(client, "pemohon.satu", PASSWORD)
    client.post(reverse("accounts:logout"))
    rows = AuditRecord.objects.filter(actor=world.requester).order_by("seq")
    assert [row.action for row in rows] == ["account.login", "account.logout"]
    assert all(row.ip_address == "127.0.0.1" for row in rows)
    assert all(PASSWORD not in f"{row.summary} {row.detail}" for row in rows)
