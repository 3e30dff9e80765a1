"""The statistics of a body for a period: every figure, computed by hand on a small world
(``small_world.py``), compared with the module, the page, the CSV, the XLSX and the PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.remedies import actions as remedy_actions
from terbuka.remedies.actions import BerkalaSubject, ObjectionContent
from terbuka.reports import periods, statistics
from terbuka.reports.statistics import display, percentile
from terbuka.requests.models import Outcome
from terbuka.testing import World

from .small_world import SEMESTER_1, YEAR_CHANGES, Small, at, build


@pytest.fixture
def small(world: World) -> Small:
    return build(world)


def get(user: Any, name: str, fmt: str = "", **query: Any) -> Any:
    client = Client()
    client.force_login(user)
    url = reverse(name, kwargs={"fmt": fmt}) if fmt else reverse(name)
    return client.get(url, query)


def figures_on_page(html: str) -> dict[str, str]:
    found = re.findall(
        r'data-figure="([^"]+)"><th scope="row">[^<]*</th><td class="number">([^<]*)<', html
    )
    return dict(found)


def test_it_counts_every_figure_of_the_semester_by_hand(world: World, small: Small) -> None:
    stats = statistics.compute(world.province, periods.semester(2025, 1))
    computed = {
        figure.key: figure.value for section in stats.sections for figure in section.figures
    }
    assert computed == SEMESTER_1
    assert not stats.is_empty
    # The outcomes add up to the requests received.
    assert sum(stats.outcomes.values()) == stats.received == 7


def test_the_year_adds_the_second_semester(
    world: World, small: Small, django_assert_num_queries: Any
) -> None:
    # One query for the requests' figures, one for the objections, one for the disputes.
    with django_assert_num_queries(3):
        stats = statistics.compute(world.province, periods.year(2025))
    computed = {
        figure.key: figure.value for section in stats.sections for figure in section.figures
    }
    assert computed == {**SEMESTER_1, **YEAR_CHANGES}
    assert stats.figure("timing.median").text == "7,5"


def test_a_unit_counts_only_the_requests_addressed_to_it(world: World, small: Small) -> None:
    stats = statistics.compute(world.agency_a, periods.semester(2025, 1))
    # r1 granted, r2 refused (h.2), r3 in part with its extension; Siti's objection to r2.
    assert stats.received == 3
    assert stats.outcomes["granted"] == stats.outcomes["granted_in_part"] == 1
    assert stats.refusals_by_ground == {"h.2": 1}
    assert (stats.timing.answered, stats.timing.median, stats.timing.p90) == (3, 10.0, 16)
    assert stats.objections.received == 1


def test_the_regency_counts_its_own_request_and_the_referral(world: World, small: Small) -> None:
    stats = statistics.compute(world.regency, periods.semester(2025, 1))
    assert stats.received == 2
    assert stats.by_channel["referral"] == 1 and stats.by_channel["online"] == 1
    assert stats.outcomes["open"] == 2
    assert stats.timing.median is None and stats.figure("timing.median").text == "—"


def test_the_page_shows_every_figure(world: World, small: Small) -> None:
    response = get(
        world.utama, "reports:statistics", badan=world.province.slug, tahun=2025, bagian="s1"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert figures_on_page(html) == {key: display(value) for key, value in SEMESTER_1.items()}
    assert "Semester I tahun 2025" in html
    # The export links carry the same body and period.
    assert f"badan={world.province.slug}&amp;tahun=2025&amp;bagian=s1" in html


def test_the_csv_and_the_xlsx_hold_the_same_numbers(world: World, small: Small) -> None:
    stats = statistics.compute(world.province, periods.semester(2025, 1))
    labels = {figure.key: figure.label for s in stats.sections for figure in s.figures}
    query = {"badan": world.province.slug, "tahun": 2025, "bagian": "s1"}
    text = get(world.utama, "reports:statistics_export", "csv", **query).content
    table = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert table[0] == statistics.headers()
    by_label = {line[1]: line[2] for line in table[1:]}
    assert by_label == {labels[key]: str(value) for key, value in SEMESTER_1.items()}

    content = get(world.utama, "reports:statistics_export", "xlsx", **query).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    values = {line[1]: line[2] for line in list(sheet.iter_rows(values_only=True))[1:]}
    assert values == {labels[key]: value for key, value in SEMESTER_1.items()}


def test_the_pdf_prints_every_figure(world: World, small: Small) -> None:
    query = {"badan": world.province.slug, "tahun": 2025, "bagian": "s1"}
    response = get(world.operator, "reports:statistics_export", "pdf", **query)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    stats = statistics.compute(world.province, periods.semester(2025, 1))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for section in stats.sections:
        for figure in section.figures:
            expected = f"{figure.label} {display(SEMESTER_1[figure.key])}"
            assert any(line.endswith(expected) or expected in line for line in lines), expected


def test_an_empty_period_says_so_everywhere(world: World, small: Small) -> None:
    query = {"badan": world.province.slug, "tahun": 2024, "bagian": "tahun"}
    html = get(world.utama, "reports:statistics", **query).content.decode()
    assert "Tidak ada permohonan, keberatan, maupun sengketa pada Tahun 2024." in html
    assert "data-figure" not in html
    text = get(world.utama, "reports:statistics_export", "csv", **query).content.decode("utf-8-sig")
    assert "Tidak ada permohonan, keberatan, maupun sengketa pada Tahun 2024." in text
    pdf = get(world.utama, "reports:statistics_export", "pdf", **query).content
    pdf_text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Tidak ada permohonan, keberatan, maupun sengketa pada Tahun 2024." in pdf_text


def test_an_empty_period_has_no_median_and_no_division(world: World) -> None:
    stats = statistics.compute(world.province, periods.month(2025, 3))
    assert stats.is_empty and stats.timing.median is None and stats.timing.p90 is None
    assert percentile([], 0.9) is None
    assert percentile(list(range(1, 11)), 0.9) == 9


def test_who_reads_the_statistics(world: World, small: Small) -> None:
    province = {"badan": world.province.slug, "tahun": 2025}
    for officer in (world.utama, world.operator):
        assert get(officer, "reports:statistics", **province).status_code == 200
    assert (
        get(world.pelaksana_a, "reports:statistics", badan=world.agency_a.slug).status_code == 200
    )
    for outsider in (world.pelaksana_a, world.regency_officer):
        assert get(outsider, "reports:statistics", **province).status_code == 403
        assert get(outsider, "reports:statistics_export", "csv", **province).status_code == 403
    for nobody in (world.requester, world.atasan, world.admin):
        assert get(nobody, "reports:statistics").status_code == 403
    anonymous = Client().get(reverse("reports:statistics"))
    assert anonymous.status_code == 302
    assert get(world.utama, "reports:statistics_export", "docx", **province).status_code == 404
    assert (
        get(world.utama, "reports:statistics", badan=world.province.slug, tahun="x").status_code
        == 200
    )


def test_an_objection_without_a_request_counts_for_its_body(world: World, small: Small) -> None:
    """Ground b (berkala information not provided) needs no request (Pasal 35(1)b)."""
    with time_machine.travel(at(dt.date(2025, 3, 4)), tick=False):
        remedy_actions.file_berkala_objection(
            actor=world.requester,
            subject=BerkalaSubject(body=world.agency_b, information="Laporan keuangan 2024"),
            content=ObjectionContent(grounds=["b"], case_description="Tidak ada di DIP."),
        )
    semester = periods.semester(2025, 1)
    assert statistics.compute(world.agency_b, semester).objections.pending == 1
    province = statistics.compute(world.province, semester).objections
    assert (province.received, province.upheld, province.pending) == (2, 1, 1)
    assert statistics.compute(world.agency_a, semester).objections.received == 1


def test_the_registers_of_many_bodies_at_once_match_each_bodys_statistics(
    world: World, small: Small, django_assert_num_queries: Any
) -> None:
    """The annual report's roll-up counts every unit and region at once: the same
    figures as the statistics of each body, in the same few queries for six bodies."""
    with time_machine.travel(at(dt.date(2025, 3, 4)), tick=False):
        remedy_actions.file_berkala_objection(
            actor=world.requester,
            subject=BerkalaSubject(body=world.agency_b, information="Laporan keuangan 2024"),
            content=ObjectionContent(grounds=["b"], case_description="Tidak ada di DIP."),
        )
    bodies = [
        world.province,
        world.utama_body,
        world.agency_a,
        world.agency_b,
        world.regency,
        world.regency_agency,
    ]
    for period in (periods.year(2025), periods.semester(2025, 1), periods.year(2024)):
        with django_assert_num_queries(8):
            found = statistics.registers(bodies, period)
        for body in bodies:
            stats = statistics.compute(body, period)
            figures = found[body.pk]
            assert figures.received == stats.received, body.name
            for outcome in Outcome.values:
                assert figures.outcomes[outcome] == stats.outcomes[outcome], (body.name, outcome)
            assert statistics.timing_of(figures.timing) == stats.timing, body.name
            assert figures.objections == stats.objections.received, body.name
    assert found[world.agency_a.pk].received == 0  # 2024: nothing
    found = statistics.registers(bodies, periods.year(2025))
    assert [found[body.pk].received for body in bodies] == [8, 0, 3, 2, 2, 1]
    assert found[world.agency_b.pk].objections == 1  # the berkala objection, no request


def test_the_registers_of_no_body_need_no_query(
    world: World, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        assert statistics.registers([], periods.year(2025)) == {}
