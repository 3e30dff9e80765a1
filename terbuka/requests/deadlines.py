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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.requests.models import Event, EventKind, InfoRequest
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays.counting import SATURDAY, Calendar, Deadline, add_working_days


def calendar_for(info_request: InfoRequest) -> Calendar:
    return workdays_calendar.for_body(info_request.ppid_body)


def compute_due(
    info_request: InfoRequest, calendar: Calendar | None = None
) -> tuple[dt.date, list[str]]:
    """The due date and the lines that explain how it was counted."""
    calendar = calendar or calendar_for(info_request)
    start = info_request.counting_from or info_request.received_at
    deadline = add_working_days(start, law.NOTICE_WORKING_DAYS, calendar)
    lines = [
        gettext(
            "Pemberitahuan tertulis paling lambat %(n)s hari kerja sejak permohonan diterima"
            " (UU 14/2008 Pasal 22 ayat 7), menurut kalender hari kerja %(body)s."
        )
        % {"n": law.NOTICE_WORKING_DAYS, "body": info_request.ppid_body.name}
    ]
    if info_request.counting_from:
        lines.append(
            gettext("Jangka waktu dihitung ulang sejak identitas dilengkapi pada %(at)s.")
            % {"at": _local(info_request.counting_from, calendar)}
        )
    lines.extend(_without_weekends(_localised(deadline.explain(), start, calendar), deadline))
    lines.append(gettext("Sabtu dan Minggu tidak dihitung."))
    due = deadline.due
    if info_request.extension_days:
        extended = add_working_days(due, info_request.extension_days, calendar)
        lines.append(
            gettext(
                "Diperpanjang %(n)s hari kerja (UU 14/2008 Pasal 22 ayat 8): dari %(old)s"
                " menjadi %(new)s."
            )
            % {
                "n": info_request.extension_days,
                "old": due.isoformat(),
                "new": extended.due.isoformat(),
            }
        )
        lines.extend(
            gettext("Dilewati %(day)s: %(reason)s")
            % {"day": skipped.day.isoformat(), "reason": skipped.reason}
            for skipped in extended.skipped
            if skipped.day.weekday() < SATURDAY
        )
        due = extended.due
    return due, lines


def original_due(info_request: InfoRequest, calendar: Calendar | None = None) -> dt.date:
    """The due date without any extension."""
    calendar = calendar or calendar_for(info_request)
    start = info_request.counting_from or info_request.received_at
    return add_working_days(start, law.NOTICE_WORKING_DAYS, calendar).due


def _local(moment: dt.datetime, calendar: Calendar) -> str:
    if calendar.tzinfo is not None:
        moment = moment.astimezone(calendar.tzinfo)
    return moment.strftime("%Y-%m-%d %H:%M %Z")


def _localised(lines: list[str], start: dt.datetime, calendar: Calendar) -> list[str]:
    # counting.explain prints the receipt as an ISO timestamp in UTC; show local time.
    return [
        line.replace(start.isoformat(), _local(start, calendar)) if i == 0 else line
        for i, line in enumerate(lines)
    ]


def _without_weekends(lines: list[str], deadline: Deadline) -> list[str]:
    """Weekends are always off: listing every Saturday and Sunday only hides the holidays."""
    weekend_lines = {
        gettext("Dilewati %(day)s: %(reason)s")
        % {"day": skipped.day.isoformat(), "reason": skipped.reason}
        for skipped in deadline.skipped
        if skipped.day.weekday() >= SATURDAY
    }
    return [line for line in lines if line not in weekend_lines]


def apply_due(info_request: InfoRequest, calendar: Calendar | None = None) -> bool:
    """Set ``due_date`` and ``due_explanation``; True when the date changed.

    The explanation is stored in the platform's language (Indonesian), whatever language
    the acting user chose, so every reader of a case sees the same record of how its
    deadline was counted.
    """
    with translation.override(settings.LANGUAGE_CODE):
        due, lines = compute_due(info_request, calendar)
    changed = info_request.due_date != due
    info_request.due_date = due
    info_request.due_explanation = lines
    return changed


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
