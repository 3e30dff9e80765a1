"""The assessment's life: prefilled draft, answers with evidence (a DIP entry of the body,
or a PDF through the upload check), refusals that change nothing, submission (immutable,
its score kept), new revisions, the visit score, the questionnaire copied to a new year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.audit.models import AuditRecord
from terbuka.monev import actions
from terbuka.monev.actions import AnswerInput, field_name
from terbuka.monev.models import Answer, Assessment, Question, Questionnaire, Status
from terbuka.requests.errors import ActionError
from terbuka.testing import World, make_entry, pdf_upload, png_upload

from .builders import YEAR, Small, small_questionnaire
from .test_scoring import answer_all


def stored_files() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "monev"
    return {path.name for path in folder.glob("*")} if folder.exists() else set()


@pytest.fixture
def small(world: World) -> Small:
    return small_questionnaire()


def test_it_keeps_a_submitted_assessment_as_it_was(world: World, small: Small) -> None:
    assessment = actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small))
    assert assessment.status == Status.SUBMITTED
    assert assessment.saq_score == Decimal("65.00")
    assert AuditRecord.objects.filter(action="monev.submit").count() == 1
    with pytest.raises(ActionError, match="sudah dikirim tidak dapat diubah"):
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={small.percent.pk: AnswerInput(value="100")},
        )
    with pytest.raises(ActionError, match="sudah dikirim"):
        actions.submit(actor=world.pelaksana_a, assessment=assessment)
    assert Answer.objects.get(assessment=assessment, question=small.percent).number == 75
    # Editing the questionnaire later does not move the kept score.
    small.choice.options.update(score=0)
    from terbuka.monev import sheet

    assert sheet.build(assessment).score.saq == Decimal("65.00")


def test_it_opens_a_new_revision_from_the_submitted_one(world: World, small: Small) -> None:
    first = actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small))
    second = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    assert (second.revision, second.status) == (2, Status.DRAFT)
    copied = Answer.objects.get(assessment=second, question=small.percent)
    assert copied.number == 75
    assert Answer.objects.get(assessment=second, question=small.yes_no).evidence_entry_id
    with pytest.raises(ActionError, match="Sudah ada draf"):
        actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    first.refresh_from_db()
    assert first.status == Status.SUBMITTED


def test_it_refuses_a_changed_prefilled_answer_without_a_reason(world: World, small: Small) -> None:
    make_entry(world.pelaksana_a, world.agency_a)
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    answer = Answer.objects.get(assessment=assessment, question=small.yes_no)
    assert (answer.prefill_value, answer.yes) == ("ya", True)
    with pytest.raises(ActionError) as refused:
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={small.yes_no.pk: AnswerInput(value="tidak")},
        )
    assert field_name(small.yes_no.pk, "reason") in refused.value.message_dict
    actions.save_answers(
        actor=world.pelaksana_a,
        assessment=assessment,
        answers={small.yes_no.pk: AnswerInput(value="tidak", reason="DIP belum ditetapkan.")},
    )
    answer.refresh_from_db()
    assert (answer.yes, answer.override_reason) == (False, "DIP belum ditetapkan.")
    assert answer.overrides_prefill


def test_it_refuses_submission_with_questions_open_or_evidence_missing(
    world: World, small: Small
) -> None:
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    with pytest.raises(ActionError) as refused:
        actions.submit(actor=world.pelaksana_a, assessment=assessment)
    text = " ".join(refused.value.messages)
    assert "belum dijawab: 1.1.2.0, 2.1.0.0, 2.2.0.0" in text
    assert "belum ada bukti: 1.1.1.0" in text  # prefilled "tidak", but no evidence
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_it_stores_a_pdf_as_evidence_and_refuses_a_bad_file_without_leaving_it(
    world: World, small: Small
) -> None:
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    before = stored_files()
    fake = SimpleUploadedFile(
        "sk-ppid.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as refused:
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={small.yes_no.pk: AnswerInput(value="tidak", upload=fake)},
        )
    assert "bukan PDF" in refused.value.message_dict[field_name(small.yes_no.pk, "file")][0]
    with pytest.raises(ValidationError, match="bukan PDF"):
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={small.yes_no.pk: AnswerInput(value="tidak", upload=png_upload())},
        )
    # A good PDF with an answer that is refused: stored, then deleted again.
    with pytest.raises(ActionError):
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={
                small.yes_no.pk: AnswerInput(value="tidak", upload=pdf_upload()),
                small.percent.pk: AnswerInput(value="120"),
            },
        )
    assert stored_files() == before
    actions.save_answers(
        actor=world.pelaksana_a,
        assessment=assessment,
        answers={small.yes_no.pk: AnswerInput(value="tidak", upload=pdf_upload("sk-ppid.pdf"))},
    )
    answer = Answer.objects.get(assessment=assessment, question=small.yes_no)
    assert answer.evidence_name == "sk-ppid.pdf"
    assert len(stored_files() - before) == 1


def test_it_takes_evidence_only_from_the_bodys_own_dip(world: World, small: Small) -> None:
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    other = make_entry(world.pelaksana_b, world.agency_b)
    with pytest.raises(ActionError) as refused:
        actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={small.yes_no.pk: AnswerInput(value="tidak", entry=other)},
        )
    assert field_name(small.yes_no.pk, "entry") in refused.value.message_dict


def test_it_lets_only_the_bodys_officers_fill_it(world: World, small: Small) -> None:
    with pytest.raises(PermissionDenied):
        actions.start(actor=world.pelaksana_b, body=world.agency_a, year=YEAR)
    with pytest.raises(PermissionDenied):
        actions.start(actor=world.regency_officer, body=world.agency_a, year=YEAR)
    # The PPID Utama of the province serves agency A.
    assessment = actions.start(actor=world.utama, body=world.agency_a, year=YEAR)
    with pytest.raises(PermissionDenied):
        actions.submit(actor=world.pelaksana_b, assessment=assessment)
    with pytest.raises(PermissionDenied):
        actions.record_visit(actor=world.utama, assessment=assessment, score=Decimal(90))
    with pytest.raises(ActionError, match="Belum ada kuesioner"):
        actions.start(actor=world.utama, body=world.agency_a, year=2019)
    assert Assessment.objects.count() == 1


def test_it_copies_a_questionnaire_to_a_new_year(world: World) -> None:
    source = Questionnaire.objects.get(year=2025)  # the starting set shipped by migration
    assert source.indicators.count() == 6
    copy = actions.copy_questionnaire(actor=world.admin, source=source, year=2026)
    assert copy.title.endswith("2026")
    assert list(copy.indicators.values_list("name", "weight")) == list(
        source.indicators.values_list("name", "weight")
    )
    old = Question.objects.filter(indicator__questionnaire=source)
    new = Question.objects.filter(indicator__questionnaire=copy)
    assert new.count() == old.count()
    child = new.get(code="4.2.1.0")
    assert child.parent is not None and child.parent.code == "4.2.0.0"
    assert child.parent.indicator.questionnaire == copy
    assert new.get(code="1.2.0.0").options.count() == 3
    with pytest.raises(ActionError, match="sudah ada"):
        actions.copy_questionnaire(actor=world.admin, source=source, year=2026)
    with pytest.raises(PermissionDenied):
        actions.copy_questionnaire(actor=world.utama, source=source, year=2027)
