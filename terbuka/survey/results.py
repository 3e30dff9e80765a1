"""Survey results per body and year: counts and means from one aggregate query, never an
answer or a comment (UU 14/2008 Pasal 17 huruf h)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Sum

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.survey import index
from terbuka.survey.models import Answer


@dataclass(frozen=True)
class Row:
    body: Body
    ppid_body: Body
    result: index.Result


def _year_range(year: int, tzinfo: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, 1, 1, tzinfo=tzinfo)
    return start, start.replace(year=year + 1)


def by_body(year: int, tzinfo: dt.tzinfo) -> list[Row]:
    """One row per unit that served answered requests in ``year``, PPID body first."""
    start, end = _year_range(year, tzinfo)
    sums = {code: Sum(code) for code, _label in law.SKM_ELEMENTS}
    grouped = (
        Answer.objects.filter(answered_at__gte=start, answered_at__lt=end)
        .values("body_id", "ppid_body_id")
        .annotate(n=Count("pk"), **sums)
    )
    bodies = Body.objects.in_bulk(
        {item["body_id"] for item in grouped} | {item["ppid_body_id"] for item in grouped}
    )
    rows = []
    for item in grouped:
        result = index.from_sums(item["n"], {code: item[code] for code in index.ELEMENT_CODES})
        if result is not None:
            rows.append(Row(bodies[item["body_id"]], bodies[item["ppid_body_id"]], result))
    rows.sort(key=lambda row: (row.ppid_body.name, row.body != row.ppid_body, row.body.name))
    return rows


def overall(year: int, tzinfo: dt.tzinfo, ppid_body: Body | None = None) -> index.Result | None:
    """All answers of the year (of one PPID body and its units, if given)."""
    start, end = _year_range(year, tzinfo)
    answers = Answer.objects.filter(answered_at__gte=start, answered_at__lt=end)
    if ppid_body is not None:
        answers = answers.filter(ppid_body=ppid_body)
    totals = answers.aggregate(n=Count("pk"), **{c: Sum(c) for c in index.ELEMENT_CODES})
    if not totals["n"]:
        return None
    return index.from_sums(totals["n"], {code: totals[code] for code in index.ELEMENT_CODES})


def years() -> list[int]:
    return sorted({moment.year for moment in Answer.objects.dates("answered_at", "year")})
