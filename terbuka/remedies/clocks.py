"""Which objection grounds a request has given rise to, since when, and the two clocks of an
objection (UU 14/2008 Pasal 35–36):

- filing: within 30 working days after the ground arose (Pasal 36(1),
  ``law.OBJECTION_FILING_WORKING_DAYS``);
- answer: the Atasan PPID answers within 30 working days of receipt (Pasal 36(2),
  ``law.OBJECTION_ANSWER_WORKING_DAYS``).

Both count on the PPID body's calendar exactly as ``python manage.py due_date DATE 30
--body SLUG`` does (``counting.add_working_days`` from a date: day 1 is the first working
day after it), so every date shown can be checked from outside. When a ground arose:

- a, d, e, f, g: the day the written notice was sent (its local date);
- c (no notice by the due date): the day after the due date;
- b (berkala information not provided, Pasal 9) needs no request: it is a continuing
  omission, arising anew each day the information is missing, so its window counts from
  the day the requester files it (never late while the omission lasts). When it is filed
  from a DIP entry whose next update date has passed (Pasal 9(3)), the day after that date
  is recorded as ``missing_since`` for the Atasan to weigh.

d and e ("answered otherwise than requested", "not fulfilled") are the requester's own
judgement of an answer, so they are open to him from the notice on; a (refusal), f (a fee
was charged) and g (the notice came after the due date) only when the notice shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext

from terbuka import law
from terbuka.bodies.models import subtree
from terbuka.remedies.models import Event as ObjectionEvent
from terbuka.remedies.models import EventKind, Ground, Objection
from terbuka.remedies.models import Status as ObjectionStatus
from terbuka.requests import deadlines
from terbuka.requests.models import InfoRequest, Notice, Outcome, Status
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state
from terbuka.workdays.counting import Calendar, DeadlineState

if TYPE_CHECKING:
    from terbuka.bodies.models import Body
    from terbuka.catalog.models import Entry


@dataclass(frozen=True)
class ArisenGround:
    code: str
    arose_on: dt.date
    filing_due: dt.date
    taken: bool  # an objection (not withdrawn) on this request already claims it
    explanation: tuple[dict[str, Any], ...] = ()  # how filing_due was counted (Line JSON)

    @property
    def label(self) -> str:
        return str(Ground(self.code).label)


def calendar_for(body: Body) -> Calendar:
    return workdays_calendar.for_body(body)


def explanation(since: dt.date, working_days: int, calendar: Calendar) -> list[dict[str, Any]]:
    """How ``due_date SINCE N`` was counted, as the stored lines requests use (worded by
    ``requests/_due_line.txt``)."""
    deadline = counting.add_working_days(since, working_days, calendar)
    return [line.to_json() for line in deadline.lines(weekends=False)] + [
        counting.Line(counting.WEEKENDS_OFF).to_json()
    ]


def filing_due(arose_on: dt.date, calendar: Calendar) -> dt.date:
    """The last day to object: ``due_date AROSE_ON 30`` (Pasal 36(1))."""
    return counting.add_working_days(arose_on, law.OBJECTION_FILING_WORKING_DAYS, calendar).due


def answer_due(received_on: dt.date, calendar: Calendar) -> dt.date:
    """The last day for the Atasan's answer: ``due_date RECEIVED_ON 30`` (Pasal 36(2))."""
    return counting.add_working_days(received_on, law.OBJECTION_ANSWER_WORKING_DAYS, calendar).due


def _sent_notice(info_request: InfoRequest) -> Notice | None:
    notice = Notice.objects.filter(info_request=info_request).first()
    return notice if notice is not None and notice.is_sent else None


def taken_grounds(info_request: InfoRequest) -> set[str]:
    codes: set[str] = set()
    for grounds in (
        Objection.objects.filter(info_request=info_request)
        .exclude(status=ObjectionStatus.WITHDRAWN)
        .values_list("grounds", flat=True)
    ):
        codes.update(grounds)
    return codes


def arisen_grounds(info_request: InfoRequest, now: dt.datetime | None = None) -> list[ArisenGround]:
    """The grounds this request has given rise to by ``now``, in the law's order."""
    if info_request.status == Status.WITHDRAWN:
        return []
    calendar = deadlines.calendar_for(info_request)
    today = deadlines.today(info_request, now)
    found: dict[str, dt.date] = {}
    due = info_request.due_date
    notice = _sent_notice(info_request)
    if notice is not None and notice.sent_at is not None:
        sent_on = deadlines.today(info_request, notice.sent_at)
        if notice.outcome == Outcome.REFUSED_EXEMPT:
            found[Ground.REFUSED] = sent_on
        found[Ground.OTHERWISE] = sent_on
        found[Ground.NOT_FULFILLED] = sent_on
        if notice.total_cost > 0:
            found[Ground.UNREASONABLE_FEE] = sent_on
        if due is not None and sent_on > due:
            found[Ground.NOT_ANSWERED] = due + dt.timedelta(days=1)
            found[Ground.LATE] = sent_on
    elif info_request.is_open and due is not None and today > due:
        found[Ground.NOT_ANSWERED] = due + dt.timedelta(days=1)
    taken = taken_grounds(info_request) if found else set()
    return [
        ArisenGround(
            code=code,
            arose_on=found[code],
            filing_due=filing_due(found[code], calendar),
            taken=code in taken,
            explanation=tuple(
                explanation(found[code], law.OBJECTION_FILING_WORKING_DAYS, calendar)
            ),
        )
        for code in Ground.values
        if code in found
    ]


def berkala_ground(ppid_body: Body, now: dt.datetime | None = None) -> ArisenGround:
    """Ground b, filed against a body served by ``ppid_body`` (from the body's page, or
    from one of its DIP entries): the window runs from today on the PPID body's calendar
    (see the module's docstring)."""
    calendar = calendar_for(ppid_body)
    today = workdays_state.today(ppid_body, now)
    return ArisenGround(
        code=Ground.BERKALA_NOT_PROVIDED,
        arose_on=today,
        filing_due=filing_due(today, calendar),
        taken=False,
        explanation=tuple(explanation(today, law.OBJECTION_FILING_WORKING_DAYS, calendar)),
    )


def missing_since(entry: Entry | None) -> dt.date | None:
    """The day after a berkala entry's next update was due, when that day has come."""
    if entry is None or not entry.is_update_overdue or entry.next_update_due is None:
        return None
    return entry.next_update_due + dt.timedelta(days=1)


def open_grounds(info_request: InfoRequest, now: dt.datetime | None = None) -> list[ArisenGround]:
    """The grounds the requester may still object on (not yet claimed)."""
    return [ground for ground in arisen_grounds(info_request, now) if not ground.taken]


def no_ground_reason(info_request: InfoRequest) -> str:
    """Why there is nothing to object to (yet), for the request's page and a refusal."""
    if info_request.status == Status.WITHDRAWN:
        return gettext("Permohonan ini sudah dicabut: tidak ada yang dapat diajukan keberatan.")
    if info_request.is_open:
        return gettext(
            "Keberatan dapat diajukan setelah ada pemberitahuan tertulis, atau bila"
            " pemberitahuan tidak datang sampai batas waktu %(due)s (UU 14/2008 Pasal 35"
            " ayat 1)."
        ) % {"due": info_request.due_date.isoformat() if info_request.due_date else "-"}
    return gettext("Semua alasan keberatan untuk permohonan ini sudah diajukan.")


def received_on(objection: Objection) -> dt.date:
    return workdays_state.today(objection.ppid_body, objection.received_at)


def state(
    objection: Objection, now: dt.datetime | None = None, *, calendar: Calendar | None = None
) -> DeadlineState | None:
    """The Atasan's clock: in time, due soon or overdue (the one deadline function); None
    once he answered or the objection was withdrawn."""
    if not objection.is_undecided:
        return None
    return workdays_state.deadline_state(
        objection.answer_due, objection.ppid_body, now, calendar=calendar
    )


def instruction_state(objection: Objection, now: dt.datetime | None = None) -> DeadlineState | None:
    """The PPID's clock for carrying out a granted objection's instruction."""
    if objection.status != ObjectionStatus.GRANTED or objection.instruction_due is None:
        return None
    return workdays_state.deadline_state(objection.instruction_due, objection.ppid_body, now)


def recompute_open_objections(
    *, actor: Any, dates: Collection[dt.date] | None, body: Body | None
) -> int:
    """Calendar-change callback: undecided objections get their answer date counted again
    on the changed calendar, with an event saying so. Returns how many moved."""
    objections = Objection.objects.undecided().select_related("ppid_body").order_by("pk")
    if body is not None:
        objections = objections.filter(
            ppid_body_id__in=[body.pk, *(below.pk for below in subtree(body))]
        )
    calendars: dict[int, Calendar] = {}
    moved = 0
    for objection in objections.select_for_update(of=("self",)):
        calendar = calendars.get(objection.ppid_body_id)
        if calendar is None:
            calendar = calendars[objection.ppid_body_id] = calendar_for(objection.ppid_body)
        new_due = answer_due(received_on(objection), calendar)
        if new_due == objection.answer_due:
            continue
        old_due = objection.answer_due
        objection.answer_due = new_due
        objection.save(update_fields=["answer_due", "updated_at"])
        ObjectionEvent.objects.create(
            objection=objection,
            actor=actor if getattr(actor, "pk", None) else None,
            at=timezone.now(),
            kind=EventKind.ANSWER_DUE_RECOMPUTED,
            data={"old_due": old_due.isoformat(), "new_due": new_due.isoformat()},
        )
        moved += 1
    return moved


@dataclass(frozen=True)
class DisputeWindow:
    """The 14 working days to take the dispute to the Komisi Informasi (UU Pasal 37(2);
    Perki 1/2013 Pasal 5, 13): ``due_date FROM 14``."""

    since: dt.date  # the Atasan's answer, or the last day he had to answer
    due: dt.date
    unanswered: bool


def dispute_window(objection: Objection, now: dt.datetime | None = None) -> DisputeWindow | None:
    """Open once the Atasan answered (upheld, or granted but the requester is not
    satisfied), or once his 30 working days passed without an answer."""
    calendar = calendar_for(objection.ppid_body)
    if objection.decided_at is not None and objection.status != ObjectionStatus.WITHDRAWN:
        since = workdays_state.today(objection.ppid_body, objection.decided_at)
        unanswered = False
    elif objection.is_undecided and workdays_state.today(objection.ppid_body, now) > (
        objection.answer_due
    ):
        since = objection.answer_due
        unanswered = True
    else:
        return None
    due = counting.add_working_days(since, law.DISPUTE_FILING_WORKING_DAYS, calendar).due
    return DisputeWindow(since=since, due=due, unanswered=unanswered)
