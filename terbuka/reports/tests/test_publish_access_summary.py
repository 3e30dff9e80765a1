"""``publish_access_summary``: the Ringkasan akses (UU 14/2008 Pasal 12 a–d) of each PPID
body as a berkala DIP entry, with its PDF and XLSX, the figures of the small world and no
personal data; repeated runs update it instead of adding another."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from terbuka.catalog.models import Category, Entry
from terbuka.reports import periods, summary
from terbuka.testing import NIK_DUA, NIK_SATU, World

from .small_world import LETTER_ADDRESS, SEMESTER_1, Small, at, build, registered


@pytest.fixture
def small(world: World) -> Small:
    return build(world)


def publish(*args: str) -> str:
    out = io.StringIO()
    with time_machine.travel(at(dt.date(2025, 7, 7)), tick=False):
        call_command("publish_access_summary", *args, stdout=out)
    return out.getvalue()


def personal_values(world: World, small: Small) -> list[str]:
    values = [NIK_SATU, NIK_DUA, LETTER_ADDRESS, "0536123456", "yayasan@example.test"]
    values += [world.requester.email, world.other_requester.email, "Yayasan Peduli Kahayan"]
    values += [small.r1.requester_address, "Siti Rahmawati", "Budi Santoso"]
    return [value for value in values if value]


def test_it_publishes_the_last_semester_of_each_ppid_body(world: World, small: Small) -> None:
    output = publish()
    assert f"{world.province.slug}: 2025-1 created" in output
    assert f"{world.regency.slug}: 2025-1 created" in output
    entry = Entry.objects.get(body=world.province, source_key="terbuka:ringkasan-akses:2025-1")
    assert entry.category == Category.BERKALA and entry.is_published
    assert entry.title == "Ringkasan akses informasi publik Semester I tahun 2025"
    text = entry.summary
    assert (
        "a. Jumlah permohonan yang diterima: 7 (Formulir daring 5, Datang langsung 1, Surat 1)"
        in text
    )
    assert (
        "b. Waktu pemenuhan: 5 permohonan diberi pemberitahuan tertulis, median 10 hari kerja,"
        " persentil ke-90 16 hari kerja; 3 tepat waktu dalam 10 hari kerja, 1 tepat waktu"
        " dengan perpanjangan, 1 terlambat."
    ) in text
    assert (
        "c. Dikabulkan seluruhnya: 1; dikabulkan sebagian: 1; ditolak: 2; informasi tidak"
        " dikuasai: 1; belum didokumentasikan: 0; dicabut pemohon: 1; belum dijawab: 1."
    ) in text
    assert (
        "d. Alasan penolakan: Ditolak berdasarkan Pasal 17 huruf b UU 14/2008: 1;"
        " Ditolak berdasarkan Pasal 17 huruf h angka 2 UU 14/2008: 1."
    ) in text
    for value in personal_values(world, small):
        assert value not in text


def test_the_documents_carry_the_same_figures_and_no_personal_data(
    world: World, small: Small
) -> None:
    publish("--semester", "2025-1")
    entry = Entry.objects.get(body=world.province, source_key="terbuka:ringkasan-akses:2025-1")
    documents = {document.title: document for document in entry.documents.all()}
    assert set(documents) == {summary.PDF_TITLE, summary.XLSX_TITLE}
    pdf_version = documents[summary.PDF_TITLE].current_version
    xlsx_version = documents[summary.XLSX_TITLE].current_version
    assert pdf_version is not None and xlsx_version is not None
    with pdf_version.file.open("rb") as handle:
        pdf_text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(handle).pages
        )
    assert "Ringkasan akses informasi publik Semester I tahun 2025" in pdf_text
    assert (
        "Terlambat 1" in pdf_text
        and "Persentil ke-90 hari kerja sampai pemberitahuan 16" in pdf_text
    )
    with xlsx_version.file.open("rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).active
    assert sheet is not None
    cells = list(sheet.iter_rows(values_only=True))[1:]
    stats_labels = [line[1] for line in cells]
    assert len(cells) == len(SEMESTER_1) and "Terlambat" in stats_labels
    assert sorted(line[2] for line in cells) == sorted(SEMESTER_1.values())  # type: ignore[type-var]
    everything = f"{pdf_text} {cells}"
    for value in personal_values(world, small):
        assert value not in everything
    # Public: anyone opens the entry and downloads its documents.
    client = Client()
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_a_second_run_changes_nothing_and_new_figures_update_the_entry(
    world: World, small: Small
) -> None:
    publish("--semester", "2025-1")
    assert f"{world.province.slug}: 2025-1 unchanged" in publish("--semester", "2025-1")
    assert Entry.objects.filter(source_key="terbuka:ringkasan-akses:2025-1").count() == 2
    # A late registration of a letter received in June changes the figures.
    registered(world, dt.date(2025, 6, 30), "letter", subject="Data pegawai 2025")
    assert f"{world.province.slug}: 2025-1 updated" in publish("--semester", "2025-1")
    entry = Entry.objects.get(body=world.province, source_key="terbuka:ringkasan-akses:2025-1")
    assert "a. Jumlah permohonan yang diterima: 8" in entry.summary
    pdf = entry.documents.get(title=summary.PDF_TITLE)
    assert pdf.versions.count() == 2


def test_a_semester_without_requests_says_so(world: World) -> None:
    publish("--semester", "2024-2")
    entry = Entry.objects.get(body=world.province, source_key="terbuka:ringkasan-akses:2024-2")
    assert "Tidak ada permohonan informasi publik yang diterima pada periode ini." in entry.summary


def test_it_refuses_a_period_that_is_not_a_semester(world: World) -> None:
    for wrong in ("2025", "2025-03", "2025-3", "semester"):
        with pytest.raises(CommandError):
            publish("--semester", wrong)
    assert periods.last_complete_semester(dt.date(2025, 7, 7)) == periods.semester(2025, 1)
    assert periods.last_complete_semester(dt.date(2026, 1, 2)) == periods.semester(2025, 2)
