"""The figures of a PPID body's hub, one row per body, for the coordination dashboard, its
rakor PDF and the public transparency page.

Rows, for the PPID body ``root`` (the province's, or a regency's or city's):

- ``root`` itself: the requests addressed to it;
- every unit it serves (``served_by``): the requests addressed to the unit;
- every body below it with its own PPID (a regency or city on the hub, a BUMD with its
  own PPID …): its **roll-up**, the figures of all the bodies of its subtree together,
  never its cases (those stay with its own PPID Utama).

A row's figures are summed from per-body figures, each read once for the whole hub: the
number of queries does not depend on the number of bodies (``tests/test_dashboard.py``
holds it). Where the rules live:

- open and overdue: ``requests.deadlines.Windows`` on the PPID bodies' calendars, built
  together (``workdays.calendar.for_bodies``): the same cut-off as the inbox;
- on time and median working days to the notice: ``reports.statistics`` (the requests
  received this year, their outcome from the events, their timing as stored with the
  notice by ``requests.queries.apply_timing``), summed by ``statistics.summarise_timing``;
- DIP completeness: the published berkala entries against ``catalog.perki.BERKALA_ITEMS``;
  freshness: ``Entry.objects.update_overdue`` (past their 6 months); expired exemptions:
  ``Exemption.objects.ended``;
- SKM: the survey answers of the year, summed per row and indexed by ``survey.index``;
- the annual report: ``reports.AnnualReport`` of the year before (due 31 March).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.catalog.models import Category, Entry, Exemption
from terbuka.catalog.perki import BERKALA_ITEMS, berkala_item
from terbuka.monev import summary as monev_summary
from terbuka.monev.summary import MonevScore
from terbuka.reports import periods, statistics
from terbuka.reports.models import AnnualReport, Status
from terbuka.requests.deadlines import Windows
from terbuka.requests.models import InfoRequest, Outcome
from terbuka.survey import index
from terbuka.survey.models import Answer
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state

PPID = "ppid"  # the PPID body's own requests
UNIT = "unit"  # a unit it serves
REGION = "region"  # a body with its own PPID below it: its roll-up

# The annual report's state on the dashboard.
REPORT_FINAL = "final"
REPORT_DRAFT = "draft"
REPORT_NONE = "none"


@dataclass
class Figures:
    """The figures of one row (or of the whole hub)."""

    received: int = 0  # this year
    open: int = 0  # now
    overdue: int = 0  # now
    timing: statistics.Timing = field(default_factory=lambda: statistics.summarise_timing([]))
    dip_items: frozenset[str] = frozenset()  # the berkala items its DIP publishes
    stale: int = 0  # published berkala entries past their next update
    expired_exemptions: int = 0
    skm: index.Result | None = None
    report: str = REPORT_NONE  # the annual report of the year before
    report_version: int | None = None
    monev: MonevScore | None = None  # the row's body's monev self-assessment of the year

    @property
    def on_time(self) -> int:
        return self.timing.within_10 + self.timing.on_time_extended

    @property
    def on_time_rate(self) -> float | None:
        """Notices sent on time, in percent of the notices sent (None: none sent)."""
        if not self.timing.answered:
            return None
        return round(100 * self.on_time / self.timing.answered, 1)

    @property
    def dip_completeness(self) -> int:
        """The berkala items published, in percent of the list (whole percents)."""
        return round(100 * len(self.dip_items) / len(BERKALA_ITEMS))


@dataclass
class Row:
    body: Body
    kind: str
    members: frozenset[int]  # the bodies whose figures this row sums
    figures: Figures = field(default_factory=Figures)

    @property
    def is_region(self) -> bool:
        return self.kind == REGION


@dataclass
class Hub:
    root: Body
    year: int
    rows: list[Row]
    total: Figures
    monthly: list[int]  # requests received per month over the whole hub
    outcomes: dict[str, int]  # over the whole hub: Outcome values, "withdrawn", "open"
    now: dt.datetime

    @property
    def report_year(self) -> int:
        return self.year - 1

    @property
    def is_empty(self) -> bool:
        """No request received this year and no survey answer: nothing to chart."""
        return self.total.received == 0 and self.total.skm is None

    def sections(self) -> tuple[statistics.Section, ...]:
        """The hub's totals as the statistics module's sections, for ``reports.charts``."""
        received = statistics.Section(
            "received",
            "",
            (statistics.Figure("received.total", "", self.total.received),),
        )
        labels = {
            **{key: str(Outcome(key).label) for key in Outcome.values},
            statistics.WITHDRAWN: _("Dicabut pemohon"),
            statistics.OPEN: _("Belum dijawab"),
        }
        outcomes = statistics.Section(
            "outcomes",
            "",
            tuple(
                statistics.Figure(f"outcome.{key}", labels[key], n)
                for key, n in self.outcomes.items()
            ),
        )
        timing = self.total.timing
        times = statistics.Section(
            "timing",
            "",
            (
                statistics.Figure(
                    "timing.within_10", _("Tepat waktu, dalam 10 hari kerja"), timing.within_10
                ),
                statistics.Figure(
                    "timing.on_time_extended",
                    _("Tepat waktu dengan perpanjangan (paling lama 17 hari kerja)"),
                    timing.on_time_extended,
                ),
                statistics.Figure("timing.late", _("Terlambat"), timing.late),
            ),
        )
        return (received, outcomes, times)


# --- The tree --------------------------------------------------------------------------------


def _tree() -> tuple[dict[int, Body], dict[int, list[Body]]]:
    """Every body, with its parent linked (so ``ancestors`` and the calendars ask nothing
    more), and the children of each, by name: one query."""
    bodies = {body.pk: body for body in Body.objects.order_by("name", "pk")}
    children: dict[int, list[Body]] = {}
    for body in bodies.values():
        if body.parent_id is not None and body.parent_id in bodies:
            body.parent = bodies[body.parent_id]
            children.setdefault(body.parent_id, []).append(body)
    return bodies, children


def _subtree_ids(body: Body, children: dict[int, list[Body]]) -> set[int]:
    found = {body.pk}
    stack = [body]
    while stack:
        for child in children.get(stack.pop().pk, []):
            if child.pk not in found:
                found.add(child.pk)
                stack.append(child)
    return found


def rows_of(root: Body, bodies: dict[int, Body], children: dict[int, list[Body]]) -> list[Row]:
    """The rows of ``root``'s hub: itself, the units it serves, the PPID bodies below."""
    rows = [Row(root, PPID, frozenset({root.pk}))]
    stack = list(reversed(children.get(root.pk, [])))
    while stack:
        body = stack.pop()
        if body.has_own_ppid:
            if body.is_active:
                rows.append(Row(body, REGION, frozenset(_subtree_ids(body, children))))
            continue
        if body.is_active:
            rows.append(Row(body, UNIT, frozenset({body.pk})))
        stack.extend(reversed(children.get(body.pk, [])))
    return rows


# --- The figures -----------------------------------------------------------------------------


def build(root: Body, year: int | None = None, now: dt.datetime | None = None) -> Hub:
    """The hub of the PPID body ``root`` for ``year`` (default: this year where it is)."""
    now = now or timezone.now()
    year = year or workdays_state.today(root, now).year
    bodies, children = _tree()
    root = bodies.get(root.pk, root)
    rows = rows_of(root, bodies, children)
    members = set().union(*(row.members for row in rows))
    ppid_bodies = [bodies[pk] for pk in sorted(members) if bodies[pk].has_own_ppid]
    calendars = workdays_calendar.for_bodies(ppid_bodies)

    per_body: dict[int, Figures] = {pk: Figures() for pk in members}
    _open_and_overdue(per_body, ppid_bodies, calendars, now)
    received = statistics.received_by_bodies(
        (bodies[pk] for pk in sorted(members)), periods.year(year)
    )
    _dip(per_body, now)
    skm_sums = _skm_sums(members, year, root)
    reports = _reports({row.body.pk for row in rows}, year - 1)
    monev = monev_summary.scores_for([row.body.pk for row in rows], year)

    for row in rows:
        _fill(row, per_body, received.by_body, skm_sums)
        row.figures.report, row.figures.report_version = reports.get(
            row.body.pk, (REPORT_NONE, None)
        )
        row.figures.monev = monev.get(row.body.pk)
    total = Figures()
    _sum_into(total, [per_body[pk] for pk in members], received.by_body.values(), skm_sums.values())
    return Hub(
        root=root,
        year=year,
        rows=rows,
        total=total,
        monthly=received.monthly,
        outcomes=received.outcomes,
        now=now,
    )


def _open_and_overdue(
    per_body: dict[int, Figures],
    ppid_bodies: list[Body],
    calendars: dict[int, counting.Calendar],
    now: dt.datetime,
) -> None:
    windows = Windows(
        now=now,
        by_body={
            body.pk: workdays_state.window(body, now, calendar=calendars[body.pk])
            for body in ppid_bodies
        },
        calendars=calendars,
    )
    counts = (
        InfoRequest.objects.open()
        .filter(body_id__in=list(per_body))
        .order_by()
        .values("body_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=windows.q(counting.OVERDUE)))
    )
    for item in counts:
        per_body[item["body_id"]].open = item["open"]
        per_body[item["body_id"]].overdue = item["overdue"]


def _dip(per_body: dict[int, Figures], now: dt.datetime) -> None:
    ids = list(per_body)
    items: dict[int, set[str]] = {}
    berkala = Entry.objects.published().filter(body_id__in=ids, category=Category.BERKALA)
    for body_id, title, tags in berkala.values_list("body_id", "title", "tags"):
        item = berkala_item(title, tags)
        if item is not None:
            items.setdefault(body_id, set()).add(item)
    for body_id, found in items.items():
        per_body[body_id].dip_items = frozenset(found)
    stale = berkala.update_overdue(now).order_by().values("body_id").annotate(n=Count("pk"))
    for row in stale:
        per_body[row["body_id"]].stale = row["n"]
    ended = (
        Exemption.objects.filter(body_id__in=ids)
        .ended(now)
        .order_by()
        .values("body_id")
        .annotate(n=Count("pk"))
    )
    for row in ended:
        per_body[row["body_id"]].expired_exemptions = row["n"]


SkmSums = dict[str, int]


def _skm_sums(members: Iterable[int], year: int, root: Body) -> dict[int, SkmSums]:
    """The survey answers of the year per body: their number ("n") and each element's
    sum, in one aggregate query (never an answer or a comment)."""
    start = dt.datetime(year, 1, 1, tzinfo=root.tzinfo)
    sums = {code: Sum(code) for code, _label in law.SKM_ELEMENTS}
    grouped = (
        Answer.objects.filter(answered_at__gte=start, answered_at__lt=start.replace(year=year + 1))
        .filter(body_id__in=list(members))
        .order_by()
        .values("body_id")
        .annotate(n=Count("pk"), **sums)
    )
    return {
        item["body_id"]: {"n": item["n"], **{c: item[c] or 0 for c in index.ELEMENT_CODES}}
        for item in grouped
    }


def _skm(parts: Iterable[SkmSums]) -> index.Result | None:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part)
    if not total["n"]:
        return None
    return index.from_sums(total["n"], {code: total[code] for code in index.ELEMENT_CODES})


def _reports(body_ids: set[int], year: int) -> dict[int, tuple[str, int | None]]:
    """The annual report of ``year`` of each body: final (its last final version) when
    one was finalised, else the draft, else none."""
    found: dict[int, tuple[str, int | None]] = {}
    rows = (
        AnnualReport.objects.filter(body_id__in=list(body_ids), year=year)
        .order_by("body_id", "version")
        .values_list("body_id", "status", "version")
    )
    for body_id, status, version in rows:
        if status == Status.FINAL:
            found[body_id] = (REPORT_FINAL, version)
        elif found.get(body_id, (REPORT_NONE,))[0] != REPORT_FINAL:
            found[body_id] = (REPORT_DRAFT, version)
    return found


def _sum_into(
    target: Figures,
    parts: list[Figures],
    received: Iterable[statistics.BodyReceived],
    skm: Iterable[SkmSums],
) -> None:
    target.open = sum(part.open for part in parts)
    target.overdue = sum(part.overdue for part in parts)
    target.stale = sum(part.stale for part in parts)
    target.expired_exemptions = sum(part.expired_exemptions for part in parts)
    target.dip_items = frozenset().union(*(part.dip_items for part in parts))
    timing: statistics.TimingCounts = Counter()
    target.received = 0
    for part in received:
        target.received += part.received
        timing.update(part.timing)
    target.timing = statistics.timing_of(timing)
    target.skm = _skm(skm)


def _fill(
    row: Row,
    per_body: dict[int, Figures],
    received: dict[int, statistics.BodyReceived],
    skm: dict[int, SkmSums],
) -> None:
    mine = [received[pk] for pk in row.members if pk in received]
    _sum_into(
        row.figures,
        [per_body[pk] for pk in row.members],
        mine,
        (skm[pk] for pk in row.members if pk in skm),
    )
