"""The service figures of a body for a period (a month, a semester, a year), computed from
the request events: the one source of the statistics page, its exports, the Ringkasan
akses (UU 14/2008 Pasal 12) and, later, the annual report. There is no second set of
counters to drift from the case files.

What is counted, for the requests in the body's register (``access.covered``) whose
receipt (a ``submitted`` or ``registered`` event) falls in the period, on the body's own
local days:

- received: by channel and by requester type;
- outcomes: the ``notice_sent`` event's outcome (granted in full, in part, refused — by the
  Pasal 17 ground the notice cites —, not held, not yet documented), ``withdrawn``, and
  the requests still open; these add up to the requests received;
- time to the written notice: working days from receipt to the notice, counted on the
  PPID body's calendar like the deadline (``requests.queries.timing``, the one owner of
  "late") and stored with the notice (``queries.apply_timing``; counted again when the
  calendar changes), so that figures over many requests only read a column: the median,
  the 90th percentile (nearest rank), on time within the 10 working days, on time with
  the extension (Pasal 22(8)), and late;
- extensions (an ``extended`` event) and referrals to another body (``referred``);
- objections received in the period, by the Atasan PPID's decision;
- disputes at the Komisi Informasi filed in the period, by the KI's decision.

Each part of the report is a ``Section`` of ``Figure`` rows, built by one function in
``SECTIONS``: the screen, the CSV, the XLSX and the PDF all print those rows, so they
show the same numbers. A later part of the report adds its own function there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models import Value as SqlValue
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from terbuka import law, tabular
from terbuka.accounts.models import RequesterType
from terbuka.bodies.models import Body
from terbuka.disputes.models import PENDING_STAGES, Dispute
from terbuka.disputes.models import Outcome as DisputeOutcome
from terbuka.disputes.models import Stage as DisputeStage
from terbuka.prepared import Param, Prepared
from terbuka.remedies.models import Objection
from terbuka.remedies.models import Status as ObjectionStatus
from terbuka.reports import access
from terbuka.reports.periods import Period
from terbuka.requests.models import Channel, Event, EventKind, InfoRequest, Outcome

RECEIPT_KINDS = (EventKind.SUBMITTED, EventKind.REGISTERED)
WITHDRAWN = "withdrawn"
OPEN = "open"

Value = int | float | None


@dataclass(frozen=True)
class Figure:
    key: str  # stable, for tests and the annual report: "received.channel.online"
    label: str
    value: Value  # None: nothing to measure (a median of no notices)

    @property
    def text(self) -> str:
        return display(self.value)


def display(value: Value) -> str:
    """A figure as the page, the PDF and the summary print it: whole numbers as such, a
    median between two days with one decimal (a comma in Indonesian), nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return str(number_format(value, decimal_pos=1))
    return str(number_format(int(value)))


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Timing:
    answered: int
    median: int | float | None
    p90: int | None
    within_10: int
    on_time_extended: int
    late: int


@dataclass(frozen=True)
class ObjectionFigures:
    received: int
    upheld: int
    granted: int
    pending: int
    withdrawn: int


@dataclass(frozen=True)
class DisputeFigures:
    received: int
    by_outcome: dict[str, int]  # the KI's decisions (disputes.models.Outcome)
    pending: int  # the Komisi Informasi is still at work
    withdrawn: int


@dataclass(frozen=True)
class Statistics:
    """The figures of ``body`` for ``period``."""

    body: Body
    period: Period
    received: int
    by_channel: dict[str, int]
    by_requester_type: dict[str, int]
    outcomes: dict[str, int]  # Outcome values, "withdrawn" and "open"
    refusals_by_ground: dict[str, int]  # Pasal 17 code → requests refused on it
    timing: Timing
    extensions: int
    referrals: int
    objections: ObjectionFigures
    disputes: DisputeFigures
    sections: tuple[Section, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: the page says so instead of empty tables."""
        return self.received == 0 and self.objections.received == 0 and self.disputes.received == 0

    @property
    def granted_in_full_or_part(self) -> int:
        return self.outcomes[Outcome.GRANTED] + self.outcomes[Outcome.GRANTED_IN_PART]

    def empty_note(self) -> str:
        return _("Tidak ada permohonan, keberatan, maupun sengketa pada %(period)s.") % {
            "period": self.period.label()
        }

    def rows(self) -> list[list[tabular.Cell]]:
        """Every figure as a table row (section, measure, value), for the exports; for an
        empty period, one row that says so."""
        if self.is_empty:
            return [[_("Keterangan"), self.empty_note(), None]]
        return [
            [section.title, figure.label, figure.value]
            for section in self.sections
            for figure in section.figures
        ]

    def figure(self, key: str) -> Figure:
        for section in self.sections:
            for item in section.figures:
                if item.key == key:
                    return item
        raise KeyError(key)


def headers() -> list[str]:
    return [_("Bagian"), _("Ukuran"), _("Jumlah")]


# --- Counting -----------------------------------------------------------------------------


def percentile(values: list[int], share: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least ``share`` of the
    values at or below it (p90 of 1..10 is 9). None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _has_event(kind: str) -> Exists:
    """The request has an event of ``kind`` (through the events' index on their request)."""
    return Exists(Event.objects.filter(info_request=OuterRef("pk"), kind=kind))


def _has_receipt() -> Exists:
    """The request has a receipt event: asked per request through the events' index on
    their request (measured by bench/reports.py: an ``IN`` over every receipt event of a
    million requests took seconds for one body's year on SQLite)."""
    return Exists(Event.objects.filter(info_request=OuterRef("pk"), kind__in=RECEIPT_KINDS))


def chosen_in(body: Body, period: Period) -> QuerySet[InfoRequest]:
    """The requests of ``body``'s register received in ``period``: those with a receipt
    event, received on a local day of the period where the body is. The figures are
    counted from it by the database: no row, no identity is read."""
    return (
        InfoRequest.objects.filter(access.covered(body), _has_receipt())
        .filter(tabular.within_days("received_at", period.start, period.end, body))
        .order_by()
    )


def monthly(body: Body, period: Period) -> list[int]:
    """Requests received in each month of ``period``, on the body's local days (the same
    requests as the period's figures), counted in one query."""
    months = _months(period)
    counts = chosen_in(body, period).aggregate(
        **{
            f"m{index}": Count("pk", filter=tabular.within_days("received_at", first, last, body))
            for index, (first, last) in enumerate(months)
        }
    )
    return [counts[f"m{index}"] for index in range(len(months))]


def summarise_timing(taken: Iterable[tuple[int, bool]]) -> Timing:
    """The timing figures of notices given as (working days taken, late)."""
    return timing_of(Counter(taken))


def _timing_counts(chosen: QuerySet[InfoRequest], *group: str) -> Iterable[dict[str, Any]]:
    """How many answered requests of ``chosen`` took how many working days, late or not
    (per ``group`` too), from the timing stored with the notice
    (``requests.queries.apply_timing``), counted by the database."""
    answered = chosen.filter(_has_event(EventKind.NOTICE_SENT), working_days_taken__isnull=False)
    return answered.values(*group, "working_days_taken", "answered_late").annotate(n=Count("pk"))


def _withdrawn_only() -> Q:
    """Withdrawn: a ``withdrawn`` event and no notice (counted with the other figures)."""
    return Q(_has_event(EventKind.WITHDRAWN)) & ~Q(_has_event(EventKind.NOTICE_SENT))


def _notices(chosen: QuerySet[InfoRequest], *, grounds: bool) -> Iterable[dict[str, Any]]:
    """How many requests of ``chosen`` have a ``notice_sent`` event, by the outcome it
    records (and, with ``grounds``, the Pasal 17 ground of the notice), counted by the
    database."""
    by: dict[str, Any] = {"outcome": KeyTextTransform("outcome", "data")}
    if grounds:
        by["ground"] = F("info_request__notice__exemption_ground")
    return (
        Event.objects.filter(info_request__in=chosen.values("pk"), kind=EventKind.NOTICE_SENT)
        .order_by()
        .values(**by)
        .annotate(n=Count("info_request_id", distinct=True))
    )


def _outcome_counts(
    notices: Iterable[dict[str, Any]], received: int, withdrawn: int
) -> dict[str, int]:
    """The outcome of ``received`` requests (``withdrawn`` of them ``_withdrawn_only``):
    the outcome of the ``notice_sent`` event (``_notices``), else withdrawn, else open."""
    outcomes: Counter[str] = Counter()
    for row in notices:
        outcomes[row["outcome"] or ""] += row["n"]
    answered = sum(outcomes.values())
    outcomes[WITHDRAWN] = withdrawn
    outcomes[OPEN] = received - answered - withdrawn
    return _ordered(outcomes, _OUTCOME_KEYS)


def _objection_figures(statuses: Iterable[str]) -> ObjectionFigures:
    count = Counter(statuses)
    return ObjectionFigures(
        received=sum(count.values()),
        upheld=count[ObjectionStatus.UPHELD],
        granted=count[ObjectionStatus.GRANTED] + count[ObjectionStatus.INSTRUCTION_DONE],
        pending=count[ObjectionStatus.RECEIVED],
        withdrawn=count[ObjectionStatus.WITHDRAWN],
    )


def _dispute_figures(disputes: Sequence[tuple[Any, ...]]) -> DisputeFigures:
    outcomes = Counter(outcome for _stage, outcome in disputes if outcome)
    stages = Counter(stage for stage, _outcome in disputes)
    return DisputeFigures(
        received=len(disputes),
        by_outcome=_ordered(outcomes, DisputeOutcome.values),
        pending=sum(stages[stage] for stage in PENDING_STAGES),
        withdrawn=stages[DisputeStage.WITHDRAWN],
    )


# The values of the prepared queries of one body's figures (``compute``).
_BODY = "body"  # the body's id
_SINCE, _UNTIL = "since", "until"  # the moments bounding the period's local days
_FIRST, _LAST = "first", "last"  # the period's first and last day (the KI's dates)


def _param_body() -> Param:
    return Param(_BODY, IntegerField())


def _received_in_period(field: str = "received_at") -> Q:
    """Received on a local day of the period (``tabular.day_bounds``, as ``within_days``)."""
    return Q(
        **{
            f"{field}__gte": Param(_SINCE, DateTimeField()),
            f"{field}__lt": Param(_UNTIL, DateTimeField()),
        }
    )


def _objections_query() -> QuerySet[Any]:
    # The objection's own body: a ground-b objection (berkala information not provided)
    # has no request.
    return (
        Objection.objects.filter(access.covered(_param_body()))
        .filter(_received_in_period())
        .order_by()
        .values_list("status")
    )


def _disputes_query() -> QuerySet[Any]:
    """Disputes filed at the Komisi Informasi in the period (a date, as the KI's)."""
    body = _param_body()
    return (
        Dispute.objects.filter(
            Q(ppid_body=body) | Q(info_request__body=body) | Q(objection__body=body),
            filed_on__gte=Param(_FIRST, DateField()),
            filed_on__lte=Param(_LAST, DateField()),
        )
        .order_by()
        .values_list("stage", "outcome")
    )


# What the requests' figures are counted by (``_request_figures``), in ``compute``'s order.
_FIGURES_BY = (
    "channel",
    "requester_type",
    "notice_outcome",
    "notice__exemption_ground",
    "working_days_taken",
    "answered_late",
    "any_extended",
    "any_referred",
    "any_withdrawn",
)


def _request_figures(chosen: QuerySet[InfoRequest]) -> QuerySet[Any]:
    """The requests of ``chosen`` counted by the database in one query, by everything the
    figures tell apart: channel, requester type, the outcome of the ``notice_sent`` event
    (None: no notice) with the notice's Pasal 17 ground, the timing stored with the
    notice, and whether the request was extended, referred or withdrawn. One query
    instead of one per figure (measured by bench/reports.py: on PostgreSQL, building and
    sending the queries of one body-year cost more than running them)."""
    notice = Event.objects.filter(info_request=OuterRef("pk"), kind=EventKind.NOTICE_SENT)
    outcome = notice.order_by("pk").values(
        outcome=Coalesce(
            KeyTextTransform("outcome", "data"), SqlValue(""), output_field=TextField()
        )
    )[:1]
    return (
        chosen.annotate(
            notice_outcome=Subquery(outcome),
            # Named apart from the model's relations and properties (``was_extended``).
            any_extended=_has_event(EventKind.EXTENDED),
            any_referred=_has_event(EventKind.REFERRED),
            any_withdrawn=_has_event(EventKind.WITHDRAWN),
        )
        .values(*_FIGURES_BY)
        .annotate(n=Count("pk"))
    )


def _requests_query() -> QuerySet[Any]:
    """``_request_figures`` of the requests ``chosen_in`` a body and period, with the body
    and the period's bounds as ``Param`` values."""
    chosen = (
        InfoRequest.objects.filter(access.covered(_param_body()), _has_receipt())
        .filter(_received_in_period())
        .order_by()
    )
    return _request_figures(chosen)


# One body's figures in three queries compiled once per process (``prepared``): building
# the three querysets cost three times their SQL on a body-year (bench/reports.py).
_REQUESTS = Prepared(_requests_query, (*_FIGURES_BY, "n"))
_OBJECTIONS = Prepared(_objections_query, ("status",))
_DISPUTES = Prepared(_disputes_query, ("stage", "outcome"))


def compute(body: Body, period: Period) -> Statistics:
    """The figures of ``body`` for ``period``, each counted by the database (three
    queries, whatever the number of requests: the requests, the objections, the
    disputes)."""
    since, until = tabular.day_bounds(period.start, period.end, body)
    moments: dict[str, Any] = {_BODY: body.pk, _SINCE: since, _UNTIL: until}
    days: dict[str, Any] = {_BODY: body.pk, _FIRST: period.start, _LAST: period.end}
    by_channel: Counter[str] = Counter()
    by_requester_type: Counter[str] = Counter()
    handled: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    grounds: Counter[str] = Counter()
    timing: TimingCounts = Counter()
    received = 0
    for (
        channel,
        requester_type,
        outcome,
        ground,
        taken,
        late,
        extended,
        referred,
        withdrawn,
        n,
    ) in _REQUESTS.rows(**moments):
        received += n
        by_channel[channel] += n
        by_requester_type[requester_type] += n
        handled["extended"] += n if extended else 0
        handled["referred"] += n if referred else 0
        if outcome is None:  # no notice: withdrawn, or still open
            handled["withdrawn"] += n if withdrawn else 0
            continue
        outcomes[outcome] += n
        if outcome == Outcome.REFUSED_EXEMPT:
            grounds[ground or ""] += n
        if taken is not None:
            timing[(taken, bool(late))] += n
    result = Statistics(
        body=body,
        period=period,
        received=received,
        by_channel=_ordered(by_channel, Channel.values),
        by_requester_type=_ordered(by_requester_type, RequesterType.values),
        outcomes=_outcome_counts(
            [{"outcome": key, "n": n} for key, n in outcomes.items()],
            received,
            handled["withdrawn"],
        ),
        refusals_by_ground=dict(sorted(grounds.items())),
        timing=timing_of(timing),
        extensions=handled["extended"],
        referrals=handled["referred"],
        objections=_objection_figures(status for (status,) in _OBJECTIONS.rows(**moments)),
        disputes=_dispute_figures(_DISPUTES.rows(**days)),
    )
    sections = tuple(section for build in SECTIONS if (section := build(result)) is not None)
    return dataclasses.replace(result, sections=sections)


# --- Many bodies at once --------------------------------------------------------------------


# (working days taken, late) → how many notices: the timing of many requests as the
# database counts it, without a row per request.
TimingCounts = Counter[tuple[int, bool]]


@dataclass
class BodyReceived:
    """The requests received by one body in a period, counted by the database (the
    coordination dashboard, the benchmark): no identity, no text, no row per request."""

    received: int = 0
    timing: TimingCounts = field(default_factory=Counter)


@dataclass
class ReceivedByBodies:
    """``received_by_bodies``: per body, and for all of them each month and outcome."""

    by_body: dict[int, BodyReceived]
    monthly: list[int]  # the months of the period in order (12 for a year)
    outcomes: dict[str, int]  # Outcome values, WITHDRAWN and OPEN, as in ``compute``


def _months(period: Period) -> list[tuple[dt.date, dt.date]]:
    """The first and the last day of each month of ``period``."""
    months = []
    first = period.start
    while first <= period.end:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((first, min(period.end, following - dt.timedelta(days=1))))
        first = following
    return months


def received_by_bodies(bodies: Iterable[Body], period: Period) -> ReceivedByBodies:
    """The requests addressed to ``bodies`` received in ``period`` (each on its body's local
    days and months), with their outcome and timing counted as ``compute`` counts them: the
    database counts them (per body, per month, per outcome, per number of working days
    taken as stored with the notice), in three queries whatever the number of bodies."""
    by_zone: dict[str, list[int]] = {}
    for body in bodies:
        by_zone.setdefault(body.timezone, []).append(body.pk)
    months = _months(period)
    if not by_zone:
        return ReceivedByBodies(
            by_body={}, monthly=[0] * len(months), outcomes=_ordered(Counter(), _OUTCOME_KEYS)
        )
    where = Q(pk__isnull=True)  # never true: the start of an OR
    in_month: list[Q] = [Q(pk__isnull=True) for _month in months]
    for name, ids in by_zone.items():
        zone = zoneinfo.ZoneInfo(name)
        where |= Q(body_id__in=ids) & tabular.within_days(
            "received_at", period.start, period.end, zone
        )
        for index, (first, last) in enumerate(months):
            in_month[index] |= Q(body_id__in=ids) & tabular.within_days(
                "received_at", first, last, zone
            )
    chosen = InfoRequest.objects.filter(where, _has_receipt()).order_by()
    found: dict[int, BodyReceived] = {}
    monthly = [0] * len(months)
    per_month = {f"m{index}": Count("pk", filter=q) for index, q in enumerate(in_month)}
    withdrawn = 0
    for row in chosen.values("body_id").annotate(
        n=Count("pk"), withdrawn=Count("pk", filter=_withdrawn_only()), **per_month
    ):
        found[row["body_id"]] = BodyReceived(received=row["n"])
        withdrawn += row["withdrawn"]
        for index in range(len(months)):
            monthly[index] += row[f"m{index}"]
    for row in _timing_counts(chosen, "body_id"):
        key = (row["working_days_taken"], row["answered_late"])
        found[row["body_id"]].timing[key] += row["n"]
    total = sum(item.received for item in found.values())
    return ReceivedByBodies(
        by_body=found,
        monthly=monthly,
        outcomes=_outcome_counts(_notices(chosen, grounds=False), total, withdrawn),
    )


_OUTCOME_KEYS = [*Outcome.values, WITHDRAWN, OPEN]


@dataclass
class RegisterFigures:
    """The main figures of one body's register (``access.covered``) in a period, as
    ``compute`` counts them: requests received, their notices' outcomes, the timing of
    the notices, and objections received."""

    received: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # notices by their outcome
    timing: TimingCounts = field(default_factory=Counter)
    objections: int = 0


def _register_paths(bodies: Iterable[Body], period: Period) -> list[tuple[str, Q]]:
    """The cases (requests, objections) of each body's register received in ``period`` on
    its own local days, in two disjoint ways to the body: ``body_id`` (addressed to it),
    and ``ppid_body_id`` (handled by its PPID, addressed to another body). A case of both
    kinds counts in both bodies' registers, as ``access.covered`` counts it."""
    by_zone: dict[str, list[int]] = {}
    for body in bodies:
        by_zone.setdefault(body.timezone, []).append(body.pk)
    paths = []
    for key in ("body_id", "ppid_body_id"):
        where = Q(pk__isnull=True)  # never true: the start of an OR
        for name, ids in by_zone.items():
            where |= Q(**{f"{key}__in": ids}) & tabular.within_days(
                "received_at", period.start, period.end, zoneinfo.ZoneInfo(name)
            )
        if key == "ppid_body_id":
            where &= ~Q(body_id=F("ppid_body_id"))
        paths.append((key, where))
    return paths


def registers(bodies: Iterable[Body], period: Period) -> dict[int, RegisterFigures]:
    """The main figures of each body's register in ``period`` (the annual report's
    roll-up), the same as ``compute`` body by body, counted for all of them at once: eight
    queries whatever the number of bodies."""
    bodies = list(bodies)
    found = {body.pk: RegisterFigures() for body in bodies}
    if not bodies:
        return found
    for key, where in _register_paths(bodies, period):
        chosen = InfoRequest.objects.filter(where, _has_receipt()).order_by()
        for row in chosen.values(key).annotate(n=Count("pk")):
            found[row[key]].received += row["n"]
        for row in _timing_counts(chosen, key):
            found[row[key]].timing[(row["working_days_taken"], row["answered_late"])] += row["n"]
        notices = (
            Event.objects.filter(info_request__in=chosen.values("pk"), kind=EventKind.NOTICE_SENT)
            .order_by()
            .values(row=F(f"info_request__{key}"), outcome=KeyTextTransform("outcome", "data"))
            .annotate(n=Count("info_request_id", distinct=True))
        )
        for row in notices:
            found[row["row"]].outcomes[row["outcome"] or ""] += row["n"]
        objections = Objection.objects.filter(where).order_by().values(key)
        for row in objections.annotate(n=Count("pk")):
            found[row[key]].objections += row["n"]
    return found


def timing_of(counts: TimingCounts) -> Timing:
    """The timing figures of notices counted as (working days taken, late) → how many:
    the same as ``summarise_timing`` of as many notices."""
    answered = sum(counts.values())
    late = sum(n for (_days, was_late), n in counts.items() if was_late)
    within_10 = sum(
        n
        for (days, was_late), n in counts.items()
        if not was_late and days <= law.NOTICE_WORKING_DAYS
    )
    by_days: Counter[int] = Counter()
    for (days, _was_late), n in counts.items():
        by_days[days] += n
    return Timing(
        answered=answered,
        median=_counted_median(by_days, answered),
        p90=_counted_rank(by_days, max(1, math.ceil(0.9 * answered))) if answered else None,
        within_10=within_10,
        on_time_extended=answered - late - within_10,
        late=late,
    )


def _counted_rank(by_days: Counter[int], rank: int) -> int:
    """The ``rank``-th smallest value (from 1) of the values counted in ``by_days``."""
    seen = 0
    for days in sorted(by_days):
        seen += by_days[days]
        if seen >= rank:
            return days
    raise ValueError(rank)


def _counted_median(by_days: Counter[int], answered: int) -> int | float | None:
    if not answered:
        return None
    low = _counted_rank(by_days, (answered + 1) // 2)
    high = _counted_rank(by_days, answered // 2 + 1)
    middle = (low + high) / 2
    return int(middle) if middle.is_integer() else middle


def _ordered(counts: Counter[str], keys: Iterable[str]) -> dict[str, int]:
    return {key: counts[key] for key in keys}


# --- The sections ---------------------------------------------------------------------------


def _received(stats: Statistics) -> Section:
    figures = [Figure("received.total", _("Permohonan diterima"), stats.received)]
    figures += [
        Figure(f"received.channel.{key}", _("Melalui: %(c)s") % {"c": Channel(key).label}, n)
        for key, n in stats.by_channel.items()
    ]
    figures += [
        Figure(
            f"received.requester_type.{key}",
            _("Pemohon: %(t)s") % {"t": RequesterType(key).label},
            n,
        )
        for key, n in stats.by_requester_type.items()
    ]
    return Section("received", _("Permohonan yang diterima (Pasal 12 huruf a)"), tuple(figures))


def _outcomes(stats: Statistics) -> Section:
    labels = {
        **{key: str(Outcome(key).label) for key in Outcome.values},
        WITHDRAWN: _("Dicabut pemohon"),
        OPEN: _("Belum dijawab"),
    }
    figures = [Figure(f"outcome.{key}", labels[key], n) for key, n in stats.outcomes.items()]
    figures.append(
        Figure(
            "outcome.granted_in_full_or_part",
            _("Dikabulkan seluruhnya atau sebagian"),
            stats.granted_in_full_or_part,
        )
    )
    figures += [
        Figure(f"refused.{code}", _("Ditolak berdasarkan %(g)s") % {"g": law.label(code)}, n)
        for code, n in stats.refusals_by_ground.items()
    ]
    return Section(
        "outcomes", _("Keputusan atas permohonan (Pasal 12 huruf c dan d)"), tuple(figures)
    )


def _timing_section(stats: Statistics) -> Section:
    timing = stats.timing
    figures = (
        Figure(
            "timing.answered",
            _("Permohonan yang sudah diberi pemberitahuan tertulis"),
            timing.answered,
        ),
        Figure("timing.median", _("Median hari kerja sampai pemberitahuan"), timing.median),
        Figure("timing.p90", _("Persentil ke-90 hari kerja sampai pemberitahuan"), timing.p90),
        Figure("timing.within_10", _("Tepat waktu, dalam 10 hari kerja"), timing.within_10),
        Figure(
            "timing.on_time_extended",
            _("Tepat waktu dengan perpanjangan (paling lama 17 hari kerja)"),
            timing.on_time_extended,
        ),
        Figure("timing.late", _("Terlambat"), timing.late),
        Figure("handling.extensions", _("Jangka waktu diperpanjang"), stats.extensions),
        Figure("handling.referrals", _("Dirujuk ke badan publik lain"), stats.referrals),
    )
    return Section("timing", _("Waktu pemenuhan permohonan (Pasal 12 huruf b)"), figures)


def _objection_section(stats: Statistics) -> Section:
    objections = stats.objections
    figures = (
        Figure("objections.received", _("Keberatan diterima"), objections.received),
        Figure("objections.upheld", _("Putusan PPID dikuatkan"), objections.upheld),
        Figure("objections.granted", _("Keberatan diterima Atasan PPID"), objections.granted),
        Figure("objections.pending", _("Menunggu tanggapan Atasan PPID"), objections.pending),
        Figure("objections.withdrawn", _("Keberatan dicabut"), objections.withdrawn),
    )
    return Section("objections", _("Keberatan kepada Atasan PPID"), figures)


def _dispute_section(stats: Statistics) -> Section:
    disputes = stats.disputes
    figures = [Figure("disputes.received", _("Sengketa diajukan"), disputes.received)]
    figures += [
        Figure(f"disputes.outcome.{key}", str(DisputeOutcome(key).label), n)
        for key, n in disputes.by_outcome.items()
    ]
    figures += [
        Figure("disputes.pending", _("Masih diperiksa Komisi Informasi"), disputes.pending),
        Figure("disputes.withdrawn", _("Sengketa dicabut"), disputes.withdrawn),
    ]
    return Section("disputes", _("Sengketa di Komisi Informasi"), tuple(figures))


# One function per part of the report; a later part appends its own. A function may
# return None to leave its part out.
SECTIONS: list[Callable[[Statistics], Section | None]] = [
    _received,
    _outcomes,
    _timing_section,
    _objection_section,
    _dispute_section,
]


# --- Exports --------------------------------------------------------------------------------


def export(stats: Statistics, fmt: str) -> bytes:
    if fmt == "csv":
        return tabular.csv_bytes(headers(), stats.rows())
    if fmt == "xlsx":
        return tabular.xlsx_bytes(
            title=_("Statistik"), headers=headers(), rows=stats.rows(), widths=(40, 60, 12)
        )
    if fmt == "pdf":
        return tabular.pdf_bytes(
            "reports/statistics_pdf.html", {"stats": stats, "generated": timezone.localtime()}
        )
    raise ValueError(fmt)
