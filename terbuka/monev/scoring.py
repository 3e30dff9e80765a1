"""The monev score (Perki 1/2022): each question's share of its credit, each indicator's
weighted share, the SAQ score 0–100, the final score with the verification/visit, and
the predicate (``law.MONEV_PREDICATES``).

Exact: shares are computed as fractions and rounded once, to two decimals (half up), at
the end, so that a score computed by hand on paper is the score on the page. A question
left unanswered earns nothing; a heading is not scored.

- yes/no: yes earns the full credit, no nothing;
- a choice: its option's score (a percentage of the credit);
- a percentage: the percentage itself (0–100);
- a number: with a target that is reached by going lower (a time taken), full credit at
  or below the target, else nothing; otherwise a share proportional to the target, full
  at or above it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext

from terbuka import law
from terbuka.monev.models import Answer, Assessment, Indicator, Kind, Question, Questionnaire

TWO_PLACES = Decimal("0.01")
HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Predicate:
    key: str
    label: str


def predicate_of(score: Decimal | None) -> Predicate:
    """The predicate of a final score; "tidak dinilai" when there is none."""
    if score is None:
        return Predicate("tidak_dinilai", str(law.MONEV_NOT_ASSESSED))
    for lower, key, label in law.MONEV_PREDICATES:
        if score >= Decimal(lower):
            return Predicate(key, str(label))
    _lower, key, label = law.MONEV_PREDICATES[-1]
    return Predicate(key, str(label))


def awaiting_visit() -> Predicate:
    """A submitted assessment whose visit weighs in the final score, before the KI scored
    it."""
    return Predicate("menunggu_visitasi", gettext("Menunggu nilai visitasi"))


def two(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def _clamp(value: Fraction) -> Fraction:
    return max(Fraction(0), min(HUNDRED, value))


def question_share(question: Question, answer: Answer | None) -> Fraction:
    """The share (0–100) of the question's credit that the answer earns."""
    if answer is None:
        return Fraction(0)
    if question.kind == Kind.YES_NO:
        return HUNDRED if answer.yes else Fraction(0)
    if question.kind == Kind.CHOICE:
        return _clamp(Fraction(answer.option.score)) if answer.option is not None else Fraction(0)
    if answer.number is None:
        return Fraction(0)
    value = Fraction(answer.number)
    if question.kind == Kind.PERCENT:
        return _clamp(value)
    if question.kind == Kind.NUMBER and question.target is not None:
        target = Fraction(question.target)
        if question.lower_is_better:
            return HUNDRED if value <= target else Fraction(0)
        if target <= 0:
            return HUNDRED
        return _clamp(value / target * HUNDRED)
    return Fraction(0)


@dataclass(frozen=True)
class IndicatorScore:
    number: int
    name: str
    weight: Decimal
    share: Decimal  # 0–100: how much of the indicator the answers earn
    points: Decimal  # its part of the SAQ score (weight × share / total weight)
    answered: int
    questions: int


@dataclass(frozen=True)
class Score:
    indicators: tuple[IndicatorScore, ...]
    saq: Decimal
    visit: Decimal | None
    final: Decimal | None  # None while a visit weighs in and has no score yet
    predicate: Predicate


def scored(questions: Iterable[Question]) -> list[Question]:
    return [question for question in questions if not question.is_heading]


def compute(
    questionnaire: Questionnaire,
    indicators: Iterable[Indicator],
    questions: Mapping[int, list[Question]],
    answers: Mapping[int, Answer],
    visit: Decimal | None = None,
) -> Score:
    """The score of ``answers`` (by question id) to ``questions`` (by indicator id)."""
    rows = list(indicators)
    total_weight = sum((Fraction(row.weight) for row in rows), Fraction(0))
    saq = Fraction(0)
    results = []
    for indicator in rows:
        mine = scored(questions.get(indicator.pk, []))
        weights = sum((Fraction(question.weight) for question in mine), Fraction(0))
        earned = sum(
            (Fraction(q.weight) * question_share(q, answers.get(q.pk)) for q in mine),
            Fraction(0),
        )
        share = earned / weights if weights else Fraction(0)
        points = Fraction(indicator.weight) * share / total_weight if total_weight else Fraction(0)
        saq += points
        results.append(
            IndicatorScore(
                number=indicator.number,
                name=indicator.name,
                weight=indicator.weight,
                share=two(share),
                points=two(points),
                answered=sum(1 for q in mine if _is_answered(answers.get(q.pk))),
                questions=len(mine),
            )
        )
    final = final_score(questionnaire, two(saq), visit)
    return Score(
        indicators=tuple(results),
        saq=two(saq),
        visit=visit,
        final=final,
        predicate=predicate_after(questionnaire, final),
    )


def final_score(
    questionnaire: Questionnaire, saq: Decimal | None, visit: Decimal | None
) -> Decimal | None:
    """The SAQ and the visit by their weights; the SAQ alone when the visit weighs nothing;
    None while a weighed visit has no score yet, or without a SAQ score."""
    if saq is None:
        return None
    saq_weight = Fraction(questionnaire.saq_weight)
    visit_weight = Fraction(questionnaire.visit_weight)
    if not visit_weight:
        return saq
    if visit is None:
        return None
    total = (Fraction(saq) * saq_weight + Fraction(visit) * visit_weight) / (
        saq_weight + visit_weight
    )
    return two(total)


def predicate_after(questionnaire: Questionnaire, final: Decimal | None) -> Predicate:
    """The predicate of a final score, or "awaiting the visit" while a weighed visit has no
    score yet."""
    if final is None and questionnaire.visit_weight:
        return awaiting_visit()
    return predicate_of(final)


def _is_answered(answer: Answer | None) -> bool:
    return answer is not None and answer.value_text() != ""


# --- Reading a questionnaire and an assessment ------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """A questionnaire's indicators and their questions (with options) in order: three
    queries."""

    questionnaire: Questionnaire
    indicators: tuple[Indicator, ...]
    questions: dict[int, list[Question]]  # by indicator id

    def all_questions(self) -> list[Question]:
        return [q for indicator in self.indicators for q in self.questions.get(indicator.pk, [])]

    def indicator(self, number: int) -> Indicator | None:
        return next((item for item in self.indicators if item.number == number), None)


def load(questionnaire: Questionnaire) -> Tree:
    indicators = tuple(questionnaire.indicators.order_by("number"))
    questions: dict[int, list[Question]] = {item.pk: [] for item in indicators}
    for question in (
        Question.objects.filter(indicator__questionnaire=questionnaire)
        .prefetch_related("options")
        .order_by("order", "code")
    ):
        questions[question.indicator_id].append(question)
    return Tree(questionnaire, indicators, questions)


def answers_of(assessment_id: int) -> dict[int, Answer]:
    return {
        answer.question_id: answer
        for answer in Answer.objects.filter(assessment_id=assessment_id).select_related(
            "option", "evidence_entry"
        )
    }


def score_of(tree: Tree, answers: Mapping[int, Answer], visit: Decimal | None) -> Score:
    return compute(tree.questionnaire, tree.indicators, tree.questions, answers, visit)


def snapshot(score: Score) -> dict[str, object]:
    """What a submitted assessment keeps of its score (``Assessment.scores``)."""
    return {
        "indicators": [
            {
                "number": item.number,
                "name": item.name,
                "weight": str(item.weight),
                "share": str(item.share),
                "points": str(item.points),
                "answered": item.answered,
                "questions": item.questions,
            }
            for item in score.indicators
        ]
    }


def kept_score(assessment: Assessment) -> Score:
    """A submitted assessment's score as it was on submission (the questionnaire may have
    been edited since), with the visit score recorded later."""
    indicators = tuple(
        IndicatorScore(
            number=int(item["number"]),
            name=str(item["name"]),
            weight=Decimal(item["weight"]),
            share=Decimal(item["share"]),
            points=Decimal(item["points"]),
            answered=int(item["answered"]),
            questions=int(item["questions"]),
        )
        for item in assessment.scores.get("indicators", [])
    )
    final = final_score(assessment.questionnaire, assessment.saq_score, assessment.visit_score)
    return Score(
        indicators=indicators,
        saq=assessment.saq_score if assessment.saq_score is not None else Decimal(0),
        visit=assessment.visit_score,
        final=final,
        predicate=predicate_after(assessment.questionnaire, final),
    )
