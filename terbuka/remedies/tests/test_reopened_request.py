"""A granted objection reopens the answered request under the Atasan's instruction (UU
14/2008 Pasal 36): the request is back in the officers' inbox and on the requester's page
until the PPID answers again, releasing what he was told to release. The objection's copy
of the identity goes when the case's retention ends."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from terbuka.privacy import actions as privacy_actions
from terbuka.privacy.models import ANONYMISED_NAME
from terbuka.remedies import actions
from terbuka.remedies.actions import ObjectionContent
from terbuka.remedies.models import Ground, Objection, Status
from terbuka.requests import actions as request_actions
from terbuka.requests.errors import ActionError
from terbuka.requests.models import EventKind, FileKind, InfoRequest, RequestFile
from terbuka.testing import World, pdf_upload, submit_request

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
RECEIVED = dt.date(2025, 3, 27)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def refused(world: World) -> InfoRequest:
    with time_machine.travel(at(RECEIVED), tick=False):
        info_request = submit_request(world, body=world.agency_a)
    with time_machine.travel(at(dt.date(2025, 4, 8)), tick=False):
        request_actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome="refused_exempt",
            exemption_ground="h.2",
            consequence_test="Rekam medis adalah rahasia pribadi.",
        )
        request_actions.send_notice(actor=world.utama, info_request=info_request)
    info_request.refresh_from_db()
    return info_request


def granted(world: World, info_request: InfoRequest, **extra: object) -> Objection:
    with time_machine.travel(at(dt.date(2025, 4, 10)), tick=False):
        objection = actions.file_objection(
            actor=world.requester,
            info_request=info_request,
            content=ObjectionContent(
                grounds=[Ground.REFUSED],
                case_description="Data agregat bukan rahasia pribadi.",
                **extra,  # type: ignore[arg-type]
            ),
        )
    with time_machine.travel(at(dt.date(2025, 4, 21)), tick=False):
        return actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="Data agregat tanpa nama tidak dikecualikan.",
            instruction="Berikan data agregat tanpa nama pasien.",
            instruction_days=5,
        )


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_granting_reopens_the_answered_request_until_the_instruction_date(world: World) -> None:
    info_request = refused(world)
    objection = granted(world, info_request)
    info_request.refresh_from_db()
    assert info_request.is_reopened
    assert info_request.reopened_until == objection.instruction_due
    assert info_request.reopened_instruction == "Berikan data agregat tanpa nama pasien."
    event = info_request.events.get(kind=EventKind.REOPENED)
    assert event.data["objection"] == objection.number
    assert not event.is_internal
    # Back in the officer's default inbox (answered requests are not listed there).
    inbox = logged_in(world.utama).get(reverse("requests:inbox")).content.decode()
    assert info_request.number in inbox
    assert "dibuka kembali atas perintah Atasan PPID" in inbox
    mine = logged_in(world.requester).get(info_request.get_absolute_url()).content.decode()
    assert "dibuka kembali atas perintah Atasan PPID" in mine


def test_the_ppid_answers_under_the_instruction_and_releases_the_information(
    world: World,
) -> None:
    info_request = refused(world)
    objection = granted(world, info_request)
    with time_machine.travel(at(dt.date(2025, 4, 23)), tick=False):
        response = logged_in(world.utama).post(
            reverse("remedies:instruction_done", kwargs={"public_id": objection.public_id}),
            {"report": "Data agregat dikirim.", "released": pdf_upload("data-agregat.pdf")},
        )
    assert response.status_code == 302
    objection.refresh_from_db()
    info_request.refresh_from_db()
    assert objection.status == Status.INSTRUCTION_DONE
    assert not info_request.is_reopened
    released = RequestFile.objects.get(info_request=info_request, kind=FileKind.RELEASED)
    assert released.original_name == "data-agregat.pdf"
    answered = info_request.events.get(kind=EventKind.ANSWERED_UNDER_INSTRUCTION)
    assert answered.data == {"released": ["data-agregat.pdf"], "late": False}
    download = reverse("requests:download", kwargs={"file_public_id": released.public_id})
    assert logged_in(world.requester).get(download).status_code == 200
    assert logged_in(world.other_requester).get(download).status_code == 404
    inbox = logged_in(world.utama).get(reverse("requests:inbox")).content.decode()
    assert info_request.number not in inbox


def test_a_bad_release_changes_nothing(world: World) -> None:
    info_request = refused(world)
    objection = granted(world, info_request)
    bad = SimpleUploadedFile("data.pdf", b"MZ\x90\x00 not a PDF", content_type="application/pdf")
    with pytest.raises(ActionError):
        actions.report_instruction_done(
            actor=world.utama, objection=objection, report="Dikirim.", released=[bad]
        )
    objection.refresh_from_db()
    info_request.refresh_from_db()
    assert objection.status == Status.GRANTED
    assert info_request.is_reopened
    assert not RequestFile.objects.filter(kind=FileKind.RELEASED).exists()


def test_an_overdue_request_is_still_open_and_not_reopened(world: World) -> None:
    with time_machine.travel(at(RECEIVED), tick=False):
        info_request = submit_request(world, body=world.agency_a)
    with time_machine.travel(at(dt.date(2025, 4, 24)), tick=False):
        objection = actions.file_objection(
            actor=world.requester,
            info_request=info_request,
            content=ObjectionContent(
                grounds=[Ground.NOT_ANSWERED], case_description="Tidak ada jawaban."
            ),
        )
        actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="Tidak dijawab.",
            instruction="Kirim pemberitahuan tertulis.",
            instruction_days=3,
        )
    info_request.refresh_from_db()
    assert info_request.is_open
    assert not info_request.is_reopened
    assert not info_request.events.filter(kind=EventKind.REOPENED).exists()


def test_retention_waits_for_the_objection_then_clears_its_identity_too(world: World) -> None:
    info_request = refused(world)
    objection = granted(
        world,
        info_request,
        proxy_name="LBH Palangka Raya",
        proxy_address="Jl. Ahmad Yani 1",
        power_of_attorney=[pdf_upload("kuasa.pdf")],
    )
    years_later = at(dt.date(2031, 1, 6))
    # The instruction is still pending: not closed, so not due.
    assert info_request.pk not in [
        due.info_request.pk for due in privacy_actions.due_for_anonymisation(years_later)
    ]
    actions.report_instruction_done(actor=world.utama, objection=objection, report="Dikirim.")
    due = privacy_actions.due_for_anonymisation(years_later)
    assert [item.info_request.pk for item in due] == [info_request.pk]
    privacy_actions.apply_retention(now=years_later)
    objection.refresh_from_db()
    assert objection.requester_name == ANONYMISED_NAME
    assert objection.requester_nik == ""
    assert objection.requester_address == ""
    assert objection.requester_phone == ""
    assert objection.requester_email == ""
    assert objection.proxy_address == ""
    assert objection.requester is None
    assert not RequestFile.objects.filter(kind=FileKind.POWER_OF_ATTORNEY).exists()
