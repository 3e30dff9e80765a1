"""Read-only query helpers for the officer inbox and the public request log.

Counts are one aggregate query and lists are ``select_related``: an inbox with 10,000
requests costs the same handful of queries as one with 5 (PITFALLS.md 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from terbuka.bodies.models import Body
from terbuka.requests.models import OPEN_STATUSES, InfoRequest, InfoRequestQuerySet
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting

# Officers are warned when the written notice is due within this many working days.
SOON_WORKING_DAYS = 2

OVERDUE = "overdue"
SOON = "soon"
ON_TIME = "on_time"


@dataclass(frozen=True)
class DeadlineWindow:
    today: dt.date
    soon_until: dt.date  # the last date that still counts as "due soon"

    def state(self, info_request: InfoRequest) -> str:
        if not info_request.is_open or info_request.due_date is None:
            return ""
        if info_request.due_date < self.today:
            return OVERDUE
        if info_request.due_date <= self.soon_until:
            return SOON
        return ON_TIME


def deadline_window(body: Body | None = None, today: dt.date | None = None) -> DeadlineWindow:
    """Today and the date ``SOON_WORKING_DAYS`` working days ahead, on ``body``'s calendar."""
    today = today or timezone.localdate()
    calendar = workdays_calendar.for_body(body)
    soon_until = counting.add_working_days(today, SOON_WORKING_DAYS, calendar).due
    return DeadlineWindow(today=today, soon_until=soon_until)


def filter_deadline(
    queryset: InfoRequestQuerySet, state: str, window: DeadlineWindow
) -> InfoRequestQuerySet:
    open_requests = queryset.filter(status__in=OPEN_STATUSES)
    if state == OVERDUE:
        return open_requests.filter(due_date__lt=window.today)
    if state == SOON:
        return open_requests.filter(due_date__gte=window.today, due_date__lte=window.soon_until)
    if state == ON_TIME:
        return open_requests.filter(due_date__gt=window.soon_until)
    return queryset


def inbox_counts(
    queryset: InfoRequestQuerySet, user: Any, window: DeadlineWindow
) -> dict[str, int]:
    """The figures at the top of the inbox, in one query."""
    is_open = Q(status__in=OPEN_STATUSES)
    return queryset.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(due_date__lt=window.today)),
        soon=Count(
            "pk",
            filter=is_open & Q(due_date__gte=window.today, due_date__lte=window.soon_until),
        ),
        mine=Count("pk", filter=is_open & Q(assigned_to=user)),
        identity_incomplete=Count("pk", filter=Q(status="identity_incomplete")),
        answered=Count("pk", filter=Q(status="answered")),
    )


def inbox_order(queryset: InfoRequestQuerySet) -> InfoRequestQuerySet:
    """Soonest deadline first; requests without a due date last."""
    return queryset.select_related("body", "assigned_to").order_by(
        F("due_date").asc(nulls_last=True), "received_at", "pk"
    )


def public_log() -> InfoRequestQuerySet:
    """The public request log. Only columns that carry no personal data are loaded."""
    return (
        InfoRequest.objects.published()
        .select_related("body", "notice")
        .only(
            "public_id",
            "number",
            "subject",
            "received_at",
            "answered_at",
            "status",
            "publish_allowed",
            "body__name",
            "body__slug",
            "body__code",
            "notice__outcome",
            "notice__exemption_ground",
            "notice__sent_at",
        )
        .order_by(F("answered_at").desc(nulls_last=True), "-pk")
    )


def working_days_taken(info_request: InfoRequest, calendar: counting.Calendar) -> int | None:
    """Working days from receipt to the written notice, counted like the deadline."""
    if info_request.answered_at is None:
        return None
    received_on, _reason, _skipped = counting.effective_receipt(info_request.received_at, calendar)
    answered_on = timezone.localtime(info_request.answered_at, calendar.tzinfo).date()
    return counting.working_days_between(received_on, answered_on, calendar)
