"""``python manage.py send_reminders``: reminders about statutory deadlines (UU 14/2008
Pasal 22(7)–(8)), run daily from cron.

- Due within 2 working days (today, or at most 2 working days ahead): the assigned officer, or the PPID body's
  handlers when nobody is assigned.
- Overdue: the same, escalated to the PPID Utama and the Atasan PPID of the PPID body (an
  unanswered request is a ground for objection, Pasal 35(1)c).

Each reminder is recorded as an internal REMINDER_SENT event keyed on its type and the local
date, so running the command twice the same day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from terbuka.bodies.models import Role, RoleKind
from terbuka.requests import deadlines, notify, numbering
from terbuka.requests.models import Event, EventKind, InfoRequest, Status
from terbuka.workdays.counting import Calendar, working_days_between

DUE_SOON_WORKING_DAYS = 2
# Candidates: due within this many calendar days (2 working days can span a long holiday).
CANDIDATE_WINDOW = dt.timedelta(days=21)

DUE_SOON = "due_soon"
OVERDUE = "overdue"


@dataclass
class Result:
    due_soon: int = 0
    overdue: int = 0
    skipped: int = 0


def reminder_type(info_request: InfoRequest, today: dt.date, calendar: Calendar) -> str | None:
    due = info_request.due_date
    if due is None:
        return None
    if due < today:
        return OVERDUE
    if working_days_between(today, due, calendar) <= DUE_SOON_WORKING_DAYS:
        return DUE_SOON
    return None


def _waits_for_requester(info_request: InfoRequest) -> bool:
    """Under the restart rule the clock is not the body's while the identity is missing."""
    return (
        info_request.status == Status.IDENTITY_INCOMPLETE
        and numbering.service_settings(info_request.ppid_body).identity_restarts_clock
    )


def _recipients(info_request: InfoRequest, kind: str) -> tuple[list[str], list[str]]:
    """(officers who handle the request, the Atasan PPID told of an overdue one)."""
    if info_request.assigned_to is not None and info_request.assigned_to.email:
        addresses = [info_request.assigned_to.email]
    else:
        addresses = Role.objects.held_in(info_request.ppid_body, notify.HANDLERS).addresses()
    atasan: list[str] = []
    if kind == OVERDUE:
        addresses += Role.objects.held_in(info_request.ppid_body, [RoleKind.UTAMA]).addresses()
        atasan = Role.objects.held_in(info_request.ppid_body, [RoleKind.ATASAN]).addresses()
    handlers = sorted(set(addresses))
    return handlers, sorted(set(atasan) - set(handlers))


def _remind(pk: int, kind: str, today: dt.date) -> bool:
    with transaction.atomic():
        info_request = (
            InfoRequest.objects.select_for_update(of=("self",))
            .select_related("body", "ppid_body", "assigned_to")
            .get(pk=pk)
        )
        already = Event.objects.filter(
            info_request=info_request,
            kind=EventKind.REMINDER_SENT,
            data__type=kind,
            data__date=today.isoformat(),
        ).exists()
        if already or not info_request.is_open:
            return False
        handlers, atasan = _recipients(info_request, kind)
        Event.objects.create(
            info_request=info_request,
            kind=EventKind.REMINDER_SENT,
            is_internal=True,
            note=", ".join(handlers + atasan),
            data={"type": kind, "date": today.isoformat()},
        )
        subjects = {
            OVERDUE: gettext_lazy("Melewati batas waktu"),
            DUE_SOON: gettext_lazy("Batas waktu segera tiba"),
        }
        subject = subjects[kind]
        # Sent once this commits (terbuka.mail): a failed send is logged, the event stays.
        notify.send(
            "reminder_overdue" if kind == OVERDUE else "reminder_due_soon",
            info_request=info_request,
            to=handlers,
            subject=notify.subject_line(subject, info_request),
            extra={"escalation": kind == OVERDUE},
        )
        if atasan:
            # The Atasan PPID supervises; he does not work in the officers' request pages,
            # so his copy names the request without linking to a page he cannot open.
            notify.send(
                "reminder_overdue",
                info_request=info_request,
                to=atasan,
                subject=notify.subject_line(subject, info_request),
                extra={"escalation": True, "for_atasan": True},
            )
        return True


def send_reminders(now: dt.datetime | None = None) -> Result:
    now = now or timezone.now()
    result = Result()
    horizon = (now + CANDIDATE_WINDOW).date()
    candidates = (
        InfoRequest.objects.open()
        .filter(due_date__lte=horizon)
        .select_related("ppid_body")
        .order_by("due_date", "pk")
    )
    calendars: dict[int, Calendar] = {}
    for info_request in candidates:
        calendar = calendars.get(info_request.ppid_body_id)
        if calendar is None:
            calendar = calendars[info_request.ppid_body_id] = deadlines.calendar_for(info_request)
        today = now.astimezone(info_request.ppid_body.tzinfo).date()
        kind = reminder_type(info_request, today, calendar)
        if kind is None or _waits_for_requester(info_request):
            continue
        if _remind(info_request.pk, kind, today):
            if kind == OVERDUE:
                result.overdue += 1
            else:
                result.due_soon += 1
        else:
            result.skipped += 1
    return result


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu permohonan informasi dan eskalasi yang terlambat."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminders()
        self.stdout.write(
            f"Pengingat: {result.due_soon} segera jatuh tempo, {result.overdue} terlambat,"
            f" {result.skipped} sudah dikirim hari ini."
        )
