"""Each process keeps its calendars in memory and sees another process's change on its
next read after the commit (issue 14: the holiday table was read on every request)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from terbuka.testing import World
from terbuka.workdays import actions, calendar
from terbuka.workdays.models import CalendarDay, CalendarSettings, DayKind, Source

pytestmark = pytest.mark.django_db

ELECTION_DAY = dt.date(2029, 2, 14)  # a Wednesday


def test_a_second_read_costs_one_query(world: World) -> None:
    calendar.for_body(world.agency_a)
    with CaptureQueriesContext(connection) as queries:
        again = calendar.for_body(world.agency_a)
    assert len(queries) == 1  # the version, nothing else
    assert again.is_working_day(ELECTION_DAY)


def test_another_process_change_is_seen_on_the_next_read(world: World) -> None:
    assert calendar.for_body(world.agency_a).is_working_day(ELECTION_DAY)
    # What another process's calendar action leaves in the database: the row and a new
    # version (bulk writes send no signal to this process).
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=ELECTION_DAY, name="Pemilu", kind=DayKind.REGIONAL, source=Source.MANUAL)]
    )
    assert calendar.for_body(world.agency_a).is_working_day(ELECTION_DAY)  # version unchanged
    CalendarSettings.objects.get_or_create(pk=1)
    CalendarSettings.objects.filter(pk=1).update(version=12345)
    assert not calendar.for_body(world.agency_a).is_working_day(ELECTION_DAY)


def test_a_calendar_action_changes_the_version_for_every_process(world: World) -> None:
    before = calendar.version()
    calendar.for_body(world.regency)
    actions.add_day(
        actor=world.admin,
        date=ELECTION_DAY,
        name="Pemilihan kepala daerah",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    assert calendar.version() != before
    assert not calendar.for_body(world.regency).is_working_day(ELECTION_DAY)
    assert calendar.for_body(world.agency_a).is_working_day(ELECTION_DAY)
