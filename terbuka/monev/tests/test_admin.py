"""The administrator's questionnaire forms: weights that add up, a prefill source that
fits the kind of answer, a number with its target, a parent in the same indicator; and
the action that copies a year to the next."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from terbuka.monev.admin import QuestionForm, QuestionnaireForm
from terbuka.monev.models import Kind, Question, Questionnaire
from terbuka.testing import World

from .builders import small_questionnaire


def test_it_refuses_weights_that_do_not_add_up_to_100(world: World) -> None:
    form = QuestionnaireForm(
        {"year": 2030, "title": "Uji", "commission": "KI", "saq_weight": 80, "visit_weight": 30}
    )
    assert not form.is_valid()
    assert "berjumlah 100" in str(form.errors)
    form = QuestionnaireForm(
        {"year": 2030, "title": "Uji", "commission": "KI", "saq_weight": 80, "visit_weight": 20}
    )
    assert form.is_valid(), form.errors


def test_it_refuses_a_prefill_source_that_does_not_fit_the_question(world: World) -> None:
    small = small_questionnaire()
    data = {
        "indicator": small.yes_no.indicator_id,
        "code": "1.1.3.0",
        "parent": small.heading.pk,
        "order": 3,
        "text": "Median hari kerja?",
        "kind": Kind.YES_NO,
        "weight": "1",
        "prefill_key": "median_days",
    }
    form = QuestionForm(data)
    assert not form.is_valid()
    assert "prefill_key" in form.errors
    form = QuestionForm({**data, "kind": Kind.NUMBER})
    assert not form.is_valid()
    assert "target" in form.errors
    form = QuestionForm({**data, "kind": Kind.NUMBER, "target": "10"})
    assert form.is_valid(), form.errors
    form = QuestionForm({**data, "kind": Kind.NUMBER, "target": "10", "parent": small.percent.pk})
    assert "parent" in form.errors


def test_it_copies_the_chosen_questionnaire_to_the_next_year(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    source = Questionnaire.objects.get(year=2025)
    response = client.post(
        reverse("admin:monev_questionnaire_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [str(source.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    copy = Questionnaire.objects.get(year=2026)
    assert Question.objects.filter(indicator__questionnaire=copy).count() == (
        Question.objects.filter(indicator__questionnaire=source).count()
    )
