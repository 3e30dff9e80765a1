"""Every date of a dispute agrees with ``python manage.py due_date DATE N --body SLUG`` on
the stored calendar, for any date (weekends, holidays, cuti bersama, year end), and keeps
the properties its period must have."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terbuka import law
from terbuka.disputes import clocks
from terbuka.disputes.tests.helpers import due_date
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting

days = st.dates(min_value=dt.date(2024, 11, 1), max_value=dt.date(2027, 2, 28))
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@SETTINGS
@given(day=days)
def test_every_dispute_date_agrees_with_the_due_date_command(world: Any, day: dt.date) -> None:
    body = world.province
    calendar = workdays_calendar.for_body(body)
    assert clocks.start_due(day, calendar) == due_date(
        day, law.DISPUTE_START_WORKING_DAYS, body.slug
    )
    limit = clocks.limit_due(day, calendar)
    assert limit == due_date(day, law.DISPUTE_SETTLEMENT_WORKING_DAYS, body.slug)
    mediation = clocks.mediation_due(day, calendar, extended=False)
    assert mediation == due_date(day, law.MEDIATION_WORKING_DAYS, body.slug)
    extended = clocks.mediation_due(day, calendar, extended=True)
    assert extended == due_date(mediation, law.MEDIATION_EXTENSION_WORKING_DAYS, body.slug)
    assert clocks.court_due(day, calendar) == due_date(
        day, law.DECISION_CHALLENGE_WORKING_DAYS, body.slug
    )
    # Each is a working day, exactly its number of working days after the day it counts
    # from; the extension adds exactly 7 working days; 100 working days are at least 20
    # weeks.
    start = counting.effective_receipt(day, calendar)[0]
    assert calendar.is_working_day(limit)
    assert counting.working_days_between(start, limit, calendar) == 100
    assert counting.working_days_between(mediation, extended, calendar) == 7
    assert limit >= day + dt.timedelta(days=140)


@pytest.mark.django_db
@SETTINGS
@given(day=days, later=st.integers(min_value=0, max_value=60))
def test_a_later_start_never_ends_earlier(world: Any, day: dt.date, later: int) -> None:
    calendar = workdays_calendar.for_body(world.province)
    moved = day + dt.timedelta(days=later)
    assert clocks.limit_due(day, calendar) <= clocks.limit_due(moved, calendar)
    assert clocks.court_due(day, calendar) <= clocks.court_due(moved, calendar)
    assert clocks.mediation_due(day, calendar, extended=False) < clocks.mediation_due(
        day, calendar, extended=True
    )
