"""The annual report (Perki 1/2021 Pasal 56): its figures computed by hand on the small
world (``small_world.py``) and compared on the page, in the XLSX, the DOCX and the PDF;
drafts, finalisation (immutable, published in the DIP) and new versions; who may do what."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from terbuka import law
from terbuka.catalog.models import Category, Entry
from terbuka.reports import actions, annual
from terbuka.reports.models import AnnualReport
from terbuka.reports.statistics import display
from terbuka.requests import actions as request_actions
from terbuka.requests.errors import ActionError
from terbuka.survey import actions as survey_actions
from terbuka.testing import World

from .small_world import SEMESTER_1, YEAR_CHANGES, Small, at, build, on

YEAR_2025 = {**SEMESTER_1, **YEAR_CHANGES}
# Two survey answers (r1 by Siti, r3 by Budi): element means 3,5 except u3 3,0 and u4 4,0;
# index (7 × 3,5 + 3 + 4) / 9 = 3,50; converted 87,50: grade B.
SKM_TEXT = [
    ("Responden", "2"),
    ("Persyaratan", "3,50"),
    ("Waktu penyelesaian", "3,00"),
    ("Biaya/tarif", "4,00"),
    ("Indeks (1–4)", "3,50"),
    ("Nilai konversi (25–100)", "87,50"),
]
NARRATIVE = {
    "service_policy": "SK Gubernur tentang PPID dan SOP layanan informasi.",
    "facilities": "Satu meja layanan, dua petugas, anggaran Rp 150.000.000.",
    "obstacles": "Internal: petugas merangkap. Eksternal: jaringan di kabupaten.",
    "recommendations": "Menambah petugas dan pelatihan uji konsekuensi.",
}
JANUARY = dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC)


@pytest.fixture
def small(world: World) -> Small:
    built = build(world)
    scores = dict.fromkeys(("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"), 4)
    with on(dt.date(2025, 2, 11)):
        survey_actions.answer(actor=world.requester, info_request=built.r1, scores=scores)
    budi = {**dict.fromkeys(scores, 3), "u3": 2, "u4": 4}
    with on(dt.date(2025, 2, 28)):
        survey_actions.answer(actor=world.other_requester, info_request=built.r3, scores=budi)
    return built


@pytest.fixture(autouse=True)
def january() -> Any:
    with time_machine.travel(JANUARY, tick=False):
        yield


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_url(world: World, year: int = 2025, body: Any = None) -> str:
    slug = (body or world.province).slug
    return reverse("reports:annual", kwargs={"badan": slug, "tahun": year})


def download(user: Any, world: World, fmt: str, year: int = 2025, **query: Any) -> Any:
    url = reverse(
        "reports:annual_download",
        kwargs={"badan": world.province.slug, "tahun": year, "fmt": fmt},
    )
    return client_for(user).get(url, query)


def written_draft(world: World) -> AnnualReport:
    report = actions.start_draft(actor=world.utama, body=world.province, year=2025)
    return actions.save_narrative(actor=world.utama, report=report, **NARRATIVE)


def figures_on_page(html: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'data-figure="([^"]+)"><th scope="row">[^<]*</th><td class="number">([^<]*)<', html
        )
    )


def pdf_lines(content: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [" ".join(line.split()) for line in text.splitlines()]


def test_the_due_date_is_31_march_of_the_next_year() -> None:
    assert law.annual_report_due(2025) == dt.date(2026, 3, 31)
    assert law.annual_report_due(2027) == dt.date(2028, 3, 31)


def test_it_fills_in_every_figure_of_the_year_by_hand(world: World, small: Small) -> None:
    item = annual.content(written_draft(world))
    computed = {f.key: f.value for section in item.sections for f in section.figures}
    assert computed == YEAR_2025
    assert item.skm is not None
    assert (item.skm.respondents, item.skm.index, item.skm.converted) == (2, "3.50", "87.50")
    assert item.skm.grade == "B"


def test_the_page_shows_every_figure_and_the_survey(world: World, small: Small) -> None:
    written_draft(world)
    response = client_for(world.utama).get(page_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert figures_on_page(html) == {key: display(value) for key, value in YEAR_2025.items()}
    for label, value in SKM_TEXT:
        assert f'<th scope="row">{label}</th><td class="number">{value}</td>' in html
    assert NARRATIVE["obstacles"] in html
    assert "31 Maret 2026" in html


def test_the_xlsx_holds_the_same_numbers(world: World, small: Small) -> None:
    report = written_draft(world)
    item = annual.content(report)
    labels = {f.key: (s.title, f.label) for s in item.sections for f in s.figures}
    sheet = openpyxl.load_workbook(io.BytesIO(download(world.utama, world, "xlsx").content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))[1:]
    values = {(line[0], line[1]): line[2] for line in rows}
    for key, value in YEAR_2025.items():
        assert values[labels[key]] == value, key
    skm = annual.skm_title()
    assert values[(skm, "Responden")] == 2
    assert values[(skm, "Nilai konversi (25–100)")] == 87.5
    assert str(values[(skm, "Mutu pelayanan")]).startswith("B")
    unit = f"Rincian unit: {world.agency_a.name}"
    assert values[(unit, "Permohonan diterima")] == 3
    assert values[(unit, "Median hari kerja sampai pemberitahuan")] == 10


def test_the_pdf_prints_every_figure_and_the_narrative(world: World, small: Small) -> None:
    written_draft(world)
    response = download(world.operator, world, "pdf")
    assert response["Content-Type"] == "application/pdf"
    lines = pdf_lines(response.content)
    item = annual.content(AnnualReport.objects.get())
    for section in item.sections:
        for figure in section.figures:
            expected = f"{figure.label} {display(YEAR_2025[figure.key])}"
            assert any(expected in line for line in lines), expected
    for label, value in SKM_TEXT:
        assert any(f"{label} {value}" in line for line in lines), label
    assert any(NARRATIVE["recommendations"] in line for line in lines)


def test_the_docx_holds_the_narrative_and_the_tables(world: World, small: Small) -> None:
    written_draft(world)
    document = Document(io.BytesIO(download(world.utama, world, "docx").content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for value in NARRATIVE.values():
        assert value in text
    cells = {
        row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows
    }
    item = annual.content(AnnualReport.objects.get())
    for section in item.sections:
        for figure in section.figures:
            assert cells[figure.label] == display(YEAR_2025[figure.key]), figure.key
    for label, value in SKM_TEXT:
        assert cells[label] == value


def test_a_year_without_data_says_so_everywhere(world: World) -> None:
    actions.start_draft(actor=world.utama, body=world.province, year=2024)
    note = "Tidak ada permohonan, keberatan, sengketa, maupun jawaban survei kepuasan"
    html = client_for(world.utama).get(page_url(world, 2024)).content.decode()
    assert note in html
    assert "data-figure" not in html
    assert any(
        note in line for line in pdf_lines(download(world.utama, world, "pdf", 2024).content)
    )
    document = Document(io.BytesIO(download(world.utama, world, "docx", 2024).content))
    assert any(note in paragraph.text for paragraph in document.paragraphs)
    sheet = openpyxl.load_workbook(
        io.BytesIO(download(world.utama, world, "xlsx", 2024).content)
    ).active
    assert sheet is not None
    assert note in str(sheet.cell(row=2, column=2).value)


def test_a_narrative_keeps_what_was_typed_when_refused(world: World, small: Small) -> None:
    actions.start_draft(actor=world.utama, body=world.province, year=2025)
    typed = {**NARRATIVE, "facilities": "x" * 20_001}
    response = client_for(world.utama).post(page_url(world), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert NARRATIVE["service_policy"] in html
    assert NARRATIVE["recommendations"] in html
    assert AnnualReport.objects.get().service_policy == ""


def test_the_ppid_utama_saves_and_finalises_and_it_is_published(world: World, small: Small) -> None:
    client = client_for(world.utama)
    unknown = reverse("reports:annual_start", kwargs={"badan": "tidak-ada", "tahun": 2025})
    assert client.post(unknown).status_code == 404
    assert (
        client.post(
            reverse("reports:annual_start", kwargs={"badan": world.province.slug, "tahun": 2025})
        ).status_code
        == 302
    )
    assert client.post(page_url(world), NARRATIVE).status_code == 302
    finalise = reverse(
        "reports:annual_finalise", kwargs={"badan": world.province.slug, "tahun": 2025}
    )
    assert client.post(finalise).status_code == 302
    report = AnnualReport.objects.get()
    assert report.is_final and report.finalised_by == world.utama
    assert report.entry is not None
    entry = Entry.objects.get(pk=report.entry.pk)
    assert entry.category == Category.SETIAP_SAAT
    assert entry.body == world.province
    pdf = entry.documents.get().versions.get().file.read()
    lines = pdf_lines(pdf)
    assert any("Laporan layanan informasi publik" in line for line in lines)
    assert any(NARRATIVE["service_policy"] in line for line in lines)


def test_finalising_needs_every_narrative_section(world: World, small: Small) -> None:
    report = actions.start_draft(actor=world.utama, body=world.province, year=2025)
    actions.save_narrative(actor=world.utama, report=report, service_policy="Ada SOP.")
    with pytest.raises(ActionError, match="Lengkapi dulu"):
        actions.finalise(actor=world.utama, report=report)
    report.refresh_from_db()
    assert not report.is_final


def test_a_final_report_never_changes_a_new_version_can(world: World, small: Small) -> None:
    report = actions.finalise(actor=world.utama, report=written_draft(world))
    # The data changes after finalisation: r6, still open, is withdrawn.
    with time_machine.travel(at(dt.date(2026, 1, 21)), tick=False):
        request_actions.withdraw(actor=world.operator, info_request=small.r6, reason="Selesai.")
    kept = annual.content(AnnualReport.objects.get(pk=report.pk))
    assert {f.key: f.value for s in kept.sections for f in s.figures} == YEAR_2025
    with pytest.raises(ActionError, match="sudah final"):
        actions.save_narrative(actor=world.utama, report=report, obstacles="Diubah.")
    with pytest.raises(ActionError):
        actions.finalise(actor=world.utama, report=report)

    second = actions.start_draft(actor=world.utama, body=world.province, year=2025)
    assert second.version == 2 and second.obstacles == NARRATIVE["obstacles"]
    live = {f.key: f.value for s in annual.content(second).sections for f in s.figures}
    assert live["outcome.withdrawn"] == 2 and live["outcome.open"] == 0
    with pytest.raises(ActionError, match="Sudah ada draf"):
        actions.start_draft(actor=world.utama, body=world.province, year=2025)
    # The first version still reads as it was, on the page too.
    html = client_for(world.utama).get(page_url(world), {"versi": 1}).content.decode()
    assert figures_on_page(html)["outcome.withdrawn"] == "1"
    # Finalised in turn, version 2 is a new version of the same DIP entry's PDF.
    second = actions.finalise(actor=world.operator, report=second)
    assert second.entry == report.entry
    document = Entry.objects.get(pk=report.entry_id).documents.get()
    assert document.versions.count() == 2
    assert AnnualReport.objects.get(pk=report.pk).figures == report.figures


def test_who_reads_and_who_writes(world: World, small: Small) -> None:
    written_draft(world)
    province = page_url(world)
    unit = page_url(world, body=world.agency_a)
    codes = {
        name: (
            client_for(getattr(world, name)).get(province).status_code,
            client_for(getattr(world, name)).get(unit).status_code,
        )
        for name in ("utama", "operator", "pelaksana_a", "pelaksana_b", "atasan", "regency_officer")
    }
    assert codes == {
        "utama": (200, 200),
        "operator": (200, 200),
        "pelaksana_a": (403, 200),
        "pelaksana_b": (403, 403),
        "atasan": (403, 403),
        "regency_officer": (403, 403),
    }
    start_unit = reverse(
        "reports:annual_start", kwargs={"badan": world.agency_a.slug, "tahun": 2025}
    )
    assert client_for(world.pelaksana_a).post(start_unit).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.save_narrative(actor=world.pelaksana_a, report=AnnualReport.objects.get())


def test_the_charts_show_the_figures_without_script_and_with_their_numbers(
    world: World, small: Small
) -> None:
    item = annual.content(written_draft(world))
    charts = {chart.key: chart for chart in item.charts()}
    assert list(charts) == ["monthly", "outcomes", "timing", "skm"]
    # By hand: February r1 r2 r3 r4 r5 r7, March r6, July r9.
    assert charts["monthly"].values == (0, 6, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert dict(charts["timing"].rows) == {
        "Tepat waktu, dalam 10 hari kerja": 4,
        "Tepat waktu dengan perpanjangan (paling lama 17 hari kerja)": 1,
        "Terlambat": 1,
    }
    assert dict(charts["outcomes"].rows)["Dicabut pemohon"] == 1
    assert charts["skm"].values == (3.5, 3.5, 3.0, 4.0, 3.5, 3.5, 3.5, 3.5, 3.5)
    for chart in charts.values():
        svg = chart.svg()
        assert svg.startswith("<svg") and "<script" not in svg
    html = client_for(world.utama).get(page_url(world)).content.decode()
    assert html.count('src="data:image/svg+xml;base64,') == 4
    assert "Angka grafik: Permohonan diterima per bulan" in html
    lines = pdf_lines(download(world.utama, world, "pdf").content)
    assert any("Nilai rata-rata unsur SKM" in line for line in lines)


def test_a_year_without_data_has_no_chart(world: World) -> None:
    report = actions.start_draft(actor=world.utama, body=world.province, year=2024)
    assert annual.content(report).charts() == []


def test_the_province_report_rolls_up_each_unit_it_serves_and_each_regency(
    world: World, small: Small
) -> None:
    """By hand, 2025: agency A received r1 r2 r3 (r1 granted, r3 in part, r2 refused; days
    5, 10, 16: median 10; none late; Siti's objection to r2); agency B r5 (withdrawn) and
    r7 (not held, 2 days). Diskominfosantik received nothing. The regency, as a whole: r8
    and the request r7 was referred to, both unanswered."""
    written_draft(world)
    item = annual.content(AnnualReport.objects.get())
    units = {unit.name: unit.cells()[1:] for unit in item.units}
    assert units[world.agency_a.name] == ["3", "2", "1", "10", "0", "1"]
    assert units[world.agency_b.name] == ["2", "0", "0", "2", "0", "0"]
    assert units[world.utama_body.name] == ["0", "0", "0", "—", "0", "0"]
    assert units[world.regency.name] == ["2", "0", "0", "—", "0", "0"]
    assert world.regency_agency.name not in units  # within the regency's row
    html = client_for(world.utama).get(page_url(world)).content.decode()
    assert html.count("data-unit=") == len(item.units)
    document = Document(io.BytesIO(download(world.utama, world, "docx").content))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [world.agency_a.name, "3", "2", "1", "10", "0", "1"] in rows
    # A unit's own report has no roll-up.
    unit = actions.start_draft(actor=world.utama, body=world.agency_a, year=2025)
    assert annual.content(unit).units == ()
