"""The clocks of a dispute, counted on the PPID body's calendar exactly as ``python manage.py
due_date DATE N --body SLUG`` counts (day 1 is the first working day after DATE):

- the Komisi Informasi starts within 14 working days of registration (UU 14/2008 Pasal
  38(1), ``law.DISPUTE_START_WORKING_DAYS``);
- it settles the dispute within 100 working days of registration (Pasal 38(2),
  ``law.DISPUTE_SETTLEMENT_WORKING_DAYS``);
- mediation lasts 14 working days from the first session, once extendable by 7 (Perki
  1/2013 Pasal 41, ``law.MEDIATION_WORKING_DAYS``, ``MEDIATION_EXTENSION_WORKING_DAYS``);
- a party goes to court within 14 working days of receiving the decision (UU Pasal 48(1);
  Perki 1/2013 Pasal 60, ``law.DECISION_CHALLENGE_WORKING_DAYS``).

Due soon and overdue come from the one deadline function (``workdays.state``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.bodies.models import subtree
from terbuka.disputes.models import Dispute, Event, EventKind, Stage
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state
from terbuka.workdays.counting import Calendar, DeadlineState

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from terbuka.bodies.models import Body


def calendar_for(body: Body) -> Calendar:
    return workdays_calendar.for_body(body)


def _add(since: dt.date, working_days: int, calendar: Calendar) -> dt.date:
    return counting.add_working_days(since, working_days, calendar).due


def start_due(registered_on: dt.date, calendar: Calendar) -> dt.date:
    """``due_date REGISTERED_ON 14``: the KI starts by then (Pasal 38(1))."""
    return _add(registered_on, law.DISPUTE_START_WORKING_DAYS, calendar)


def limit_due(registered_on: dt.date, calendar: Calendar) -> dt.date:
    """``due_date REGISTERED_ON 100``: the KI settles the dispute by then (Pasal 38(2))."""
    return _add(registered_on, law.DISPUTE_SETTLEMENT_WORKING_DAYS, calendar)


def mediation_due(first_session: dt.date, calendar: Calendar, *, extended: bool) -> dt.date:
    """``due_date FIRST_SESSION 14``, and 7 working days more once extended (Pasal 41)."""
    due = _add(first_session, law.MEDIATION_WORKING_DAYS, calendar)
    if extended:
        due = _add(due, law.MEDIATION_EXTENSION_WORKING_DAYS, calendar)
    return due


def court_due(received_on: dt.date, calendar: Calendar) -> dt.date:
    """``due_date RECEIVED_ON 14``: the last day to go to court (UU Pasal 48(1))."""
    return _add(received_on, law.DECISION_CHALLENGE_WORKING_DAYS, calendar)


def computed_dates(dispute: Dispute, calendar: Calendar) -> dict[str, dt.date | None]:
    """Every stored date of the dispute, counted from its starting points."""
    return {
        "start_due": start_due(dispute.registered_on, calendar) if dispute.registered_on else None,
        "limit_due": limit_due(dispute.registered_on, calendar) if dispute.registered_on else None,
        "mediation_due": mediation_due(
            dispute.mediation_started_on, calendar, extended=dispute.mediation_extended
        )
        if dispute.mediation_started_on
        else None,
        "court_due": court_due(dispute.decision_received_on, calendar)
        if dispute.decision_received_on
        else None,
    }


@dataclass(frozen=True)
class Clock:
    """The clock that matters now, for the list, the detail page and the reminders."""

    name: str  # MEDIATION, LIMIT, COURT
    label: str | Promise
    due: dt.date
    state: DeadlineState


MEDIATION = "mediation"
LIMIT = "limit"
COURT = "court"


def current_clock(
    dispute: Dispute, now: dt.datetime | None = None, *, calendar: Calendar | None = None
) -> Clock | None:
    """Mediation's end while mediating; else the 100-working-day limit while the KI is at
    work; after the decision, the court window until a challenge (or none) is recorded."""
    due: dt.date | None = None
    if dispute.stage == Stage.MEDIATION and dispute.mediation_due:
        name, label, due = MEDIATION, _("Batas waktu mediasi"), dispute.mediation_due
    elif dispute.is_pending and dispute.limit_due:
        name, label, due = LIMIT, _("Batas waktu penyelesaian sengketa"), dispute.limit_due
    elif dispute.stage == Stage.DECIDED and dispute.court_due and not dispute.court_challenge:
        name, label, due = COURT, _("Batas waktu gugatan ke pengadilan"), dispute.court_due
    if due is None:
        return None
    state = workdays_state.deadline_state(due, dispute.ppid_body, now, calendar=calendar)
    return Clock(name=name, label=label, due=due, state=state)


def limit_state(
    dispute: Dispute, now: dt.datetime | None = None, *, calendar: Calendar | None = None
) -> DeadlineState | None:
    """The 100-working-day limit, while the KI is at work (also during mediation)."""
    if not dispute.is_pending or dispute.limit_due is None:
        return None
    return workdays_state.deadline_state(
        dispute.limit_due, dispute.ppid_body, now, calendar=calendar
    )


def next_hearing_on(dispute: Dispute, now: dt.datetime | None = None) -> dt.datetime | None:
    moment = now or timezone.now()
    hearing = dispute.hearings.filter(at__gte=moment).order_by("at").first()
    return hearing.at if hearing is not None else None


def recompute_open_disputes(
    *, actor: Any, dates: Collection[dt.date] | None, body: Body | None
) -> int:
    """Calendar-change callback: disputes not finished get their dates counted again on the
    changed calendar, with an event saying so. Returns how many moved."""
    disputes = Dispute.objects.open().select_related("ppid_body").order_by("pk")
    if body is not None:
        disputes = disputes.filter(
            ppid_body_id__in=[body.pk, *(below.pk for below in subtree(body))]
        )
    calendars: dict[int, Calendar] = {}
    moved = 0
    for dispute in disputes.select_for_update(of=("self",)):
        calendar = calendars.get(dispute.ppid_body_id)
        if calendar is None:
            calendar = calendars[dispute.ppid_body_id] = calendar_for(dispute.ppid_body)
        new = computed_dates(dispute, calendar)
        changed = {
            name: (getattr(dispute, name), value)
            for name, value in new.items()
            if getattr(dispute, name) != value
        }
        if not changed:
            continue
        for name, (_old, value) in changed.items():
            setattr(dispute, name, value)
        dispute.save(update_fields=[*changed, "updated_at"])
        Event.objects.create(
            dispute=dispute,
            actor=actor if getattr(actor, "pk", None) else None,
            kind=EventKind.DATES_RECOMPUTED,
            data={
                name: [
                    old.isoformat() if old else None,
                    value.isoformat() if value else None,
                ]
                for name, (old, value) in changed.items()
            },
        )
        moved += 1
    return moved
