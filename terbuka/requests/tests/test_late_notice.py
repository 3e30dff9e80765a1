"""A notice sent after the due date is recorded and shown as late: a ground for an
objection (UU 14/2008 Pasal 35 ayat 1 huruf g)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.requests import queries
from terbuka.requests.models import EventKind, InfoRequest
from terbuka.testing import grant_request, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def answered_on(world: Any, when: dt.datetime) -> InfoRequest:
    # Submitted Fri 3 October 2025 (no holidays in the month): due Fri 17 October 2025.
    with time_machine.travel(at(2025, 10, 3, 10, 0), tick=False):
        info_request = submit_request(world, publish_allowed=True)
    assert info_request.due_date == dt.date(2025, 10, 17)
    with time_machine.travel(when, tick=False):
        return grant_request(world.utama, info_request)


def page(client: Client, name: str, info_request: InfoRequest, user: Any = None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, kwargs={"public_id": info_request.public_id}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_notice_3_working_days_late_is_marked_late_on_the_public_log(
    client: Client, world: Any
) -> None:
    info_request = answered_on(world, at(2025, 10, 22, 10, 0))  # Mon 20, Tue 21, Wed 22
    assert queries.was_late(info_request)
    event = info_request.events.get(kind=EventKind.NOTICE_SENT)
    # Fri 3 Oct counts as receipt; 6–10, 13–17 and 20–22 October: 13 working days.
    assert event.data["late"] is True
    assert event.data["working_days_late"] == 3
    assert event.data["working_days_taken"] == 13
    html = page(client, "requests:log_detail", info_request)
    assert "13 hari kerja" in html
    assert "Terlambat 3 hari kerja" in html
    assert "Terlambat 3 hari kerja" in client.get("/permohonan/").content.decode()


def test_the_officer_and_the_requester_see_that_the_notice_came_late(
    client: Client, world: Any
) -> None:
    info_request = answered_on(world, at(2025, 10, 22, 10, 0))
    officer = page(client, "requests:officer_detail", info_request, world.utama)
    assert "dikirim terlambat 3 hari kerja" in officer
    requester = page(client, "requests:detail", info_request, world.requester)
    assert "dikirim terlambat 3 hari kerja" in requester


def test_a_notice_in_time_has_no_late_marker(client: Client, world: Any) -> None:
    info_request = answered_on(world, at(2025, 10, 17, 15, 0))  # on the due date
    assert not queries.was_late(info_request)
    event = info_request.events.get(kind=EventKind.NOTICE_SENT)
    assert "late" not in event.data
    html = page(client, "requests:log_detail", info_request)
    assert "10 hari kerja" in html
    assert "Terlambat" not in html
    assert "Terlambat" not in client.get("/permohonan/").content.decode()
    assert "dikirim terlambat" not in page(client, "requests:detail", info_request, world.requester)
