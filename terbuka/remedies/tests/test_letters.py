"""The objection's two letters as the requester and the officers download them: the copy
of the objection form as its receipt, and the Atasan PPID's written answer with the right
to go to the Komisi Informasi (UU 14/2008 Pasal 35–37)."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import dateformat
from pypdf import PdfReader

from terbuka import law
from terbuka.remedies import actions, letters
from terbuka.remedies.actions import ObjectionContent
from terbuka.remedies.models import Objection
from terbuka.requests import actions as request_actions
from terbuka.requests.models import InfoRequest
from terbuka.testing import NIK_SATU, World, pdf_upload, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
RECEIVED = dt.date(2025, 3, 27)
REFUSED = dt.date(2025, 4, 10)
OBJECTED = dt.date(2025, 4, 11)
REASONS = "Uji konsekuensi PPID tepat: membuka informasi menghambat penyidikan."
INSTRUCTION = "Berikan salinan rekap anggaran kepada pemohon."


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def text_of(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def refused_request(world: World) -> InfoRequest:
    with time_machine.travel(at(RECEIVED), tick=False):
        info_request = submit_request(world, body=world.agency_a)
    with time_machine.travel(at(REFUSED), tick=False):
        request_actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome="refused_exempt",
            exemption_ground="h.2",
            consequence_test="Membuka informasi ini menghambat proses penegakan hukum.",
        )
        request_actions.send_notice(actor=world.utama, info_request=info_request)
    info_request.refresh_from_db()
    return info_request


def objection_of(world: World, *, proxy: bool = False) -> Objection:
    extra = (
        {"proxy_name": "Andi Kuasa", "power_of_attorney": [pdf_upload("kuasa.pdf", "Kuasa")]}
        if proxy
        else {}
    )
    with time_machine.travel(at(OBJECTED), tick=False):
        return actions.file_objection(
            actor=world.requester,
            info_request=refused_request(world),
            content=ObjectionContent(
                grounds=["a"],
                case_description="Rekap anggaran bukan informasi yang dikecualikan.",
                purpose="Bahan liputan anggaran kesehatan",
                **extra,
            ),
        )


def download(client: Client, name: str, objection: Objection) -> bytes:
    response = client.get(reverse(name, kwargs={"public_id": objection.public_id}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    return response.content


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_receipt_is_the_objection_form_without_the_requesters_contact_details(
    world: World,
) -> None:
    objection = objection_of(world, proxy=True)
    text = text_of(download(logged_in(world.requester), "remedies:receipt_pdf", objection))
    for expected in (
        objection.number,
        objection.info_request.number,
        world.province.name.upper(),
        "Siti Rahmawati",
        "Andi Kuasa",
        "identitas tercatat pada formulir",
        "Permohonan ditolak dengan alasan pengecualian",
        "Rekap anggaran bukan informasi yang dikecualikan.",
        "Bahan liputan anggaran kesehatan",
        f"{law.OBJECTION_ANSWER_WORKING_DAYS} hari kerja",
        "Pasal 36 ayat 2",
    ):
        assert expected in text, expected
    assert "11 April 2025" in text  # received
    assert dateformat.format(objection.answer_due, "l, j F Y") == "Senin, 2 Juni 2025"
    assert "Senin, 2 Juni 2025" in text  # the Atasan's due date
    assert "melewati batas waktu" not in text
    # It may be forwarded: never the NIK, the address or the phone.
    for private in (NIK_SATU, "Tjilik Riwut", "081234567890"):
        assert private not in text, private


def test_the_receipt_says_when_the_objection_was_filed_late(world: World) -> None:
    objection = objection_of(world)
    Objection.objects.filter(pk=objection.pk).update(filed_late=True)
    objection.refresh_from_db()
    assert "melewati batas waktu" in text_of(letters.render_receipt(objection))


def test_the_officers_download_the_receipt_and_no_one_else(world: World) -> None:
    objection = objection_of(world)
    for officer in (world.atasan, world.utama):
        assert objection.number in text_of(
            download(logged_in(officer), "remedies:receipt_pdf", objection)
        )
    for outsider in (world.other_requester, world.pelaksana_a, world.regency_officer):
        for name in ("remedies:receipt_pdf", "remedies:answer_pdf"):
            url = reverse(name, kwargs={"public_id": objection.public_id})
            assert logged_in(outsider).get(url).status_code == 404


def test_there_is_no_answer_letter_before_the_atasan_decides(world: World) -> None:
    objection = objection_of(world)
    url = reverse("remedies:answer_pdf", kwargs={"public_id": objection.public_id})
    assert logged_in(world.requester).get(url).status_code == 404
    assert logged_in(world.atasan).get(url).status_code == 404
    page = logged_in(world.requester).get(objection.get_absolute_url()).content.decode()
    assert reverse("remedies:receipt_pdf", kwargs={"public_id": objection.public_id}) in page
    assert url not in page
    with pytest.raises(ValueError):
        letters.render_answer(objection)


def test_the_upholding_answer_gives_the_reasons_the_signer_and_the_14_days(
    world: World,
) -> None:
    objection = objection_of(world)
    with time_machine.travel(at(dt.date(2025, 5, 6)), tick=False):
        decided = actions.decide(
            actor=world.atasan, objection=objection, upheld=True, reasons=REASONS
        )
    page = logged_in(world.requester).get(decided.get_absolute_url()).content.decode()
    url = reverse("remedies:answer_pdf", kwargs={"public_id": decided.public_id})
    assert url in page
    text = text_of(download(logged_in(world.requester), "remedies:answer_pdf", decided))
    for expected in (
        "TANGGAPAN ATAS KEBERATAN",
        decided.number,
        "Siti Rahmawati",
        "menguatkan putusan PPID",
        REASONS,
        decided.atasan_name,
        "Sekretaris Daerah",
        "6 Mei 2025",
        f"{law.DISPUTE_FILING_WORKING_DAYS} hari kerja",
        "Komisi Informasi",
        "Pasal 37 ayat 2",
    ):
        assert expected in text, expected
    assert "Perintah kepada PPID" not in text
    for private in (NIK_SATU, "Tjilik Riwut", "081234567890"):
        assert private not in text, private
    # The Atasan and the PPID have the same letter.
    assert REASONS in text_of(download(logged_in(world.utama), "remedies:answer_pdf", decided))


def test_the_granting_answer_carries_the_instruction_and_its_due_date(world: World) -> None:
    objection = objection_of(world)
    with time_machine.travel(at(dt.date(2025, 5, 5)), tick=False):
        decided = actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="Rekap anggaran tidak termasuk Pasal 17.",
            instruction=INSTRUCTION,
            instruction_days=5,
        )
    assert decided.instruction_due is not None
    text = text_of(letters.render_answer(decided))
    assert "menerima keberatan" in text
    assert INSTRUCTION in text
    assert dateformat.format(decided.instruction_due, "l, j F Y") in text
    assert "menguatkan" not in text
    assert letters.answer_filename(decided).endswith(".pdf")
    assert letters.receipt_filename(decided).startswith("tanda-terima-keberatan-")
