"""Objections to the Atasan PPID (UU 14/2008 Pasal 35–36), as the requester, the Atasan
and the PPID meet them: grounds from the case, the 30-working-day windows, numbering,
the decision, the instruction and every refusal."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from terbuka.remedies import actions, clocks
from terbuka.remedies.actions import ObjectionContent
from terbuka.remedies.models import EventKind, Ground, Objection, Status
from terbuka.requests import actions as request_actions
from terbuka.requests.errors import ActionError
from terbuka.requests.models import FileKind, InfoRequest
from terbuka.testing import World, pdf_upload, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
RECEIVED = dt.date(2025, 3, 27)  # due Tuesday 22 April 2025 (DOMAIN.md worked example)
DUE = dt.date(2025, 4, 22)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def due_date_command(day: dt.date, n: int) -> dt.date:
    out = io.StringIO()
    call_command("due_date", day.isoformat(), str(n), stdout=out, stderr=io.StringIO())
    return dt.date.fromisoformat(out.getvalue().strip())


def submitted(world: World, day: dt.date = RECEIVED, **extra: Any) -> InfoRequest:
    with time_machine.travel(at(day), tick=False):
        return submit_request(world, body=world.agency_a, **extra)


def refuse(world: World, info_request: InfoRequest, day: dt.date) -> InfoRequest:
    with time_machine.travel(at(day), tick=False):
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


def content(*grounds: str, **extra: Any) -> ObjectionContent:
    return ObjectionContent(
        grounds=list(grounds),
        case_description=extra.pop("case_description", "Informasi anggaran bukan rahasia."),
        **extra,
    )


def object_to(world: World, info_request: InfoRequest, day: dt.date, *grounds: str) -> Objection:
    with time_machine.travel(at(day), tick=False):
        return actions.file_objection(
            actor=world.requester, info_request=info_request, content=content(*grounds)
        )


# --- grounds and windows -----------------------------------------------------------------


def test_it_offers_the_refusal_grounds_from_the_notice_day_with_30_working_days(
    world: World,
) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    grounds = {ground.code: ground for ground in clocks.arisen_grounds(info_request)}
    assert set(grounds) == {Ground.REFUSED, Ground.OTHERWISE, Ground.NOT_FULFILLED}
    refused = grounds[Ground.REFUSED]
    assert refused.arose_on == dt.date(2025, 4, 10)
    assert refused.filing_due == due_date_command(dt.date(2025, 4, 10), 30)
    # Not late, no fee: g and f do not arise.
    assert Ground.LATE not in grounds and Ground.UNREASONABLE_FEE not in grounds


def test_an_overdue_request_gives_ground_c_from_the_day_after_the_due_date(
    world: World,
) -> None:
    info_request = submitted(world)
    assert info_request.due_date == DUE
    with time_machine.travel(at(DUE), tick=False):
        assert clocks.arisen_grounds(info_request) == []
    with time_machine.travel(at(DUE + dt.timedelta(days=1)), tick=False):
        grounds = clocks.arisen_grounds(info_request)
    assert [ground.code for ground in grounds] == [Ground.NOT_ANSWERED]
    assert grounds[0].arose_on == DUE + dt.timedelta(days=1)
    assert grounds[0].filing_due == due_date_command(DUE + dt.timedelta(days=1), 30)


def test_a_late_notice_gives_grounds_c_and_g(world: World) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 25))
    codes = [ground.code for ground in clocks.arisen_grounds(info_request)]
    assert codes == ["a", "c", "d", "e", "g"]


# --- filing ------------------------------------------------------------------------------


def test_the_requester_objects_and_gets_a_number_a_clock_and_a_receipt(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    mail.outbox.clear()
    with (
        time_machine.travel(at(dt.date(2025, 4, 14)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        objection = actions.file_objection(
            actor=world.requester,
            info_request=info_request,
            content=content(Ground.REFUSED, Ground.OTHERWISE, attachments=[pdf_upload()]),
        )
    assert objection.number == "0001/KEB-KALTENG/IV/2025"
    assert objection.grounds == ["a", "d"]
    assert objection.answer_due == due_date_command(dt.date(2025, 4, 14), 30)
    assert not objection.filed_late
    assert objection.requester_name == "Siti Rahmawati"
    assert objection.files.get().request_file.kind == FileKind.OBJECTION_ATTACHMENT
    assert objection.events.get().kind == EventKind.FILED
    receipt = next(m for m in mail.outbox if world.requester.email in m.to)
    assert objection.number in receipt.body and info_request.number in receipt.body
    assert "30 hari kerja" in receipt.body
    assert any("atasan" in address for m in mail.outbox for address in m.to)


def test_a_late_objection_is_accepted_and_marked_late(world: World) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    window_end = due_date_command(dt.date(2025, 4, 10), 30)
    objection = object_to(world, info_request, window_end + dt.timedelta(days=3), Ground.REFUSED)
    assert objection.filed_late
    assert objection.status == Status.RECEIVED


def test_numbers_are_gapless_per_body_and_year_in_the_body_format(world: World) -> None:
    first = refuse(world, submitted(world), dt.date(2025, 4, 10))
    second = refuse(world, submitted(world), dt.date(2025, 4, 10))
    a = object_to(world, first, dt.date(2025, 4, 11), Ground.REFUSED)
    b = object_to(world, second, dt.date(2025, 4, 11), Ground.REFUSED)
    assert (a.number_seq, b.number_seq) == (1, 2)
    # A refused attempt takes no number.
    with pytest.raises(ActionError):
        object_to(world, first, dt.date(2025, 4, 11), Ground.REFUSED)
    third = object_to(world, first, dt.date(2025, 4, 11), Ground.NOT_FULFILLED)
    assert third.number_seq == 3


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("in_time", "setelah ada pemberitahuan tertulis"),
        ("withdrawn", "sudah dicabut"),
        ("twice", "sudah diajukan"),
        ("not_arisen", "tidak berlaku"),
        ("no_ground", "sekurang-kurangnya satu"),
        ("no_case", "kasus posisi"),
        ("proxy_without_power", "surat kuasa"),
    ],
)
def test_bad_objections_get_a_clear_message_and_change_nothing(
    world: World, case: str, message: str
) -> None:
    info_request = submitted(world)
    day = dt.date(2025, 4, 10)
    grounds: tuple[str, ...] = (Ground.REFUSED,)
    extra: dict[str, Any] = {}
    if case == "withdrawn":
        request_actions.withdraw(actor=world.requester, info_request=info_request, reason="")
    elif case != "in_time":
        info_request = refuse(world, info_request, day)
    if case == "twice":
        object_to(world, info_request, day, Ground.REFUSED)
    elif case == "not_arisen":
        grounds = (Ground.LATE,)
    elif case == "no_ground":
        grounds = ()
    elif case == "no_case":
        extra["case_description"] = "   "
    elif case == "proxy_without_power":
        extra["proxy_name"] = "Andi, kuasa"
    before = Objection.objects.count()
    with time_machine.travel(at(day), tick=False), pytest.raises(ActionError) as error:
        actions.file_objection(
            actor=world.requester, info_request=info_request, content=content(*grounds, **extra)
        )
    assert message in str(error.value)
    assert Objection.objects.count() == before


def test_nobody_objects_on_someone_elses_request(world: World) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    with pytest.raises(PermissionDenied):
        actions.file_objection(
            actor=world.other_requester, info_request=info_request, content=content("a")
        )
    client = Client()
    client.force_login(world.other_requester)
    url = reverse("remedies:new", kwargs={"public_id": info_request.public_id})
    assert client.get(url).status_code == 404
    assert client.post(url, {"grounds": ["a"], "case_description": "x"}).status_code == 404
    assert not Objection.objects.exists()


# --- the Atasan's decision and the instruction -------------------------------------------


def test_upholding_needs_written_reasons_and_only_the_atasan_decides(world: World) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    with pytest.raises(ActionError):
        actions.decide(actor=world.atasan, objection=objection, upheld=True, reasons=" ")
    for outsider in (world.utama, world.regency_officer, world.requester):
        with pytest.raises(PermissionDenied):
            actions.decide(actor=outsider, objection=objection, upheld=True, reasons="Alasan.")
    objection.refresh_from_db()
    assert objection.status == Status.RECEIVED
    decided = actions.decide(
        actor=world.atasan,
        objection=objection,
        upheld=True,
        reasons="Uji konsekuensi PPID tepat: informasi menghambat penyidikan.",
    )
    assert decided.status == Status.UPHELD
    assert decided.atasan_position == "Sekretaris Daerah"
    window = clocks.dispute_window(decided)
    assert window is not None and not window.unanswered
    assert window.due == due_date_command(window.since, 14)


def test_granting_sends_an_instruction_with_its_deadline_that_the_ppid_carries_out(
    world: World,
) -> None:
    info_request = submitted(world)
    objection = object_to(world, info_request, DUE + dt.timedelta(days=2), Ground.NOT_ANSWERED)
    with time_machine.travel(at(dt.date(2025, 5, 5)), tick=False):
        with pytest.raises(ActionError):
            actions.decide(actor=world.atasan, objection=objection, upheld=False, reasons="Ya.")
        granted = actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="PPID tidak menjawab dalam 10 hari kerja.",
            instruction="Berikan pemberitahuan tertulis kepada pemohon.",
            instruction_days=5,
        )
    assert granted.status == Status.GRANTED
    assert granted.instruction_due == due_date_command(dt.date(2025, 5, 5), 5)
    with pytest.raises(PermissionDenied):
        actions.report_instruction_done(actor=world.atasan, objection=granted, report="x")
    done = actions.report_instruction_done(
        actor=world.utama, objection=granted, report="Pemberitahuan dikirim 6 Mei 2025."
    )
    assert done.status == Status.INSTRUCTION_DONE
    assert [event.kind for event in done.events.all()] == [
        EventKind.FILED,
        EventKind.GRANTED,
        EventKind.INSTRUCTION_DONE,
    ]


def test_an_unanswered_objection_opens_the_dispute_window_after_30_working_days(
    world: World,
) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    with time_machine.travel(at(objection.answer_due), tick=False):
        assert clocks.dispute_window(objection) is None
        assert clocks.state(objection).state == "soon"  # type: ignore[union-attr]
    with time_machine.travel(at(objection.answer_due + dt.timedelta(days=1)), tick=False):
        window = clocks.dispute_window(objection)
        assert clocks.state(objection).is_overdue  # type: ignore[union-attr]
    assert window is not None and window.unanswered
    assert window.due == due_date_command(objection.answer_due, 14)


def test_the_requester_records_his_response_only_after_the_answer(world: World) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    with pytest.raises(ActionError):
        actions.record_response(
            actor=world.requester, objection=objection, response="to_commission"
        )
    actions.decide(actor=world.atasan, objection=objection, upheld=True, reasons="Tepat.")
    with pytest.raises(PermissionDenied):
        actions.record_response(actor=world.utama, objection=objection, response="satisfied")
    answered = actions.record_response(
        actor=world.requester, objection=objection, response="to_commission"
    )
    assert answered.get_response_display() == "Akan mengajukan sengketa ke Komisi Informasi"


# --- pages -------------------------------------------------------------------------------


def test_the_request_page_shows_the_grounds_and_the_form_makes_one_objection(
    world: World,
) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    client = Client()
    client.force_login(world.requester)
    page = client.get(reverse("requests:detail", kwargs={"public_id": info_request.public_id}))
    text = page.content.decode()
    assert "Alasan keberatan yang timbul" in text
    assert "Permohonan ditolak dengan alasan pengecualian" in text
    form_url = reverse("remedies:new", kwargs={"public_id": info_request.public_id})
    assert form_url in text
    empty = client.post(form_url, {"token": "abc123", "case_description": "Tidak adil."})
    assert empty.status_code == 400
    assert "Tidak adil." in empty.content.decode()  # what was typed is kept
    data = {"token": "abc123", "grounds": ["a"], "case_description": "Tidak adil."}
    first = client.post(form_url, data)
    again = client.post(form_url, data)
    assert first.status_code == again.status_code == 302
    assert Objection.objects.count() == 1
    objection = Objection.objects.get()
    assert first["Location"] == reverse(
        "remedies:detail", kwargs={"public_id": objection.public_id}
    )
    detail = client.get(first["Location"]).content.decode()
    assert objection.number in detail and "Batas waktu tanggapan Atasan PPID" in detail


def test_the_atasan_works_from_his_inbox_and_reads_no_identity_document(world: World) -> None:
    info_request = refuse(
        world,
        submitted(world, identity_documents=[pdf_upload("ktp.pdf", "KTP Siti")]),
        dt.date(2025, 4, 10),
    )
    objection = object_to(world, info_request, dt.date(2025, 4, 11), "a")
    client = Client()
    client.force_login(world.atasan)
    inbox = client.get(reverse("remedies:inbox")).content.decode()
    assert objection.number in inbox
    page = client.get(reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tanggapan Atasan PPID" in text
    identity = info_request.files.get(kind=FileKind.IDENTITY)
    assert str(identity.public_id) not in text
    download = reverse(
        "remedies:download",
        kwargs={"public_id": objection.public_id, "file_public_id": identity.public_id},
    )
    assert client.get(download).status_code == 404
    decided = client.post(
        reverse("remedies:decide", kwargs={"public_id": objection.public_id}),
        {"decision": "uphold", "reasons": "Pengecualian sudah diuji."},
    )
    assert decided.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Status.UPHELD


def test_an_officer_of_another_body_cannot_see_or_decide(world: World) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    client = Client()
    client.force_login(world.regency_officer)
    page = reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id})
    assert client.get(page).status_code == 403
    post = reverse("remedies:decide", kwargs={"public_id": objection.public_id})
    assert client.post(post, {"decision": "uphold", "reasons": "x"}).status_code == 403
    assert objection.number not in client.get(reverse("remedies:inbox")).content.decode()
    objection.refresh_from_db()
    assert objection.status == Status.RECEIVED


def test_an_operator_registers_a_letter_objection_with_its_real_receipt_time(
    world: World,
) -> None:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    with time_machine.travel(at(dt.date(2025, 4, 16)), tick=False):
        objection = actions.register_objection(
            actor=world.operator,
            info_request=info_request,
            content=content("a"),
            channel="letter",
            received_at=at(dt.date(2025, 4, 14)),
        )
    assert objection.registered_by == world.operator
    assert objection.requester == world.requester
    assert objection.answer_due == due_date_command(dt.date(2025, 4, 14), 30)
    with pytest.raises(PermissionDenied):
        actions.register_objection(
            actor=world.pelaksana_a,
            info_request=info_request,
            content=content("d"),
            channel="letter",
            received_at=at(dt.date(2025, 4, 14)),
        )


def test_a_body_sets_its_own_objection_number_format_and_a_broken_one_is_refused(
    world: World,
) -> None:
    from django.core.exceptions import ValidationError

    from terbuka.remedies.models import ObjectionSettings

    broken = ObjectionSettings(body=world.province, number_format="{seq}/{unknown}")
    with pytest.raises(ValidationError):
        broken.full_clean()
    ObjectionSettings.objects.create(body=world.province, number_format="KEB-{year}-{seq:03d}")
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    assert object_to(world, info_request, dt.date(2025, 4, 11), "a").number == "KEB-2025-001"


def test_a_published_request_shows_its_objection_steps_but_not_who_objected(
    world: World,
) -> None:
    info_request = refuse(world, submitted(world, publish_allowed=True), dt.date(2025, 4, 10))
    objection = object_to(world, info_request, dt.date(2025, 4, 11), "a")
    actions.decide(
        actor=world.atasan, objection=objection, upheld=True, reasons="Rahasia pribadi pasien."
    )
    page = Client().get(
        reverse("requests:log_detail", kwargs={"public_id": info_request.public_id})
    )
    text = page.content.decode()
    assert objection.number in text
    assert "Atasan PPID menguatkan putusan PPID" in text
    assert "Siti Rahmawati" not in text
    assert "Informasi anggaran bukan rahasia." not in text  # the case description


def test_a_calendar_change_moves_the_answer_date_of_an_undecided_objection(
    world: World,
) -> None:
    from terbuka.workdays import actions as calendar_actions

    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    objection = object_to(world, info_request, dt.date(2025, 4, 11), "a")
    old_due = objection.answer_due
    holiday = dt.date(2025, 4, 14)  # a Monday inside the 30 working days
    calendar_actions.add_day(actor=world.admin, date=holiday, name="Libur daerah", kind="regional")
    objection.refresh_from_db()
    assert objection.answer_due > old_due
    assert objection.answer_due == due_date_command(dt.date(2025, 4, 11), 30)
    assert objection.events.filter(kind=EventKind.ANSWER_DUE_RECOMPUTED).exists()
