"""The monev result of many bodies at once, for the province dashboard and the list page:
``scores_for(body_ids, year)`` in two queries whatever the number of bodies.

A body's result for a year is its latest submitted revision (the one the Komisi
Informasi scores); with only a draft, it has no score yet (status "draft"); with none,
it is "tidak dinilai" (status "none"). The score is the final one (the SAQ with the
visit, by the questionnaire's weights; ``scoring.final_score``): None while a weighed
visit score is still missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from terbuka.bodies.models import Body
from terbuka.monev import scoring
from terbuka.monev.models import Assessment, Status

NONE = "none"


@dataclass(frozen=True)
class MonevScore:
    score: Decimal | None  # the final score 0–100, None if there is none (yet)
    predicate: str  # its label (law.MONEV_PREDICATES), or "Tidak dinilai"
    predicate_key: str  # "informatif" … "tidak_informatif", or "tidak_dinilai"
    status: str  # "submitted", "draft" or "none"
    url: str  # the body's assessment page for the year
    saq_score: Decimal | None = None
    revision: int | None = None


def page_url(slug: str, year: int) -> str:
    return reverse("monev:assessment", kwargs={"badan": slug, "tahun": year})


def scores_for(body_ids: Iterable[int], year: int) -> dict[int, MonevScore]:
    ids = sorted(set(body_ids))
    if not ids:
        return {}
    chosen: dict[int, Assessment] = {}
    for row in (
        Assessment.objects.filter(body_id__in=ids, year=year)
        .select_related("questionnaire", "body")
        .only(
            "body__slug",
            "questionnaire__saq_weight",
            "questionnaire__visit_weight",
            "status",
            "revision",
            "saq_score",
            "visit_score",
            "body_id",
            "year",
        )
        .order_by("body_id", "-revision")
    ):
        held = chosen.get(row.body_id)
        # The latest submitted revision wins; a draft only stands in while none is.
        if held is None or (not held.is_submitted and row.is_submitted):
            chosen[row.body_id] = row
    slugs = dict(
        Body.objects.filter(pk__in=[pk for pk in ids if pk not in chosen]).values_list("pk", "slug")
    )
    result: dict[int, MonevScore] = {}
    for body_id in ids:
        assessment = chosen.get(body_id)
        if assessment is None:
            if body_id in slugs:
                predicate = scoring.predicate_of(None)
                result[body_id] = MonevScore(
                    None, predicate.label, predicate.key, NONE, page_url(slugs[body_id], year)
                )
            continue
        url = page_url(assessment.body.slug, year)
        if assessment.status == Status.DRAFT:
            predicate = scoring.predicate_of(None)
            result[body_id] = MonevScore(
                None,
                predicate.label,
                predicate.key,
                Status.DRAFT.value,
                url,
                revision=assessment.revision,
            )
            continue
        final = scoring.final_score(
            assessment.questionnaire, assessment.saq_score, assessment.visit_score
        )
        predicate = scoring.predicate_after(assessment.questionnaire, final)
        result[body_id] = MonevScore(
            final,
            predicate.label,
            predicate.key,
            Status.SUBMITTED.value,
            url,
            saq_score=assessment.saq_score,
            revision=assessment.revision,
        )
    return result
