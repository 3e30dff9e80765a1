"""The dispute dossier the requester downloads for the Komisi Informasi (UU 14/2008 Pasal
37; Perki 1/2013 Pasal 10–11): what it says, what the ZIP carries, and who gets it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from terbuka import law
from terbuka.remedies import actions, clocks, dossier
from terbuka.remedies.actions import ObjectionContent
from terbuka.remedies.models import Objection
from terbuka.requests import actions as request_actions
from terbuka.testing import NIK_SATU, World, pdf_upload, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
REASONS = "Informasi ini menyangkut penyidikan yang sedang berjalan."


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def refused_objection(world: World) -> Objection:
    """Siti's request refused on Pasal 17; she objects on ground a with a piece of
    evidence."""
    with time_machine.travel(at(dt.date(2025, 3, 27)), tick=False):
        info_request = submit_request(world, body=world.agency_a)
    with time_machine.travel(at(dt.date(2025, 4, 10)), tick=False):
        request_actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome="refused_exempt",
            exemption_ground="h.2",
            consequence_test="Membuka informasi ini menghambat proses penegakan hukum.",
        )
        request_actions.send_notice(actor=world.utama, info_request=info_request)
    with time_machine.travel(at(dt.date(2025, 4, 14)), tick=False):
        return actions.file_objection(
            actor=world.requester,
            info_request=info_request,
            content=ObjectionContent(
                grounds=["a"],
                case_description="Anggaran puskesmas bukan informasi yang dikecualikan.",
                attachments=[pdf_upload("bukti-anggaran.pdf", "Bukti anggaran")],
            ),
        )


def upheld(world: World, objection: Objection) -> Objection:
    with time_machine.travel(at(dt.date(2025, 4, 21)), tick=False):
        return actions.decide(actor=world.atasan, objection=objection, upheld=True, reasons=REASONS)


@pytest.fixture
def decided(world: World) -> Objection:
    return upheld(world, refused_objection(world))


def test_the_pdf_states_the_request_objection_answer_and_the_14_day_deadline(world, decided):
    window = clocks.dispute_window(decided)
    assert window is not None and not window.unanswered
    pdf = dossier.render_pdf(decided)
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert decided.info_request.number in text
    assert decided.number in text
    assert REASONS in text
    assert date_format(window.due, "j F Y") in text
    assert f"{law.DISPUTE_FILING_WORKING_DAYS} hari kerja" in text
    assert "Komisi Informasi Provinsi Kalimantan Tengah" in text
    assert "Siti Rahmawati" in text
    # The NIK only masked: he completes it himself.
    assert NIK_SATU not in text
    assert "6271********0001" in text
    # Pasal 17 refusal upheld is marked, "no Atasan response" is not.
    assert "[X] Penolakan atas dasar pengecualian (Pasal 17) dikuatkan" in text
    reasons = {reason.code: reason.applies for reason in dossier.dispute_reasons(decided, window)}
    assert reasons["refusal_upheld"] and reasons["unsatisfied"] and not reasons["unanswered"]


def test_an_unanswered_objection_gets_a_dossier_saying_so(world):
    objection = refused_objection(world)
    after = at(objection.answer_due + dt.timedelta(days=1))
    with time_machine.travel(after, tick=False):
        window = clocks.dispute_window(objection)
        assert window is not None and window.unanswered
        text = " ".join(pdf_text(dossier.render_pdf(objection)).split())
    assert "[X] Keberatan tidak ditanggapi Atasan PPID" in text
    assert date_format(window.due, "j F Y") in text


def test_the_zip_holds_the_dossier_and_her_files_but_nobody_elses(world, decided):
    other = submit_request(
        world, user=world.other_requester, attachments=[pdf_upload("punya-budi.pdf", "Budi")]
    )
    assert other.files.exists()
    archive = zipfile.ZipFile(io.BytesIO(dossier.render_zip(decided)))
    names = archive.namelist()
    pdfs = [name for name in names if name.startswith("berkas-sengketa-")]
    assert len(pdfs) == 1 and archive.read(pdfs[0]).startswith(b"%PDF")
    assert "lampiran/bukti-anggaran.pdf" in names
    assert archive.read("lampiran/bukti-anggaran.pdf").startswith(b"%PDF")  # decrypted
    assert not any("punya-budi" in name for name in names)
    assert len(names) == len(set(names))


def test_only_the_objector_downloads_it(world, decided):
    for name, content_type in (
        ("dossier_pdf", "application/pdf"),
        ("dossier_zip", "application/zip"),
    ):
        url = reverse(f"remedies:{name}", kwargs={"public_id": decided.public_id})
        client = Client()
        client.force_login(world.requester)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert "attachment" in response["Content-Disposition"]
        for user in (world.other_requester, world.atasan, world.utama, world.operator):
            client = Client()
            client.force_login(user)
            assert client.get(url).status_code == 404


def test_the_requester_page_links_the_dossier_once_the_window_opens(world, decided):
    client = Client()
    client.force_login(world.requester)
    page = client.get(decided.get_absolute_url()).content.decode()
    assert reverse("remedies:dossier_pdf", kwargs={"public_id": decided.public_id}) in page
    assert reverse("remedies:dossier_zip", kwargs={"public_id": decided.public_id}) in page


def test_there_is_no_dossier_before_the_window_opens(world):
    objection = refused_objection(world)
    client = Client()
    client.force_login(world.requester)
    with time_machine.travel(at(dt.date(2025, 4, 15)), tick=False):
        assert clocks.dispute_window(objection) is None
        for name in ("dossier_pdf", "dossier_zip"):
            url = reverse(f"remedies:{name}", kwargs={"public_id": objection.public_id})
            assert client.get(url).status_code == 404
        page = client.get(objection.get_absolute_url()).content.decode()
    assert "berkas-sengketa" not in page


def test_a_body_can_name_its_own_competent_commission(world: World) -> None:
    from terbuka.remedies.dossier import competent_commission
    from terbuka.remedies.models import ObjectionSettings
    from terbuka.remedies.tests.test_objections import object_to, refuse, submitted

    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    assert competent_commission(objection) == "Komisi Informasi Provinsi Kalimantan Tengah"
    # Set on the province, it holds for its agencies below (the first body up the tree).
    ObjectionSettings.objects.create(
        body=world.province, commission_name="Komisi Informasi Provinsi Kalteng (Sidang)"
    )
    assert competent_commission(objection) == "Komisi Informasi Provinsi Kalteng (Sidang)"
