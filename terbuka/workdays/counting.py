"""Counting working days (hari kerja): pure functions, no database.

UU 14/2008 counts its deadlines in working days (Pasal 22(7)–(8): 10 working days for the
written notice, at most 7 more; Pasal 36: 30 for objections) without defining them. The
practice (DOMAIN.md "Working days"): Monday–Friday, minus national holidays and cuti
bersama. Day 1 is the first working day after receipt; a request received on a
non-working day, or after the body's service hours, counts as received on the next
working day (configurable per body).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext

SATURDAY = 5


@dataclass(frozen=True)
class Calendar:
    """The non-working days that apply to one body.

    ``days_off`` maps each non-working weekday to why it is off (a holiday's name).
    Weekends are always off; a calendar cannot turn a Saturday into a working day.
    """

    days_off: Mapping[dt.date, str] = field(default_factory=dict)
    # Service hours in the body's local time; None means "receipt time of day never rolls".
    closes_at: dt.time | None = None
    after_hours_next_day: bool = True
    tzinfo: dt.tzinfo | None = None

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.days_off

    def why_off(self, day: dt.date) -> str:
        if day.weekday() >= SATURDAY:
            return gettext("Sabtu") if day.weekday() == SATURDAY else gettext("Minggu")
        return self.days_off.get(day, "")


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str


@dataclass(frozen=True)
class Deadline:
    """A due date with the explanation every deadline shown must carry."""

    received_at: dt.datetime | dt.date
    received_on: dt.date  # the day receipt counts from, after rolling
    rolled_because: str  # why received_on differs from the receipt day ("" if it doesn't)
    working_days: int
    due: dt.date
    skipped: tuple[SkippedDay, ...]

    def explain(self) -> list[str]:
        lines = [gettext("Diterima: %(at)s") % {"at": self.received_at.isoformat()}]
        if self.rolled_because:
            lines.append(
                gettext("Dihitung diterima pada %(day)s (%(reason)s)")
                % {"day": self.received_on.isoformat(), "reason": self.rolled_because}
            )
        lines.append(
            gettext("Hari ke-1 adalah hari kerja pertama setelah %(day)s")
            % {"day": self.received_on.isoformat()}
        )
        lines.extend(
            gettext("Dilewati %(day)s: %(reason)s") % {"day": s.day.isoformat(), "reason": s.reason}
            for s in self.skipped
        )
        lines.append(
            gettext("Hari kerja ke-%(n)s: %(day)s")
            % {"n": self.working_days, "day": self.due.isoformat()}
        )
        return lines


def _local(
    received_at: dt.datetime | dt.date, calendar: Calendar
) -> tuple[dt.date, dt.time | None]:
    if isinstance(received_at, dt.datetime):
        moment = received_at
        if moment.tzinfo is not None and calendar.tzinfo is not None:
            moment = moment.astimezone(calendar.tzinfo)
        return moment.date(), moment.time()
    return received_at, None


def effective_receipt(
    received_at: dt.datetime | dt.date, calendar: Calendar
) -> tuple[dt.date, str, list[SkippedDay]]:
    """The working day receipt counts as, why it moved, and the days passed over."""
    day, time_of_day = _local(received_at, calendar)
    reason = ""
    skipped: list[SkippedDay] = []
    if (
        calendar.is_working_day(day)
        and calendar.after_hours_next_day
        and calendar.closes_at is not None
        and time_of_day is not None
        and time_of_day >= calendar.closes_at
    ):
        reason = gettext("diterima setelah jam layanan")
        day += dt.timedelta(days=1)
    elif not calendar.is_working_day(day):
        reason = gettext("diterima pada hari bukan hari kerja")
    while not calendar.is_working_day(day):
        skipped.append(SkippedDay(day, calendar.why_off(day)))
        day += dt.timedelta(days=1)
    return day, reason, skipped


def add_working_days(
    received_at: dt.datetime | dt.date, working_days: int, calendar: Calendar
) -> Deadline:
    """The date of the ``working_days``-th working day after receipt.

    ``add_working_days(t, 0, cal)`` is the working day receipt counts as.
    """
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    received_on, reason, skipped = effective_receipt(received_at, calendar)
    day = received_on
    counted = 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
        else:
            skipped.append(SkippedDay(day, calendar.why_off(day)))
    return Deadline(
        received_at=received_at,
        received_on=received_on,
        rolled_because=reason,
        working_days=working_days,
        due=day,
        skipped=tuple(skipped),
    )


def working_days_between(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if none)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count
