"""Build the ``counting.Calendar`` that applies to a body, from the database."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q

from terbuka.workdays import counting
from terbuka.workdays.models import CalendarDay, CalendarSettings, DayKind

if TYPE_CHECKING:
    from terbuka.bodies.models import Body


def days_off(body: Body | None = None) -> dict[dt.date, str]:
    """Active non-working weekdays for ``body`` (national ones plus its own and its
    ancestors' overrides: a regency's holiday also closes the regency's agencies)."""
    body_ids = []
    if body is not None:
        body_ids = [body.pk, *(ancestor.pk for ancestor in body.ancestors())]
    rows = CalendarDay.objects.filter(is_active=True).filter(
        Q(body__isnull=True) | Q(body_id__in=body_ids)
    )
    if not CalendarSettings.load().cuti_bersama_is_day_off:
        rows = rows.exclude(kind=DayKind.CUTI_BERSAMA)
    result: dict[dt.date, str] = {}
    kept_working: set[dt.date] = set()
    for day, name, is_day_off in rows.order_by("date", "id").values_list(
        "date", "name", "is_day_off"
    ):
        if day.weekday() >= counting.SATURDAY:
            continue
        if is_day_off:
            result.setdefault(day, name)
        else:
            kept_working.add(day)
    for day in kept_working:
        result.pop(day, None)
    return result


def for_body(body: Body | None = None) -> counting.Calendar:
    if body is None:
        return counting.Calendar(days_off=days_off(None))
    return counting.Calendar(
        days_off=days_off(body),
        closes_at=body.closes_at,
        after_hours_next_day=body.after_hours_next_day,
        tzinfo=body.tzinfo,
    )
