"""The timing of the written notice is stored on the request when it is sent (issue 10):
the statistics, the dashboard and the annual report read it instead of counting each
request's working days. It must always be what ``queries.timing`` counts now, also after
the administrator changes the calendar.

October 2025 has no holidays; every request is submitted Fri 3 October at 10:00 WIB
(within service hours: it counts from that day) to agency A, whose PPID Utama is the
province's: due Fri 17 October."""

from __future__ import annotations

import datetime as dt
import importlib
import zoneinfo
from typing import Any

import time_machine
from django.apps import apps

from terbuka.requests import actions, deadlines, queries
from terbuka.requests.models import InfoRequest
from terbuka.testing import grant_request, submit_request
from terbuka.workdays import actions as calendar_actions
from terbuka.workdays.models import DayKind

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def submitted(world: Any) -> InfoRequest:
    with time_machine.travel(at(2025, 10, 3, 10, 0), tick=False):
        info_request = submit_request(world)
    assert info_request.due_date == dt.date(2025, 10, 17)
    return info_request


def answered(world: Any, info_request: InfoRequest, when: dt.datetime) -> InfoRequest:
    with time_machine.travel(when, tick=False):
        return grant_request(world.utama, info_request)


def stored(info_request: InfoRequest) -> tuple[int | None, bool, int | None]:
    info_request.refresh_from_db()
    return (
        info_request.working_days_taken,
        info_request.answered_late,
        info_request.working_days_late,
    )


def counted(info_request: InfoRequest) -> tuple[int | None, bool, int | None]:
    info_request.refresh_from_db()
    result = queries.timing(info_request, deadlines.calendar_for(info_request))
    return (result.working_days_taken, result.late, result.working_days_late)


def test_it_stores_the_working_days_taken_when_the_notice_is_sent(world: Any) -> None:
    info_request = submitted(world)
    assert stored(info_request) == (None, False, None)  # nothing until the notice
    info_request = answered(world, info_request, at(2025, 10, 10, 14, 0))
    assert stored(info_request) == (5, False, None) == counted(info_request)


def test_it_stores_an_answer_in_the_extended_time_as_on_time(world: Any) -> None:
    info_request = submitted(world)
    with time_machine.travel(at(2025, 10, 15, 9, 0), tick=False):
        actions.extend(
            actor=world.utama, info_request=info_request, days=5, reason="Data tersebar."
        )
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 10, 24)
    info_request = answered(world, info_request, at(2025, 10, 22, 10, 0))
    assert stored(info_request) == (13, False, None) == counted(info_request)


def test_it_stores_a_late_answer_with_its_days_late(world: Any) -> None:
    info_request = answered(world, submitted(world), at(2025, 10, 22, 10, 0))
    assert stored(info_request) == (13, True, 3) == counted(info_request)


def test_it_counts_the_stored_timing_again_when_the_calendar_changes(world: Any) -> None:
    late = answered(world, submitted(world), at(2025, 10, 22, 10, 0))
    quick = answered(world, submitted(world), at(2025, 10, 7, 10, 0))  # Tue 7 Oct: 2 days
    with time_machine.travel(at(2025, 11, 3, 9, 0), tick=False):
        # A regional holiday on Tue 14 October, inside the late request's span only.
        day = calendar_actions.add_day(
            actor=world.admin,
            date=dt.date(2025, 10, 14),
            name="Libur daerah",
            kind=DayKind.REGIONAL,
        )
        # The due date of an answered request stays; the days taken drop by one.
        assert stored(late) == (12, True, 3) == counted(late)
        assert stored(quick) == (2, False, None) == counted(quick)
        # A day off after the due date shortens the days late too.
        calendar_actions.add_day(
            actor=world.admin, date=dt.date(2025, 10, 21), name="Libur lain", kind=DayKind.EXTRA
        )
        assert stored(late) == (11, True, 2) == counted(late)
        calendar_actions.remove_day(actor=world.admin, day=day)
        assert stored(late) == (12, True, 2) == counted(late)


def test_a_holiday_of_another_body_leaves_the_stored_timing_alone(world: Any) -> None:
    info_request = answered(world, submitted(world), at(2025, 10, 22, 10, 0))
    with time_machine.travel(at(2025, 11, 3, 9, 0), tick=False):
        calendar_actions.add_day(
            actor=world.admin,
            date=dt.date(2025, 10, 14),
            name="Hari jadi kabupaten",
            kind=DayKind.REGIONAL,
            body=world.regency,
        )
        assert stored(info_request) == (13, True, 3) == counted(info_request)
        # The province's own holiday is its PPID's calendar: counted again.
        calendar_actions.add_day(
            actor=world.admin,
            date=dt.date(2025, 10, 15),
            name="Hari jadi provinsi",
            kind=DayKind.REGIONAL,
            body=world.province,
        )
        assert stored(info_request) == (12, True, 3) == counted(info_request)


def test_the_cuti_bersama_switch_counts_the_stored_timing_again(world: Any) -> None:
    # Submitted Thu 27 March 2025: Idul Fitri (31 Mar, 1 Apr) and cuti bersama (28 Mar,
    # 2–4, 7 Apr) fall inside its span; answered Tue 15 April.
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        info_request = submit_request(world)
    info_request = answered(world, info_request, at(2025, 4, 15, 10, 0))
    before = stored(info_request)
    assert before == counted(info_request)
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        calendar_actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    after = stored(info_request)
    assert after == counted(info_request)
    assert after[0] == before[0] + 5  # the five cuti bersama days count again


def test_the_migration_fills_the_requests_answered_before_it(world: Any) -> None:
    late = answered(world, submitted(world), at(2025, 10, 22, 10, 0))
    waiting = submitted(world)
    InfoRequest.objects.update(working_days_taken=None, answered_late=False, working_days_late=None)
    migration = importlib.import_module("terbuka.requests.migrations.0013_stored_notice_timing")
    migration.fill_stored_timing(apps, None)
    assert stored(late) == (13, True, 3) == counted(late)
    assert stored(waiting) == (None, False, None)
