import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from terbuka.requests import actions, deadlines
from terbuka.requests.models import (
    Channel,
    Disposition,
    EventKind,
    FileKind,
    InfoRequest,
    Notice,
    Outcome,
    Status,
)
from terbuka.testing import (
    NIK_DUA,
    grant_request,
    pdf_upload,
    register_request,
    submit_request,
)

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


def forwarded(world, info_request, units=None):
    return actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=units or [world.agency_a],
        instruction="Siapkan data puskesmas 2024.",
        internal_due_date=info_request.due_date,
    )


# --- disposisi ------------------------------------------------------------------------


def test_the_utama_forwards_and_the_pelaksana_drafts(world, django_capture_on_commit_callbacks):
    info_request = submit_request(world)
    with django_capture_on_commit_callbacks(execute=True):
        (disposition,) = forwarded(world, info_request)
    info_request.refresh_from_db()
    assert info_request.status == Status.IN_PROGRESS
    assert any("pelaksana.a@example.test" in m.to for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        disposition = actions.submit_draft(
            actor=world.pelaksana_a,
            disposition=disposition,
            draft_text="Terlampir data puskesmas.",
            files=[pdf_upload("data-puskesmas.pdf")],
        )
    assert disposition.state == Disposition.State.DRAFTED
    assert info_request.files.get().kind == FileKind.DRAFT
    assert any("utama@example.test" in m.to for m in mail.outbox)
    # The requester sees that it was forwarded, never the instruction or the draft.
    public = list(info_request.events.public().values_list("kind", "note"))
    assert (EventKind.FORWARDED, "Dinas Kesehatan") in public
    assert all(kind != EventKind.DRAFTED for kind, _note in public)
    assert all("Siapkan data" not in note for _kind, note in public)


def test_another_units_pelaksana_cannot_draft(world):
    (disposition,) = forwarded(world, submit_request(world))
    with pytest.raises(PermissionDenied):
        actions.submit_draft(actor=world.pelaksana_b, disposition=disposition, draft_text="x")


def test_only_the_handling_ppid_forwards(world):
    info_request = submit_request(world)
    for officer in (world.pelaksana_a, world.regency_officer, world.requester, world.admin):
        with pytest.raises(PermissionDenied):
            actions.forward(
                actor=officer,
                info_request=info_request,
                units=[world.agency_a],
                instruction="x",
                internal_due_date=info_request.due_date,
            )
    assert not Disposition.objects.exists()


def test_it_refuses_to_forward_to_a_unit_another_ppid_serves(world):
    with pytest.raises(actions.ActionError):
        forwarded(world, submit_request(world), units=[world.regency_agency])


# --- the written notice ---------------------------------------------------------------


def test_sending_without_an_outcome_is_refused_and_changes_nothing(world):
    info_request = submit_request(world)
    with pytest.raises(actions.ActionError) as error:
        actions.send_notice(actor=world.utama, info_request=info_request)
    assert "Pilih keputusan" in error.value.messages[0]
    actions.save_notice(actor=world.utama, info_request=info_request, material="Data")
    with pytest.raises(actions.ActionError):
        actions.send_notice(actor=world.utama, info_request=info_request)
    info_request.refresh_from_db()
    assert info_request.status == Status.RECEIVED
    assert not info_request.files.filter(kind=FileKind.LETTER).exists()


@pytest.mark.parametrize(
    ("fields", "needed"),
    [
        ({"outcome": Outcome.REFUSED_EXEMPT, "exemption_ground": "h.2"}, "uji konsekuensi"),
        ({"outcome": Outcome.REFUSED_EXEMPT, "consequence_test": "Uji"}, "Pasal 17"),
        ({"outcome": Outcome.GRANTED_IN_PART}, "dihitamkan"),
        ({"outcome": Outcome.NOT_YET_DOCUMENTED}, "akan tersedia"),
        ({"outcome": Outcome.GRANTED}, "paling sedikit satu dokumen"),  # asked by e-mail
        ({"outcome": Outcome.GRANTED_IN_PART, "withheld": "NIK"}, "paling sedikit satu"),
        ({"outcome": Outcome.GRANTED, "form": "view", "delivery": ""}, "tanggal dan tempat"),
        (
            {"outcome": Outcome.GRANTED, "form": "view", "place": "Ruang PPID"},
            "sebutkan tanggal",
        ),
        (
            {"outcome": Outcome.GRANTED, "form": "view", "available_on": dt.date(2030, 1, 7)},
            "sebutkan tempat",
        ),
    ],
)
def test_each_outcome_needs_what_the_law_asks(world, fields, needed):
    info_request = submit_request(world)
    actions.save_notice(actor=world.utama, info_request=info_request, **fields)
    with pytest.raises(actions.ActionError) as error:
        actions.send_notice(actor=world.utama, info_request=info_request)
    assert needed in error.value.messages[0]


def test_sending_the_notice_answers_releases_and_makes_the_letter(world):
    info_request = submit_request(world)
    (disposition,) = forwarded(world, info_request)
    actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=disposition,
        draft_text="Draf",
        files=[pdf_upload("data.pdf"), pdf_upload("catatan-internal.pdf")],
    )
    released, kept = info_request.files.order_by("pk")
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.GRANTED,
        material="Data puskesmas 2024",
        pages=4,
    )
    notice = actions.send_notice(
        actor=world.utama, info_request=info_request, released_file_ids=[str(released.public_id)]
    )
    info_request.refresh_from_db()
    released.refresh_from_db()
    kept.refresh_from_db()
    assert notice.is_sent and notice.sent_by == world.utama
    assert info_request.status == Status.ANSWERED and info_request.answered_at
    assert (released.kind, kept.kind) == (FileKind.RELEASED, FileKind.DRAFT)
    letter = info_request.files.get(kind=FileKind.LETTER)
    assert letter.content_type == "application/pdf"
    assert info_request.dispositions.get().state == Disposition.State.CLOSED
    assert info_request.events.filter(kind=EventKind.NOTICE_SENT).exists()


def test_the_notice_is_immutable_once_sent_and_corrections_are_events(world):
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.GRANTED,
        form="hardcopy",
        delivery="pickup",
    )
    actions.send_notice(actor=world.utama, info_request=info_request)
    with pytest.raises(actions.ActionError) as error:
        actions.save_notice(actor=world.utama, info_request=info_request, material="diubah")
    assert "tidak dapat diubah" in error.value.messages[0]
    with pytest.raises(actions.ActionError):
        actions.send_notice(actor=world.utama, info_request=info_request)
    assert Notice.objects.get().material == ""
    event = actions.correct_notice(
        actor=world.utama, info_request=info_request, note="Jumlah halaman 5, bukan 4."
    )
    assert event.kind == EventKind.NOTICE_CORRECTED and not event.is_internal


def test_released_files_must_be_drafts_of_this_request(world):
    info_request = submit_request(world, attachments=[pdf_upload()])
    attachment = info_request.files.get()
    actions.save_notice(actor=world.utama, info_request=info_request, outcome=Outcome.GRANTED)
    with pytest.raises(actions.ActionError):
        actions.send_notice(
            actor=world.utama, info_request=info_request, released_file_ids=[attachment.pk]
        )


def test_a_refusal_cites_the_ground(world):
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.REFUSED_EXEMPT,
        exemption_ground="h.2",
        consequence_test="Rekam medis pasien: mengungkap rahasia pribadi.",
    )
    assert actions.send_notice(actor=world.utama, info_request=info_request).is_sent


def test_an_officer_of_another_body_cannot_answer(world):
    info_request = submit_request(world)
    with pytest.raises(PermissionDenied):
        actions.save_notice(
            actor=world.regency_officer, info_request=info_request, outcome="granted"
        )
    with pytest.raises(PermissionDenied):
        actions.extend(actor=world.regency_officer, info_request=info_request, days=2, reason="x")


# --- referral -------------------------------------------------------------------------


def test_a_referral_creates_the_linked_request_with_its_own_number_and_deadline(
    world, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2025, 3, 3, 9, 0), tick=False):
        info_request = submit_request(world, attachments=[pdf_upload()])
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome=Outcome.NOT_HELD,
            holding_body=world.regency_agency,
        )
        with django_capture_on_commit_callbacks(execute=True):
            actions.send_notice(actor=world.utama, info_request=info_request)
    referral = InfoRequest.objects.get(referred_from=info_request)
    assert referral.body == world.regency_agency
    assert referral.ppid_body == world.regency
    assert referral.channel == Channel.REFERRAL
    assert referral.number == "0001/PPID-BARUT/III/2025"
    assert referral.due_date == dt.date(2025, 4, 22)  # counted from the referral
    assert referral.requester == world.requester
    assert referral.files.get().kind == FileKind.ATTACHMENT
    assert info_request.events.filter(kind=EventKind.REFERRED).exists()
    told = next(m for m in mail.outbox if "Permohonan dirujuk" in m.subject)
    assert referral.number in told.body
    assert any("utama.barut@example.test" in m.to for m in mail.outbox)


def test_a_referral_carries_what_was_asked_and_who_asked_it(world):
    # Everything the requester gave the first body reaches the second one unchanged.
    with time_machine.travel(at(2025, 3, 3, 9, 0), tick=False):
        info_request = register_request(
            world,
            received_at=at(2025, 3, 3, 8, 30),
            identity=actions.Identity(
                requester_type="legal_entity",
                name="Yayasan Sungai Bersih",
                nik=NIK_DUA,  # of the person who signs for the foundation
                legal_entity_decree="AHU-0012345.AH.01.04 Tahun 2020",
                address="Jl. Tjilik Riwut Km 5, Palangka Raya",
                phone="0536000222",
                email="yayasan@example.test",
                acting_for="Forum Warga Bantaran Kahayan",
            ),
            subject="Hasil uji kualitas air Sungai Kahayan 2024",
            purpose="Advokasi lingkungan",
            how_to_obtain="softcopy",
            delivery="email",
            publish_allowed=True,
        )
        actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome=Outcome.NOT_HELD,
            holding_body=world.regency_agency,
        )
        actions.send_notice(actor=world.utama, info_request=info_request)
    referral = InfoRequest.objects.get(referred_from=info_request)
    for field in (
        "requester_type",
        "requester_name",
        "requester_nik",
        "requester_legal_entity_decree",
        "requester_address",
        "requester_phone",
        "requester_email",
        "acting_for",
        "subject",
        "purpose",
        "how_to_obtain",
        "delivery",
        "publish_allowed",
    ):
        assert getattr(referral, field) == getattr(info_request, field), field
    assert referral.acting_for == "Forum Warga Bantaran Kahayan"


def test_not_held_by_a_body_outside_the_platform_creates_no_request(world):
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.NOT_HELD,
        holding_body_name="Balai Wilayah Sungai Kalimantan II",
    )
    actions.send_notice(actor=world.utama, info_request=info_request)
    assert InfoRequest.objects.count() == 1


# --- extension (Pasal 22(8)) ----------------------------------------------------------


def test_an_extension_adds_working_days_once(world, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 3, 27, 10, 0))
    with time_machine.travel(at(2025, 4, 21, 10, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            info_request = actions.extend(
                actor=world.utama, info_request=info_request, days=7, reason="Data di 14 kabupaten."
            )
        assert info_request.due_date == dt.date(2025, 5, 2)  # 22 Apr + 7 working days
        assert any("Pasal 22 ayat 8" in line for line in deadlines.explanation_text(info_request))
        assert any("diperpanjang 7 hari kerja" in m.body for m in mail.outbox)
        with pytest.raises(actions.ActionError) as error:
            actions.extend(actor=world.utama, info_request=info_request, days=1, reason="Lagi")
        assert "satu kali" in error.value.messages[0]
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 5, 2)
    assert info_request.events.filter(kind=EventKind.EXTENDED).count() == 1


@pytest.mark.parametrize("days", [0, 8])
def test_an_extension_is_1_to_7_working_days(world, days):
    info_request = submit_request(world)
    with pytest.raises(actions.ActionError) as error:
        actions.extend(actor=world.utama, info_request=info_request, days=days, reason="Alasan")
    assert "paling lama 7 hari kerja" in error.value.messages[0]


def test_an_extension_needs_a_reason(world):
    with pytest.raises(actions.ActionError):
        actions.extend(actor=world.utama, info_request=submit_request(world), days=3, reason=" ")


def test_no_extension_after_the_due_date(world):
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 3, 27, 10, 0))
    with (
        time_machine.travel(at(2025, 4, 23, 8, 0), tick=False),
        pytest.raises(actions.ActionError) as error,
    ):
        actions.extend(actor=world.utama, info_request=info_request, days=3, reason="Telat")
    assert "sudah lewat" in error.value.messages[0]
    info_request.refresh_from_db()
    assert info_request.extended_at is None and info_request.due_date == dt.date(2025, 4, 22)


# --- withdrawal and messages ----------------------------------------------------------


def test_the_requester_withdraws_only_while_open(world):
    info_request = submit_request(world)
    for someone_else in (world.other_requester, world.utama, world.operator):
        with pytest.raises(PermissionDenied):
            actions.withdraw(actor=someone_else, info_request=info_request)
    info_request = actions.withdraw(
        actor=world.requester, info_request=info_request, reason="Sudah dapat"
    )
    assert info_request.status == Status.WITHDRAWN and info_request.withdrawn_at
    with pytest.raises(actions.ActionError):
        actions.withdraw(actor=world.requester, info_request=info_request)
    answered = grant_request(world.utama, submit_request(world))
    with pytest.raises(actions.ActionError):
        actions.withdraw(actor=world.requester, info_request=answered)


def test_messages_and_internal_notes(world, django_capture_on_commit_callbacks):
    info_request = submit_request(world)
    with django_capture_on_commit_callbacks(execute=True):
        question = actions.post_message(
            actor=world.utama, info_request=info_request, text="Data tahun berapa?"
        )
        answer = actions.post_message(
            actor=world.requester, info_request=info_request, text="Tahun 2024."
        )
        note = actions.post_message(
            actor=world.utama, info_request=info_request, text="Cek ke bidang SDK", internal=True
        )
    assert (question.kind, answer.kind, note.kind) == (
        EventKind.MESSAGE_TO_REQUESTER,
        EventKind.MESSAGE_FROM_REQUESTER,
        EventKind.INTERNAL_NOTE,
    )
    assert note.is_internal and not question.is_internal
    assert not any("Cek ke bidang SDK" in m.body for m in mail.outbox)
    assert any("Data tahun berapa?" in m.body for m in mail.outbox)
    with pytest.raises(PermissionDenied):
        actions.post_message(
            actor=world.requester, info_request=info_request, text="x", internal=True
        )
    with pytest.raises(PermissionDenied):
        actions.post_message(actor=world.other_requester, info_request=info_request, text="x")
    with pytest.raises(actions.ActionError):
        actions.post_message(actor=world.requester, info_request=info_request, text="  ")


def test_assign_to_an_officer_who_works_on_it(world):
    info_request = submit_request(world)
    info_request = actions.assign(
        actor=world.utama, info_request=info_request, officer=world.pelaksana_a
    )
    assert info_request.assigned_to == world.pelaksana_a
    with pytest.raises(actions.ActionError):
        actions.assign(actor=world.utama, info_request=info_request, officer=world.regency_officer)
    assert info_request.events.get(kind=EventKind.ASSIGNED).is_internal


def test_save_notice_accepts_empty_optional_fields(world):
    info_request = submit_request(world)
    notice = actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.GRANTED,
        pages=None,
        delivery_cost=None,
        holding_body=None,
        available_on=None,
        material=None,
    )
    assert (notice.pages, notice.delivery_cost, notice.material) == (0, 0, "")
    assert notice.holding_body is None and notice.available_on is None


def test_an_officer_records_the_withdrawal_of_a_request_without_an_account(world):
    info_request = register_request(world, received_at=at(2025, 3, 27, 10, 0))
    with pytest.raises(PermissionDenied):
        actions.withdraw(actor=world.regency_officer, info_request=info_request)
    info_request = actions.withdraw(
        actor=world.operator, info_request=info_request, reason="Disampaikan lewat telepon."
    )
    assert info_request.status == Status.WITHDRAWN
