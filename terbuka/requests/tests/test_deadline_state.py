"""One answer to "is this request due soon or overdue?": the inbox, its saved views and filters,
the requester's pages and the reminders all ask ``deadlines.state``/``deadlines.windows``,
in the handling PPID body's time zone and on its calendar."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka.bodies.models import Role, RoleKind, TimeZoneName
from terbuka.requests import actions, deadlines, reminders
from terbuka.requests.models import EventKind, InfoRequest
from terbuka.testing import register_request, submit_request
from terbuka.workdays import counting

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
INBOX = "/permohonan/petugas/"


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def reminder_types(info_request: InfoRequest) -> list[dict[str, str]]:
    return list(
        info_request.events.filter(kind=EventKind.REMINDER_SENT).values_list("data", flat=True)
    )


def test_the_inbox_and_the_reminders_agree_on_saturday_19_april_2025(
    client: Client, world: Any
) -> None:
    # Received Tuesday 8 April 2025: the 10th working day is Wednesday 23 April (18 April,
    # Good Friday, is skipped). On Saturday 19 April the working days left are Monday,
    # Tuesday and Wednesday: 3, so not "due soon". The inbox used to count from Monday as
    # if Saturday were a receipt and called it due soon while no reminder went out.
    with time_machine.travel(at(2025, 4, 8, 10, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 4, 8, 10, 0))
    assert info_request.due_date == dt.date(2025, 4, 23)
    client.force_login(world.utama)
    with time_machine.travel(at(2025, 4, 19, 9, 0), tick=False):
        state = deadlines.state(info_request)
        assert state is not None
        assert (state.state, state.working_days_left) == (counting.ON_TIME, 3)
        response = client.get(INBOX)
        assert info_request.number not in client.get(INBOX + "?deadline=soon").content.decode()
        assert "Dalam waktu" in response.content.decode()
        assert reminders.send_reminders().due_soon == 0
    assert mail.outbox == []
    # Monday 21 April: Tuesday and Wednesday are left. Both say "due soon", the same day.
    with time_machine.travel(at(2025, 4, 21, 7, 0), tick=False):
        client.logout()  # a new day, a new session (officers idle out after 30 minutes)
        client.force_login(world.utama)
        state = deadlines.state(info_request)
        assert state is not None
        assert (state.state, state.working_days_left) == (counting.SOON, 2)
        assert info_request.number in client.get(INBOX + "?deadline=soon").content.decode()
        assert reminders.send_reminders().due_soon == 1
    assert reminder_types(info_request) == [{"type": "due_soon", "date": "2025-04-21"}]


@pytest.mark.parametrize(
    ("zone", "wib_time", "local_date"),
    [
        # 23:30 WIB on Thursday 19 June is already 00:30 WITA on Friday 20 June,
        (TimeZoneName.WITA, dt.time(23, 30), "2025-06-20"),
        # and 22:30 WIB is 00:30 WIT.
        (TimeZoneName.WIT, dt.time(22, 30), "2025-06-20"),
    ],
)
def test_an_eastern_body_is_overdue_after_its_own_midnight(
    client: Client, world: Any, zone: str, wib_time: dt.time, local_date: str
) -> None:
    world.regency.timezone = zone
    world.regency.save()
    # Both the province (WIB) and the regency owe their notice on Thursday 19 June 2025.
    with time_machine.travel(at(2025, 6, 3, 10, 0), tick=False):
        province = register_request(world, received_at=at(2025, 6, 3, 10, 0))
        regency = register_request(
            world,
            received_at=at(2025, 6, 3, 10, 0),
            body=world.regency,
            actor=world.regency_officer,
        )
    assert province.due_date == regency.due_date == dt.date(2025, 6, 19)
    # One officer who works for both PPID bodies sees both in one inbox.
    Role.objects.create(user=world.utama, body=world.regency, kind=RoleKind.UTAMA)
    client.force_login(world.utama)
    moment = dt.datetime.combine(dt.date(2025, 6, 19), wib_time, tzinfo=WIB)
    with time_machine.travel(moment, tick=False):
        province_state = deadlines.state(province)
        regency_state = deadlines.state(regency)
        assert province_state is not None and regency_state is not None
        assert province_state.state == counting.SOON  # still the due date in Palangka Raya
        assert province_state.working_days_left == 0
        assert regency_state.state == counting.OVERDUE
        assert regency_state.today == dt.date.fromisoformat(local_date)
        assert not province.is_overdue() and regency.is_overdue()
        assert list(InfoRequest.objects.overdue()) == [regency]

        response = client.get(INBOX)
        states = {item.pk: deadline.state for item, deadline in response.context["rows"]}
        assert states == {province.pk: counting.SOON, regency.pk: counting.OVERDUE}
        overdue_only = client.get(INBOX + "?deadline=overdue").content.decode()
        assert regency.number in overdue_only and province.number not in overdue_only

        result = reminders.send_reminders()
    assert (result.overdue, result.due_soon) == (1, 1)
    # Each reminder is dated with its own body's day.
    assert reminder_types(regency) == [{"type": "overdue", "date": local_date}]
    assert reminder_types(province) == [{"type": "due_soon", "date": "2025-06-19"}]


def test_the_requesters_page_uses_each_requests_own_body(client: Client, world: Any) -> None:
    world.regency.timezone = TimeZoneName.WITA
    world.regency.save()
    with time_machine.travel(at(2025, 6, 3, 10, 0), tick=False):
        province = submit_request(world, body=world.agency_a)
        regency = submit_request(world, body=world.regency_agency)
    assert province.due_date == regency.due_date == dt.date(2025, 6, 19)
    client.force_login(world.requester)
    with time_machine.travel(at(2025, 6, 19, 23, 30), tick=False):
        response = client.get(reverse("requests:mine"))
        states = {item.pk: deadline.state for item, deadline in response.context["rows"]}
        assert states == {province.pk: counting.SOON, regency.pk: counting.OVERDUE}
        html = client.get(regency.get_absolute_url()).content.decode()
        assert "Lewat tenggat" in html
        html = client.get(province.get_absolute_url()).content.decode()
        assert "Tenggat ≤ 2 hari kerja" in html
        assert "sisa 0 hari kerja" in html


def test_a_closed_request_has_no_deadline_state(world: Any) -> None:
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 3, 27, 10, 0))
    info_request = actions.withdraw(actor=world.operator, info_request=info_request)
    with time_machine.travel(at(2025, 5, 1, 10, 0), tick=False):
        assert deadlines.state(info_request) is None
        assert not info_request.is_overdue()
