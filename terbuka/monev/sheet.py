"""One assessment as people read it — on its page, in the XLSX and in the PDF: the score
and predicate, each indicator's share and points, and every question with its answer,
the share of its credit, its evidence, and where a prefilled answer came from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import tabular
from terbuka.monev import scoring
from terbuka.monev.models import Answer, Assessment, Indicator, Kind, Question

FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class Row:
    question: Question
    answer: Answer | None
    value: str  # the answer as text ("" when unanswered or a heading)
    share: Decimal | None  # the share of its credit the answer earns (None: a heading)


@dataclass(frozen=True)
class Section:
    indicator: Indicator
    score: scoring.IndicatorScore | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sheet:
    assessment: Assessment
    score: scoring.Score
    sections: tuple[Section, ...]

    def title(self) -> str:
        return _("Penilaian mandiri monev %(body)s tahun %(year)s, revisi %(revision)s") % {
            "body": self.assessment.body.name,
            "year": self.assessment.year,
            "revision": self.assessment.revision,
        }


def display(question: Question, answer: Answer | None) -> str:
    if answer is None or question.is_heading:
        return ""
    if answer.yes is not None:
        return _("Ya") if answer.yes else _("Tidak")
    if answer.option is not None:
        return answer.option.label
    if answer.number is not None:
        number = format(answer.number.normalize(), "f").replace(".", ",")
        unit = question.unit if question.kind == Kind.NUMBER else "%"
        return f"{number} {unit}".strip() if unit else number
    return ""


def build(assessment: Assessment) -> Sheet:
    tree = scoring.load(assessment.questionnaire)
    answers = scoring.answers_of(assessment.pk)
    if assessment.is_submitted:
        score = scoring.kept_score(assessment)
    else:
        score = scoring.score_of(tree, answers, assessment.visit_score)
    by_number = {item.number: item for item in score.indicators}
    sections = []
    for indicator in tree.indicators:
        rows = []
        for question in tree.questions.get(indicator.pk, []):
            answer = answers.get(question.pk)
            share = (
                None
                if question.is_heading
                else scoring.two(scoring.question_share(question, answer))
            )
            rows.append(Row(question, answer, display(question, answer), share))
        sections.append(Section(indicator, by_number.get(indicator.number), tuple(rows)))
    return Sheet(assessment, score, tuple(sections))


def _evidence(answer: Answer | None) -> str:
    if answer is None:
        return ""
    parts = []
    if answer.evidence_entry is not None:
        parts.append(_("Entri DIP: %(title)s") % {"title": answer.evidence_entry.title})
    if answer.evidence_file:
        parts.append(_("Berkas: %(name)s") % {"name": answer.evidence_name})
    return "; ".join(parts)


def headers() -> list[str]:
    return [
        _("Kode"),
        _("Pertanyaan"),
        _("Jawaban"),
        _("Skor (%)"),
        _("Bukti"),
        _("Keterangan"),
        _("Sumber isian otomatis"),
        _("Alasan perubahan"),
    ]


def rows(sheet: Sheet) -> list[list[tabular.Cell]]:
    """The questions, after a summary row per indicator and the total."""
    found: list[list[tabular.Cell]] = []
    for section in sheet.sections:
        score = section.score
        found.append(
            [
                str(section.indicator.number),
                _("Indikator: %(name)s (bobot %(weight)s%%)")
                % {"name": section.indicator.name, "weight": section.indicator.weight},
                "",
                float(score.share) if score else None,
                "",
                _("Nilai tertimbang: %(points)s") % {"points": score.points} if score else "",
                "",
                "",
            ]
        )
        for row in section.rows:
            answer = row.answer
            found.append(
                [
                    row.question.code,
                    row.question.text,
                    row.value,
                    float(row.share) if row.share is not None else None,
                    _evidence(answer),
                    answer.note if answer else "",
                    answer.prefill_source if answer else "",
                    answer.override_reason if answer else "",
                ]
            )
    total = sheet.score
    found.append(["", _("Nilai SAQ"), "", float(total.saq), "", "", "", ""])
    if total.visit is not None:
        found.append(["", _("Nilai verifikasi/visitasi"), "", float(total.visit), "", "", "", ""])
    found.append(
        [
            "",
            _("Nilai akhir dan predikat"),
            total.predicate.label,
            float(total.final) if total.final is not None else None,
            "",
            "",
            "",
            "",
        ]
    )
    return found


def render(sheet: Sheet, fmt: str) -> bytes:
    if fmt == "xlsx":
        return tabular.xlsx_bytes(
            title=_("Monev"),
            headers=headers(),
            rows=rows(sheet),
            widths=(10, 60, 24, 10, 36, 36, 40, 36),
        )
    return tabular.pdf_bytes(
        "monev/assessment_pdf.html", {"sheet": sheet, "generated": timezone.localtime()}
    )


def file_name(assessment: Assessment, fmt: str) -> str:
    return f"monev-{assessment.body.slug}-{assessment.year}-r{assessment.revision}.{fmt}"
