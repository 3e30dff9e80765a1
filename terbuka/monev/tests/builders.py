"""A small questionnaire for the tests, whose score is worked out by hand in
``test_scoring.py``: two indicators weighted 60 and 40.

Indicator 1 (60): 1.1.0.0 a heading; 1.1.1.0 yes/no, weight 2, evidence required;
1.1.2.0 a choice (100 / 50 / 0), weight 1.
Indicator 2 (40): 2.1.0.0 a percentage, weight 1; 2.2.0.0 days to the notice, target 10,
lower is better, weight 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from terbuka.monev.models import Indicator, Kind, Option, Question, Questionnaire

YEAR = 2024


@dataclass
class Small:
    questionnaire: Questionnaire
    heading: Question
    yes_no: Question
    choice: Question
    options: list[Option]
    percent: Question
    days: Question


def small_questionnaire(*, saq_weight: int = 100, visit_weight: int = 0, year: int = YEAR) -> Small:
    questionnaire = Questionnaire.objects.create(
        year=year,
        title=f"Kuesioner uji {year}",
        commission="Komisi Informasi Provinsi Kalimantan Tengah",
        saq_weight=saq_weight,
        visit_weight=visit_weight,
    )
    first = Indicator.objects.create(
        questionnaire=questionnaire, number=1, name="Kualitas informasi", weight=60
    )
    second = Indicator.objects.create(
        questionnaire=questionnaire, number=2, name="Layanan informasi", weight=40
    )
    heading = Question.objects.create(
        indicator=first, code="1.1.0.0", order=0, text="DIP", kind=Kind.HEADING
    )
    yes_no = Question.objects.create(
        indicator=first,
        code="1.1.1.0",
        parent=heading,
        order=1,
        text="Apakah badan publik memiliki DIP?",
        kind=Kind.YES_NO,
        weight=2,
        evidence_required=True,
        prefill_key="dip_exists",
    )
    choice = Question.objects.create(
        indicator=first,
        code="1.1.2.0",
        parent=heading,
        order=2,
        text="Apakah DIP memuat tujuh kolom?",
        kind=Kind.CHOICE,
        weight=1,
    )
    options = [
        Option.objects.create(question=choice, order=n, label=label, score=score)
        for n, (label, score) in enumerate((("Lengkap", 100), ("Sebagian", 50), ("Tidak", 0)))
    ]
    percent = Question.objects.create(
        indicator=second,
        code="2.1.0.0",
        order=0,
        text="Persentase permohonan dijawab tepat waktu",
        kind=Kind.PERCENT,
    )
    days = Question.objects.create(
        indicator=second,
        code="2.2.0.0",
        order=1,
        text="Median hari kerja sampai pemberitahuan",
        kind=Kind.NUMBER,
        target=Decimal(10),
        lower_is_better=True,
        unit="hari kerja",
    )
    return Small(questionnaire, heading, yes_no, choice, options, percent, days)
