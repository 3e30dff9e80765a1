"""The forms of the monev pages: one section (indicator) of a self-assessment, the year
on the list, the KI's visit score."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.catalog.models import Entry
from terbuka.monev import evidence, prefill
from terbuka.monev.actions import AnswerInput, field_name
from terbuka.monev.models import Answer, Kind, Question

NOTE_MAX_LENGTH = 2000
NUMBER_KINDS = (Kind.NUMBER, Kind.PERCENT)


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


@dataclass(frozen=True)
class Block:
    """A question on the form: a heading, or its answer's fields."""

    question: Question
    answer: Answer | None
    value: BoundField | None = None
    note: BoundField | None = None
    reason: BoundField | None = None
    entry: BoundField | None = None
    file: BoundField | None = None


class SectionForm(forms.Form):
    """The answers to one indicator's questions: the answer, a note, the reason for
    answering otherwise than Terbuka prefilled, and evidence (a DIP entry of the body, or
    a PDF)."""

    def __init__(
        self,
        *args: Any,
        questions: Iterable[Question],
        answers: Mapping[int, Answer],
        entries: QuerySet[Entry],
        **kwargs: Any,
    ) -> None:
        self.questions = list(questions)
        self.answers = answers
        initial: dict[str, Any] = {}
        for question in self.questions:
            answer = answers.get(question.pk)
            if question.is_heading or answer is None:
                continue
            # A number as a Decimal, so that it is shown (and read back) the Indonesian way.
            initial[field_name(question.pk)] = (
                answer.number if question.kind in NUMBER_KINDS else answer.value_text()
            )
            initial[field_name(question.pk, "note")] = answer.note
            initial[field_name(question.pk, "reason")] = answer.override_reason
            initial[field_name(question.pk, "entry")] = answer.evidence_entry_id
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for question in self.questions:
            if question.is_heading:
                continue
            self.fields[field_name(question.pk)] = _value_field(question)
            self.fields[field_name(question.pk, "note")] = forms.CharField(
                label=_("Keterangan"),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[field_name(question.pk, "reason")] = forms.CharField(
                label=_("Alasan bila berbeda dari isian otomatis"),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[field_name(question.pk, "entry")] = forms.ModelChoiceField(
                label=_("Bukti: entri DIP"),
                queryset=entries,
                required=False,
                empty_label=_("(tidak ada)"),
            )
            self.fields[field_name(question.pk, "file")] = forms.FileField(
                label=_("Bukti: berkas PDF"),
                required=False,
                help_text=evidence.describe_limits(),
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
            )

    def blocks(self) -> list[Block]:
        blocks = []
        for question in self.questions:
            answer = self.answers.get(question.pk)
            if question.is_heading:
                blocks.append(Block(question, None))
                continue
            blocks.append(
                Block(
                    question,
                    answer,
                    value=self[field_name(question.pk)],
                    note=self[field_name(question.pk, "note")],
                    reason=self[field_name(question.pk, "reason")]
                    if answer is not None and answer.prefill_source
                    else None,
                    entry=self[field_name(question.pk, "entry")],
                    file=self[field_name(question.pk, "file")],
                )
            )
        return blocks

    def inputs(self) -> dict[int, AnswerInput]:
        """The cleaned answers, for ``actions.save_answers``."""
        data = self.cleaned_data
        found = {}
        for question in self.questions:
            if question.is_heading:
                continue
            value = data.get(field_name(question.pk))
            found[question.pk] = AnswerInput(
                value=_number(value) if isinstance(value, Decimal) else str(value or ""),
                note=data.get(field_name(question.pk, "note"), ""),
                reason=data.get(field_name(question.pk, "reason"), ""),
                entry=data.get(field_name(question.pk, "entry")),
                upload=data.get(field_name(question.pk, "file")) or None,
            )
        return found


def _value_field(question: Question) -> forms.Field:
    label = f"{question.code} {question.text}"
    if question.kind == Kind.YES_NO:
        return forms.ChoiceField(
            label=label,
            choices=[(prefill.YES, _("Ya")), (prefill.NO, _("Tidak"))],
            required=False,
            widget=forms.RadioSelect,
            help_text=question.help,
        )
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(
            label=label,
            choices=[(str(option.pk), option.label) for option in question.options.all()],
            required=False,
            widget=forms.RadioSelect,
            help_text=question.help,
        )
    maximum = Decimal(100) if question.kind == Kind.PERCENT else None
    return forms.DecimalField(
        label=f"{label} ({question.unit})" if question.unit else label,
        required=False,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=12,
        decimal_places=2,
        localize=True,  # "87,5" as Indonesians write it
        help_text=question.help,
    )


class YearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2008, max_value=2100)

    def year(self) -> int:
        if self.is_valid():
            return int(self.cleaned_data["tahun"])
        return timezone.localdate().year


class VisitForm(forms.Form):
    nilai = forms.DecimalField(
        label=_("Nilai verifikasi/visitasi Komisi Informasi (0–100)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
