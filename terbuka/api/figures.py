"""The public figures of the API: a body's service statistics for a period and the
satisfaction survey's results of a year. Each is built by the code behind the page it
mirrors (``reports.statistics.compute``: the statistics page, its exports, the Ringkasan
akses and the annual report; ``survey.results``: ``/survei/hasil/``), so the numbers are the
same everywhere. Only counts and means: never a request, a requester or a comment
(UU 14/2008 Pasal 17 huruf h)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field as NinjaField
from ninja import Query, Router, Schema

from terbuka import law
from terbuka.api.problems import ApiProblem, Problem
from terbuka.api.public import _body_or_404
from terbuka.bodies.models import Body
from terbuka.reports import periods, statistics
from terbuka.survey import index, results

router = Router(tags=["publik"])

# UU 14/2008 was enacted in 2008; no register of Terbuka's starts before it.
FIRST_YEAR = 2008


class BodyRef(Schema):
    slug: str
    name: str


class PeriodOut(Schema):
    key: str = NinjaField(description="2025, 2025-1 (semester I), 2025-03 (Maret 2025).")
    kind: str = NinjaField(description="year, semester atau month.")
    start: dt.date
    end: dt.date = NinjaField(description="Hari terakhir periode (termasuk).")
    label: str


class FigureOut(Schema):
    key: str = NinjaField(description="Kunci tetap, mis. received.channel.online.")
    label: str
    value: int | float | None = NinjaField(description="null: tidak ada yang diukur.")


class SectionOut(Schema):
    key: str
    title: str
    figures: list[FigureOut]


class StatisticsOut(Schema):
    body: BodyRef
    period: PeriodOut
    received: int
    empty: bool = NinjaField(description="Tidak ada permohonan, keberatan, maupun sengketa.")
    note: str | None = NinjaField(description="Keterangan untuk periode yang kosong.")
    sections: list[SectionOut]


class GradeOut(Schema):
    letter: str
    label: str


class SurveyResultOut(Schema):
    respondents: int
    element_means: dict[str, float] = NinjaField(description="Nilai rata-rata per unsur (1–4).")
    index: float = NinjaField(description="Indeks (1–4), dua desimal.")
    converted: float = NinjaField(description="Nilai konversi (25–100), dua desimal.")
    grade: GradeOut


class SurveyElementOut(Schema):
    code: str
    label: str


class SurveyBodyOut(Schema):
    body: BodyRef
    ppid_body: BodyRef
    result: SurveyResultOut


class SurveyOut(Schema):
    year: int
    years: list[int] = NinjaField(description="Tahun-tahun yang memiliki jawaban survei.")
    elements: list[SurveyElementOut]
    overall: SurveyResultOut | None
    bodies: list[SurveyBodyOut]


def _body_ref(body: Body) -> dict[str, str]:
    return {"slug": body.slug, "name": body.name}


def _checked_year(value: int) -> int:
    last = timezone.localdate().year
    if not FIRST_YEAR <= value <= last:
        raise ApiProblem(
            400,
            _("Tahun harus antara %(first)s dan %(last)s.") % {"first": FIRST_YEAR, "last": last},
        )
    return value


def _period(text: str) -> periods.Period:
    try:
        period = periods.parse(text)
    except ValueError:
        raise ApiProblem(
            400,
            _(
                "Periode “%(period)s” tidak dikenali: tulis tahun (2025), semester (2025-1, "
                "2025-2) atau bulan (2025-03)."
            )
            % {"period": text[:20]},
        ) from None
    _checked_year(period.year)
    return period


@router.get(
    "/statistics/{slug}/",
    response={200: StatisticsOut, 400: Problem, 404: Problem},
    url_name="statistics",
)
def body_statistics(
    request: HttpRequest,
    slug: str,
    period: str = Query(
        ..., description="Tahun (2025), semester (2025-1, 2025-2) atau bulan (2025-03)."
    ),
) -> dict[str, Any]:
    """Statistik layanan satu badan publik dalam satu periode: permohonan menurut saluran
    dan jenis pemohon, putusan (dengan dasar pengecualian Pasal 17), waktu sampai
    pemberitahuan tertulis, perpanjangan, keberatan dan sengketa — angka yang sama dengan
    halaman statistik dan laporan tahunan, tanpa data pribadi."""
    chosen = _period(period)
    stats = statistics.compute(_body_or_404(slug), chosen)
    return {
        "body": _body_ref(stats.body),
        "period": {
            "key": chosen.key,
            "kind": chosen.kind,
            "start": chosen.start,
            "end": chosen.end,
            "label": chosen.label(),
        },
        "received": stats.received,
        "empty": stats.is_empty,
        "note": stats.empty_note() if stats.is_empty else None,
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "figures": [
                    {"key": figure.key, "label": figure.label, "value": figure.value}
                    for figure in section.figures
                ],
            }
            for section in stats.sections
        ],
    }


def _survey_result(result: index.Result) -> dict[str, Any]:
    return {
        "respondents": result.respondents,
        "element_means": {code: float(mean) for code, mean in result.element_means.items()},
        "index": float(result.index),
        "converted": float(result.converted),
        "grade": {"letter": result.grade.letter, "label": result.grade.label},
    }


@router.get("/survey/", response={200: SurveyOut, 400: Problem}, url_name="survey")
def survey_results(
    request: HttpRequest,
    year: int | None = Query(
        None, description="Tahun; bawaan: tahun terakhir yang ada jawabannya."
    ),
) -> dict[str, Any]:
    """Hasil survei kepuasan masyarakat (SKM, PermenPANRB 14/2017) satu tahun: per badan
    publik dan seluruhnya, jumlah responden, nilai rata-rata per unsur, indeks, nilai
    konversi dan mutu pelayanan — tanpa jawaban perorangan atau komentar."""
    known = results.years()
    chosen = _checked_year(year) if year is not None else (known[-1] if known else None)
    if chosen is None:
        chosen = timezone.localdate().year
    tzinfo = timezone.get_current_timezone()
    overall = results.overall(chosen, tzinfo)
    return {
        "year": chosen,
        "years": known,
        "elements": [{"code": code, "label": str(label)} for code, label in law.SKM_ELEMENTS],
        "overall": _survey_result(overall) if overall is not None else None,
        "bodies": [
            {
                "body": _body_ref(row.body),
                "ppid_body": _body_ref(row.ppid_body),
                "result": _survey_result(row.result),
            }
            for row in results.by_body(chosen, tzinfo)
        ],
    }
