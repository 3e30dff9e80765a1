"""The objection register (register keberatan): its eleven columns in every format, the
filters, who may read it, and the audit record of every export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.remedies import actions
from terbuka.remedies.models import Objection
from terbuka.remedies.register import headers
from terbuka.testing import NIK_SATU, World

from .test_objections import at, object_to, refuse, submitted

ADDRESS = "Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya"


def decided_objection(world: World) -> Objection:
    """Siti objects on 11 April 2025; the Atasan upholds on 5 May; she will go to the KI."""
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    with time_machine.travel(at(dt.date(2025, 5, 5)), tick=False):
        actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=True,
            reasons="Uji konsekuensi PPID tepat.",
        )
    actions.record_response(actor=world.requester, objection=objection, response="to_commission")
    objection.refresh_from_db()
    return objection


def export(user: Any, fmt: str, **query: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("remedies:register_export", kwargs={"fmt": fmt}), query)


def expected_row(world: World, objection: Objection) -> list[str]:
    info_request = objection.info_request
    return [
        objection.number,
        "2025-04-11",
        f"{world.requester.get_full_name()}\n{ADDRESS}\n081234567890 / {world.requester.email}",
        info_request.number,
        info_request.subject,
        "Penelitian skripsi",
        "a. Permohonan ditolak dengan alasan pengecualian (Pasal 17)",
        "Keberatan ditolak: putusan PPID dikuatkan\nUji konsekuensi PPID tepat.",
        "2025-05-05",
        f"{objection.atasan_name}, Sekretaris Daerah",
        "Akan mengajukan sengketa ke Komisi Informasi",
    ]


def test_the_csv_has_the_eleven_columns_of_a_decided_objection_and_no_nik(world: World) -> None:
    objection = decided_objection(world)
    response = export(world.utama, "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == headers() and len(table[0]) == 11
    assert table[1:] == [expected_row(world, objection)]
    assert NIK_SATU not in content.decode("utf-8-sig")


def test_the_xlsx_reads_back_with_the_same_columns_and_real_dates(world: World) -> None:
    objection = decided_objection(world)
    response = export(world.atasan, "xlsx", badan=objection.ppid_body.slug)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert list(values[0]) == headers()
    row = expected_row(world, objection)
    assert values[1][1] == dt.datetime(2025, 4, 11)
    assert values[1][8] == dt.datetime(2025, 5, 5)
    assert [values[1][i] for i in (0, 2, 3, 4, 5, 6, 7, 9, 10)] == [
        row[i] for i in (0, 2, 3, 4, 5, 6, 7, 9, 10)
    ]
    assert len(values) == 2


def test_an_undecided_objection_has_empty_answer_columns(world: World) -> None:
    object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    table = list(csv.reader(io.StringIO(export(world.operator, "csv").content.decode("utf-8-sig"))))
    assert table[1][7] == "Menunggu tanggapan Atasan PPID"
    assert table[1][8:] == ["", "", ""]


def test_it_filters_by_the_period_of_receipt(world: World) -> None:
    april = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    may = object_to(
        world,
        refuse(world, submitted(world, dt.date(2025, 4, 28)), dt.date(2025, 5, 6)),
        dt.date(2025, 5, 8),
        "a",
    )

    def numbers(**query: str) -> list[str]:
        text = export(world.utama, "csv", **query).content.decode("utf-8-sig")
        return [line[0] for line in list(csv.reader(io.StringIO(text)))[1:]]

    assert numbers() == [april.number, may.number]
    assert numbers(dari="2025-05-01") == [may.number]
    assert numbers(sampai="2025-04-11") == [april.number]
    assert numbers(dari="2025-04-12", sampai="2025-05-07") == []
    client = Client()
    client.force_login(world.utama)
    page = client.get(reverse("remedies:register_list"), {"dari": "2025-05-01"})
    assert page.status_code == 200
    html = page.content.decode()
    assert may.number in html and april.number not in html
    assert 'class="table-scroll"' in html and 'scope="col"' in html
    assert "dari=2025-05-01" in html  # the export links keep the filter
    backwards = client.get(
        reverse("remedies:register_list"), {"dari": "2025-05-01", "sampai": "2025-04-01"}
    )
    assert may.number not in backwards.content.decode()


def test_the_regency_officer_sees_none_of_the_province_objections(world: World) -> None:
    objection = decided_objection(world)
    client = Client()
    client.force_login(world.regency_officer)
    page = client.get(reverse("remedies:register_list"))
    assert page.status_code == 200
    assert objection.number not in page.content.decode()
    assert world.requester.get_full_name() not in page.content.decode()
    province = objection.ppid_body.slug
    assert export(world.regency_officer, "csv", badan=province).status_code == 403
    other_page = client.get(reverse("remedies:register_list"), {"badan": province})
    assert other_page.status_code == 403
    own = export(world.regency_officer, "csv").content.decode("utf-8-sig")
    assert objection.number not in own and len(list(csv.reader(io.StringIO(own)))) == 1


def test_the_unit_and_the_requester_get_403_and_the_public_the_login_page(world: World) -> None:
    decided_objection(world)
    for outsider in (world.pelaksana_a, world.requester, world.admin):
        assert export(outsider, "csv").status_code == 403
        client = Client()
        client.force_login(outsider)
        assert client.get(reverse("remedies:register_list")).status_code == 403
    response = Client().get(reverse("remedies:register_export", kwargs={"fmt": "csv"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_the_pdf_is_a_pdf_and_other_formats_are_not_found(world: World) -> None:
    decided_objection(world)
    response = export(world.utama, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert export(world.utama, "docx").status_code == 404


def test_an_export_is_audited_without_personal_data(world: World) -> None:
    objection = decided_objection(world)
    export(world.operator, "xlsx", badan=objection.ppid_body.slug, dari="2025-04-01")
    entry = AuditRecord.objects.filter(action="objection.register_export").get()
    assert entry.actor == world.operator
    assert entry.object_id == str(objection.ppid_body.pk)
    assert entry.summary == "xlsx"
    assert entry.detail == {"rows": 1, "format": "xlsx", "from": "2025-04-01", "to": ""}
    written = f"{entry.summary} {entry.detail}"
    for personal in (world.requester.get_full_name(), ADDRESS, NIK_SATU, world.requester.email):
        assert personal not in written
    # Reading the page is not an export.
    client = Client()
    client.force_login(world.operator)
    client.get(reverse("remedies:register_list"))
    assert AuditRecord.objects.filter(action="objection.register_export").count() == 1
