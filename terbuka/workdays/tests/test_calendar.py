"""The calendar built from the database (calendar.py): library fallback, cuti bersama
switch, body overrides and their precedence."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from terbuka.testing import World
from terbuka.workdays import actions, calendar, counting
from terbuka.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2025, 3, 27)


def due(body: object = None, received: dt.date = RECEIVED, n: int = 10) -> dt.date:
    return counting.add_working_days(received, n, calendar.for_body(body)).due  # type: ignore[arg-type]


def test_it_counts_from_the_library_on_a_fresh_database() -> None:
    assert not CalendarDay.objects.exists()
    assert due() == dt.date(2025, 4, 22)


def test_it_gives_the_same_dates_before_and_after_the_import() -> None:
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=d) for d in range(0, 4 * 365, 5)]

    def all_due() -> list[dt.date]:
        cal = calendar.for_body(None)
        return [
            counting.add_working_days(start, n, cal).due
            for start in starts
            for n in (1, 10, 17, 30)
        ]

    before = all_due()
    call_command("import_holidays", "2024", "2028", stdout=io.StringIO())
    assert CalendarDay.objects.exists()
    assert all_due() == before


def test_it_stops_using_the_library_for_an_imported_year(world: World) -> None:
    call_command("import_holidays", "2025", stdout=io.StringIO())
    good_friday = CalendarDay.objects.get(date=dt.date(2025, 4, 18), kind=DayKind.NATIONAL)
    actions.remove_day(actor=world.admin, day=good_friday)
    # The removed day stays removed: the library does not fill it back in.
    assert due() == dt.date(2025, 4, 21)


def test_it_counts_cuti_bersama_as_working_days_when_switched_off(world: World) -> None:
    actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    assert due() == dt.date(2025, 4, 14)
    call_command("import_holidays", "2025", stdout=io.StringIO())
    assert due() == dt.date(2025, 4, 14)
    actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=True)
    assert due() == dt.date(2025, 4, 22)


def test_it_applies_a_regency_holiday_to_the_regency_and_its_agencies_only(
    world: World,
) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 8),
        name="Hari Jadi Kabupaten Barito Utara",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    assert due(world.regency) == dt.date(2025, 4, 23)
    assert due(world.regency_agency) == dt.date(2025, 4, 23)
    assert due(world.province) == dt.date(2025, 4, 22)
    assert due(world.agency_a) == dt.date(2025, 4, 22)
    assert due(None) == dt.date(2025, 4, 22)


def test_it_keeps_a_holiday_a_working_day_for_a_body_with_an_override(world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 18),
        name="Tetap masuk kerja",
        kind=DayKind.NATIONAL,
        body=world.agency_b,
        is_day_off=False,
    )
    assert due(world.agency_b) == dt.date(2025, 4, 21)
    assert due(world.agency_a) == dt.date(2025, 4, 22)
    assert calendar.for_body(world.agency_b).is_working_day(dt.date(2025, 4, 18))


def test_it_lets_the_nearest_body_decide(world: World) -> None:
    day = dt.date(2025, 4, 10)
    actions.add_day(
        actor=world.admin,
        date=day,
        name="Libur provinsi",
        kind=DayKind.REGIONAL,
        body=world.province,
    )
    actions.add_day(
        actor=world.admin,
        date=day,
        name="Kabupaten tetap masuk",
        kind=DayKind.REGIONAL,
        body=world.regency,
        is_day_off=False,
    )
    actions.add_day(
        actor=world.admin,
        date=day,
        name="Libur dinas",
        kind=DayKind.EXTRA,
        body=world.regency_agency,
    )
    assert not calendar.for_body(world.province).is_working_day(day)
    assert not calendar.for_body(world.agency_a).is_working_day(day)
    assert calendar.for_body(world.regency).is_working_day(day)
    assert not calendar.for_body(world.regency_agency).is_working_day(day)
    assert calendar.for_body(None).is_working_day(day)


def test_it_uses_the_bodys_service_hours_and_time_zone(world: World) -> None:
    cal = calendar.for_body(world.province)
    # 09:30 UTC on Wed 5 Mar 2025 is 16:30 WIB, after the 16:00 closing time.
    received = dt.datetime(2025, 3, 5, 9, 30, tzinfo=dt.UTC)
    deadline = counting.add_working_days(received, 1, cal)
    assert deadline.received_on == dt.date(2025, 3, 6)
    assert deadline.due == dt.date(2025, 3, 7)


def test_it_lists_a_year_with_the_bodys_own_days(world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 8),
        name="Hari Jadi Kabupaten Barito Utara",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    listed = calendar.listing(world.regency_agency, 2025)
    names = [item.name for item in listed]
    assert "Hari Jadi Kabupaten Barito Utara" in names
    assert "Hari Raya Idul Fitri" in names
    assert [item.date for item in listed] == sorted(item.date for item in listed)
    assert "Hari Jadi Kabupaten Barito Utara" not in [
        item.name for item in calendar.listing(world.agency_a, 2025)
    ]


def test_it_marks_library_estimates_in_years_far_ahead() -> None:
    names = [item.name for item in calendar.library_days(2027)]
    assert any("perkiraan" in name for name in names)
    assert calendar.library_days(1900) == ()


def test_it_adds_manual_days_to_the_library_for_a_year_not_imported(world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 9),
        name="Hari libur tambahan (keputusan)",
        kind=DayKind.EXTRA,
    )
    assert not CalendarDay.objects.filter(source="imported").exists()
    # Idul Fitri and cuti bersama still come from the library; 9 April is skipped too.
    assert due() == dt.date(2025, 4, 23)
    assert "Hari libur tambahan (keputusan)" in [item.name for item in calendar.listing(None, 2025)]
