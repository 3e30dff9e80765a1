"""Counting working days (hari kerja): pure functions, no database.

UU 14/2008 counts its deadlines in working days (the periods are in ``terbuka.law``)
without defining them. The practice (DOMAIN.md "Working days"): Monday–Friday, minus
national holidays and cuti bersama. Day 1 is the first working day after receipt; a
request received on a non-working day, or after the body's service hours, counts as
received on the next working day (configurable per body).

Two things are decided here and nowhere else:

- how a due date is counted, and the structured lines that explain it (``Deadline.lines``;
  the templates ``workdays/_explain_line.txt`` and its callers render them);
- the state of a deadline on a given day (``deadline_state``): in time, due soon or
  overdue, with the working days left. Every page, list, count and reminder asks it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

SATURDAY = 5

# Why receipt counts from a later day than it happened (``Deadline.rolled``; worded by
# ``workdays/_explain_line.txt``).
AFTER_HOURS = "after_hours"
NOT_A_WORKING_DAY = "not_a_working_day"


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

    # Working days counted from 1 January up to each day of a year, built on first use:
    # ``working_days_between`` over a whole province's requests reads them instead of
    # walking the days one by one (the coordination dashboard, the annual roll-up).
    _running: dict[int, list[int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.days_off

    def working_days_to(self, day: dt.date) -> int:
        """The working days from 1 January of ``day``'s year up to ``day`` included."""
        running = self._running.get(day.year)
        if running is None:
            running = []
            count = 0
            current = dt.date(day.year, 1, 1)
            while current.year == day.year:
                count += self.is_working_day(current)
                running.append(count)
                current += dt.timedelta(days=1)
            self._running[day.year] = running
        return running[day.timetuple().tm_yday - 1]

    def why_off(self, day: dt.date) -> str:
        if day.weekday() >= SATURDAY:
            return gettext("Sabtu") if day.weekday() == SATURDAY else gettext("Minggu")
        return self.days_off.get(day, "")


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= SATURDAY


# --- Explanation lines -------------------------------------------------------------------
# Every deadline shown says how it was counted (DOMAIN.md). The explanation is data: a list
# of lines, each a kind with its dates and numbers, stored as JSON and put into words (in
# the reader's language, dates in the site's format) only by the templates.

RECEIVED = "received"  # at (a moment) or day (a date without a time)
ROLLED = "rolled"  # day receipt counts as; reason: AFTER_HOURS or NOT_A_WORKING_DAY
DAY_ONE = "day_one"  # day: day 1 is the first working day after it
SKIPPED = "skipped"  # day; reason: the holiday's name ("" for a Saturday or Sunday)
DUE = "due"  # count: working days; day: the due date
WEEKENDS_OFF = "weekends_off"  # Saturdays and Sundays are never counted
RESTARTED = "restarted"  # at: the counting restarted from this moment
EXTENDED = "extended"  # count: working days added; day: the old due date; until: the new
TEXT = "text"  # reason: a line stored as finished text before lines were data


@dataclass(frozen=True)
class Line:
    """One line of a deadline's explanation. ``kind`` says which fields it uses; callers may
    add kinds of their own (e.g. the rule a deadline follows) and render them."""

    kind: str
    day: dt.date | None = None
    until: dt.date | None = None
    at: dt.datetime | None = None
    count: int | None = None
    reason: str = ""
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.day is not None:
            data["day"] = self.day.isoformat()
        if self.until is not None:
            data["until"] = self.until.isoformat()
        if self.at is not None:
            data["at"] = self.at.isoformat()
            # Kept so that the moment reads in the body's time zone, with its name (WITA).
            zone = getattr(self.at.tzinfo, "key", None)
            if zone:
                data["tz"] = zone
        if self.count is not None:
            data["count"] = self.count
        if self.reason:
            data["reason"] = self.reason
        if self.name:
            data["name"] = self.name
        return data

    @classmethod
    def from_json(cls, data: object) -> Line:
        """A stored line; a plain string (stored before lines were data) stays as it is."""
        if not isinstance(data, dict):
            return cls(kind=TEXT, reason=str(data))
        at = None
        if data.get("at"):
            at = dt.datetime.fromisoformat(data["at"])
            if data.get("tz") and at.tzinfo is not None:
                at = at.astimezone(zoneinfo.ZoneInfo(data["tz"]))
        return cls(
            kind=str(data.get("kind", TEXT)),
            day=dt.date.fromisoformat(data["day"]) if data.get("day") else None,
            until=dt.date.fromisoformat(data["until"]) if data.get("until") else None,
            at=at,
            count=data.get("count"),
            reason=str(data.get("reason", "")),
            name=str(data.get("name", "")),
        )


def skipped_lines(skipped: tuple[SkippedDay, ...], *, weekends: bool = True) -> list[Line]:
    return [
        Line(SKIPPED, day=s.day, reason="" if s.is_weekend else s.reason)
        for s in skipped
        if weekends or not s.is_weekend
    ]


@dataclass(frozen=True)
class Deadline:
    """A due date with the explanation every deadline shown must carry."""

    received_at: dt.datetime | dt.date
    received_on: dt.date  # the day receipt counts from, after rolling
    rolled: str  # why received_on differs from the receipt day: AFTER_HOURS, … ("" if not)
    working_days: int
    due: dt.date
    skipped: tuple[SkippedDay, ...]
    tzinfo: dt.tzinfo | None = None  # the calendar's, to show the receipt in local time

    def lines(self, *, weekends: bool = True) -> list[Line]:
        """How the due date was counted. ``weekends=False`` leaves out the Saturdays and
        Sundays passed over (they are always off; listing them hides the holidays)."""
        received = self.received_at
        if isinstance(received, dt.datetime):
            if received.tzinfo is not None and self.tzinfo is not None:
                received = received.astimezone(self.tzinfo)
            lines = [Line(RECEIVED, at=received)]
        else:
            lines = [Line(RECEIVED, day=received)]
        if self.rolled:
            lines.append(Line(ROLLED, day=self.received_on, reason=self.rolled))
        lines.append(Line(DAY_ONE, day=self.received_on))
        lines.extend(skipped_lines(self.skipped, weekends=weekends))
        lines.append(Line(DUE, count=self.working_days, day=self.due))
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


def _rolled(received_at: dt.datetime | dt.date, calendar: Calendar) -> tuple[dt.date, str]:
    """The local day of receipt, moved to the next day after service hours, and why."""
    day, time_of_day = _local(received_at, calendar)
    if (
        calendar.is_working_day(day)
        and calendar.after_hours_next_day
        and calendar.closes_at is not None
        and time_of_day is not None
        and time_of_day >= calendar.closes_at
    ):
        return day + dt.timedelta(days=1), AFTER_HOURS
    if not calendar.is_working_day(day):
        return day, NOT_A_WORKING_DAY
    return day, ""


def effective_receipt(
    received_at: dt.datetime | dt.date, calendar: Calendar
) -> tuple[dt.date, str, list[SkippedDay]]:
    """The working day receipt counts as, why it moved (AFTER_HOURS, NOT_A_WORKING_DAY or
    ""), and the days passed over."""
    day, reason = _rolled(received_at, calendar)
    skipped: list[SkippedDay] = []
    while not calendar.is_working_day(day):
        skipped.append(SkippedDay(day, calendar.why_off(day)))
        day += dt.timedelta(days=1)
    return day, reason, skipped


def receipt_day(received_at: dt.datetime | dt.date, calendar: Calendar) -> dt.date:
    """The working day receipt counts as (``effective_receipt`` without the explanation:
    for counting over many requests)."""
    day, _reason = _rolled(received_at, calendar)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


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
        rolled=reason,
        working_days=working_days,
        due=day,
        skipped=tuple(skipped),
        tzinfo=calendar.tzinfo,
    )


def working_days_between(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if none)."""
    if end <= start:
        return 0
    count = calendar.working_days_to(end) - calendar.working_days_to(start)
    for year in range(start.year, end.year):  # the rest of each year passed
        count += calendar.working_days_to(dt.date(year, 12, 31))
    return count


def nth_working_day_after(day: dt.date, n: int, calendar: Calendar) -> dt.date:
    """The ``n``-th working day strictly after ``day`` (``day`` itself is never counted,
    whether or not it is a working day; unlike receipt, "today" does not roll)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


# --- The state of a deadline ---------------------------------------------------------------

ON_TIME = "on_time"
SOON = "soon"
OVERDUE = "overdue"

# "Due soon": at most 2 working days are left, counting the working days after today up to
# and including the due date (0 on the due date itself). Working days, because the law
# counts the body's time in working days: a Saturday or a holiday gives an officer no time
# to answer, so a request due Wednesday is not "due soon" on the Saturday before (3 working
# days left) but is on Monday (2 left). This is the rule the reminders always used and the
# README states ("due within 2 working days"); the inbox used to count from the next
# working day on weekends and disagreed (issue 8).
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True)
class DeadlineState:
    """Where a deadline stands on ``today`` (the body's local date)."""

    due: dt.date
    today: dt.date
    state: str  # ON_TIME, SOON or OVERDUE
    # Working days after today up to and including the due date (0 on the due date).
    # When overdue: minus the working days since the due date (0 while none has passed,
    # e.g. on the Saturday after a Friday due date).
    working_days_left: int
    soon_within: int = DUE_SOON_WORKING_DAYS

    @property
    def is_overdue(self) -> bool:
        return self.state == OVERDUE

    @property
    def is_soon(self) -> bool:
        return self.state == SOON


@dataclass(frozen=True)
class Window:
    """The due dates that are overdue or due soon on ``today``: two cut-off dates, so that a
    database query can select them (``due < today``; ``today <= due <= soon_until``) with
    exactly the answer ``deadline_state`` gives for each date."""

    today: dt.date
    soon_until: dt.date  # the last due date that is still "due soon"

    def state(self, due: dt.date) -> str:
        if due < self.today:
            return OVERDUE
        if due <= self.soon_until:
            return SOON
        return ON_TIME


def window(today: dt.date, calendar: Calendar) -> Window:
    # working_days_between(today, due) <= N  ⟺  due comes before the (N+1)-th working day
    # after today: the cut-off is the day before that one.
    first_not_soon = nth_working_day_after(today, DUE_SOON_WORKING_DAYS + 1, calendar)
    return Window(today=today, soon_until=first_not_soon - dt.timedelta(days=1))


def deadline_state(due: dt.date, today: dt.date, calendar: Calendar) -> DeadlineState:
    """The state of a deadline due on ``due`` as seen on ``today`` (the body's local date:
    ``terbuka.workdays.state`` works it out), counted on the body's ``calendar``."""
    if due >= today:
        left = working_days_between(today, due, calendar)
    else:
        left = -working_days_between(due, today, calendar)
    return DeadlineState(
        due=due, today=today, state=window(today, calendar).state(due), working_days_left=left
    )
