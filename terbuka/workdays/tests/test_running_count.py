"""``working_days_between`` reads a running count per year; it must say what walking the
days one by one says, across years, holidays and weekends."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from terbuka.workdays import counting

HOLIDAYS = {dt.date(2024, 12, 25): "Natal", dt.date(2025, 1, 1): "Tahun Baru"}
days = st.dates(min_value=dt.date(2023, 6, 1), max_value=dt.date(2026, 6, 30))


def walked(start: dt.date, end: dt.date, calendar: counting.Calendar) -> int:
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


@given(days, days)
def test_it_counts_as_walking_the_days_does(start: dt.date, end: dt.date) -> None:
    calendar = counting.Calendar(days_off=HOLIDAYS)
    assert counting.working_days_between(start, end, calendar) == walked(start, end, calendar)
