"""Reminders about a dispute's dates; ``send_dispute_reminders`` runs them daily from cron.
They go to the PPID body's handlers (PPID Utama, operators), and for the court window and
the release also to its Atasan PPID:

- a hearing within 2 working days (today up to the second working day after it);
- mediation's end due soon or overdue (Perki 1/2013 Pasal 41);
- the KI's 100 working days (UU Pasal 38(2)) due soon or passed;
- the 14 working days to go to court after the decision (UU Pasal 48(1)), until a
  challenge or its absence is recorded;
- a decision ordering information to be released with no release recorded.

Due soon and overdue are the one deadline function's (``workdays.state``). Each reminder is
an internal REMINDER_SENT event keyed on what it is about and the body's local date, so
running the command twice a day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from terbuka.disputes import clocks, notify
from terbuka.disputes.models import PENDING_STAGES, Dispute, Event, EventKind, Stage
from terbuka.requests.reminders import reminder_type
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state

HEARING = "hearing"
RELEASE = "release"


@dataclass
class Result:
    sent: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def _remind(
    dispute: Dispute,
    *,
    key: str,
    what: str,
    due: dt.date | dt.datetime,
    state: str,
    with_atasan: bool,
) -> bool:
    if Event.objects.filter(dispute=dispute, kind=EventKind.REMINDER_SENT, data__key=key).exists():
        return False
    Event.objects.create(dispute=dispute, kind=EventKind.REMINDER_SENT, data={"key": key})
    officers = (notify.HANDLERS, notify.ATASAN) if with_atasan else (notify.HANDLERS,)
    notify.later(
        "reminder",
        dispute=dispute,
        officers=officers,
        subject=notify.subject_line(gettext_lazy("Pengingat sengketa informasi"), dispute),
        extra={"what": what, "due": due, "state": state},
    )
    return True


def _reminders_for(
    dispute: Dispute, now: dt.datetime, calendar: counting.Calendar
) -> list[tuple[str, str, dt.date | dt.datetime, str, bool]]:
    """(key, what, due, state, with_atasan) for each reminder the dispute calls for today."""
    found: list[tuple[str, str, dt.date | dt.datetime, str, bool]] = []
    body = dispute.ppid_body
    today = workdays_state.today(body, now)
    soon_until = counting.window(today, calendar).soon_until
    if dispute.is_pending:
        for hearing in dispute.hearings.all():
            day = timezone.localtime(hearing.at, body.tzinfo).date()
            if today <= day <= soon_until:
                found.append(
                    (f"{HEARING}:{hearing.public_id}", HEARING, hearing.at, counting.SOON, False)
                )
        if dispute.stage == Stage.MEDIATION and dispute.mediation_due:
            state = workdays_state.deadline_state(
                dispute.mediation_due, body, now, calendar=calendar
            )
            kind = reminder_type(state)
            if kind:
                found.append(
                    (clocks.MEDIATION, clocks.MEDIATION, dispute.mediation_due, kind, False)
                )
        limit = clocks.limit_state(dispute, now, calendar=calendar)
        kind = reminder_type(limit)
        if limit is not None and kind:
            found.append((clocks.LIMIT, clocks.LIMIT, limit.due, kind, False))
    if dispute.stage == Stage.DECIDED:
        if dispute.court_due and not dispute.court_challenge:
            state = workdays_state.deadline_state(dispute.court_due, body, now, calendar=calendar)
            kind = reminder_type(state)
            if kind:
                found.append((clocks.COURT, clocks.COURT, dispute.court_due, kind, True))
        if dispute.orders_release and not dispute.releases.exists():
            found.append((RELEASE, RELEASE, dispute.decided_on or today, "", True))
    return [
        (f"{key}:{state}:{today.isoformat()}", what, due, state, atasan)
        for key, what, due, state, atasan in found
    ]


def send_reminders(now: dt.datetime | None = None) -> Result:
    now = now or timezone.now()
    result = Result()
    calendars = workdays_state.Calendars()
    disputes = (
        Dispute.objects.filter(stage__in=[*PENDING_STAGES, Stage.DECIDED])
        .select_related("ppid_body")
        .prefetch_related("hearings")
        .order_by("pk")
    )
    for dispute in disputes:
        calendar = calendars.of(dispute.ppid_body)
        for key, what, due, state, with_atasan in _reminders_for(dispute, now, calendar):
            with transaction.atomic():
                if _remind(
                    dispute, key=key, what=what, due=due, state=state, with_atasan=with_atasan
                ):
                    result.sent[what] = result.sent.get(what, 0) + 1
    return result
