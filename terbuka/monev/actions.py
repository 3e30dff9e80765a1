"""Every state change of the monev self-assessment (Perki 1/2022) and of its questionnaires.

Keyword-only and atomic; each takes the acting user, re-reads the assessment under
``select_for_update``, checks the actor's right (``bodies.permissions``), saves and writes
an audit record. A refusal raises ``ActionError`` (a complete Indonesian sentence; for
answers, keyed by the form field it concerns) and changes nothing. A submitted assessment
never changes again, except for the KI's visit score: a correction is a new revision, a
draft copied from the last submitted one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from terbuka.audit import log as audit_log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog.models import Entry
from terbuka.monev import evidence, prefill, scoring
from terbuka.monev.models import (
    Answer,
    Assessment,
    Indicator,
    Kind,
    Option,
    Question,
    Questionnaire,
    Status,
)
from terbuka.requests.errors import ActionError

QUESTION_FIELDS = (
    "code",
    "order",
    "text",
    "help",
    "kind",
    "weight",
    "target",
    "lower_is_better",
    "unit",
    "evidence_required",
    "prefill_key",
)


def field_name(question_id: int, part: str = "") -> str:
    """The form field of a question's answer (``part``: "note", "reason", "entry", "file"),
    so that a refusal lands next to what it is about."""
    return f"q{question_id}_{part}" if part else f"q{question_id}"


@dataclass(frozen=True)
class AnswerInput:
    value: str  # as ``Answer.value_text`` writes it: "ya"/"tidak", an option id, a number
    note: str = ""
    reason: str = ""
    entry: Entry | None = None
    upload: Any = None  # an uploaded evidence file, checked by ``monev.evidence``


def _audit(actor: Any, assessment: Assessment, kind: str, **detail: Any) -> None:
    audit_log.record(
        actor=actor,
        action=f"monev.{kind}",
        obj=assessment,
        summary=f"{assessment.body.slug} {assessment.year} r{assessment.revision}",
        detail=detail,
    )


def _lock(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("body", "questionnaire")
        .get(pk=assessment.pk)
    )


def _check_fill(actor: Any, body: Body) -> None:
    if not permissions.can_fill_monev(actor, body):
        raise PermissionDenied


# --- Questionnaires --------------------------------------------------------------------------


@transaction.atomic
def copy_questionnaire(*, actor: Any, source: Questionnaire, year: int) -> Questionnaire:
    """A new year's questionnaire, a copy of ``source`` (indicators, questions with their
    hierarchy, options, weights) for the administrator to edit."""
    if not permissions.can_edit_monev_questionnaire(actor):
        raise PermissionDenied
    if Questionnaire.objects.filter(year=year).exists():
        raise ActionError(
            gettext("Kuesioner tahun %(year)s sudah ada; ubah kuesioner itu.") % {"year": year}
        )
    copy = Questionnaire.objects.create(
        year=year,
        title=source.title.replace(str(source.year), str(year)),
        commission=source.commission,
        saq_weight=source.saq_weight,
        visit_weight=source.visit_weight,
    )
    tree = scoring.load(source)
    copied: dict[int, Question] = {}  # source question id → its copy
    for indicator in tree.indicators:
        new_indicator = Indicator.objects.create(
            questionnaire=copy,
            number=indicator.number,
            name=indicator.name,
            weight=indicator.weight,
        )
        pending = list(tree.questions[indicator.pk])
        while pending:  # parents before their children
            ready = [q for q in pending if q.parent_id is None or q.parent_id in copied]
            if not ready:
                raise ActionError(
                    gettext("Kuesioner sumber memiliki induk pertanyaan yang hilang.")
                )
            for question in ready:
                copied[question.pk] = Question.objects.create(
                    indicator=new_indicator,
                    parent=copied.get(question.parent_id or 0),
                    **{name: getattr(question, name) for name in QUESTION_FIELDS},
                )
                Option.objects.bulk_create(
                    Option(
                        question=copied[question.pk],
                        order=option.order,
                        label=option.label,
                        score=option.score,
                    )
                    for option in question.options.all()
                )
            pending = [q for q in pending if q.pk not in copied]
    audit_log.record(
        actor=actor,
        action="monev.copy_questionnaire",
        obj=copy,
        summary=f"{source.year} → {year}",
    )
    return copy


# --- The assessment ------------------------------------------------------------------------


@transaction.atomic
def start(*, actor: Any, body: Body, year: int, now: dt.datetime | None = None) -> Assessment:
    """Open the draft of ``body``'s self-assessment for ``year``: the first revision, with
    the answers Terbuka can give prefilled (``monev.prefill``), or the next one with the
    answers of the last submitted revision (the prefilled figures read anew). One open
    draft per body and year."""
    _check_fill(actor, body)
    questionnaire = Questionnaire.objects.filter(year=year).first()
    if questionnaire is None:
        raise ActionError(
            gettext("Belum ada kuesioner monev tahun %(year)s; hubungi administrator.")
            % {"year": year}
        )
    Body.objects.select_for_update().get(pk=body.pk)  # one starter at a time per body
    existing = Assessment.objects.filter(body=body, year=year)
    if existing.filter(status=Status.DRAFT).exists():
        raise ActionError(gettext("Sudah ada draf penilaian mandiri ini; lanjutkan draf itu."))
    last = existing.filter(status=Status.SUBMITTED).order_by("-revision").first()
    assessment = Assessment.objects.create(
        body=body,
        questionnaire=questionnaire,
        year=year,
        revision=(existing.aggregate(n=Max("revision"))["n"] or 0) + 1,
    )
    previous = scoring.answers_of(last.pk) if last is not None else {}
    context = prefill.Context(body, year, now)
    answers = []
    for question in scoring.load(questionnaire).all_questions():
        if question.is_heading:
            continue
        answer = Answer(assessment=assessment, question=question)
        before = previous.get(question.pk)
        if before is not None:
            for name in COPIED_FIELDS:
                setattr(answer, name, getattr(before, name))
        found = (
            prefill.fill(question.prefill_key, question.kind, context)
            if question.prefill_key
            else None
        )
        if found is not None:
            if before is None or not before.overrides_prefill:
                _set_value(answer, question, found.value)
                answer.override_reason = ""
            answer.prefill_value = found.value
            answer.prefill_source = found.source
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    _audit(actor, assessment, "start", copied_from=last.revision if last else None)
    return assessment


COPIED_FIELDS = (
    "yes",
    "option",
    "number",
    "note",
    "prefill_value",
    "prefill_source",
    "override_reason",
    "evidence_entry",
    "evidence_file",
    "evidence_name",
)


def _set_value(answer: Answer, question: Question, value: str) -> None:
    """Set the answer from its text (``Answer.value_text``); ``ValueError`` if it is not
    one this question takes."""
    answer.yes, answer.option, answer.number = None, None, None
    if value == "":
        return
    if question.kind == Kind.YES_NO:
        if value not in (prefill.YES, prefill.NO):
            raise ValueError(value)
        answer.yes = value == prefill.YES
    elif question.kind == Kind.CHOICE:
        options = {str(option.pk): option for option in question.options.all()}
        if value not in options:
            raise ValueError(value)
        answer.option = options[value]
    else:
        try:
            number = Decimal(value)
        except InvalidOperation as error:
            raise ValueError(value) from error
        if not number.is_finite() or (question.kind == Kind.PERCENT and not 0 <= number <= 100):
            raise ValueError(value)
        answer.number = number


def save_answers(
    *, actor: Any, assessment: Assessment, answers: Mapping[int, AnswerInput]
) -> Assessment:
    """Save answers (by question id) to a draft. Evidence files are checked first; those
    stored are deleted again if the save is refused or fails (PITFALLS 6)."""
    errors: dict[str, list[str]] = {}
    checked: dict[int, evidence.Checked] = {}
    for question_id, given in answers.items():
        if given.upload is not None:
            try:
                checked[question_id] = evidence.check(given.upload)
            except ValidationError as error:
                errors.setdefault(field_name(question_id, "file"), []).extend(error.messages)
    if errors:
        raise ActionError(errors)
    stored = {question_id: evidence.store(item) for question_id, item in checked.items()}
    try:
        return _save_answers(
            actor=actor, assessment=assessment, answers=answers, checked=checked, stored=stored
        )
    except BaseException:
        evidence.discard(list(stored.values()))
        raise


@transaction.atomic
def _save_answers(
    *,
    actor: Any,
    assessment: Assessment,
    answers: Mapping[int, AnswerInput],
    checked: Mapping[int, evidence.Checked],
    stored: Mapping[int, str],
) -> Assessment:
    assessment = _lock(assessment)
    _check_fill(actor, assessment.body)
    if assessment.is_submitted:
        raise ActionError(
            gettext("Penilaian yang sudah dikirim tidak dapat diubah; buka revisi baru.")
        )
    tree = scoring.load(assessment.questionnaire)
    questions = {question.pk: question for question in tree.all_questions()}
    current = scoring.answers_of(assessment.pk)
    errors: dict[str, list[str]] = {}
    changed: list[Answer] = []
    replaced: list[str] = []
    for question_id, given in answers.items():
        question = questions.get(question_id)
        if question is None or question.is_heading:
            raise ActionError(gettext("Pertanyaan ini bukan bagian dari kuesioner penilaian."))
        answer = current.get(question_id) or Answer(assessment=assessment, question=question)
        try:
            _set_value(answer, question, given.value)
        except ValueError:
            errors.setdefault(field_name(question_id), []).append(
                gettext("Jawaban ini tidak sesuai dengan jenis pertanyaannya.")
            )
            continue
        answer.note = given.note
        answer.override_reason = given.reason if answer.overrides_prefill else ""
        if answer.overrides_prefill and not given.reason.strip():
            errors.setdefault(field_name(question_id, "reason"), []).append(
                gettext("Jawaban berbeda dari isian otomatis Terbuka: tuliskan alasan mengubahnya.")
            )
        if given.entry is not None and given.entry.body_id != assessment.body_id:
            errors.setdefault(field_name(question_id, "entry"), []).append(
                gettext("Bukti harus entri DIP badan publik ini sendiri.")
            )
        answer.evidence_entry = given.entry
        if question_id in stored:
            if answer.evidence_file:
                replaced.append(answer.evidence_file.name)
            answer.evidence_file.name = stored[question_id]
            answer.evidence_name = checked[question_id].name
        changed.append(answer)
    if errors:
        raise ActionError(errors)
    for answer in changed:
        answer.save()
    if replaced:
        transaction.on_commit(lambda: _drop_unreferenced(replaced))
    _audit(
        actor,
        assessment,
        "save",
        questions=sorted(questions[pk].code for pk in answers),
        evidence_files=len(stored),
    )
    assessment.save(update_fields=["updated_at"])
    return assessment


def _drop_unreferenced(names: list[str]) -> None:
    """A replaced evidence file that no revision refers to any more is deleted (one kept by
    a submitted revision stays)."""
    referenced = set(
        Answer.objects.filter(evidence_file__in=names).values_list("evidence_file", flat=True)
    )
    for name in names:
        if name not in referenced and default_storage.exists(name):
            default_storage.delete(name)


@transaction.atomic
def submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """Send the draft to the Komisi Informasi: every question answered, every required
    evidence given; the score is kept as it is today and the assessment never changes
    again."""
    assessment = _lock(assessment)
    _check_fill(actor, assessment.body)
    if assessment.is_submitted:
        raise ActionError(gettext("Penilaian ini sudah dikirim."))
    tree = scoring.load(assessment.questionnaire)
    answers = scoring.answers_of(assessment.pk)
    unanswered, no_evidence = [], []
    for question in scoring.scored(tree.all_questions()):
        answer = answers.get(question.pk)
        if answer is None or answer.value_text() == "":
            unanswered.append(question.code)
        elif question.evidence_required and not answer.has_evidence:
            no_evidence.append(question.code)
    if unanswered or no_evidence:
        parts = []
        if unanswered:
            parts.append(gettext("belum dijawab: %(codes)s") % {"codes": ", ".join(unanswered)})
        if no_evidence:
            parts.append(gettext("belum ada bukti: %(codes)s") % {"codes": ", ".join(no_evidence)})
        raise ActionError(
            gettext("Penilaian belum dapat dikirim — %(parts)s.") % {"parts": "; ".join(parts)}
        )
    score = scoring.score_of(tree, answers, None)
    assessment.saq_score = score.saq
    assessment.scores = scoring.snapshot(score)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.save()
    _audit(actor, assessment, "submit", saq_score=str(score.saq))
    return assessment


@transaction.atomic
def record_visit(*, actor: Any, assessment: Assessment, score: Decimal) -> Assessment:
    """Record the Komisi Informasi's verification/visit score (0–100) of a submitted
    assessment; the final score weighs it with the SAQ (``Questionnaire.visit_weight``)."""
    if not permissions.can_record_monev_visit(actor):
        raise PermissionDenied
    assessment = _lock(assessment)
    if not assessment.is_submitted:
        raise ActionError(gettext("Nilai visitasi dicatat setelah penilaian mandiri dikirim."))
    if not Decimal(0) <= score <= Decimal(100):
        raise ActionError(gettext("Nilai visitasi antara 0 dan 100."))
    before = assessment.visit_score
    assessment.visit_score = score
    assessment.visit_entered_at = timezone.now()
    assessment.visit_entered_by = actor
    assessment.save(update_fields=["visit_score", "visit_entered_at", "visit_entered_by"])
    _audit(
        actor,
        assessment,
        "visit",
        before=str(before) if before is not None else None,
        after=str(score),
    )
    return assessment
