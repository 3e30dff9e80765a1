"""The 10-day clock cannot be erased by asking for the identity (issue 9): once, within
the body's first ``identity_days`` working days, never after an extension or the due date;
completing it restarts the clock only where the body chose so (default off)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.requests import actions
from terbuka.requests.models import EventKind, InfoRequest, ServiceSettings, Status
from terbuka.testing import register_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


RECEIVED = dt.date(2025, 3, 27)  # due Tuesday 22 April 2025 (DOMAIN.md worked example)


def received(world: Any) -> InfoRequest:
    with time_machine.travel(at(RECEIVED, 10), tick=False):
        return register_request(world, received_at=at(RECEIVED, 10))


def ask(world: Any, info_request: InfoRequest, day: dt.date) -> InfoRequest:
    with time_machine.travel(at(day), tick=False):
        return actions.mark_identity_incomplete(
            actor=world.utama, info_request=info_request, message="Lampirkan KTP."
        )


def unchanged(info_request: InfoRequest, due: dt.date | None) -> None:
    info_request.refresh_from_db()
    assert info_request.status == Status.RECEIVED
    assert info_request.due_date == due
    assert not info_request.events.filter(kind=EventKind.IDENTITY_INCOMPLETE).exists()


def test_it_may_ask_up_to_the_last_day_the_body_allows_and_not_after(world: Any) -> None:
    info_request = received(world)
    last_day = actions.receipt.identity_request_deadline(info_request)
    assert last_day > RECEIVED
    later = received(world)
    with pytest.raises(actions.ActionError) as error:
        ask(world, later, last_day + dt.timedelta(days=1))
    assert "hanya dapat diminta sampai" in str(error.value)
    unchanged(later, later.due_date)
    asked = ask(world, info_request, last_day)
    assert asked.status == Status.IDENTITY_INCOMPLETE


def test_an_overdue_request_keeps_its_due_date(world: Any) -> None:
    info_request = received(world)
    due = info_request.due_date
    assert due == dt.date(2025, 4, 22)
    with pytest.raises(actions.ActionError) as error:
        ask(world, info_request, dt.date(2025, 4, 25))
    assert "sudah lewat" in str(error.value)
    unchanged(info_request, due)


def test_it_asks_only_once_even_after_completion(world: Any) -> None:
    ServiceSettings.objects.create(body=world.province, identity_days=10)
    info_request = ask(world, received(world), dt.date(2025, 3, 28))
    with time_machine.travel(at(dt.date(2025, 3, 28), 11), tick=False):
        completed = actions.complete_identity(
            actor=world.utama,
            info_request=info_request,
            identity=actions.Identity.of(info_request),
        )
    with pytest.raises(actions.ActionError) as error:
        ask(world, completed, dt.date(2025, 3, 28))
    assert "hanya boleh sekali" in str(error.value)


def test_an_extended_request_cannot_be_asked(world: Any) -> None:
    ServiceSettings.objects.create(body=world.province, identity_days=10)
    info_request = received(world)
    with time_machine.travel(at(dt.date(2025, 3, 28)), tick=False):
        actions.extend(
            actor=world.utama, info_request=info_request, days=7, reason="Data tersebar."
        )
    info_request.refresh_from_db()
    with pytest.raises(actions.ActionError) as error:
        ask(world, info_request, dt.date(2025, 3, 28))
    assert "diperpanjang" in str(error.value)


def test_completing_the_identity_leaves_the_clock_running_by_default(world: Any) -> None:
    info_request = ask(world, received(world), dt.date(2025, 3, 28))
    with time_machine.travel(at(dt.date(2025, 4, 1)), tick=False):
        completed = actions.complete_identity(
            actor=world.requester if info_request.requester_id else world.utama,
            info_request=info_request,
            identity=actions.Identity.of(info_request),
        )
    assert completed.due_date == dt.date(2025, 4, 22)


def test_the_officer_page_says_why_it_can_no_longer_ask(world: Any, client: Client) -> None:
    info_request = received(world)
    client.force_login(world.utama)
    url = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        html = client.get(url).content.decode()
    assert "Minta pemohon melengkapi identitas" not in html
    assert "sudah lewat" in html
