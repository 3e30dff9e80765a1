"""Rate limits count per client address and per account, honour a declared proxy only,
and refuse with 429 without running the view."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django import forms
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from terbuka.security.honeypot import HoneypotMixin
from terbuka.security.ratelimit import Limit, hit, rate_limited

pytestmark = pytest.mark.django_db

calls: list[str] = []


@rate_limited("test-form", limit=3, per_seconds=3600)
def view(request: HttpRequest) -> HttpResponse:
    calls.append(request.method or "")
    return HttpResponse("ok")


def _post(
    rf: RequestFactory, ip: str = "198.51.100.9", forwarded: str = "", user: Any = None
) -> Any:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.post("/", REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR=forwarded)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_it_refuses_the_fourth_post_in_a_window_without_running_the_view(
    rf: RequestFactory,
) -> None:
    calls.clear()
    with time_machine.travel("2026-11-26 10:00 +07:00", tick=False):
        statuses = [view(_post(rf)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(calls) == 3


def test_a_new_window_allows_again(rf: RequestFactory) -> None:
    with time_machine.travel("2026-11-26 10:00 +07:00", tick=False) as traveller:
        for _ in range(4):
            view(_post(rf, ip="198.51.100.10"))
        traveller.shift(3600)
        assert view(_post(rf, ip="198.51.100.10")).status_code == 200


def test_gets_are_never_limited(rf: RequestFactory) -> None:
    for _ in range(10):
        assert view(rf.get("/", REMOTE_ADDR="198.51.100.11")).status_code == 200


def test_a_forged_forwarded_header_does_not_dodge_the_limit_without_a_proxy(
    rf: RequestFactory, settings: Any
) -> None:
    settings.BEHIND_PROXY = False
    limit = Limit(2, 3600)
    results = [hit("s", _post(rf, forwarded=f"203.0.113.{i}"), limit=limit) for i in range(3)]
    assert results == [True, True, False]


def test_behind_a_proxy_each_client_has_its_own_count(rf: RequestFactory, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    limit = Limit(2, 3600)
    proxy = "10.0.0.2"
    for i in range(5):
        assert hit("p", _post(rf, ip=proxy, forwarded=f"203.0.113.{i}"), limit=limit)


def test_an_account_is_limited_across_addresses(rf: RequestFactory, world: Any) -> None:
    limit = Limit(2, 3600)
    results = [
        hit("acct", _post(rf, ip=f"198.51.100.{20 + i}", user=world.requester), limit=limit)
        for i in range(3)
    ]
    assert results == [True, True, False]


class ContactForm(HoneypotMixin):
    pesan = forms.CharField()


def test_the_honeypot_rejects_a_filled_in_trap() -> None:
    assert ContactForm({"pesan": "halo"}).is_valid()
    form = ContactForm({"pesan": "halo", "situs_web": "http://spam.example"})
    assert not form.is_valid()
    assert "Kosongkan" in str(form.errors)
