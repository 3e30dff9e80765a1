"""The statutory deadline of a request: the written notice within 10 working days of
receipt (UU 14/2008 Pasal 22(7)), extendable once by at most 7 working days (Pasal 22(8));
the numbers are ``law.NOTICE_WORKING_DAYS`` and ``law.NOTICE_EXTENSION_MAX_WORKING_DAYS``.

Whose calendar: the handling PPID body's (``info_request.ppid_body``), with its own and its
ancestors' overrides (``terbuka.workdays.calendar.for_body``). The PPID Utama owes the notice
and keeps the service hours at which receipt is counted, so its working days decide, even
when the request is addressed to one of the Pelaksana units it serves. Its time zone says
what "today" is (``state``): every page, list, count and reminder asks ``state`` or
``windows`` here, which ask ``terbuka.workdays.state``.

Identity rule (DOMAIN.md practice, per body): with ``identity_restarts_clock`` the 10 days
count again from the moment the requester completed the identity (``counting_from``);
otherwise the clock keeps running from receipt.

The explanation stored with the due date (``due_explanation``) is a list of lines as data
(``counting.Line.to_json``), worded when shown by ``requests/_due_line.txt`` in the reader's
language. Rows stored before that hold finished Indonesian strings, shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from terbuka import law
from terbuka.bodies.models import Body, subtree
from terbuka.requests.models import (
    OPEN_STATUSES,
    Event,
    EventKind,
    InfoRequest,
    InfoRequestQuerySet,
)
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting, explanation
from terbuka.workdays import state as workdays_state
from terbuka.workdays.counting import Calendar, DeadlineState, Line, add_working_days

# The request's own explanation lines (the counting's are in ``counting``).
NOTICE_RULE = "notice_rule"  # count: the statutory working days; name: the PPID body
IDENTITY_RESTART = "identity_restart"  # at: counting restarted when the identity came
EXTENDED = "extended"  # count: days added; day: the due date before; until: after
LINE_TEMPLATE = "requests/_due_line.txt"


def calendar_for(info_request: InfoRequest) -> Calendar:
    return workdays_calendar.for_body(info_request.ppid_body)


def compute_due(
    info_request: InfoRequest, calendar: Calendar | None = None
) -> tuple[dt.date, list[Line]]:
    """The due date and the lines that explain how it was counted."""
    calendar = calendar or calendar_for(info_request)
    start = info_request.counting_from or info_request.received_at
    deadline = add_working_days(start, law.NOTICE_WORKING_DAYS, calendar)
    lines = [Line(NOTICE_RULE, count=law.NOTICE_WORKING_DAYS, name=info_request.ppid_body.name)]
    if info_request.counting_from:
        lines.append(Line(IDENTITY_RESTART, at=_local(info_request.counting_from, calendar)))
    # Weekends are always off: listing every Saturday and Sunday only hides the holidays.
    lines.extend(deadline.lines(weekends=False))
    lines.append(Line(counting.WEEKENDS_OFF))
    due = deadline.due
    if info_request.extension_days:
        extended = add_working_days(due, info_request.extension_days, calendar)
        lines.append(Line(EXTENDED, count=info_request.extension_days, day=due, until=extended.due))
        lines.extend(counting.skipped_lines(extended.skipped, weekends=False))
        due = extended.due
    return due, lines


def original_due(info_request: InfoRequest, calendar: Calendar | None = None) -> dt.date:
    """The due date without any extension."""
    calendar = calendar or calendar_for(info_request)
    start = info_request.counting_from or info_request.received_at
    return add_working_days(start, law.NOTICE_WORKING_DAYS, calendar).due


def _local(moment: dt.datetime, calendar: Calendar) -> dt.datetime:
    return moment.astimezone(calendar.tzinfo) if calendar.tzinfo is not None else moment


def apply_due(info_request: InfoRequest, calendar: Calendar | None = None) -> bool:
    """Set ``due_date`` and ``due_explanation``; True when the date changed.

    The explanation is stored as data, in no language: every reader of a case sees the same
    record of how its deadline was counted, in the language he reads the site in.
    """
    due, lines = compute_due(info_request, calendar)
    changed = info_request.due_date != due
    info_request.due_date = due
    info_request.due_explanation = [line.to_json() for line in lines]
    return changed


def explanation_text(info_request: InfoRequest) -> list[str]:
    """The stored explanation worded in the active language (pages use the template tag)."""
    return explanation.text(info_request.due_explanation, LINE_TEMPLATE)


# --- The state of the deadline ---------------------------------------------------------------


def today(info_request: InfoRequest, now: dt.datetime | None = None) -> dt.date:
    """Today where the handling PPID body is."""
    return workdays_state.today(info_request.ppid_body, now)


def state(
    info_request: InfoRequest,
    now: dt.datetime | None = None,
    *,
    calendar: Calendar | None = None,
) -> DeadlineState | None:
    """In time, due soon or overdue, with the working days left; None when the request is
    closed or has no due date (nothing is owed any more)."""
    if not info_request.is_open or info_request.due_date is None:
        return None
    return workdays_state.deadline_state(
        info_request.due_date, info_request.ppid_body, now, calendar=calendar
    )


@dataclass(frozen=True)
class Windows:
    """The overdue and due-soon cut-offs of every PPID body a list of requests spans, so
    that the list's database filters and counts (``q``) and each row's badge (``state``)
    come from the same ``counting.window``."""

    now: dt.datetime
    by_body: dict[int, counting.Window]
    calendars: dict[int, Calendar]

    def state(self, info_request: InfoRequest) -> DeadlineState | None:
        calendar = self.calendars.get(info_request.ppid_body_id)
        return state(info_request, self.now, calendar=calendar)

    def q(self, which: str) -> Q:
        """Open requests in the state ``which`` (counting.OVERDUE, SOON or ON_TIME)."""
        matches = Q(pk__isnull=True)  # never true: the start of an OR
        for body_id, window in self.by_body.items():
            if which == counting.OVERDUE:
                due = Q(due_date__lt=window.today)
            elif which == counting.SOON:
                due = Q(due_date__gte=window.today, due_date__lte=window.soon_until)
            elif which == counting.ON_TIME:
                due = Q(due_date__gt=window.soon_until)
            else:
                raise ValueError(which)
            matches |= Q(ppid_body_id=body_id) & due
        return Q(status__in=OPEN_STATUSES) & matches


def windows(
    requests: InfoRequestQuerySet | Iterable[Body], now: dt.datetime | None = None
) -> Windows:
    """The windows of the PPID bodies of ``requests`` (a queryset, or the bodies)."""
    now = now or timezone.now()
    if isinstance(requests, InfoRequestQuerySet):
        ids = set(requests.order_by().values_list("ppid_body_id", flat=True).distinct())
        bodies: Iterable[Body] = Body.objects.filter(pk__in=ids)
    else:
        bodies = requests
    calendars: dict[int, Calendar] = {}
    found: dict[int, counting.Window] = {}
    for body in bodies:
        calendars[body.pk] = workdays_calendar.for_body(body)
        found[body.pk] = workdays_state.window(body, now, calendar=calendars[body.pk])
    return Windows(now=now, by_body=found, calendars=calendars)


def recompute_open_deadlines(
    *, actor: Any, dates: Collection[dt.date] | None, body: Body | None
) -> int:
    """Calendar-change callback (DOMAIN.md "Working days": a change recomputes the deadlines
    of open cases). Runs inside the calendar action's transaction; writes a
    DEADLINE_RECOMPUTED event on each request whose due date moved. Returns how many moved.
    """
    requests = InfoRequest.objects.open().select_related("ppid_body").order_by("pk")
    if body is not None:
        # A body's calendar also governs the bodies below it (calendar.for_body).
        requests = requests.filter(
            ppid_body_id__in=[body.pk, *(below.pk for below in subtree(body))]
        )
    calendars: dict[int, Calendar] = {}
    moved = 0
    for info_request in requests.select_for_update(of=("self",)):
        calendar = calendars.get(info_request.ppid_body_id)
        if calendar is None:
            calendar = calendars[info_request.ppid_body_id] = calendar_for(info_request)
        old_due = info_request.due_date
        if not apply_due(info_request, calendar):
            continue
        info_request.save(update_fields=["due_date", "due_explanation", "updated_at"])
        Event.objects.create(
            info_request=info_request,
            actor=actor if getattr(actor, "pk", None) else None,
            kind=EventKind.DEADLINE_RECOMPUTED,
            note=gettext(
                "Kalender hari kerja berubah: batas waktu bergeser dari %(old)s ke %(new)s."
            )
            % {
                "old": old_due.isoformat() if old_due else "-",
                "new": info_request.due_date.isoformat() if info_request.due_date else "-",
            },
            data={
                "old_due": old_due.isoformat() if old_due else None,
                "new_due": info_request.due_date.isoformat() if info_request.due_date else None,
            },
        )
        moved += 1
    return moved
