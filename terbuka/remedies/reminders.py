"""Reminders about the two clocks of an objection; ``send_objection_reminders`` runs them
daily from cron.

- The Atasan's answer (Pasal 36(2), 30 working days): due soon → the Atasan PPID of the
  PPID body; overdue → the Atasan, escalated to the PPID Utama and the operators (an
  unanswered objection opens the way to the Komisi Informasi, Perki 1/2013 Pasal 13).
- A granted objection's instruction: due soon → the PPID body's handlers; overdue → the
  handlers, escalated to the Atasan who gave it.

Due soon and overdue are the one deadline function's (``clocks.state`` /
``clocks.instruction_state``, built on ``workdays.state``), the same as the inbox shows.
Each reminder is an internal REMINDER_SENT event keyed on its clock, type and the body's
local date, so running the command twice a day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from terbuka.remedies import clocks, notify
from terbuka.remedies.models import Event, EventKind, Objection, Status
from terbuka.requests.reminders import DUE_SOON, OVERDUE, reminder_type
from terbuka.workdays import state as workdays_state

ANSWER = "answer"
INSTRUCTION = "instruction"


@dataclass
class Result:
    due_soon: int = 0
    overdue: int = 0


def _already_sent(objection: Objection, key: str) -> bool:
    return Event.objects.filter(
        objection=objection, kind=EventKind.REMINDER_SENT, data__key=key
    ).exists()


def _remind(objection: Objection, *, clock: str, kind: str, today: dt.date) -> bool:
    key = f"{clock}:{kind}:{today.isoformat()}"
    if _already_sent(objection, key):
        return False
    officers: tuple[tuple[str, ...], ...]
    if clock == ANSWER:
        officers = (notify.ATASAN, notify.HANDLERS) if kind == OVERDUE else (notify.ATASAN,)
    else:
        officers = (notify.HANDLERS, notify.ATASAN) if kind == OVERDUE else (notify.HANDLERS,)
    Event.objects.create(objection=objection, kind=EventKind.REMINDER_SENT, data={"key": key})
    subject = (
        gettext_lazy("Keberatan lewat batas waktu")
        if kind == OVERDUE
        else gettext_lazy("Keberatan mendekati batas waktu")
    )
    notify.later(
        f"reminder_{kind}",
        objection_id=objection.pk,
        officers=officers,
        subject=notify.subject_line(subject, objection),
        extra={"clock": clock},
    )
    return True


def send_reminders(now: dt.datetime | None = None) -> Result:
    now = now or timezone.now()
    result = Result()
    calendars = workdays_state.Calendars()
    objections = Objection.objects.filter(
        status__in=[Status.RECEIVED, Status.GRANTED]
    ).select_related("ppid_body", "body", "info_request__body")
    for objection in objections.order_by("pk"):
        calendar = calendars.of(objection.ppid_body)
        if objection.status == Status.RECEIVED:
            clock, state = ANSWER, clocks.state(objection, now, calendar=calendar)
        else:
            clock, state = INSTRUCTION, clocks.instruction_state(objection, now)
        kind = reminder_type(state)
        if kind is None:
            continue
        today = workdays_state.today(objection.ppid_body, now)
        with transaction.atomic():
            if _remind(objection, clock=clock, kind=kind, today=today):
                if kind == DUE_SOON:
                    result.due_soon += 1
                else:
                    result.overdue += 1
    return result
