"""The statutory deadline of a request: the written notice within 10 working days of
receipt (UU 14/2008 Pasal 22(7)), extendable once by at most 7 working days (Pasal 22(8));
the numbers are ``law.NOTICE_WORKING_DAYS`` and ``law.NOTICE_EXTENSION_MAX_WORKING_DAYS``.

Whose calendar: the handling PPID body's (``info_request.ppid_body``), with its own and its
ancestors' overrides (``terbuka.workdays.calendar.for_body``). The PPID Utama owes the notice
and keeps the service hours at which receipt is counted, so its working days decide, even
when the request is addressed to one of the Pelaksana units it serves.

Identity rule (DOMAIN.md practice, per body): with ``identity_restarts_clock`` the 10 days
count again from the moment the requester completed the identity (``counting_from``);
otherwise the clock keeps running from receipt.

The explanation stored with the due date (``due_explanation``) is a list of lines as data
(``counting.Line.to_json``), worded when shown by ``requests/_due_line.txt`` in the reader's
language. Rows stored before that hold finished Indonesian strings, shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.utils.translation import gettext

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.requests.models import Event, EventKind, InfoRequest
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting, explanation
from terbuka.workdays.counting import Calendar, Line, add_working_days

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


def _subtree_ids(body: Body) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Body.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found = {body.pk}
    todo = [body.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


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
        requests = requests.filter(ppid_body_id__in=_subtree_ids(body))
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
