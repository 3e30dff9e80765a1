"""The monev score worked out by hand on a small questionnaire (``builders.py``), and the
predicate's boundaries (Perki 1/2022)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from terbuka.monev import actions, scoring, summary
from terbuka.monev.actions import AnswerInput
from terbuka.testing import World, make_entry

from .builders import YEAR, Small, small_questionnaire


def answer_all(world: World, small: Small, **values: str) -> actions.Assessment:
    """Agency A's assessment, answered: yes with evidence, "Sebagian" (50), 75 %, 12 days."""
    entry = make_entry(world.pelaksana_a, world.agency_a)  # the DIP: "ya" is prefilled
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    given = {
        small.yes_no.pk: AnswerInput(value=values.get("yes_no", "ya"), entry=entry),
        small.choice.pk: AnswerInput(value=str(small.options[1].pk)),
        small.percent.pk: AnswerInput(value=values.get("percent", "75")),
        small.days.pk: AnswerInput(value=values.get("days", "12")),
    }
    return actions.save_answers(actor=world.pelaksana_a, assessment=assessment, answers=given)


def test_it_scores_a_small_questionnaire_as_worked_out_by_hand(world: World) -> None:
    small = small_questionnaire()
    assessment = answer_all(world, small)
    sheet = scoring.score_of(
        scoring.load(small.questionnaire), scoring.answers_of(assessment.pk), None
    )
    first, second = sheet.indicators
    # Indicator 1: (2 × 100 + 1 × 50) / 3 = 83.33 %; 60 × 83.33… / 100 = 50.00 points.
    assert (first.share, first.points) == (Decimal("83.33"), Decimal("50.00"))
    # Indicator 2: (75 + 0 [12 days > 10]) / 2 = 37.50 %; 40 × 37.5 / 100 = 15.00 points.
    assert (second.share, second.points) == (Decimal("37.50"), Decimal("15.00"))
    assert sheet.saq == Decimal("65.00")
    assert sheet.final == Decimal("65.00")
    assert sheet.predicate.label == "Cukup Informatif"
    assert (first.answered, first.questions, second.answered) == (2, 2, 2)


def test_it_weighs_the_visit_into_the_final_score(world: World) -> None:
    small = small_questionnaire(saq_weight=80, visit_weight=20)
    assessment = answer_all(world, small, days="10")  # 10 days: full credit
    submitted = actions.submit(actor=world.pelaksana_a, assessment=assessment)
    # SAQ: 50.00 + 40 × (75 + 100) / 2 / 100 = 50 + 35 = 85.00.
    assert submitted.saq_score == Decimal("85.00")
    waiting = summary.scores_for([world.agency_a.pk], YEAR)[world.agency_a.pk]
    assert (waiting.score, waiting.status, waiting.predicate) == (
        None,
        "submitted",
        "Menunggu nilai visitasi",
    )
    actions.record_visit(actor=world.admin, assessment=submitted, score=Decimal("60"))
    # (85 × 80 + 60 × 20) / 100 = 68 + 12 = 80.00: Menuju Informatif.
    result = summary.scores_for([world.agency_a.pk], YEAR)[world.agency_a.pk]
    assert (result.score, result.predicate, result.saq_score) == (
        Decimal("80.00"),
        "Menuju Informatif",
        Decimal("85.00"),
    )


def test_it_gives_a_number_proportional_credit_up_to_its_target(world: World) -> None:
    small = small_questionnaire()
    small.days.lower_is_better = False
    small.days.target = Decimal(20)
    answer = scoring.Answer(question=small.days, number=Decimal(5))
    assert scoring.question_share(small.days, answer) == 25
    answer.number = Decimal(40)
    assert scoring.question_share(small.days, answer) == 100


@pytest.mark.parametrize(
    ("score", "predicate"),
    [
        ("100", "Informatif"),
        ("90", "Informatif"),
        ("90.00", "Informatif"),
        ("89.99", "Menuju Informatif"),
        ("80", "Menuju Informatif"),
        ("79.99", "Cukup Informatif"),
        ("60", "Cukup Informatif"),
        ("59.99", "Kurang Informatif"),
        ("40", "Kurang Informatif"),
        ("39.99", "Tidak Informatif"),
        ("0", "Tidak Informatif"),
    ],
)
def test_it_names_the_predicate_at_each_boundary(score: str, predicate: str) -> None:
    assert scoring.predicate_of(Decimal(score)).label == predicate


def test_it_says_tidak_dinilai_for_a_body_that_took_no_part(world: World) -> None:
    small_questionnaire()
    result = summary.scores_for([world.agency_b.pk], YEAR)[world.agency_b.pk]
    assert (result.score, result.predicate, result.status) == (None, "Tidak dinilai", "none")
    assert scoring.predicate_of(None).label == "Tidak dinilai"


def test_it_reads_the_dashboard_figures_in_a_constant_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    small = small_questionnaire()
    actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small))
    actions.start(actor=world.regency_officer, body=world.regency, year=YEAR)
    ids = [world.agency_a.pk, world.regency.pk, world.agency_b.pk, world.province.pk]
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        results = summary.scores_for(ids, YEAR)
    assert results[world.agency_a.pk].status == "submitted"
    assert results[world.agency_a.pk].score == Decimal("65.00")
    assert results[world.regency.pk].status == "draft"
    assert results[world.regency.pk].score is None
    assert results[world.agency_b.pk].status == "none"
    assert results[world.agency_a.pk].url == f"/monev/{world.agency_a.slug}/{YEAR}/"
