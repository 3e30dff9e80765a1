"""Answers Terbuka gives from its own data (the monev question's ``prefill_key``).

A registry of small functions, one per key; each reads a body's data for a year and says
what it found and where (``Prefilled.source``, shown beside the answer). The officer may
answer otherwise, saying why (``Answer.override_reason``). Figures come from their owners:
the service figures from ``reports.statistics``, the SKM from ``survey.results``, the
officers from ``bodies.permissions``, a berkala entry's freshness from the catalog's own
query — nothing is counted a second way here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka import tabular
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind
from terbuka.catalog.models import Category, Entry
from terbuka.monev.models import Kind
from terbuka.monev.scoring import two
from terbuka.remedies.models import Objection
from terbuka.remedies.models import Status as ObjectionStatus
from terbuka.reports import access, periods, statistics
from terbuka.reports.models import AnnualReport
from terbuka.reports.models import Status as ReportStatus
from terbuka.survey import results as survey_results
from terbuka.survey.index import Result as SurveyResult
from terbuka.workdays import state as workdays_state

YES, NO = "ya", "tidak"


@dataclass(frozen=True)
class Prefilled:
    value: str  # as ``Answer.value_text`` writes it: "ya"/"tidak" or a number; "" for none
    source: str  # where it came from, for the officer and the KI


class Context:
    """One body and year, with the figures several keys share computed once."""

    def __init__(self, body: Body, year: int, now: dt.datetime | None = None) -> None:
        self.body = body
        self.year = year
        self.now = now

    @cached_property
    def statistics(self) -> statistics.Statistics:
        return statistics.compute(self.body, periods.year(self.year))


Filler = Callable[[Context], Prefilled]


@dataclass(frozen=True)
class Key:
    label: Promise
    fill: Filler
    kinds: tuple[str, ...]  # the question kinds its value answers (``models.Kind``)


REGISTRY: dict[str, Key] = {}


YES_NO_KINDS = (Kind.YES_NO,)
NUMBER_KINDS = (Kind.NUMBER, Kind.PERCENT)


def register(key: str, label: Promise, kinds: tuple[str, ...]) -> Callable[[Filler], Filler]:
    def add(fill: Filler) -> Filler:
        REGISTRY[key] = Key(label, fill, kinds)
        return fill

    return add


def choices() -> list[tuple[str, str]]:
    return [("", _("(diisi petugas)"))] + [(key, str(item.label)) for key, item in REGISTRY.items()]


def fill(key: str, kind: str, context: Context) -> Prefilled | None:
    """The key's answer for a question of ``kind``; None for an unknown key or one whose
    value does not answer that kind of question."""
    item = REGISTRY.get(key)
    return item.fill(context) if item is not None and kind in item.kinds else None


def _yes(condition: bool, source: str) -> Prefilled:
    return Prefilled(YES if condition else NO, source)


def _number(value: Decimal | Fraction | float | int) -> str:
    number = value if isinstance(value, Decimal) else two(Fraction(value))
    return format(number.normalize(), "f")


# --- The keys --------------------------------------------------------------------------------


@register("dip_exists", gettext_lazy("Badan publik memiliki DIP"), YES_NO_KINDS)
def dip_exists(context: Context) -> Prefilled:
    count = Entry.objects.published().filter(body=context.body).count()
    return _yes(
        count > 0,
        _("DIP di Terbuka: %(count)s entri diumumkan.") % {"count": count},
    )


@register("dip_fresh", gettext_lazy("Informasi berkala diperbarui dalam 6 bulan"), YES_NO_KINDS)
def dip_fresh(context: Context) -> Prefilled:
    berkala = Entry.objects.published().filter(body=context.body, category=Category.BERKALA)
    total = berkala.count()
    stale = berkala.update_overdue(context.now).count()
    return _yes(
        total > 0 and stale == 0,
        _(
            "DIP di Terbuka: %(total)s entri informasi berkala, %(stale)s melewati batas"
            " pembaruan 6 bulan (UU 14/2008 Pasal 9 ayat 3), per hari ini."
        )
        % {"total": total, "stale": stale},
    )


@register("register_exists", gettext_lazy("Register permohonan informasi tersedia"), YES_NO_KINDS)
def register_exists(context: Context) -> Prefilled:
    received = context.statistics.received
    return _yes(
        received > 0,
        _("Register permohonan di Terbuka: %(count)s permohonan diterima pada tahun %(year)s.")
        % {"count": received, "year": context.year},
    )


@register(
    "annual_report", gettext_lazy("Laporan tahunan tahun sebelumnya sudah final"), YES_NO_KINDS
)
def annual_report(context: Context) -> Prefilled:
    previous = context.year - 1
    final = (
        AnnualReport.objects.filter(body=context.body, year=previous, status=ReportStatus.FINAL)
        .order_by("-version")
        .first()
    )
    if final is None:
        return Prefilled(
            NO,
            _("Belum ada laporan tahunan %(year)s yang final di Terbuka.") % {"year": previous},
        )
    return Prefilled(
        YES,
        _("Laporan tahunan %(year)s versi %(version)s final sejak %(when)s.")
        % {
            "year": previous,
            "version": final.version,
            "when": workdays_state.today(context.body, final.finalised_at).strftime("%d/%m/%Y")
            if final.finalised_at
            else "",
        },
    )


def _survey(context: Context) -> SurveyResult | None:
    body = context.body
    if body.has_own_ppid:
        return survey_results.overall(context.year, body.tzinfo, body)
    for row in survey_results.by_body(context.year, body.tzinfo):
        if row.body.pk == body.pk:
            return row.result
    return None


@register("skm_index", gettext_lazy("Indeks kepuasan masyarakat (SKM)"), NUMBER_KINDS)
def skm_index(context: Context) -> Prefilled:
    result = _survey(context)
    if result is None:
        return Prefilled(
            "", _("Belum ada jawaban survei kepuasan pada tahun %(year)s.") % {"year": context.year}
        )
    return Prefilled(
        _number(result.converted),
        _("Survei kepuasan di Terbuka: IKM %(index)s, mutu %(grade)s (%(label)s), %(n)s responden.")
        % {
            "index": result.converted,
            "grade": result.grade.letter,
            "label": result.grade.label,
            "n": result.respondents,
        },
    )


@register(
    "median_days", gettext_lazy("Median hari kerja sampai pemberitahuan tertulis"), NUMBER_KINDS
)
def median_days(context: Context) -> Prefilled:
    timing = context.statistics.timing
    if timing.median is None:
        return Prefilled(
            "",
            _("Tidak ada permohonan yang dijawab pada tahun %(year)s.") % {"year": context.year},
        )
    return Prefilled(
        _number(timing.median),
        _("Statistik layanan: median %(median)s hari kerja dari %(n)s permohonan yang dijawab.")
        % {"median": statistics.display(timing.median), "n": timing.answered},
    )


@register("notice_on_time", gettext_lazy("Persentase permohonan dijawab tepat waktu"), NUMBER_KINDS)
def notice_on_time(context: Context) -> Prefilled:
    timing = context.statistics.timing
    if not timing.answered:
        return Prefilled(
            "",
            _("Tidak ada permohonan yang dijawab pada tahun %(year)s.") % {"year": context.year},
        )
    on_time = timing.answered - timing.late
    return Prefilled(
        _number(Fraction(on_time * 100, timing.answered)),
        _("Statistik layanan: %(on_time)s dari %(n)s permohonan dijawab dalam batas waktu.")
        % {"on_time": on_time, "n": timing.answered},
    )


@register(
    "objections_on_time", gettext_lazy("Persentase keberatan ditanggapi tepat waktu"), NUMBER_KINDS
)
def objections_on_time(context: Context) -> Prefilled:
    """Objections received in the year that the Atasan answered within the 30 working days
    (UU 14/2008 Pasal 36(2)); one still unanswered past its due date counts as late, one
    still in its period is not counted yet."""
    period = periods.year(context.year)
    objections = (
        Objection.objects.filter(access.covered(context.body))
        .filter(tabular.within_days("received_at", period.start, period.end, context.body))
        .exclude(status=ObjectionStatus.WITHDRAWN)
        .select_related("ppid_body")
    )
    counted = on_time = 0
    for objection in objections:
        if objection.decided_at is not None:
            counted += 1
            decided_on = workdays_state.today(objection.ppid_body, objection.decided_at)
            on_time += decided_on <= objection.answer_due
        elif objection.answer_due < workdays_state.today(objection.ppid_body, context.now):
            counted += 1
    if not counted:
        return Prefilled(
            "",
            _("Tidak ada keberatan yang sudah jatuh tempo pada tahun %(year)s.")
            % {"year": context.year},
        )
    return Prefilled(
        _number(Fraction(on_time * 100, counted)),
        _("Register keberatan: %(on_time)s dari %(n)s keberatan ditanggapi dalam 30 hari kerja.")
        % {"on_time": on_time, "n": counted},
    )


@register("officers_appointed", gettext_lazy("PPID badan publik sudah ditetapkan"), YES_NO_KINDS)
def officers_appointed(context: Context) -> Prefilled:
    body = context.body
    kind = RoleKind.UTAMA if body.has_own_ppid else RoleKind.PELAKSANA
    count = permissions.officers_of([body], [kind]).count()
    return _yes(
        count > 0,
        _("Terbuka mencatat %(count)s akun %(role)s aktif di badan publik ini.")
        % {"count": count, "role": RoleKind(kind).label},
    )


@register(
    "service_standard", gettext_lazy("Standar layanan (maklumat dan SOP) diumumkan"), YES_NO_KINDS
)
def service_standard(context: Context) -> Prefilled:
    body = context.body
    has_both = bool(body.maklumat.strip() and body.sop.strip())
    return _yes(
        has_both,
        _("Profil badan publik di Terbuka: maklumat pelayanan %(maklumat)s, SOP %(sop)s.")
        % {
            "maklumat": _("ada") if body.maklumat.strip() else _("belum ada"),
            "sop": _("ada") if body.sop.strip() else _("belum ada"),
        },
    )
