"""The questionnaires in the admin: the platform administrator edits a year's indicators,
questions (with their hierarchy, prefill source and evidence rule) and scored options,
and copies a year to the next (``actions.copy_questionnaire``). Assessments are read
here only; they change through ``actions`` (the PPID's pages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from terbuka.monev import actions, prefill
from terbuka.monev.models import Assessment, Indicator, Kind, Option, Question, Questionnaire


class IndicatorInline(admin.TabularInline[Indicator, Questionnaire]):
    model = Indicator
    extra = 0
    fields = ["number", "name", "weight"]


class QuestionnaireForm(forms.ModelForm[Questionnaire]):
    class Meta:
        model = Questionnaire
        fields = ["year", "title", "commission", "saq_weight", "visit_weight"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        saq, visit = data.get("saq_weight"), data.get("visit_weight")
        if saq is not None and visit is not None and saq + visit != 100:
            raise ValidationError(_("Bobot SAQ dan bobot visitasi harus berjumlah 100."))
        return data


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin[Questionnaire]):
    form = QuestionnaireForm
    list_display = ["year", "title", "commission", "saq_weight", "visit_weight"]
    inlines = [IndicatorInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Salin ke tahun berikutnya"))
    def copy_to_next_year(self, request: HttpRequest, queryset: QuerySet[Questionnaire]) -> None:
        for source in queryset:
            try:
                copy = actions.copy_questionnaire(
                    actor=request.user, source=source, year=source.year + 1
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("Kuesioner %(year)s dibuat; sesuaikan pertanyaannya.")
                    % {"year": copy.year},
                )


class OptionInline(admin.TabularInline[Option, Question]):
    model = Option
    extra = 0
    fields = ["order", "label", "score"]


class QuestionForm(forms.ModelForm[Question]):
    prefill_key = forms.ChoiceField(label=_("Isian otomatis"), required=False, choices=())

    class Meta:
        model = Question
        fields = [
            "indicator",
            "code",
            "parent",
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
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["prefill_key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = prefill.choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, key = data.get("kind"), data.get("prefill_key")
        if key and kind and kind not in prefill.REGISTRY[key].kinds:
            self.add_error("prefill_key", _("Isian otomatis ini tidak cocok dengan jenis jawaban."))
        if kind == Kind.NUMBER and data.get("target") is None:
            self.add_error("target", _("Jawaban angka memerlukan target."))
        parent, indicator = data.get("parent"), data.get("indicator")
        if parent is not None and indicator is not None and parent.indicator_id != indicator.pk:
            self.add_error("parent", _("Induk harus pertanyaan dalam indikator yang sama."))
        return data


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    form = QuestionForm
    list_display = ["code", "text", "kind", "weight", "evidence_required", "prefill_key"]
    list_filter = ["indicator__questionnaire__year", "kind"]
    search_fields = ["code", "text"]
    inlines = [OptionInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["body", "year", "revision", "status", "saq_score", "visit_score"]
    list_filter = ["year", "status"]
    search_fields = ["body__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
