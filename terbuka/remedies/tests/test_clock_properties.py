"""The objection and dispute clocks agree with ``python manage.py due_date DATE N`` on the
stored calendar for any date (weekends, holidays, cuti bersama, year end), and keep the
properties a 30- or 14-working-day period must have."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terbuka import law
from terbuka.remedies import clocks
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting

days = st.dates(min_value=dt.date(2024, 11, 1), max_value=dt.date(2027, 2, 28))


def command(day: dt.date, n: int, body: Any) -> dt.date:
    out = io.StringIO()
    call_command(
        "due_date", day.isoformat(), str(n), "--body", body.slug, stdout=out, stderr=io.StringIO()
    )
    return dt.date.fromisoformat(out.getvalue().strip())


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=days)
def test_filing_answer_and_dispute_dates_agree_with_the_due_date_command(
    world: Any, day: dt.date
) -> None:
    body = world.province
    calendar = workdays_calendar.for_body(body)
    filing = clocks.filing_due(day, calendar)
    assert filing == command(day, law.OBJECTION_FILING_WORKING_DAYS, body)
    assert clocks.answer_due(day, calendar) == filing  # both 30 working days
    dispute = counting.add_working_days(day, law.DISPUTE_FILING_WORKING_DAYS, calendar).due
    assert dispute == command(day, law.DISPUTE_FILING_WORKING_DAYS, body)
    # A working day; exactly 30 working days after the day it counts from; never earlier
    # than 30 working days' worth of weekdays (6 weeks).
    assert calendar.is_working_day(filing)
    start = counting.effective_receipt(day, calendar)[0]
    assert counting.working_days_between(start, filing, calendar) == 30
    assert filing >= day + dt.timedelta(days=42)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=days, later=st.integers(min_value=0, max_value=60))
def test_a_later_ground_never_closes_its_window_earlier(
    world: Any, day: dt.date, later: int
) -> None:
    calendar = workdays_calendar.for_body(world.province)
    assert clocks.filing_due(day, calendar) <= clocks.filing_due(
        day + dt.timedelta(days=later), calendar
    )
