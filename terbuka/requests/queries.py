"""Read-only query helpers for the officer inbox and the public request log, and how long
a request took to answer (``timing``: the one place that says whether a notice was late).

Counts are one aggregate query and lists are ``select_related``: an inbox with 10,000
requests costs the same handful of queries as one with 5 (PITFALLS.md 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from terbuka.bodies.models import Body
from terbuka.requests.deadlines import Windows
from terbuka.requests.models import OPEN_STATUSES, InfoRequest, InfoRequestQuerySet
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state

# The inbox's deadline filter values (``?deadline=``): the states of ``counting``.
OVERDUE = counting.OVERDUE
SOON = counting.SOON
ON_TIME = counting.ON_TIME


def filter_deadline(
    queryset: InfoRequestQuerySet, state: str, windows: Windows
) -> InfoRequestQuerySet:
    """Open requests in ``state``, each on its PPID body's date and calendar."""
    if state not in (OVERDUE, SOON, ON_TIME):
        return queryset
    return queryset.filter(windows.q(state))


def inbox_counts(queryset: InfoRequestQuerySet, user: Any, windows: Windows) -> dict[str, int]:
    """The figures at the top of the inbox, in one query."""
    is_open = Q(status__in=OPEN_STATUSES)
    return queryset.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=windows.q(OVERDUE)),
        soon=Count("pk", filter=windows.q(SOON)),
        mine=Count("pk", filter=is_open & Q(assigned_to=user)),
        identity_incomplete=Count("pk", filter=Q(status="identity_incomplete")),
        answered=Count("pk", filter=Q(status="answered")),
    )


def inbox_order(queryset: InfoRequestQuerySet) -> InfoRequestQuerySet:
    """Soonest deadline first; requests without a due date last."""
    return queryset.select_related("body", "ppid_body", "assigned_to").order_by(
        F("due_date").asc(nulls_last=True), "received_at", "pk"
    )


def public_log() -> InfoRequestQuerySet:
    """The public request log. Only columns that carry no personal data are loaded."""
    return (
        InfoRequest.objects.published()
        .select_related("body", "notice", "ppid_body")
        .only(
            "public_id",
            "number",
            "subject",
            "received_at",
            "answered_at",
            "due_date",
            "status",
            "publish_allowed",
            "body__name",
            "body__slug",
            "body__code",
            "notice__outcome",
            "notice__exemption_ground",
            "notice__sent_at",
            # Whose calendar and time zone the timing is counted on (``timing``).
            "ppid_body__name",
            "ppid_body__parent",
            "ppid_body__timezone",
            "ppid_body__closes_at",
            "ppid_body__after_hours_next_day",
        )
        .order_by(F("answered_at").desc(nulls_last=True), "-pk")
    )


def _answered_on(info_request: InfoRequest, calendar: counting.Calendar) -> dt.date | None:
    """The date the notice was sent, where the PPID body is."""
    if info_request.answered_at is None:
        return None
    tzinfo = calendar.tzinfo or info_request.ppid_body.tzinfo
    return workdays_state.local_date(tzinfo, info_request.answered_at)


def working_days_taken(info_request: InfoRequest, calendar: counting.Calendar) -> int | None:
    """Working days from receipt to the written notice, counted like the deadline."""
    answered_on = _answered_on(info_request, calendar)
    if answered_on is None:
        return None
    received_on, _reason, _skipped = counting.effective_receipt(info_request.received_at, calendar)
    return counting.working_days_between(received_on, answered_on, calendar)


def was_late(info_request: InfoRequest, calendar: counting.Calendar | None = None) -> bool:
    """The notice was sent on a local date after the due date: a ground for an objection
    (UU 14/2008 Pasal 35(1)g). ``calendar`` only gives the time zone (default: the PPID
    body's)."""
    if info_request.answered_at is None or info_request.due_date is None:
        return False
    tzinfo = calendar.tzinfo if calendar is not None and calendar.tzinfo else None
    answered_on = workdays_state.local_date(
        tzinfo or info_request.ppid_body.tzinfo, info_request.answered_at
    )
    return answered_on > info_request.due_date


@dataclass(frozen=True)
class Timing:
    """How long the written notice took, and by how much it missed the due date."""

    working_days_taken: int | None  # None: not answered
    late: bool
    # Working days after the due date up to the day it was sent; 0 when sent on the
    # weekend or holiday right after the due date, None when in time.
    working_days_late: int | None


def link_ppid_ancestors(items: list[InfoRequest]) -> None:
    """Give each row's PPID body its parents, all read in one query: the working-day
    calendar of a body walks up its tree, which otherwise asked once per body on a page
    of the public log (25 queries on a hub where every row is another body)."""
    by_pk = {body.pk: body for body in Body.objects.only("pk", "parent_id")}
    for item in items:
        node: Body | None = item.ppid_body
        while node is not None and node.parent_id is not None and node.parent_id in by_pk:
            if Body.parent.is_cached(node):
                break
            parent = by_pk[node.parent_id]
            node.parent = parent
            node = parent


def timing(info_request: InfoRequest, calendar: counting.Calendar) -> Timing:
    """The timing of the notice on ``calendar`` (the PPID body's, ``deadlines.calendar_for``)."""
    taken = working_days_taken(info_request, calendar)
    answered_on = _answered_on(info_request, calendar)
    if answered_on is None or info_request.due_date is None or not was_late(info_request, calendar):
        return Timing(working_days_taken=taken, late=False, working_days_late=None)
    late_by = counting.working_days_between(info_request.due_date, answered_on, calendar)
    return Timing(working_days_taken=taken, late=True, working_days_late=late_by)
