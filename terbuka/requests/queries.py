"""Read-only query helpers for the officer inbox and the public request log, and how long
a request took to answer (``timing``: the one place that says whether a notice was late).

The inbox reads only the columns it shows, pages by a keyset cursor in the order of an
index, and counts nothing over the officer's whole history: its first and its last page
cost the same handful of queries (PITFALLS.md 7 and 15, issue 14).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q

from terbuka import cursors
from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.requests.deadlines import Windows
from terbuka.requests.models import InfoRequest, InfoRequestQuerySet
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


# What an inbox row shows, and what its deadline badge needs of the PPID body: nothing
# else is read, so no encrypted identity column is loaded or decrypted (issue 14).
INBOX_FIELDS = (
    "public_id",
    "number",
    "subject",
    "status",
    "channel",
    "due_date",
    "received_at",
    "reopened_until",
    "body__name",
    "ppid_body__name",
    "ppid_body__parent",
    "ppid_body__timezone",
    "ppid_body__closes_at",
    "ppid_body__after_hours_next_day",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
)


def inbox_search(queryset: InfoRequestQuerySet, text: str) -> InfoRequestQuerySet:
    """Requests whose registration number is or starts with ``text``, or whose subject or
    requester's name contains it. For the officers' inbox only: the name is personal data,
    and no other list searches it."""
    text = " ".join(text.split())
    if not text:
        return queryset
    return queryset.filter(
        Q(number__istartswith=text) | Q(subject__icontains=text) | Q(requester_name__icontains=text)
    )


def inbox_order(queryset: InfoRequestQuerySet) -> InfoRequestQuerySet:
    """Soonest deadline first, in the order of the index ``requests_inbox_order`` (a
    request without a due date sorts where the database puts NULL: last on PostgreSQL,
    first on SQLite; ``inbox_after`` follows the same rule)."""
    return (
        queryset.select_related("body", "ppid_body", "assigned_to")
        .only(*INBOX_FIELDS)
        .order_by("due_date", "received_at", "pk")
    )


def inbox_cursor(item: InfoRequest) -> str:
    """The keyset cursor of the page after ``item`` (the last row shown)."""
    due = item.due_date.isoformat() if item.due_date else None
    payload = json.dumps([due, item.received_at.isoformat(), item.pk]).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def _decode_inbox_cursor(raw: str) -> tuple[dt.date | None, dt.datetime, int]:
    try:
        padded = raw + "=" * (-len(raw) % 4)
        due, stamp, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        due_date = dt.date.fromisoformat(due) if due is not None else None
        received_at = dt.datetime.fromisoformat(stamp)
        if received_at.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise cursors.InvalidCursor(raw[:60]) from None
    return due_date, received_at, pk


def inbox_page(queryset: InfoRequestQuerySet, raw: str, size: int) -> list[InfoRequest]:
    """Up to ``size`` rows after the cursor ``raw`` ("" for the first page) in
    ``inbox_order``: the index is entered at the cursor's due date, so the last page costs
    what the first does (keyset pagination, PITFALLS.md 15). Raises
    ``cursors.InvalidCursor``.

    Every request gets its due date at receipt (``deadlines.apply_due``); a row without one
    sorts where the database puts NULL (first on SQLite, last on PostgreSQL) and is read
    by a second query at that end, so that the main condition stays one index range.
    """
    if not raw:
        return list(queryset[:size])
    due, received_at, pk = _decode_inbox_cursor(raw)
    later_same_day = Q(received_at__gt=received_at) | Q(received_at=received_at, pk__gt=pk)
    nulls_last = connection.features.nulls_order_largest
    if due is None:
        rows = list(queryset.filter(Q(due_date__isnull=True) & later_same_day)[:size])
        if not nulls_last and len(rows) < size:
            rows += queryset.filter(due_date__isnull=False)[: size - len(rows)]
        return rows
    rows = list(inbox_after(queryset, due, received_at, pk)[:size])
    if nulls_last and len(rows) < size:
        rows += queryset.filter(due_date__isnull=True)[: size - len(rows)]
    return rows


def inbox_after(
    queryset: InfoRequestQuerySet, due: dt.date, received_at: dt.datetime, pk: int
) -> InfoRequestQuerySet:
    """The dated rows after (``due``, ``received_at``, ``pk``): one range of the index
    ``requests_inbox_order`` from ``due`` on, the rows of that same day after the cursor."""
    later_same_day = Q(received_at__gt=received_at) | Q(received_at=received_at, pk__gt=pk)
    return queryset.filter(Q(due_date__gte=due) & (Q(due_date__gt=due) | later_same_day))


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
    # From this process's copy of the tree (``bodies.tree``): building 500 objects on
    # every page cost more than the page's own rows (issue 14).
    by_pk = tree.snapshot().by_pk
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
    answered_on = _answered_on(info_request, calendar)
    return _timing(info_request.received_at, answered_on, info_request.due_date, calendar)


def timing_at(
    *,
    received_at: dt.datetime,
    answered_at: dt.datetime | None,
    due_date: dt.date | None,
    calendar: counting.Calendar,
) -> Timing:
    """``timing`` from the columns alone, for figures over many requests read as values
    (``reports.statistics.received_by_bodies``); ``calendar`` must carry its time zone
    (``workdays.calendar.for_body`` and ``for_bodies`` give it)."""
    assert calendar.tzinfo is not None
    answered_on = (
        None if answered_at is None else workdays_state.local_date(calendar.tzinfo, answered_at)
    )
    return _timing(received_at, answered_on, due_date, calendar)


def _timing(
    received_at: dt.datetime,
    answered_on: dt.date | None,
    due_date: dt.date | None,
    calendar: counting.Calendar,
) -> Timing:
    """Late: the notice was sent on a local date after the due date (``was_late``)."""
    if answered_on is None:
        return Timing(working_days_taken=None, late=False, working_days_late=None)
    received_on = counting.receipt_day(received_at, calendar)
    taken = counting.working_days_between(received_on, answered_on, calendar)
    if due_date is None or answered_on <= due_date:
        return Timing(working_days_taken=taken, late=False, working_days_late=None)
    late_by = counting.working_days_between(due_date, answered_on, calendar)
    return Timing(working_days_taken=taken, late=True, working_days_late=late_by)
