"""Read-only query helpers for the officer inbox and the public request log, and how long
a request took to answer (``timing``: the one place that says whether a notice was late).
That timing is stored on the request when the notice is sent (``apply_timing``, by the
action) and counted again here when a calendar changes (``recompute_answered_timing``, a
calendar hook run inside the calendar action's transaction, like the open deadlines'):
the statistics read the stored columns (issue 10).

The inbox reads only the columns it shows, pages by a keyset cursor in the order of an
index, and counts nothing over the officer's whole history: its first and its last page
cost the same handful of queries (PITFALLS.md 7 and 15, issue 14).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField, F, Field, IntegerField, Q, QuerySet

from terbuka import cursors
from terbuka.accounts.models import User
from terbuka.bodies import tree
from terbuka.bodies.models import Body, subtree
from terbuka.prepared import Param, Prepared, Shapes
from terbuka.requests import access
from terbuka.requests.deadlines import Windows
from terbuka.requests.models import InfoRequest, InfoRequestQuerySet, Outcome
from terbuka.workdays import calendar as workdays_calendar
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


# --- The inbox's unfiltered pages, compiled once per process --------------------------

# What a row of the inbox shows (``rows.inbox_rows``), its deadline state needs
# (``deadlines.Windows.state``) and its cursor (``inbox_cursor``): the columns of
# ``INBOX_FIELDS`` as plain values, the bodies from the process's tree.
INBOX_COLUMNS = (
    "pk",
    "public_id",
    "number",
    "subject",
    "status",
    "channel",
    "due_date",
    "received_at",
    "reopened_until",
    "body_id",
    "ppid_body_id",
    "assigned_to_id",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
)

# One query per shape: how many bodies the officer handles for and works in (one
# placeholder each), a cursor or not, the undated rows after the dated ones, the size.
_INBOX_PAGES = Shapes(kept=64)


class InboxOfficer:
    """The officer a row is assigned to, named as ``User`` names him."""

    __slots__ = ("first_name", "last_name", "pk", "username")

    get_full_name = User.get_full_name
    __str__ = User.__str__

    def __init__(self, pk: int, username: str, first_name: str, last_name: str) -> None:
        self.pk = pk
        self.username = username
        self.first_name = first_name
        self.last_name = last_name


class InboxRow:
    """A request of an unfiltered inbox page as the inbox reads it (``INBOX_COLUMNS``):
    its body and PPID body from the process's tree of bodies."""

    __slots__ = (
        "assigned_to",
        "body",
        "body_id",
        "channel",
        "due_date",
        "number",
        "pk",
        "ppid_body",
        "ppid_body_id",
        "public_id",
        "received_at",
        "reopened_until",
        "status",
        "subject",
    )

    is_open = InfoRequest.is_open

    def __init__(self, values: tuple[Any, ...], bodies: Mapping[int, Body]) -> None:
        (
            self.pk,
            self.public_id,
            self.number,
            self.subject,
            self.status,
            self.channel,
            self.due_date,
            self.received_at,
            self.reopened_until,
            self.body_id,
            self.ppid_body_id,
            assigned_id,
            username,
            first_name,
            last_name,
        ) = values
        self.body = bodies[self.body_id]
        self.ppid_body = bodies[self.ppid_body_id]
        self.assigned_to = (
            InboxOfficer(assigned_id, username, first_name, last_name)
            if assigned_id is not None
            else None
        )


def _inbox_page_query(
    handled: int, working: int, after: bool, undated: bool, size: int
) -> QuerySet[Any]:
    """The query ``inbox_page`` runs for an officer's unfiltered inbox, each body id,
    the cursor's values a ``Param``."""
    condition = access.visible_condition(
        [Param(f"h{n}", IntegerField()) for n in range(handled)],
        [Param(f"w{n}", IntegerField()) for n in range(working)],
    )
    listed = inbox_order(access.visible_requests(condition, handles=bool(handled)).needing_work())
    if undated:
        listed = listed.filter(due_date__isnull=True)
    elif after:
        listed = inbox_after(
            listed,
            Param("due", DateField()),  # type: ignore[arg-type]
            Param("received_at", DateTimeField()),  # type: ignore[arg-type]
            Param("pk", IntegerField()),  # type: ignore[arg-type]
        )
    return listed.values_list(*INBOX_COLUMNS)[:size]


def prepared_inbox_page(user: Any, raw: str, size: int) -> list[InboxRow] | None:
    """What ``inbox_page`` gives for the officer's unfiltered inbox (every request that
    needs work, from the cursor ``raw``), through a query compiled once per process and
    read as plain values: building and compiling the queryset and a hundred model objects
    was a third of the page's CPU (issue 14). None where ``inbox_page`` serves (a cursor
    on a request without a due date). Raises ``cursors.InvalidCursor``."""
    after = _decode_inbox_cursor(raw) if raw else None
    if after is not None and after[0] is None:
        return None
    ids = access.visible_ids(user)
    if ids is None:
        return []
    handled, working = ids
    values: dict[str, Any] = {f"h{n}": pk for n, pk in enumerate(handled)}
    values |= {f"w{n}": pk for n, pk in enumerate(working)}
    if after is not None:
        values |= {"due": after[0], "received_at": after[1], "pk": after[2]}
    shape = (len(handled), len(working), after is not None)

    def page(undated: bool) -> list[tuple[Any, ...]]:
        key = (*shape, undated, size)
        query = _INBOX_PAGES.get(
            key, lambda: _inbox_page_query(*shape, undated, size), INBOX_COLUMNS
        )
        return query.rows(**values)

    found = page(False)
    if after is not None and connection.features.nulls_order_largest and len(found) < size:
        found += page(True)[: size - len(found)]
    bodies = tree.snapshot().by_pk
    return [InboxRow(row, bodies) for row in found]


# What every row of the public log shows of the request and of its notice, on both the
# model path (``public_log``) and the compiled one (``LOG_FIELDS``).
_LOG_COLUMNS = ("public_id", "number", "subject", "received_at", "answered_at", "due_date")
_LOG_NOTICE = ("notice__outcome", "notice__exemption_ground")


def public_log() -> InfoRequestQuerySet:
    """The public request log. Only columns that carry no personal data are loaded."""
    return (
        InfoRequest.objects.published()
        .select_related("body", "notice", "ppid_body")
        .only(
            *_LOG_COLUMNS,
            "status",
            "publish_allowed",
            "body__name",
            "body__slug",
            "body__code",
            *_LOG_NOTICE,
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
    """``timing`` from the columns alone, for counting many requests read as values (the
    stored timing refilled after a calendar change, ``timings``); ``calendar`` must carry
    its time zone (``workdays.calendar.for_body`` and ``for_bodies`` give it)."""
    assert calendar.tzinfo is not None
    answered_on = (
        None if answered_at is None else workdays_state.local_date(calendar.tzinfo, answered_at)
    )
    return _timing(received_at, answered_on, due_date, calendar)


# The stored summary of the notice's timing on ``InfoRequest`` (``apply_timing``).
TIMING_FIELDS = ("working_days_taken", "answered_late", "working_days_late")


def stored(result: Timing) -> dict[str, Any]:
    """``result`` as the values of ``TIMING_FIELDS``."""
    return {
        "working_days_taken": result.working_days_taken,
        "answered_late": result.late,
        "working_days_late": result.working_days_late,
    }


def apply_timing(info_request: InfoRequest, calendar: counting.Calendar) -> Timing:
    """Set the stored timing of ``info_request`` (``TIMING_FIELDS``, not saved: the action
    saves them with the rest) to ``timing`` on ``calendar``; the figures over many requests
    read these columns instead of counting working days request by request."""
    result = timing(info_request, calendar)
    for name, value in stored(result).items():
        setattr(info_request, name, value)
    return result


# (pk, ppid_body_id, received_at, answered_at, due_date) of a request.
TimingRow = tuple[int, int, dt.datetime, dt.datetime | None, dt.date | None]


def timings(
    rows: Iterable[TimingRow], calendars: Mapping[int, counting.Calendar]
) -> Iterator[tuple[int, Timing]]:
    """``timing_at`` of each row on its PPID body's calendar (``calendars`` by body id, with
    their time zones): for refilling the stored timing of many requests at once (a
    calendar change, the migration that added the columns)."""
    for pk, ppid_body_id, received_at, answered_at, due_date in rows:
        yield (
            pk,
            timing_at(
                received_at=received_at,
                answered_at=answered_at,
                due_date=due_date,
                calendar=calendars[ppid_body_id],
            ),
        )


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


# --- The stored timing of answered requests ------------------------------------------------

# What a body's calendar needs of it and of its parents (``calendars_from_values``).
CALENDAR_BODY_FIELDS = ("pk", "parent_id", "timezone", "closes_at", "after_hours_next_day")
# A changed date can move the count of a request received up to a day after it (a time
# zone ahead of UTC) and, through the day receipt rolls over to, of one answered before
# it (a notice sent the evening of an after-hours receipt, before a long holiday).
RECEIVED_MARGIN = dt.timedelta(days=2)
ANSWERED_MARGIN = dt.timedelta(days=10)
TIMING_BATCH = 2000


def calendars_from_values(
    rows: Iterable[tuple[Any, ...]], ids: Iterable[int]
) -> dict[int, counting.Calendar]:
    """The calendars of the bodies ``ids`` (``workdays.calendar.for_bodies``) from the
    ``CALENDAR_BODY_FIELDS`` of every body (``rows``), in no query per body. Taking values
    lets the migration that filled the stored timing build them from its historical rows."""
    bodies = {}
    for pk, parent_id, tz_name, closes_at, after_hours_next_day in rows:
        bodies[pk] = Body(
            pk=pk,
            parent_id=parent_id,
            timezone=tz_name,
            closes_at=closes_at,
            after_hours_next_day=after_hours_next_day,
        )
    for body in bodies.values():
        if body.parent_id in bodies:
            body.parent = bodies[body.parent_id]
    return workdays_calendar.for_bodies(bodies[pk] for pk in set(ids))


def refill_timing(requests: InfoRequestQuerySet) -> int:
    """Count again the stored timing of the answered ``requests`` (``timings``, on
    each PPID body's current calendar) and write the rows whose figures changed, in
    batches; returns how many changed."""
    answered = requests.filter(answered_at__isnull=False)
    ids = set(answered.order_by().values_list("ppid_body_id", flat=True).distinct())
    if not ids:
        return 0
    calendars = calendars_from_values(Body.objects.values_list(*CALENDAR_BODY_FIELDS), ids)
    rows = answered.order_by("pk").values_list(
        "pk", "ppid_body_id", "received_at", "answered_at", "due_date", *TIMING_FIELDS
    )
    changed: list[InfoRequest] = []
    count = 0
    for batch in _batches(rows.iterator(chunk_size=TIMING_BATCH), TIMING_BATCH):
        now_stored = {row[0]: row[5:] for row in batch}
        for pk, result in timings((row[:5] for row in batch), calendars):
            values = stored(result)
            if tuple(values.values()) != now_stored[pk]:
                changed.append(InfoRequest(pk=pk, **values))
        if changed:
            InfoRequest.objects.bulk_update(changed, TIMING_FIELDS)
            count += len(changed)
            changed = []
    return count


def _batches(rows: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def recompute_answered_timing(
    *, actor: Any, dates: Collection[dt.date] | None, body: Body | None
) -> int:
    """Calendar-change callback: the stored timing of the answered requests whose span
    (receipt to notice) holds a changed date, on the calendars that changed (``body`` and
    the bodies below it, or every body), is counted again inside the calendar action's
    transaction, so the statistics agree with the calendar. The notice's event keeps what
    was counted the day it was sent. Returns how many requests changed."""
    requests = InfoRequest.objects.filter(answered_at__isnull=False)
    if body is not None:
        requests = requests.filter(
            ppid_body_id__in=[body.pk, *(below.pk for below in subtree(body))]
        )
    if dates is not None:
        span = Q(pk__isnull=True)  # never true: the start of an OR
        for day in sorted(set(dates)):
            midnight = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
            span |= Q(
                received_at__lt=midnight + RECEIVED_MARGIN,
                answered_at__gte=midnight - ANSWERED_MARGIN,
            )
        requests = requests.filter(span)
    return refill_timing(requests)


# --- The public log's pages (``/permohonan/`` and the API's register) --------------------

# Newest answer first, in the order of the index (publish_allowed, status, -answered_at).
LOG_ORDER = ("answered_at", "id")


def log_key(item: InfoRequest | LogRow) -> cursors.Key:
    assert item.answered_at is not None  # published() holds answered requests only
    return (item.answered_at.isoformat(), item.pk)


def log_queryset() -> InfoRequestQuerySet:
    # The redundant ``__in=[True]`` gives SQLite an equality on publish_allowed (Django
    # writes ``=True`` as the bare column), so the index gives the order: no sort.
    return public_log().filter(publish_allowed__in=[True])


# What the log's pages and the API's register show of a request, read as plain values.
LOG_FIELDS = ("id", *_LOG_COLUMNS, "body_id", "ppid_body_id", *_LOG_NOTICE)
_BODY, _PPID_BODY = LOG_FIELDS.index("body_id"), LOG_FIELDS.index("ppid_body_id")
# The pages without a filter (what most visitors and partner systems read), compiled
# once per process, page mode and page size (``cursors.prepared_keyset_page``): the same
# query ``keyset_page`` runs for them, without building a queryset and three model
# objects a row per visit (issue 14).
_LOG_PAGES = Shapes(kept=16)
LOG_KEY_FIELDS: tuple[Field[Any, Any], ...] = (DateTimeField(), IntegerField())


def _log_page_query(mode: str, per_page: int) -> Prepared:
    def build() -> QuerySet[Any]:
        return cursors.page_query(
            log_queryset().values_list(*LOG_FIELDS),
            fields=LOG_ORDER,
            mode=mode,
            key=cursors.key_params(LOG_KEY_FIELDS),
            per_page=per_page,
            descending=True,
        )

    return _LOG_PAGES.get((mode, per_page), build, LOG_FIELDS)


class _Notice:
    __slots__ = ("exemption_ground", "outcome")

    def __init__(self, outcome: str, exemption_ground: str | None) -> None:
        self.outcome = outcome
        self.exemption_ground = exemption_ground

    def get_outcome_display(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome))


class LogRow:
    """A request of the log's unfiltered pages as ``requests/rows.py`` and ``queries.timing``
    read it: its columns, its body and PPID body from the process's tree of bodies (their
    parents linked, for the calendar), its notice's outcome."""

    __slots__ = (
        "answered_at",
        "body",
        "due_date",
        "notice",
        "number",
        "pk",
        "ppid_body",
        "public_id",
        "received_at",
        "subject",
    )

    def __init__(self, values: tuple[Any, ...], bodies: dict[int, Body]) -> None:
        (
            self.pk,
            self.public_id,
            self.number,
            self.subject,
            self.received_at,
            self.answered_at,
            self.due_date,
            body_id,
            ppid_body_id,
            outcome,
            exemption_ground,
        ) = values
        self.body = bodies[body_id]
        self.ppid_body = bodies[ppid_body_id]
        # Without a notice its columns are NULL (a notice's outcome never is).
        self.notice = _Notice(outcome, exemption_ground) if outcome is not None else None


class _NotInTree(Exception):
    """A row's body is not in this request's tree of bodies (added since)."""


def _unfiltered_log_page(cursor: dict[str, Any], per_page: int) -> cursors.KeysetPage[Any] | None:
    """A page of the log without a filter from ``_log_page_query``, as ``keyset_page``
    gives it (``cursor``: its ``after``, ``before`` and ``last``); None when a row's body
    is not in this request's tree of bodies (the ORM reads it then). ``log_page`` reads
    it."""
    by_pk = tree.snapshot().by_pk

    def row(found: tuple[Any, ...]) -> LogRow:
        if found[_BODY] not in by_pk or found[_PPID_BODY] not in by_pk:
            raise _NotInTree
        return LogRow(found, by_pk)

    try:
        return cursors.prepared_keyset_page(
            functools.partial(_log_page_query, per_page=per_page),
            key_of=log_key,
            row=row,
            per_page=per_page,
            **cursor,
        )
    except _NotInTree:
        return None


def log_page(cursor: dict[str, Any], per_page: int, **conditions: Any) -> cursors.KeysetPage[Any]:
    """A page of the public log, newest answer first (``cursor``: its ``after``, ``before``
    and ``last``), of the requests matching ``conditions`` (ORM lookups). The log page and
    the API's register both read it: unfiltered, through a query compiled once."""
    page = None if conditions else _unfiltered_log_page(cursor, per_page)
    if page is None:
        page = cursors.keyset_page(
            log_queryset().filter(**conditions),
            fields=LOG_ORDER,
            key_of=log_key,
            per_page=per_page,
            descending=True,
            **cursor,
        )
        link_ppid_ancestors(page.rows)
    return page
