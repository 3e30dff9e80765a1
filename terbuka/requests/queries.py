"""Read-only query helpers for the officer inbox and the public request log.

Counts are one aggregate query and lists are ``select_related``: an inbox with 10,000
requests costs the same handful of queries as one with 5 (PITFALLS.md 7).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from terbuka.requests.deadlines import Windows
from terbuka.requests.models import OPEN_STATUSES, InfoRequest, InfoRequestQuerySet
from terbuka.workdays import counting

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
