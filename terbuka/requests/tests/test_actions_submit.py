import datetime as dt
import threading
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connections

from terbuka.bodies.models import Body, BodyKind
from terbuka.requests import actions
from terbuka.requests.models import Channel, EventKind, FileKind, InfoRequest, Status
from terbuka.testing import pdf_upload, png_upload, register_request, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_it_records_an_online_request_with_the_requesters_identity(world):
    info_request = submit_request(
        world, attachments=[pdf_upload()], identity_documents=[png_upload()]
    )
    assert info_request.status == Status.RECEIVED
    assert info_request.channel == Channel.ONLINE
    assert info_request.ppid_body == world.province
    assert info_request.requester_name == "Siti Rahmawati"
    assert info_request.requester_nik == "6271014101900001"
    assert info_request.due_date is not None and info_request.due_explanation
    kinds = sorted(info_request.files.values_list("kind", flat=True))
    assert kinds == [FileKind.ATTACHMENT, FileKind.IDENTITY]
    assert info_request.files.get(kind=FileKind.IDENTITY).is_encrypted
    event = info_request.events.get()
    assert (event.kind, event.actor) == (EventKind.SUBMITTED, world.requester)


def test_it_sends_the_receipt_and_tells_the_officers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        info_request = submit_request(world)
    to_requester = next(m for m in mail.outbox if m.to == ["pemohon.satu@example.test"])
    assert info_request.number in to_requester.subject
    assert "tanda bukti" in to_requester.body
    officers = next(m for m in mail.outbox if "utama@example.test" in m.to)
    assert "operator@example.test" in officers.to
    assert "pelaksana.a@example.test" not in officers.to


def test_emails_never_carry_nik_address_or_phone(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        info_request = submit_request(world)
        actions.mark_identity_incomplete(
            actor=world.utama, info_request=info_request, message="Mohon unggah KTP."
        )
        actions.complete_identity(
            actor=world.requester,
            info_request=info_request,
            identity=actions.Identity.from_profile(world.requester),
        )
        actions.extend(
            actor=world.utama, info_request=info_request, days=3, reason="Data tersebar."
        )
        actions.post_message(actor=world.utama, info_request=info_request, text="Periode mana?")
        actions.post_message(actor=world.requester, info_request=info_request, text="Tahun 2024.")
        actions.save_notice(
            actor=world.utama,
            info_request=info_request,
            outcome="granted",
            form="hardcopy",
            delivery="pickup",
        )
        actions.send_notice(actor=world.utama, info_request=info_request)
    assert len(mail.outbox) >= 8
    for message in mail.outbox:
        text = message.subject + message.body
        assert "6271014101900001" not in text
        assert "Tjilik Riwut" not in text
        assert "081234567890" not in text


def test_it_refuses_a_body_without_a_ppid(world):
    orphan = Body.objects.create(
        name="Lembaga Tanpa PPID", code="TANPA", slug="tanpa", kind=BodyKind.OTHER
    )
    with pytest.raises(actions.ActionError) as error:
        submit_request(world, body=orphan)
    assert "belum memiliki PPID" in error.value.messages[0]
    assert not InfoRequest.objects.exists()


def test_it_refuses_a_missing_subject_and_keeps_nothing(world):
    with pytest.raises(actions.ActionError):
        submit_request(world, subject="  ", attachments=[pdf_upload()])
    assert not InfoRequest.objects.exists()


def test_it_refuses_an_anonymous_submission(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        submit_request(world, user=AnonymousUser())


def test_a_replayed_submission_returns_the_first_request(world):
    first = submit_request(world, idempotency_key="form-token-1")
    again = submit_request(world, idempotency_key="form-token-1", subject="diketik ulang")
    assert again.pk == first.pk
    assert InfoRequest.objects.count() == 1
    assert first.events.count() == 1


def test_someone_elses_idempotency_key_is_refused(world):
    submit_request(world, idempotency_key="form-token-1")
    with pytest.raises(actions.ActionError):
        submit_request(world, user=world.other_requester, idempotency_key="form-token-1")


@pytest.mark.django_db(transaction=True)
def test_concurrent_replays_make_one_request(world):
    start = threading.Barrier(4)
    results: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            results.append(submit_request(world, idempotency_key="double-click").pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert InfoRequest.objects.count() == 1
    assert InfoRequest.objects.get().number_seq == 1


def test_an_officer_registers_a_walk_in_request_with_the_real_receipt_time(world):
    received = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)
    info_request = register_request(world, received_at=received)
    assert info_request.received_at == received
    assert info_request.channel == Channel.WALK_IN
    assert info_request.registered_by == world.operator
    assert info_request.requester is None
    assert info_request.number == "0001/PPID-KALTENG/III/2025"
    assert info_request.events.get().kind == EventKind.REGISTERED


def test_an_officer_of_another_body_cannot_register_for_it(world):
    with pytest.raises(PermissionDenied):
        register_request(world, received_at=dt.datetime.now(WIB), actor=world.regency_officer)
    with pytest.raises(PermissionDenied):
        register_request(world, received_at=dt.datetime.now(WIB), actor=world.requester)
    assert not InfoRequest.objects.exists()


def test_a_pelaksana_registers_for_his_own_unit(world):
    info_request = register_request(
        world, received_at=dt.datetime.now(WIB), body=world.agency_a, actor=world.pelaksana_a
    )
    assert info_request.ppid_body == world.province


def test_registration_refuses_an_invalid_nik_without_echoing_it(world):
    identity = actions.Identity(requester_type="individual", name="Rahmat", nik="1234567890123456")
    with pytest.raises(actions.ActionError) as error:
        register_request(world, received_at=dt.datetime.now(WIB), identity=identity)
    assert "NIK tidak valid" in error.value.messages[0]
    assert "1234567890123456" not in error.value.messages[0]


def test_registration_refuses_a_receipt_time_in_the_future(world):
    with pytest.raises(actions.ActionError):
        register_request(world, received_at=dt.datetime.now(WIB) + dt.timedelta(days=1))
