"""The state of a deadline for any case with a due date and a body: in time, due soon or
overdue, with the working days left (``counting.deadline_state``), seen from the body.

"Today" is the body's local date, not the platform's: at 23:30 WIB it is already the next
day in a WITA or WIT body (Body.timezone), and the calendar is the body's own
(``calendar.for_body``: its holidays and those of the bodies above it). Requests, and the
objection and dispute clocks after them, ask this module; lists that filter in the database
use ``window`` so that the query gives the same answer for every row.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting

if TYPE_CHECKING:
    from terbuka.bodies.models import Body


def local_date(tzinfo: dt.tzinfo, now: dt.datetime | None = None) -> dt.date:
    """The date at ``now`` (default: the current moment) in the time zone ``tzinfo``."""
    return timezone.localtime(now or timezone.now(), tzinfo).date()


def today(body: Body | None, now: dt.datetime | None = None) -> dt.date:
    """The date at ``now`` (default: the current moment) where ``body`` is."""
    return local_date(body.tzinfo if body is not None else timezone.get_default_timezone(), now)


def window(
    body: Body | None,
    now: dt.datetime | None = None,
    *,
    calendar: counting.Calendar | None = None,
) -> counting.Window:
    """The overdue and due-soon cut-off dates of ``body`` at ``now``."""
    calendar = calendar or workdays_calendar.for_body(body)
    return counting.window(today(body, now), calendar)


def deadline_state(
    due: dt.date,
    body: Body | None,
    now: dt.datetime | None = None,
    *,
    calendar: counting.Calendar | None = None,
) -> counting.DeadlineState:
    """Where a deadline due on ``due`` stands at ``now``, in ``body``'s time zone and on its
    calendar (pass ``calendar`` when it is already built for ``body``)."""
    calendar = calendar or workdays_calendar.for_body(body)
    return counting.deadline_state(due, today(body, now), calendar)


class Calendars:
    """Calendars built once per body, for a loop over many cases."""

    def __init__(self) -> None:
        self._built: dict[int | None, counting.Calendar] = {}
        self._version: int | None = None

    def of(self, body: Body | None) -> counting.Calendar:
        key = body.pk if body is not None else None
        if key not in self._built:
            if self._version is None:
                # Read once for the loop, not once per body (issue 14).
                self._version = workdays_calendar.version()
            self._built[key] = workdays_calendar.for_body(body, current=self._version)
        return self._built[key]
