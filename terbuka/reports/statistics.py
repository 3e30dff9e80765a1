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
import math
import statistics as pystatistics
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from terbuka import law, tabular
from terbuka.accounts.models import RequesterType
from terbuka.bodies.models import Body
from terbuka.disputes.models import PENDING_STAGES, Dispute
from terbuka.disputes.models import Outcome as DisputeOutcome
from terbuka.disputes.models import Stage as DisputeStage
from terbuka.remedies.models import Objection
from terbuka.remedies.models import Status as ObjectionStatus
from terbuka.reports import access
from terbuka.reports.periods import Period
from terbuka.requests.models import Channel, Event, EventKind, InfoRequest, Outcome

RECEIPT_KINDS = (EventKind.SUBMITTED, EventKind.REGISTERED)
# Never read for a figure (nor decrypted): the statistics carry no identity.
IDENTITY_FIELDS = (
    "requester_name",
    "requester_nik",
    "requester_legal_entity_decree",
    "requester_address",
    "requester_phone",
    "requester_email",
    "acting_for",
)
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


def _has_receipt() -> Exists:
    """The request has a receipt event: asked per request through the events' index on
    their request (measured by bench/reports.py: an ``IN`` over every receipt event of a
    million requests took seconds for one body's year on SQLite)."""
    return Exists(Event.objects.filter(info_request=OuterRef("pk"), kind__in=RECEIPT_KINDS))


def received_in(body: Body, period: Period) -> list[InfoRequest]:
    """The requests of ``body``'s register received in ``period``: those with a receipt
    event, received on a local day of the period where the body is. Only the columns the
    figures need are read: no identity."""
    return list(
        InfoRequest.objects.filter(access.covered(body), _has_receipt())
        .filter(tabular.within_days("received_at", period.start, period.end, body))
        .select_related("ppid_body", "notice")
        .defer(*IDENTITY_FIELDS, "subject", "purpose")
        .order_by("pk")
    )


def _events(requests: list[InfoRequest]) -> dict[int, dict[str, list[Event]]]:
    kinds = (EventKind.NOTICE_SENT, EventKind.EXTENDED, EventKind.REFERRED, EventKind.WITHDRAWN)
    found: dict[int, dict[str, list[Event]]] = {item.pk: {} for item in requests}
    for event in Event.objects.filter(info_request_id__in=list(found), kind__in=kinds).only(
        "info_request_id", "kind", "data", "at"
    ):
        found[event.info_request_id].setdefault(event.kind, []).append(event)
    return found


def _median(values: list[int]) -> int | float | None:
    """A whole number of days when it is one (10, not 10.0, in every export)."""
    if not values:
        return None
    middle = float(pystatistics.median(values))
    return int(middle) if middle.is_integer() else middle


def _timing(answered: list[InfoRequest]) -> Timing:
    """From the timing stored with each notice (``requests.queries.apply_timing``)."""
    return summarise_timing(
        (info_request.working_days_taken, info_request.answered_late)
        for info_request in answered
        if info_request.working_days_taken is not None
    )


def summarise_timing(taken: Iterable[tuple[int, bool]]) -> Timing:
    """The timing figures of notices given as (working days taken, late)."""
    days: list[int] = []
    within_10 = on_time_extended = late = 0
    for count, was_late in taken:
        days.append(count)
        if was_late:
            late += 1
        elif count <= law.NOTICE_WORKING_DAYS:
            within_10 += 1
        else:
            on_time_extended += 1
    return Timing(
        answered=len(days),
        median=_median(days),
        p90=percentile(days, 0.9),
        within_10=within_10,
        on_time_extended=on_time_extended,
        late=late,
    )


def _objections(body: Body, period: Period) -> ObjectionFigures:
    objections = list(
        # The objection's own body: a ground-b objection (berkala information not
        # provided) has no request.
        Objection.objects.filter(access.covered(body))
        .filter(tabular.within_days("received_at", period.start, period.end, body))
        .values_list("status", flat=True)
    )
    count = Counter(objections)
    return ObjectionFigures(
        received=len(objections),
        upheld=count[ObjectionStatus.UPHELD],
        granted=count[ObjectionStatus.GRANTED] + count[ObjectionStatus.INSTRUCTION_DONE],
        pending=count[ObjectionStatus.RECEIVED],
        withdrawn=count[ObjectionStatus.WITHDRAWN],
    )


def _disputes(body: Body, period: Period) -> DisputeFigures:
    """Disputes filed at the Komisi Informasi in the period (a date, as the KI's)."""
    disputes = list(
        Dispute.objects.filter(
            Q(ppid_body=body) | Q(info_request__body=body) | Q(objection__body=body),
            filed_on__gte=period.start,
            filed_on__lte=period.end,
        ).values_list("stage", "outcome")
    )
    outcomes = Counter(outcome for _stage, outcome in disputes if outcome)
    stages = Counter(stage for stage, _outcome in disputes)
    return DisputeFigures(
        received=len(disputes),
        by_outcome=_ordered(outcomes, DisputeOutcome.values),
        pending=sum(stages[stage] for stage in PENDING_STAGES),
        withdrawn=stages[DisputeStage.WITHDRAWN],
    )


def compute(body: Body, period: Period) -> Statistics:
    requests = received_in(body, period)
    events = _events(requests)
    outcomes: Counter[str] = Counter()
    grounds: Counter[str] = Counter()
    answered: list[InfoRequest] = []
    extensions = referrals = 0
    for info_request in requests:
        mine = events[info_request.pk]
        if EventKind.EXTENDED in mine:
            extensions += 1
        if EventKind.REFERRED in mine:
            referrals += 1
        if EventKind.NOTICE_SENT in mine:
            outcome = mine[EventKind.NOTICE_SENT][-1].data.get("outcome", "")
            outcomes[outcome] += 1
            answered.append(info_request)
            if outcome == Outcome.REFUSED_EXEMPT:
                grounds[info_request.notice.exemption_ground] += 1
        elif EventKind.WITHDRAWN in mine:
            outcomes[WITHDRAWN] += 1
        else:
            outcomes[OPEN] += 1
    result = Statistics(
        body=body,
        period=period,
        received=len(requests),
        by_channel=_ordered(Counter(r.channel for r in requests), Channel.values),
        by_requester_type=_ordered(
            Counter(r.requester_type for r in requests), RequesterType.values
        ),
        outcomes=_ordered(outcomes, [*Outcome.values, WITHDRAWN, OPEN]),
        refusals_by_ground=dict(sorted(grounds.items())),
        timing=_timing(answered),
        extensions=extensions,
        referrals=referrals,
        objections=_objections(body, period),
        disputes=_disputes(body, period),
    )
    sections = tuple(section for build in SECTIONS if (section := build(result)) is not None)
    return dataclasses.replace(result, sections=sections)


# --- Many bodies at once --------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """One request received in a period, reduced to what figures over many bodies need
    (the coordination dashboard, the benchmark): no identity, no text."""

    body_id: int  # the body it is addressed to
    month: int  # the month of receipt, on the body's local days
    outcome: str  # an Outcome value, WITHDRAWN or OPEN, from the events as in ``compute``
    days: int | None  # working days to the written notice
    late: bool


def received_by_bodies(bodies: Iterable[Body], period: Period) -> list[Received]:
    """The requests addressed to ``bodies`` received in ``period`` (each on its body's local
    days), with their outcome and timing counted as ``compute`` counts them, in two
    queries whatever the number of bodies."""
    by_zone: dict[str, list[int]] = {}
    for body in bodies:
        by_zone.setdefault(body.timezone, []).append(body.pk)
    if not by_zone:
        return []
    where = Q(pk__isnull=True)  # never true: the start of an OR
    for name, ids in by_zone.items():
        local = tabular.within_days(
            "received_at", period.start, period.end, zoneinfo.ZoneInfo(name)
        )
        where |= Q(body_id__in=ids) & local
    chosen = InfoRequest.objects.filter(where, _has_receipt())
    kinds = (EventKind.NOTICE_SENT, EventKind.WITHDRAWN)
    outcomes: dict[int, str] = {}
    for request_id, kind, data in (
        Event.objects.filter(info_request__in=chosen.values("pk"), kind__in=kinds)
        .order_by("at", "pk")
        .values_list("info_request_id", "kind", "data")
    ):
        if kind == EventKind.NOTICE_SENT:
            outcomes[request_id] = (data or {}).get("outcome", "")
        else:
            outcomes.setdefault(request_id, WITHDRAWN)
    zones = {pk: zoneinfo.ZoneInfo(name) for name, ids in by_zone.items() for pk in ids}
    found = []
    # Values, not model instances: a province's year is a few hundred thousand rows. The
    # timing is the one stored with the notice (``requests.queries.apply_timing``).
    for pk, body_id, received_at, days, late in chosen.order_by("pk").values_list(
        "pk", "body_id", "received_at", "working_days_taken", "answered_late"
    ):
        outcome = outcomes.get(pk, OPEN)
        answered = outcome not in (OPEN, WITHDRAWN)
        found.append(
            Received(
                body_id=body_id,
                month=received_at.astimezone(zones[body_id]).month,
                outcome=outcome,
                days=days if answered else None,
                late=bool(late) if answered else False,
            )
        )
    return found


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
