"""Properties of the pure counter (counting.py), with random calendars, plus the cases the
law's practice fixes (DOMAIN.md "Working days")."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terbuka.workdays import counting
from terbuka.workdays.calendar import library_days
from terbuka.workdays.models import DayKind

FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2027, 12, 31)
WIB = dt.timezone(dt.timedelta(hours=7))

days_in_range = st.dates(min_value=FIRST, max_value=LAST)
calendars = st.builds(
    lambda days, closes_at, roll: counting.Calendar(
        days_off=dict.fromkeys(days, "libur uji"),
        closes_at=closes_at,
        after_hours_next_day=roll,
    ),
    st.sets(days_in_range, max_size=120),
    st.one_of(st.none(), st.times(min_value=dt.time(12, 0), max_value=dt.time(18, 0))),
    st.booleans(),
)
receipts = st.one_of(
    days_in_range,
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31)),
)
counts = st.integers(min_value=0, max_value=40)


def national(*, cuti_bersama: bool = True) -> counting.Calendar:
    days: dict[dt.date, str] = {}
    for year in range(2024, 2028):
        for item in library_days(year):
            if item.kind == DayKind.CUTI_BERSAMA and not cuti_bersama:
                continue
            days.setdefault(item.date, item.name)
    return counting.Calendar(days_off=days)


@settings(max_examples=300)
@given(calendars, receipts, st.integers(min_value=1, max_value=40))
def test_it_always_lands_on_a_working_day(cal: counting.Calendar, t: dt.date, n: int) -> None:
    due = counting.add_working_days(t, n, cal).due
    assert cal.is_working_day(due)


@settings(max_examples=300)
@given(calendars, receipts, counts, counts)
def test_it_adds_a_then_b_like_a_plus_b(cal: counting.Calendar, t: dt.date, a: int, b: int) -> None:
    first = counting.add_working_days(t, a, cal).due
    assert counting.add_working_days(first, b, cal).due == (
        counting.add_working_days(t, a + b, cal).due
    )


@settings(max_examples=300)
@given(calendars, receipts, counts, counts)
def test_it_never_gives_an_earlier_date_for_more_days(
    cal: counting.Calendar, t: dt.date, a: int, b: int
) -> None:
    low, high = sorted((a, b))
    assert counting.add_working_days(t, low, cal).due <= counting.add_working_days(t, high, cal).due


@settings(max_examples=300)
@given(calendars, receipts, st.integers(min_value=1, max_value=40))
def test_it_falls_strictly_after_the_effective_receipt(
    cal: counting.Calendar, t: dt.date, n: int
) -> None:
    deadline = counting.add_working_days(t, n, cal)
    assert deadline.due > deadline.received_on
    assert counting.working_days_between(deadline.received_on, deadline.due, cal) == n


@settings(max_examples=300)
@given(calendars, days_in_range)
def test_it_rolls_a_receipt_on_a_non_working_day_to_the_next_working_day(
    cal: counting.Calendar, day: dt.date
) -> None:
    received_on, reason, skipped = counting.effective_receipt(day, cal)
    assert cal.is_working_day(received_on)
    if cal.is_working_day(day):
        assert received_on == day
        assert reason == ""
    else:
        assert received_on > day
        assert reason
        # Nothing in between was a working day: it is the *next* one.
        assert counting.working_days_between(day, received_on, cal) == 1
        assert skipped[0].day == day


@settings(max_examples=300)
@given(
    st.sets(days_in_range, max_size=120),
    days_in_range,
    st.times(min_value=dt.time(16, 0), max_value=dt.time(23, 59)),
)
def test_it_rolls_a_receipt_after_hours_to_the_next_working_day(
    days: set[dt.date], day: dt.date, at: dt.time
) -> None:
    cal = counting.Calendar(days_off=dict.fromkeys(days, "libur"), closes_at=dt.time(16, 0))
    received_on, _reason, _skipped = counting.effective_receipt(dt.datetime.combine(day, at), cal)
    assert received_on > day
    assert cal.is_working_day(received_on)
    assert counting.working_days_between(day, received_on, cal) == 1


def test_it_does_not_roll_after_hours_when_the_body_counts_that_day() -> None:
    cal = counting.Calendar(closes_at=dt.time(16, 0), after_hours_next_day=False)
    deadline = counting.add_working_days(dt.datetime(2025, 3, 3, 20, 0), 1, cal)
    assert deadline.received_on == dt.date(2025, 3, 3)
    assert deadline.due == dt.date(2025, 3, 4)


def test_it_reads_an_aware_receipt_in_the_bodys_time_zone() -> None:
    # 09:30 UTC is 16:30 WIB: after a 16:00 closing time in Palangka Raya.
    cal = counting.Calendar(closes_at=dt.time(16, 0), tzinfo=WIB)
    received = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)
    deadline = counting.add_working_days(received, 1, cal)
    assert deadline.received_on == dt.date(2025, 3, 4)
    assert deadline.rolled == counting.AFTER_HOURS
    assert deadline.due == dt.date(2025, 3, 5)


def test_it_counts_the_worked_example_of_the_domain() -> None:
    # Received Thursday 27 March 2025 → the 10th working day is Tuesday 22 April 2025.
    deadline = counting.add_working_days(dt.date(2025, 3, 27), 10, national())
    assert deadline.due == dt.date(2025, 4, 22)
    assert deadline.due.weekday() == 1
    skipped_weekdays = [s.day for s in deadline.skipped if s.day.weekday() < 5]
    assert skipped_weekdays == [
        dt.date(2025, 3, 28),  # cuti bersama Nyepi
        dt.date(2025, 3, 31),  # Idul Fitri
        dt.date(2025, 4, 1),
        dt.date(2025, 4, 2),  # cuti bersama
        dt.date(2025, 4, 3),
        dt.date(2025, 4, 4),
        dt.date(2025, 4, 7),
        dt.date(2025, 4, 18),  # Good Friday
    ]
    reasons = {s.day: s.reason for s in deadline.skipped}
    assert "Nyepi" in reasons[dt.date(2025, 3, 28)]
    assert "Idul Fitri" in reasons[dt.date(2025, 3, 31)]
    assert reasons[dt.date(2025, 3, 29)] == "Sabtu"
    assert reasons[dt.date(2025, 3, 30)] == "Minggu"
    assert "Wafat Yesus Kristus" in reasons[dt.date(2025, 4, 18)]
    lines = deadline.lines()
    assert lines[-1] == counting.Line(counting.DUE, count=10, day=dt.date(2025, 4, 22))
    assert (
        counting.Line(
            counting.SKIPPED, day=dt.date(2025, 3, 28), reason="Cuti Bersama Hari Suci Nyepi"
        )
        in lines
    )
    # Weekends carry no reason of their own (the date names the day); they can be left out.
    assert counting.Line(counting.SKIPPED, day=dt.date(2025, 3, 29)) in lines
    assert counting.Line(counting.SKIPPED, day=dt.date(2025, 3, 29)) not in deadline.lines(
        weekends=False
    )


def test_it_crosses_christmas_cuti_bersama_and_new_year() -> None:
    # Fri 19 Dec 2025: skips 25 Dec (Natal), 26 Dec (cuti bersama), 1 Jan 2026.
    deadline = counting.add_working_days(dt.date(2025, 12, 19), 10, national())
    assert deadline.due == dt.date(2026, 1, 7)
    skipped = {s.day for s in deadline.skipped}
    assert {dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2026, 1, 1)} <= skipped


def test_it_counts_cuti_bersama_as_working_days_when_switched_off() -> None:
    deadline = counting.add_working_days(dt.date(2025, 3, 27), 10, national(cuti_bersama=False))
    # Only Idul Fitri itself (31 Mar, 1 Apr) is skipped: day 1 is Fri 28 Mar.
    assert deadline.due == dt.date(2025, 4, 14)


def test_it_treats_day_zero_as_the_effective_receipt() -> None:
    deadline = counting.add_working_days(dt.date(2025, 3, 29), 0, national())
    assert deadline.due == dt.date(2025, 4, 8)
    assert deadline.rolled == counting.NOT_A_WORKING_DAY


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        counting.add_working_days(dt.date(2025, 3, 27), -1, national())


def test_it_never_lets_a_calendar_make_a_saturday_a_working_day() -> None:
    cal = counting.Calendar(days_off={})
    assert not cal.is_working_day(dt.date(2025, 3, 29))
    assert not cal.is_working_day(dt.date(2025, 3, 30))


# --- The state of a deadline ---------------------------------------------------------------


@settings(max_examples=300)
@given(calendars, days_in_range, days_in_range)
def test_it_calls_due_soon_exactly_what_has_at_most_2_working_days_left(
    cal: counting.Calendar, today: dt.date, due: dt.date
) -> None:
    # The window's cut-off dates (what the database filters on) and the count of working
    # days left (what a person reads) give the same answer for every date.
    state = counting.deadline_state(due, today, cal)
    if due < today:
        assert state.state == counting.OVERDUE
        assert state.working_days_left == -counting.working_days_between(due, today, cal)
    else:
        left = counting.working_days_between(today, due, cal)
        assert state.working_days_left == left
        expected = counting.SOON if left <= counting.DUE_SOON_WORKING_DAYS else counting.ON_TIME
        assert state.state == expected
    window = counting.window(today, cal)
    assert window.state(due) == state.state
    assert window.today <= window.soon_until


def test_it_does_not_roll_today_like_a_receipt() -> None:
    # Saturday 19 April 2025, due Wednesday 23 April, no holiday in between: Monday, Tuesday
    # and Wednesday are left, 3 working days, so it is not yet due soon.
    cal = counting.Calendar()
    state = counting.deadline_state(dt.date(2025, 4, 23), dt.date(2025, 4, 19), cal)
    assert (state.state, state.working_days_left) == (counting.ON_TIME, 3)
    assert counting.window(dt.date(2025, 4, 19), cal).soon_until == dt.date(2025, 4, 22)
    monday = counting.deadline_state(dt.date(2025, 4, 23), dt.date(2025, 4, 21), cal)
    assert (monday.state, monday.working_days_left) == (counting.SOON, 2)
    due_day = counting.deadline_state(dt.date(2025, 4, 23), dt.date(2025, 4, 23), cal)
    assert (due_day.state, due_day.working_days_left) == (counting.SOON, 0)
    late = counting.deadline_state(dt.date(2025, 4, 23), dt.date(2025, 4, 25), cal)
    assert (late.state, late.working_days_left) == (counting.OVERDUE, -2)


# --- Explanation lines as data ----------------------------------------------------------------


@settings(max_examples=200)
@given(calendars, receipts, counts)
def test_it_stores_and_reads_back_every_explanation_line(
    cal: counting.Calendar, t: dt.date, n: int
) -> None:
    for line in counting.add_working_days(t, n, cal).lines():
        assert counting.Line.from_json(line.to_json()) == line


def test_it_keeps_the_receipt_in_the_bodys_time_zone_when_stored() -> None:
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    cal = counting.Calendar(tzinfo=wita)
    received = dt.datetime(2025, 3, 3, 1, 30, tzinfo=dt.UTC)  # 09:30 WITA
    line = counting.add_working_days(received, 1, cal).lines()[0]
    stored = line.to_json()
    assert stored == {"kind": "received", "at": "2025-03-03T09:30:00+08:00", "tz": "Asia/Makassar"}
    assert counting.Line.from_json(stored).at == received
    assert counting.Line.from_json(stored).at.tzinfo == wita  # type: ignore[union-attr]


def test_it_reads_a_line_stored_as_text_before_lines_were_data() -> None:
    line = counting.Line.from_json("Dilewati 2025-03-28: Cuti Bersama Hari Suci Nyepi")
    assert line == counting.Line(
        counting.TEXT, reason="Dilewati 2025-03-28: Cuti Bersama Hari Suci Nyepi"
    )
