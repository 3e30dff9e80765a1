"""The columns of the coordination table: one definition each (heading, the value it sorts
on, the text it shows, where the figure leads, which way is worse). The dashboard, its
print view, the rakor PDF and the public page all print ``COLUMNS``; a new figure is one
more ``Column`` here (the monev score reads ``terbuka.monev.summary.scores_for`` once in
``hub.build``).

Sorting: ``?urut=KEY&arah=naik|turun``; by default the worst first (most overdue requests,
then the lowest on-time rate). A figure with nothing to measure (no notice sent yet: no
on-time rate) sorts last either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from terbuka.coordination.hub import REPORT_DRAFT, REPORT_FINAL, Hub, Row
from terbuka.reports import statistics

Sortable = int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    label: Callable[[Hub], str]
    value: Callable[[Row], Sortable]
    text: Callable[[Row], str]
    # Where the figure leads: for an officer (``public=False``) his working pages, for
    # the public (and for a region's roll-up) the public pages. None: no link.
    link: Callable[[Row, Hub, bool], str | None]
    higher_is_worse: bool = True


def _url(name: str, query: dict[str, object] | None = None, **kwargs: object) -> str:
    url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{urlencode(query)}" if query else url


def _public_row(row: Row, hub: Hub) -> str:
    return _url("coordination:public", {"badan": row.body.slug, "tahun": hub.year})


def _register(row: Row, hub: Hub, public: bool) -> str | None:
    if public:
        return None  # the register holds identities: officers only
    if row.is_region:
        return _public_row(row, hub)
    return _url("reports:register_list", {"badan": row.body.slug})


def _overdue(row: Row, hub: Hub, public: bool) -> str | None:
    if public:
        return None
    if row.is_region:
        return _public_row(row, hub)
    return _url("requests:inbox", {"deadline": "overdue", "status": "all", "body": row.body.pk})


def _statistics(row: Row, hub: Hub, public: bool) -> str | None:
    if public:
        return None  # the officers' working figures
    if row.is_region:
        return _public_row(row, hub)
    return _url("reports:statistics", {"badan": row.body.slug, "tahun": hub.year})


def _dip(row: Row, hub: Hub, public: bool) -> str | None:
    return _url("catalog:body_dip", slug=row.body.slug)


def _exemptions(row: Row, hub: Hub, public: bool) -> str | None:
    if public or row.is_region:
        return _url("catalog:body_dip", slug=row.body.slug)
    return _url("catalog:dashboard")


def _skm(row: Row, hub: Hub, public: bool) -> str | None:
    return _url("survey:results", {"tahun": hub.year})


def _report(row: Row, hub: Hub, public: bool) -> str | None:
    if public or row.is_region:
        return None
    return _url("reports:annual", badan=row.body.slug, tahun=hub.report_year)


def _rate_text(row: Row) -> str:
    rate = row.figures.on_time_rate
    return "—" if rate is None else f"{statistics.display(rate)}%"


def _skm_value(row: Row) -> Sortable:
    skm = row.figures.skm
    return None if skm is None else float(skm.converted)


def _skm_text(row: Row) -> str:
    skm = row.figures.skm
    if skm is None:
        return "—"
    return f"{skm.grade.letter} ({statistics.display(float(skm.converted))})"


def _monev_value(row: Row) -> Sortable:
    monev = row.figures.monev
    return None if monev is None or monev.score is None else float(monev.score)


def _monev_text(row: Row) -> str:
    """The score and predicate of a submitted self-assessment; otherwise where it stands
    (a draft's score is not a result: "Draf", never a number)."""
    monev = row.figures.monev
    if monev is None:
        return "—"
    if monev.score is None:
        return _("Draf") if monev.status == "draft" else monev.predicate
    return f"{statistics.display(float(monev.score))} · {monev.predicate}"


def _monev(row: Row, hub: Hub, public: bool) -> str | None:
    # The assessment page belongs to the body's officers; a region's to its own PPID.
    if public or row.is_region or row.figures.monev is None:
        return None
    return row.figures.monev.url


REPORT_ORDER = {REPORT_FINAL: 2, REPORT_DRAFT: 1}


def _report_text(row: Row) -> str:
    figures = row.figures
    if figures.report == REPORT_FINAL:
        return _("Final (versi %(v)s)") % {"v": figures.report_version}
    if figures.report == REPORT_DRAFT:
        return _("Draf")
    return _("Belum ada")


COLUMNS: list[Column] = [
    Column(
        "diterima",
        lambda hub: _("Permohonan diterima %(year)s") % {"year": hub.year},
        lambda row: row.figures.received,
        lambda row: statistics.display(row.figures.received),
        _register,
        higher_is_worse=False,
    ),
    Column(
        "terbuka",
        lambda hub: _("Permohonan belum dijawab"),
        lambda row: row.figures.open,
        lambda row: statistics.display(row.figures.open),
        _register,
    ),
    Column(
        "terlambat",
        lambda hub: _("Melewati tenggat"),
        lambda row: row.figures.overdue,
        lambda row: statistics.display(row.figures.overdue),
        _overdue,
    ),
    Column(
        "tepat-waktu",
        lambda hub: _("Tepat waktu %(year)s") % {"year": hub.year},
        lambda row: row.figures.on_time_rate,
        _rate_text,
        _statistics,
        higher_is_worse=False,
    ),
    Column(
        "median",
        lambda hub: _("Median hari kerja %(year)s") % {"year": hub.year},
        lambda row: row.figures.timing.median,
        lambda row: statistics.display(row.figures.timing.median),
        _statistics,
    ),
    Column(
        "dip",
        lambda hub: _("Kelengkapan DIP berkala"),
        lambda row: row.figures.dip_completeness,
        lambda row: f"{row.figures.dip_completeness}%",
        _dip,
        higher_is_worse=False,
    ),
    Column(
        "usang",
        lambda hub: _("Informasi berkala lewat 6 bulan"),
        lambda row: row.figures.stale,
        lambda row: statistics.display(row.figures.stale),
        _dip,
    ),
    Column(
        "pengecualian",
        lambda hub: _("Pengecualian berakhir"),
        lambda row: row.figures.expired_exemptions,
        lambda row: statistics.display(row.figures.expired_exemptions),
        _exemptions,
    ),
    Column(
        "skm",
        lambda hub: _("SKM %(year)s") % {"year": hub.year},
        _skm_value,
        _skm_text,
        _skm,
        higher_is_worse=False,
    ),
    Column(
        "monev",
        lambda hub: _("Monev KI %(year)s") % {"year": hub.year},
        _monev_value,
        _monev_text,
        _monev,
        higher_is_worse=False,
    ),
    Column(
        "laporan",
        lambda hub: _("Laporan tahunan %(year)s") % {"year": hub.report_year},
        lambda row: REPORT_ORDER.get(row.figures.report, 0),
        _report_text,
        _report,
        higher_is_worse=False,
    ),
]

ASCENDING = "naik"
DESCENDING = "turun"


def column(key: str) -> Column | None:
    return next((item for item in COLUMNS if item.key == key), None)


def sort_rows(rows: list[Row], key: str, direction: str) -> list[Row]:
    """The rows by one column; nothing to measure last. Unknown keys: the default order,
    the worst first (most overdue, then the lowest on-time rate, then by name)."""
    chosen = column(key)
    if chosen is None:
        return sorted(
            rows,
            key=lambda row: (
                -row.figures.overdue,
                row.figures.on_time_rate if row.figures.on_time_rate is not None else 101.0,
                row.body.name,
            ),
        )
    descending = direction == DESCENDING
    present = [row for row in rows if chosen.value(row) is not None]
    missing = [row for row in rows if chosen.value(row) is None]
    present.sort(key=lambda row: row.body.name)
    present.sort(key=lambda row: chosen.value(row) or 0, reverse=descending)
    return present + sorted(missing, key=lambda row: row.body.name)


def worst_first(item: Column) -> str:
    return DESCENDING if item.higher_is_worse else ASCENDING


@dataclass(frozen=True)
class Heading:
    key: str
    label: str
    url: str  # sorts by this column (worst first, or the other way when already so)
    sorted: str  # "", "ascending" or "descending" (aria-sort)


def headings(hub: Hub, current: str, direction: str, base: dict[str, object]) -> list[Heading]:
    found = []
    for item in COLUMNS:
        first = worst_first(item)
        if item.key == current:
            other = ASCENDING if direction == DESCENDING else DESCENDING
            state = "descending" if direction == DESCENDING else "ascending"
        else:
            other, state = first, ""
        query = {**base, "urut": item.key, "arah": other}
        found.append(Heading(item.key, item.label(hub), f"?{urlencode(query)}", state))
    return found


@dataclass(frozen=True)
class Cell:
    text: str
    url: str | None


def cells(row: Row, hub: Hub, *, public: bool) -> list[Cell]:
    return [Cell(item.text(row), item.link(row, hub, public)) for item in COLUMNS]
