"""The monev pages as an officer uses them: start, fill a section (what was typed stays on
a refusal), submit, read the score and predicate per indicator, download XLSX and PDF and
the evidence; other bodies' officers find nothing (404)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.monev import actions
from terbuka.monev.actions import field_name
from terbuka.monev.models import Answer, Assessment, Status
from terbuka.testing import World, make_entry, pdf_upload

from .builders import YEAR, Small, small_questionnaire
from .test_scoring import answer_all


def page(world: World, name: str = "monev:assessment", **kwargs: object) -> str:
    return reverse(name, kwargs={"badan": world.agency_a.slug, "tahun": YEAR, **kwargs})


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def small(world: World) -> Small:
    return small_questionnaire()


def test_it_lets_the_officer_fill_and_submit_section_by_section(world: World, small: Small) -> None:
    client = logged_in(world.pelaksana_a)
    entry = make_entry(world.pelaksana_a, world.agency_a)
    listing = client.get(reverse("monev:list"), {"tahun": YEAR}).content.decode()
    assert "Informatif ≥ 90; Menuju Informatif ≥ 80;" in listing
    assert "Belum diisi" in listing and world.agency_a.name in listing
    response = client.post(page(world, "monev:start"))
    assert response.status_code == 302
    assessment = Assessment.objects.get(body=world.agency_a, year=YEAR)
    section = page(world, "monev:section", nomor=1)
    form = client.get(section).content.decode()
    assert "Isian otomatis dari Terbuka:" in form
    assert "1 entri diumumkan" in form

    response = client.post(
        section,
        {
            field_name(small.yes_no.pk): "ya",
            field_name(small.yes_no.pk, "entry"): str(entry.pk),
            field_name(small.yes_no.pk, "file"): pdf_upload("sk-ppid.pdf"),
            field_name(small.choice.pk): str(small.options[1].pk),
            field_name(small.choice.pk, "note"): "Kolom retensi belum diisi.",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question=small.yes_no)
    assert (answer.yes, answer.evidence_entry, answer.evidence_name) == (True, entry, "sk-ppid.pdf")

    # Section 2 refused (a percentage over 100): the page comes back with what was typed.
    second = page(world, "monev:section", nomor=2)
    response = client.post(
        second,
        {
            field_name(small.percent.pk): "150",
            field_name(small.percent.pk, "note"): "Dihitung dari register",
            field_name(small.days.pk): "12",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="150"' in text and "Dihitung dari register" in text and 'value="12"' in text
    assert "Ada isian yang perlu diperbaiki" in text
    assert Answer.objects.get(assessment=assessment, question=small.percent).number is None
    response = client.post(
        second, {field_name(small.percent.pk): "75", field_name(small.days.pk): "12"}
    )
    assert response.status_code == 302

    response = client.post(page(world, "monev:submit"), follow=True)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    text = response.content.decode()
    assert "Penilaian mandiri dikirim" in text
    assert '<td data-figure="saq">65,00</td>' in text
    assert '<td data-figure="predicate">Cukup Informatif</td>' in text
    assert "<td>83,33</td><td>50,00</td>" in text and "<td>37,50</td><td>15,00</td>" in text
    # Submitted: the section form is gone.
    assert client.get(section).status_code == 404

    evidence = client.get(page(world, "monev:evidence", pertanyaan=small.yes_no.pk))
    assert evidence.status_code == 200
    assert b"".join(evidence.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_it_exports_the_figures_on_the_page(world: World, small: Small) -> None:
    actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small))
    client = logged_in(world.utama)  # the PPID Utama serving agency A reads it too
    xlsx = client.get(page(world, "monev:download", fmt="xlsx"))
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_label = {row[1]: row for row in rows}
    assert by_label["Nilai SAQ"][3] == 65.0
    assert by_label["Nilai akhir dan predikat"][2:4] == ["Cukup Informatif", 65.0]
    assert [row[3] for row in rows if row[0] in ("1", "2")] == [83.33, 37.5]
    assert [row[2] for row in rows if row[0] == "2.2.0.0"] == ["12 hari kerja"]
    pdf = client.get(page(world, "monev:download", fmt="pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "65,00" in text and "Cukup Informatif" in text and "83,33" in text


def test_it_lets_the_administrator_record_the_visit(world: World) -> None:
    small = small_questionnaire(saq_weight=80, visit_weight=20)
    actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small, days="10"))
    officer_page = logged_in(world.pelaksana_a).get(page(world)).content.decode()
    assert "Menunggu nilai visitasi" in officer_page
    assert "Catat nilai visitasi" not in officer_page
    client = logged_in(world.admin)
    response = client.post(page(world, "monev:visit"), {"nilai": "60"}, follow=True)
    text = response.content.decode()
    assert '<td data-figure="final">80,00</td>' in text
    assert "Menuju Informatif" in text
    assert Assessment.objects.get().visit_score == Decimal("60")
    refused = client.post(page(world, "monev:visit"), {"nilai": "101"}, follow=True)
    assert "antara 0 dan 100" in refused.content.decode()


@pytest.mark.parametrize("persona", ["pelaksana_b", "regency_officer", "requester", "atasan"])
def test_it_shows_another_bodys_assessment_to_nobody_else(
    world: World, small: Small, persona: str
) -> None:
    assessment = answer_all(world, small)
    client = logged_in(getattr(world, persona))
    for url in (
        page(world),
        page(world, "monev:section", nomor=1),
        page(world, "monev:download", fmt="xlsx"),
        page(world, "monev:evidence", pertanyaan=small.yes_no.pk),
    ):
        assert client.get(url).status_code == 404, url
    for url in (page(world, "monev:start"), page(world, "monev:submit")):
        assert client.post(url).status_code == 404, url
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_it_sends_a_visitor_to_the_login_page(world: World, small: Small) -> None:
    response = Client().get(page(world))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"] or "login" in response["Location"]


def test_it_reads_numbers_the_indonesian_way(world: World, small: Small) -> None:
    client = logged_in(world.pelaksana_a)
    client.post(page(world, "monev:start"))
    second = page(world, "monev:section", nomor=2)
    response = client.post(
        second, {field_name(small.percent.pk): "87,5", field_name(small.days.pk): "9"}
    )
    assert response.status_code == 302
    answer = Answer.objects.get(question=small.percent)
    assert answer.number == Decimal("87.5")
    assert 'value="87,50"' in client.get(second).content.decode()
