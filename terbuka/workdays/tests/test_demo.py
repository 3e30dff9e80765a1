"""The calendar's part of ``seed_demo``."""

from __future__ import annotations

import io

import pytest

from terbuka.testing import World
from terbuka.workdays import calendar, demo
from terbuka.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_it_adds_one_regency_holiday_and_stays_idempotent(world: World) -> None:
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    day = CalendarDay.objects.get()
    assert day.body == world.regency
    assert not calendar.for_body(world.regency_agency).is_working_day(demo.DEMO_DAY)
    assert calendar.for_body(world.agency_a).is_working_day(demo.DEMO_DAY)


def test_it_skips_without_the_demo_bodies() -> None:
    out = io.StringIO()
    demo.seed(out)
    assert "dilewati" in out.getvalue()
    assert not CalendarDay.objects.exists()
