"""Objections without a request: berkala information a body does not provide (UU 14/2008
Pasal 35 ayat 1 huruf b, Pasal 9), filed from the body's page or one of its berkala DIP
entries, online by the requester or at the desk by an operator."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.catalog.models import Category, Entry
from terbuka.remedies import actions, register
from terbuka.remedies.actions import BerkalaSubject, ObjectionContent
from terbuka.remedies.models import Ground, Objection, Status
from terbuka.requests.actions import Identity
from terbuka.requests.errors import ActionError
from terbuka.requests.models import FileKind, RequestFile
from terbuka.testing import World, make_entry, pdf_upload

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# ENTRY_VALUES were last updated 3 February 2025: the next update was due 3 August 2025.
STALE_DAY = dt.date(2025, 10, 1)  # a Wednesday


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def due_date_command(day: dt.date, n: int) -> dt.date:
    out = io.StringIO()
    call_command("due_date", day.isoformat(), str(n), stdout=out, stderr=io.StringIO())
    return dt.date.fromisoformat(out.getvalue().strip())


@pytest.fixture
def entry(world: World) -> Entry:
    with time_machine.travel(at(dt.date(2025, 2, 3)), tick=False):
        return make_entry(world.pelaksana_a, world.agency_a)


def content(**extra: Any) -> ObjectionContent:
    return ObjectionContent(
        grounds=extra.pop("grounds", [Ground.BERKALA_NOT_PROVIDED]),
        case_description=extra.pop(
            "case_description", "Laporan realisasi anggaran semester lalu tidak ada di DIP."
        ),
        **extra,
    )


def file(world: World, entry: Entry | None = None, **extra: Any) -> Objection:
    subject = BerkalaSubject(
        body=world.agency_a,
        information=extra.pop("information", "Laporan realisasi anggaran semester I 2025"),
        catalog_entry=entry,
    )
    with time_machine.travel(at(STALE_DAY), tick=False):
        return actions.file_berkala_objection(
            actor=extra.pop("actor", world.requester), subject=subject, content=content(**extra)
        )


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_url(world: World, entry: Entry | None = None) -> str:
    url = reverse("remedies:new_berkala", kwargs={"slug": world.agency_a.slug})
    return f"{url}?entri={entry.public_id}" if entry is not None else url


def test_the_requester_objects_from_a_stale_berkala_entry_without_a_request(
    world: World, entry: Entry
) -> None:
    client = logged_in(world.requester)
    with time_machine.travel(at(STALE_DAY), tick=False):
        page = client.get(entry.get_absolute_url()).content.decode()
        assert form_url(world, entry).replace("&", "&amp;") in page
        assert "4 Agustus 2025" in page  # not updated since the day after 3 August
        form = client.get(form_url(world, entry))
        assert form.status_code == 200
        token = form.context["form"].initial["token"]
        data = {
            "token": token,
            "entri": str(entry.public_id),
            "information": "Laporan realisasi anggaran semester I 2025",
            "case_description": "Laporan semester I 2025 belum diumumkan.",
        }
        first = client.post(form_url(world), data)
        again = client.post(form_url(world), data)  # a double submit
    objection = Objection.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == objection.get_absolute_url()
    assert objection.info_request is None
    assert objection.body == world.agency_a
    assert objection.ppid_body == world.province
    assert objection.catalog_entry == entry
    assert objection.grounds == [Ground.BERKALA_NOT_PROVIDED]
    assert objection.missing_since == dt.date(2025, 8, 4)
    # A continuing omission: the window counts from the filing day, never late meanwhile.
    assert objection.ground_arose_on == STALE_DAY
    assert objection.filing_due == due_date_command(STALE_DAY, 30)
    assert objection.answer_due == due_date_command(STALE_DAY, 30)
    assert not objection.filed_late
    detail = client.get(objection.get_absolute_url()).content.decode()
    assert "Laporan realisasi anggaran semester I 2025" in detail
    assert "tanpa permohonan" in detail
    receipt = client.get(reverse("remedies:receipt_pdf", kwargs={"public_id": objection.public_id}))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt.content)).pages)
    assert objection.number in text
    assert "Informasi berkala yang tidak disediakan" in text


def test_the_body_page_offers_the_objection_and_the_form_keeps_what_was_typed(
    world: World,
) -> None:
    client = logged_in(world.requester)
    page = client.get(world.agency_a.get_absolute_url()).content.decode()
    assert form_url(world) in page
    token = client.get(form_url(world)).context["form"].initial["token"]
    response = client.post(
        form_url(world), {"token": token, "information": "", "case_description": "Tidak ada."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tidak ada." in html
    assert "Kolom ini harus diisi" in html or "wajib" in html
    assert not Objection.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_first(world: World) -> None:
    response = Client().get(form_url(world))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_refuses_what_ground_b_does_not_cover_and_changes_nothing(
    world: World, entry: Entry
) -> None:
    with pytest.raises(ActionError, match="huruf b"):
        file(world, entry, grounds=[Ground.REFUSED])
    with pytest.raises(ActionError, match="informasi berkala yang tidak disediakan"):
        file(world, entry, information="   ")
    with time_machine.travel(at(dt.date(2025, 2, 3)), tick=False):
        setiap_saat = make_entry(
            world.pelaksana_a, world.agency_a, category=Category.SETIAP_SAAT, number="2"
        )
    with pytest.raises(ActionError, match="hanya dapat diajukan atas informasi berkala"):
        file(world, setiap_saat)
    # Not a berkala entry, or not one of this body's: no form either.
    client = logged_in(world.requester)
    assert client.get(form_url(world, setiap_saat)).status_code == 404
    other = reverse("remedies:new_berkala", kwargs={"slug": world.agency_b.slug})
    assert client.get(f"{other}?entri={entry.public_id}").status_code == 404
    assert client.get(f"{form_url(world)}?entri=not-a-uuid").status_code == 404
    assert not Objection.objects.exists()


def test_the_same_requester_cannot_object_twice_while_the_first_is_pending(
    world: World, entry: Entry
) -> None:
    first = file(world, entry)
    with pytest.raises(ActionError, match=first.number):
        file(world, entry)
    # Another requester may, and so may he once the first is decided.
    file(world, entry, actor=world.other_requester)
    with time_machine.travel(at(STALE_DAY + dt.timedelta(days=1)), tick=False):
        actions.decide(actor=world.atasan, objection=first, upheld=True, reasons="Sudah diumumkan.")
    assert file(world, entry).number != first.number


def test_the_atasan_decides_it_and_the_dossier_says_there_was_no_request(
    world: World, entry: Entry
) -> None:
    objection = file(world, entry)
    atasan = logged_in(world.atasan)
    inbox = atasan.get(reverse("remedies:inbox")).content.decode()
    assert objection.number in inbox
    assert "informasi berkala, tanpa permohonan" in inbox
    page = atasan.get(reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id}))
    assert page.status_code == 200
    with time_machine.travel(at(STALE_DAY + dt.timedelta(days=7)), tick=False):
        actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="Laporan wajib diumumkan setiap semester.",
            instruction="Umumkan laporan realisasi anggaran semester I 2025.",
            instruction_days=5,
        )
        dossier = logged_in(world.requester).get(
            reverse("remedies:dossier_pdf", kwargs={"public_id": objection.public_id})
        )
    assert dossier.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(dossier.content)).pages)
    assert "Tanpa permohonan" in text
    assert "Laporan realisasi anggaran semester I 2025" in text
    objection.refresh_from_db()
    assert objection.status == Status.GRANTED
    row = register.row(objection)
    assert row.request_number == ""
    assert row.information == "Laporan realisasi anggaran semester I 2025"


def test_a_proxy_files_with_a_power_of_attorney_that_only_the_objector_and_handlers_read(
    world: World, entry: Entry
) -> None:
    objection = file(
        world, entry, proxy_name="Yayasan Transparansi", power_of_attorney=[pdf_upload("kuasa.pdf")]
    )
    stored = RequestFile.objects.get(objection_link__objection=objection)
    assert stored.info_request is None
    assert stored.kind == FileKind.POWER_OF_ATTORNEY
    assert stored.is_encrypted
    url = reverse(
        "remedies:download",
        kwargs={"public_id": objection.public_id, "file_public_id": stored.public_id},
    )
    assert logged_in(world.requester).get(url).status_code == 200
    assert logged_in(world.utama).get(url).status_code == 200
    assert logged_in(world.atasan).get(url).status_code == 404
    assert logged_in(world.other_requester).get(url).status_code == 404
    # Through another objection, or the requests' own download URL: nothing.
    other = file(world, None, actor=world.other_requester, information="Profil badan")
    through_other = reverse(
        "remedies:download",
        kwargs={"public_id": other.public_id, "file_public_id": stored.public_id},
    )
    assert logged_in(world.other_requester).get(through_other).status_code == 404
    generic = reverse("requests:download", kwargs={"file_public_id": stored.public_id})
    assert logged_in(world.requester).get(generic).status_code == 404
    assert Client().get(generic).status_code == 404


def test_an_operator_registers_a_letter_objection_without_a_request(world: World) -> None:
    subject = BerkalaSubject(body=world.agency_a, information="Profil dan struktur organisasi")
    identity = Identity(
        requester_type="individual",
        name="Rahmat Hidayat",
        nik="6271031505850003",
        address="Jl. Tjilik Riwut Km 5, Palangka Raya",
        phone="081234567890",
    )
    received = at(STALE_DAY - dt.timedelta(days=2), hour=9)
    with time_machine.travel(at(STALE_DAY), tick=False):
        objection = actions.register_berkala_objection(
            actor=world.operator,
            subject=subject,
            content=content(),
            identity=identity,
            channel="letter",
            received_at=received,
        )
        with pytest.raises(PermissionDenied):
            actions.register_berkala_objection(
                actor=world.regency_officer,
                subject=subject,
                content=content(),
                identity=identity,
                channel="letter",
                received_at=received,
            )
    assert objection.requester is None
    assert objection.requester_name == "Rahmat Hidayat"
    assert objection.received_at == received
    assert objection.answer_due == due_date_command(received.date(), 30)
    url = reverse("remedies:register_berkala", kwargs={"slug": world.agency_a.slug})
    assert logged_in(world.operator).get(url).status_code == 200
    assert logged_in(world.regency_officer).get(url).status_code == 403
    assert logged_in(world.requester).get(url).status_code == 403
    assert Objection.objects.count() == 1
