"""The content of an annual report (Perki 1/2021 Pasal 56) and its documents.

The figures are the statistics module's for the body and the year (the same numbers as
the statistics page and the Ringkasan akses) and the SKM result of the year
(``survey.results``). A draft shows them live; finalising keeps them as a snapshot
(``snapshot``), so a final report reads the same whatever happens to the data later.
``Content`` is what the page, the PDF, the DOCX and the XLSX print: one source, the same
numbers everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from terbuka import law, tabular
from terbuka.bodies.models import Body, served_by
from terbuka.reports import charts, periods, statistics
from terbuka.reports.charts import Chart
from terbuka.reports.models import NARRATIVE_FIELDS, AnnualReport
from terbuka.reports.statistics import Figure, Section
from terbuka.requests.models import Outcome
from terbuka.survey import results


@dataclass(frozen=True)
class Skm:
    respondents: int
    index: str
    converted: str
    grade: str
    grade_label: str
    elements: tuple[tuple[str, str], ...]  # (label, mean) per element, in the regulation's order


@dataclass(frozen=True)
class UnitRow:
    """One served unit's main figures in its PPID body's report (the roll-up)."""

    name: str
    received: int
    granted: int  # in full or in part
    refused: int
    median: int | float | None
    late: int
    objections: int

    def cells(self) -> list[str]:
        values = (self.received, self.granted, self.refused, self.median, self.late)
        return [self.name, *(statistics.display(v) for v in values), str(self.objections)]


def unit_headers() -> list[str]:
    return [
        _("Badan publik"),
        _("Permohonan diterima"),
        _("Dikabulkan seluruhnya atau sebagian"),
        _("Ditolak"),
        _("Median hari kerja sampai pemberitahuan"),
        _("Terlambat"),
        _("Keberatan diterima"),
    ]


@dataclass(frozen=True)
class Narrative:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Content:
    body_name: str
    year: int
    version: int
    final: bool
    sections: tuple[Section, ...]
    skm: Skm | None
    narrative: tuple[Narrative, ...]
    monthly: tuple[int, ...] = ()  # requests received in each month, January first
    units: tuple[UnitRow, ...] = ()  # a PPID body's report: each unit it serves

    def charts(self) -> list[Chart]:
        if self.is_empty:
            return []
        elements = self.skm.elements if self.skm is not None else ()
        return charts.charts(self.sections, list(self.monthly), self.year, elements)

    @property
    def is_empty(self) -> bool:
        """No request, objection, dispute or survey answer in the year."""
        return not self.sections and self.skm is None

    def title(self) -> str:
        return _("Laporan layanan informasi publik %(body)s tahun %(year)s") % {
            "body": self.body_name,
            "year": self.year,
        }

    def empty_note(self) -> str:
        return _(
            "Tidak ada permohonan, keberatan, sengketa, maupun jawaban survei kepuasan pada"
            " tahun %(year)s."
        ) % {"year": self.year}

    def skm_rows(self) -> list[tuple[str, str]]:
        return [] if self.skm is None else skm_rows(self.skm)

    def due(self) -> dt.date:
        return law.annual_report_due(self.year)

    def rows(self) -> list[list[tabular.Cell]]:
        """Every figure as a row (section, measure, value), the SKM included."""
        if self.is_empty:
            return [[_("Keterangan"), self.empty_note(), None]]
        rows: list[list[tabular.Cell]] = [
            [section.title, figure.label, figure.value]
            for section in self.sections
            for figure in section.figures
        ]
        if self.skm is not None:
            title = skm_title()
            rows.append([title, _("Responden"), self.skm.respondents])
            rows += [[title, label, float(mean)] for label, mean in self.skm.elements]
            rows.append([title, _("Indeks (1–4)"), float(self.skm.index)])
            rows.append([title, _("Nilai konversi (25–100)"), float(self.skm.converted)])
            rows.append([title, _("Mutu pelayanan"), f"{self.skm.grade} ({self.skm.grade_label})"])
        labels = unit_headers()[1:]
        for unit in self.units:
            title = _("Rincian unit: %(body)s") % {"body": unit.name}
            values = (unit.received, unit.granted, unit.refused, unit.median, unit.late)
            rows += [[title, label, value] for label, value in zip(labels, values, strict=False)]
            rows.append([title, labels[-1], unit.objections])
        return rows


def units_title() -> str:
    return _("Rincian per unit PPID Pelaksana dan PPID kabupaten/kota")


def skm_title() -> str:
    return _("Survei Kepuasan Masyarakat (PermenPANRB 14/2017)")


def narrative_titles() -> dict[str, str]:
    titles = {}
    for name in NARRATIVE_FIELDS:
        field = AnnualReport._meta.get_field(name)
        assert isinstance(field, models.Field)
        titles[name] = str(field.verbose_name)
    return titles


# --- The figures: live or kept ------------------------------------------------------------


def _skm(body: Body, year: int) -> Skm | None:
    """The SKM result of the year: of a PPID body with all its units, of a unit its own."""
    if body.has_own_ppid:
        result = results.overall(year, body.tzinfo, ppid_body=body)
    else:
        rows = [row for row in results.by_body(year, body.tzinfo) if row.body == body]
        result = rows[0].result if rows else None
    if result is None:
        return None
    labels = dict(law.SKM_ELEMENTS)
    return Skm(
        respondents=result.respondents,
        index=str(result.index),
        converted=str(result.converted),
        grade=result.grade.letter,
        grade_label=result.grade.label,
        elements=tuple(
            (str(labels[code]), str(mean)) for code, mean in result.element_means.items()
        ),
    )


def _monthly(body: Body, year: int) -> list[int]:
    """Requests received in each month of the year, on the body's local days (the same
    requests as the year's figures)."""
    return statistics.monthly(body, periods.year(year))


def _units(body: Body, year: int) -> list[list[Any]]:
    """The roll-up: for a body with its own PPID, each unit it serves, by name, with the
    figures of the requests addressed to it (the statistics module's register figures),
    then each regency, city or other body with its own PPID below it, with its figures as
    a whole (its register: its PPID Utama's requests, its units' included). Counted for
    every row at once (``statistics.registers``), not a statistics pass per row."""
    if not body.has_own_ppid:
        return []
    units = served_by([body])
    rows_of = [*units, *_ppid_bodies_below(body, units)]
    figures = statistics.registers(rows_of, periods.year(year))
    rows = []
    for unit in rows_of:
        found = figures[unit.pk]
        timing = statistics.timing_of(found.timing)
        rows.append(
            [
                unit.name,
                found.received,
                found.outcomes[Outcome.GRANTED] + found.outcomes[Outcome.GRANTED_IN_PART],
                found.outcomes[Outcome.REFUSED_EXEMPT],
                timing.median,
                timing.late,
                found.objections,
            ]
        )
    return rows


def _ppid_bodies_below(body: Body, units: list[Body]) -> list[Body]:
    """The bodies with their own PPID right below ``body`` or one of its units: on a
    province hub, the regencies and cities. Each has a row of its own register's figures
    (``access.covered``: its PPID Utama's requests, its units' included), not its units."""
    parents = [body.pk, *(unit.pk for unit in units)]
    return list(
        Body.objects.filter(parent_id__in=parents, has_own_ppid=True, is_active=True).order_by(
            "name", "pk"
        )
    )


def snapshot(body: Body, year: int) -> dict[str, Any]:
    """The figures of ``body`` in ``year`` as JSON: what a final report keeps."""
    stats = statistics.compute(body, periods.year(year))
    skm = _skm(body, year)
    return {
        "monthly": _monthly(body, year),
        "units": _units(body, year),
        "sections": []
        if stats.is_empty
        else [
            {
                "key": section.key,
                "title": section.title,
                "figures": [[f.key, f.label, f.value] for f in section.figures],
            }
            for section in stats.sections
        ],
        "skm": None
        if skm is None
        else {
            "respondents": skm.respondents,
            "index": skm.index,
            "converted": skm.converted,
            "grade": skm.grade,
            "grade_label": skm.grade_label,
            "elements": [list(item) for item in skm.elements],
        },
    }


def content(report: AnnualReport) -> Content:
    """The report as printed: a final one from its snapshot, a draft from today's data."""
    data = report.figures if report.is_final else snapshot(report.body, report.year)
    sections = tuple(
        Section(
            item["key"],
            item["title"],
            tuple(Figure(key, label, value) for key, label, value in item["figures"]),
        )
        for item in data["sections"]
    )
    skm_data = data["skm"]
    skm = (
        None
        if skm_data is None
        else Skm(
            respondents=skm_data["respondents"],
            index=skm_data["index"],
            converted=skm_data["converted"],
            grade=skm_data["grade"],
            grade_label=skm_data["grade_label"],
            elements=tuple((label, mean) for label, mean in skm_data["elements"]),
        )
    )
    titles = narrative_titles()
    return Content(
        body_name=report.body.name,
        year=report.year,
        version=report.version,
        final=report.is_final,
        sections=sections,
        skm=skm,
        narrative=tuple(
            Narrative(name, titles[name], getattr(report, name)) for name in NARRATIVE_FIELDS
        ),
        monthly=tuple(data.get("monthly") or [0] * 12),
        units=tuple(UnitRow(*row) for row in data.get("units", [])),
    )


# --- Documents ------------------------------------------------------------------------------

FORMATS = ("pdf", "docx", "xlsx")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX_TYPE, "xlsx": tabular.XLSX_TYPE}


def file_name(report: AnnualReport, fmt: str) -> str:
    return f"laporan-tahunan-{report.body.slug}-{report.year}-v{report.version}.{fmt}"


def pdf_bytes(item: Content) -> bytes:
    return tabular.pdf_bytes(
        "reports/annual_pdf.html",
        {
            "report": item,
            "skm_title": skm_title(),
            "units_title": units_title(),
            "unit_headers": unit_headers(),
            "generated": timezone.localtime(),
            "pdf": True,
        },
    )


def xlsx_bytes(item: Content) -> bytes:
    return tabular.xlsx_bytes(
        title=_("Laporan tahunan"),
        headers=statistics.headers(),
        rows=item.rows(),
        widths=(40, 60, 12),
    )


def _docx_table(document: Any, caption: str, rows: list[tuple[str, str]]) -> None:
    document.add_paragraph(caption, style="Heading 3")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = _("Ukuran")
    header[1].text = _("Jumlah")
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value


def docx_bytes(item: Content) -> bytes:
    """The report as a Word document the office can edit further: headings, the narrative
    as paragraphs, the figures as tables."""
    from docx import Document  # heavy import, only when a DOCX is made

    document = Document()
    document.add_heading(item.title(), level=0)
    document.add_paragraph(
        _("Versi %(version)s · %(status)s")
        % {
            "version": item.version,
            "status": _("final") if item.final else _("draf"),
        }
    )
    for number, part in enumerate(item.narrative[:2], start=1):
        document.add_heading(f"{number}. {part.title}", level=1)
        for paragraph in part.text.splitlines() or [""]:
            document.add_paragraph(paragraph)
    document.add_heading(f"3. {_('Angka layanan informasi publik')}", level=1)
    if item.is_empty:
        document.add_paragraph(item.empty_note())
    for section in item.sections:
        _docx_table(document, section.title, [(f.label, f.text) for f in section.figures])
    if item.skm is not None:
        _docx_table(document, skm_title(), skm_rows(item.skm))
    if item.units:
        document.add_paragraph(units_title(), style="Heading 3")
        table = document.add_table(rows=1, cols=len(unit_headers()))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, unit_headers(), strict=True):
            cell.text = header
        for unit in item.units:
            for cell, text in zip(table.add_row().cells, unit.cells(), strict=True):
                cell.text = text
    for number, part in enumerate(item.narrative[2:], start=4):
        document.add_heading(f"{number}. {part.title}", level=1)
        for paragraph in part.text.splitlines() or [""]:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def skm_rows(skm: Skm) -> list[tuple[str, str]]:
    """The SKM result as (measure, value) text rows, for the page and the documents."""
    return [
        (_("Responden"), str(skm.respondents)),
        *((label, _comma(mean)) for label, mean in skm.elements),
        (_("Indeks (1–4)"), _comma(skm.index)),
        (_("Nilai konversi (25–100)"), _comma(skm.converted)),
        (_("Mutu pelayanan"), f"{skm.grade} ({skm.grade_label})"),
    ]


def _comma(decimal_text: str) -> str:
    """A two-decimal SKM figure as the regulation prints it (a comma in Indonesian)."""
    return str(number_format(Decimal(decimal_text), decimal_pos=2))


def render(item: Content, fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf_bytes(item)
    if fmt == "docx":
        return docx_bytes(item)
    if fmt == "xlsx":
        return xlsx_bytes(item)
    raise ValueError(fmt)
