"""Demo monev self-assessments (``seed_demo``): the province's (its PPID Utama fills it)
submitted, and a draft of Kabupaten Barito Utara's, both for the latest questionnaire
year, through the real actions: Terbuka's prefilled answers kept, the rest answered as
an officer would, evidence linked to the body's own DIP entries.

Safe to repeat: a body that already has an assessment for the year is left as it is."""

from __future__ import annotations

from io import TextIOBase
from typing import Any

from django.utils import timezone

from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind
from terbuka.catalog.models import Entry
from terbuka.monev import actions, scoring
from terbuka.monev.models import Assessment, Kind, Question, Questionnaire

# (body code, submit?)
ASSESSED = (("KALTENG", True), ("BARUT", False))
# A draft answers the first indicators only: the rest is still to do.
DRAFT_INDICATORS = 3


def _value(question: Question, number: int) -> str:
    """An officer's answer: mostly yes and the best option, with some shortfalls."""
    if question.kind == Kind.YES_NO:
        return "tidak" if number % 7 == 6 else "ya"
    if question.kind == Kind.CHOICE:
        options = list(question.options.all())
        return str(options[min(number % 3 == 2, len(options) - 1)].pk) if options else ""
    if question.kind == Kind.PERCENT:
        return "80"
    return format(question.target.normalize(), "f") if question.target is not None else "0"


def _fill(actor: Any, assessment: Assessment, indicators: int | None) -> None:
    tree = scoring.load(assessment.questionnaire)
    answers = scoring.answers_of(assessment.pk)
    entries = list(Entry.objects.published().filter(body=assessment.body).order_by("pk")[:5])
    given: dict[int, actions.AnswerInput] = {}
    for indicator in tree.indicators[:indicators]:
        for number, question in enumerate(scoring.scored(tree.questions[indicator.pk])):
            answer = answers[question.pk]
            value = answer.value_text() or _value(question, number)
            entry = (
                entries[number % len(entries)] if entries and question.evidence_required else None
            )
            given[question.pk] = actions.AnswerInput(
                value=value,
                note="",
                reason=answer.override_reason,
                entry=entry,
            )
    actions.save_answers(actor=actor, assessment=assessment, answers=given)


def seed(stdout: TextIOBase) -> None:
    questionnaire = Questionnaire.objects.filter(year__lte=timezone.localdate().year).first()
    if questionnaire is None:
        return
    year = questionnaire.year
    for code, submit in ASSESSED:
        body = Body.objects.filter(code=code).first()
        if body is None or Assessment.objects.filter(body=body, year=year).exists():
            continue
        officer = permissions.officers_of([body], [RoleKind.UTAMA]).first()
        if officer is None:
            continue
        assessment = actions.start(actor=officer, body=body, year=year)
        _fill(officer, assessment, None if submit else DRAFT_INDICATORS)
        if submit:
            assessment = actions.submit(actor=officer, assessment=assessment)
        stdout.write(
            f"Monev {body.name} {year}: {assessment.get_status_display()}"
            f" (nilai SAQ {assessment.saq_score if assessment.saq_score is not None else '-'})\n"
        )
