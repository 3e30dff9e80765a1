"""Reminders about the statutory deadline of requests (UU 14/2008 Pasal 22(7)–(8)); the
``send_reminders`` command runs ``send_reminders`` daily from cron.

- Due soon (``counting.DUE_SOON_WORKING_DAYS``: at most 2 working days left, today
  included as the last day): the assigned officer, or the PPID body's handlers when
  nobody is assigned.
- Overdue: the same, escalated to the PPID Utama and the Atasan PPID of the PPID body (an
  unanswered request is a ground for objection, Pasal 35(1)c).
- Due date missed: once a working day has passed after the due date without the notice
  (the next working day: not the Saturday after a Friday due date), the requester is told,
  once, that this is a ground for an objection to the Atasan PPID (Pasal 35(1)c) and how
  long he has to file it (``law.OBJECTION_FILING_WORKING_DAYS``). It is a public
  DUE_DATE_MISSED event on his timeline, written even when he has no e-mail address.

Which requests are due soon or overdue is ``deadlines.windows``/``deadlines.state``: the
inbox shows the same requests as due soon as the reminders write about, on the same day.

Each officers' reminder is recorded as an internal REMINDER_SENT event keyed on its type and the PPID
body's local date, so running the command twice the same day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka.bodies import permissions
from terbuka.bodies.models import RoleKind
from terbuka.requests import deadlines, notify, numbering
from terbuka.requests.models import Event, EventKind, InfoRequest, Status
from terbuka.workdays import counting

DUE_SOON = "due_soon"
OVERDUE = "overdue"


@dataclass
class Result:
    due_soon: int = 0
    overdue: int = 0
    skipped: int = 0
    requesters_told: int = 0


def reminder_type(deadline: counting.DeadlineState | None) -> str | None:
    """The reminder a deadline in this state calls for, if any."""
    if deadline is None:
        return None
    if deadline.state == counting.OVERDUE:
        return OVERDUE
    if deadline.state == counting.SOON:
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
        addresses = permissions.officer_addresses(info_request.ppid_body, notify.HANDLERS)
    atasan: list[str] = []
    if kind == OVERDUE:
        addresses += permissions.officer_addresses(info_request.ppid_body, (RoleKind.UTAMA,))
        atasan = permissions.officer_addresses(info_request.ppid_body, (RoleKind.ATASAN,))
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


def _tell_requester(pk: int, due: dt.date) -> bool:
    """Tell the requester, once, that the notice did not come by ``due`` (Pasal 35(1)c)."""
    with transaction.atomic():
        info_request = (
            InfoRequest.objects.select_for_update(of=("self",))
            .select_related("body", "ppid_body", "requester")
            .get(pk=pk)
        )
        # Once per request: a later due date (a recomputed calendar) does not tell him again.
        already = Event.objects.filter(
            info_request=info_request, kind=EventKind.DUE_DATE_MISSED
        ).exists()
        if already or not info_request.is_open:
            return False
        Event.objects.create(
            info_request=info_request,
            kind=EventKind.DUE_DATE_MISSED,
            is_internal=False,
            note=gettext(
                "Pemberitahuan tertulis tidak diberikan sampai batas waktu %(date)s: pemohon"
                " dapat mengajukan keberatan (UU 14/2008 Pasal 35 ayat 1 huruf c)."
            )
            % {"date": due.isoformat()},
            data={"due_date": due.isoformat()},
        )
        address = notify.requester_address(info_request)
        if address:
            notify.send(
                "due_date_missed",
                info_request=info_request,
                to=[address],
                subject=notify.subject_line(
                    gettext_lazy("Batas waktu pemberitahuan tertulis terlewati"), info_request
                ),
            )
        return True


def send_reminders(now: dt.datetime | None = None) -> Result:
    now = now or timezone.now()
    result = Result()
    open_requests = InfoRequest.objects.open()
    windows = deadlines.windows(open_requests, now)
    # The database picks the candidates with the same cut-offs the state below uses.
    candidates = (
        open_requests.filter(windows.q(counting.OVERDUE) | windows.q(counting.SOON))
        .select_related("ppid_body")
        .order_by("due_date", "pk")
    )
    for info_request in candidates:
        deadline = windows.state(info_request)
        kind = reminder_type(deadline)
        if kind is None or deadline is None or _waits_for_requester(info_request):
            continue
        if _remind(info_request.pk, kind, deadline.today):
            if kind == OVERDUE:
                result.overdue += 1
            else:
                result.due_soon += 1
        else:
            result.skipped += 1
        # working_days_left < 0: a whole working day has passed since the due date.
        if (
            kind == OVERDUE
            and deadline.working_days_left < 0
            and _tell_requester(info_request.pk, deadline.due)
        ):
            result.requesters_told += 1
    return result
