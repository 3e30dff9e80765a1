"""The DPO's desk: data-subject requests, the erasure under the legal exceptions, and who
may open them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from terbuka.accounts.models import User
from terbuka.audit.models import AuditRecord
from terbuka.privacy import actions
from terbuka.privacy.models import (
    ANONYMISED_NAME,
    Anonymisation,
    DataSubjectRequest,
    SubjectRequestKind,
    SubjectRequestStatus,
)
from terbuka.requests.models import FileKind
from terbuka.testing import NIK_SATU, grant_request, submit_with_documents

pytestmark = pytest.mark.django_db


def ask(world, kind=SubjectRequestKind.ERASURE, close_account=False) -> DataSubjectRequest:
    (subject_request,) = actions.submit_subject_request(
        actor=world.requester, kind=kind, close_account=close_account
    )
    return subject_request


def test_erasure_anonymises_closed_cases_now_and_open_cases_when_they_close(
    client, world, dpo, django_capture_on_commit_callbacks
):
    closed = grant_request(world.utama, submit_with_documents(world))
    still_open = submit_with_documents(world)
    subject_request = ask(world)
    client.force_login(dpo)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:dpo_erase", kwargs={"public_id": subject_request.public_id}),
            {"note": ""},
        )
    assert response.status_code == 302
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert closed.requester_name == ANONYMISED_NAME
    assert not closed.files.filter(kind=FileKind.IDENTITY).exists()
    # The open case keeps the identity the law requires to grant_request it (UU 14/2008 Pasal 22).
    assert still_open.requester_nik == NIK_SATU
    assert still_open.files.filter(kind=FileKind.IDENTITY).exists()
    profile = world.requester.requester_profile
    profile.refresh_from_db()
    assert (profile.nik, profile.nik_hash, profile.address, profile.phone) == ("", "", "", "")
    world.requester.refresh_from_db()
    assert world.requester.is_active, "the account stays unless the requester asked to close it"
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequestStatus.DONE
    assert subject_request.handled_by == dpo and subject_request.erased_at
    assert "masih berjalan" in subject_request.decision_note
    outcome = [message for message in mail.outbox if world.requester.email in message.to]
    assert len(outcome) == 1 and NIK_SATU not in outcome[0].body

    # Once the open case closes, the next retention run anonymises it at once.
    grant_request(world.utama, still_open)
    done = actions.apply_retention()
    assert [item.info_request.pk for item in done] == [still_open.pk]
    assert Anonymisation.objects.get(info_request=still_open).reason == "erasure"


def test_erasure_closes_the_account_only_when_asked(world, dpo):
    subject_request = ask(world, close_account=True)
    result = actions.erase(actor=dpo, subject_request=subject_request)
    assert result.account_closed
    assert not User.objects.get(pk=world.requester.pk).is_active


def test_erasure_leaves_cases_at_other_bodies_to_their_own_dpo(world, dpo, regency_dpo):
    here = grant_request(world.utama, submit_with_documents(world))
    there = grant_request(
        world.regency_officer, submit_with_documents(world, body=world.regency_agency)
    )
    subject_requests = actions.submit_subject_request(
        actor=world.requester, kind=SubjectRequestKind.ERASURE
    )
    ours = next(item for item in subject_requests if item.body == world.province)
    actions.erase(actor=dpo, subject_request=ours)
    here.refresh_from_db()
    there.refresh_from_db()
    assert here.requester_name == ANONYMISED_NAME
    assert there.requester_nik == NIK_SATU


def test_refusal_needs_reasons_and_tells_the_requester(
    client, world, dpo, django_capture_on_commit_callbacks
):
    subject_request = ask(world, kind=SubjectRequestKind.OBJECTION)
    client.force_login(dpo)
    url = reverse("privacy:dpo_refuse", kwargs={"public_id": subject_request.public_id})
    assert client.post(url, {"reasons": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reasons": "Pemrosesan diwajibkan UU 14/2008."})
    assert response.status_code == 302
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequestStatus.REFUSED
    assert "UU 14/2008" in mail.outbox[-1].body
    # A closed request cannot be decided again.
    assert client.post(url, {"reasons": "lagi"}).status_code == 400


def test_mark_done_and_take_up(client, world, dpo):
    subject_request = ask(world, kind=SubjectRequestKind.ACCESS)
    client.force_login(dpo)
    kwargs = {"public_id": subject_request.public_id}
    client.post(reverse("privacy:dpo_take_up", kwargs=kwargs))
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequestStatus.IN_PROGRESS
    client.post(reverse("privacy:dpo_done", kwargs=kwargs), {"note": "Salinan dikirim."})
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequestStatus.DONE
    assert AuditRecord.objects.filter(action="privacy.subject_request.done").exists()


def test_erase_is_only_for_erasure_requests(world, dpo):
    subject_request = ask(world, kind=SubjectRequestKind.ACCESS)
    with pytest.raises(actions.PrivacyError):
        actions.erase(actor=dpo, subject_request=subject_request)


def test_the_inbox_shows_the_clock_and_highlights_overdue_requests(client, world, dpo):
    received = dt.datetime(2025, 10, 6, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(received, tick=False):
        ask(world)
    client.force_login(dpo)
    with time_machine.travel(received + dt.timedelta(hours=71), tick=False):
        page = client.get(reverse("privacy:dpo_inbox")).content.decode()
    assert "badge-warn" in page and "badge-danger" not in page
    with time_machine.travel(received + dt.timedelta(hours=72, minutes=1), tick=False):
        client.logout()  # an hour idle logs officers out (bodies middleware)
        client.force_login(dpo)
        page = client.get(reverse("privacy:dpo_inbox")).content.decode()
    assert "badge-danger" in page and "terlambat" in page


def test_opening_a_request_records_a_personal_data_view(client, world, dpo):
    subject_request = ask(world)
    client.force_login(dpo)
    client.get(reverse("privacy:dpo_request", kwargs={"public_id": subject_request.public_id}))
    entry = AuditRecord.objects.get(action="personal_data.viewed")
    assert entry.actor == dpo and entry.object_id == str(world.requester.pk)
    assert entry.detail == {"what": "data_subject_request"}


# Who may open the DPO pages: (persona, inbox, request detail, a POST decision).
PERSONAS = [
    ("anonymous", 302, 302, 302),
    ("dpo", 200, 200, 302),
    ("regency_dpo", 200, 404, 404),
    ("utama", 403, 404, 404),
    ("operator", 403, 404, 404),
    ("requester", 403, 404, 404),
    ("other_requester", 403, 404, 404),
    ("admin", 403, 404, 404),
]


@pytest.mark.parametrize(("persona", "inbox", "detail", "decide"), PERSONAS)
def test_only_the_routed_bodys_dpo_may_open_and_decide(
    client, world, dpo, regency_dpo, persona, inbox, detail, decide
):
    submit_with_documents(world)
    subject_request = ask(world, kind=SubjectRequestKind.ACCESS)
    users = {"dpo": dpo, "regency_dpo": regency_dpo}
    if persona != "anonymous":
        client.force_login(users.get(persona) or getattr(world, persona))
    kwargs = {"public_id": subject_request.public_id}
    assert client.get(reverse("privacy:dpo_inbox")).status_code == inbox
    assert client.get(reverse("privacy:dpo_request", kwargs=kwargs)).status_code == detail
    response = client.post(reverse("privacy:dpo_done", kwargs=kwargs), {"note": "Selesai."})
    assert response.status_code == decide
    subject_request.refresh_from_db()
    expected = SubjectRequestStatus.DONE if persona == "dpo" else SubjectRequestStatus.RECEIVED
    assert subject_request.status == expected


def test_another_dpos_inbox_does_not_list_it(client, world, dpo, regency_dpo):
    subject_request = ask(world)
    client.force_login(regency_dpo)
    page = client.get(reverse("privacy:dpo_inbox")).content.decode()
    assert str(subject_request.public_id) not in page


def test_the_action_refuses_a_stranger_too(world, regency_dpo):
    subject_request = ask(world)
    with pytest.raises(actions.PermissionDenied):
        actions.erase(actor=regency_dpo, subject_request=subject_request)
    subject_request.refresh_from_db()
    assert subject_request.status == SubjectRequestStatus.RECEIVED


def test_the_request_page_shows_no_nik_address_or_phone(client, world, dpo):
    submit_with_documents(world)
    subject_request = ask(world)
    client.force_login(dpo)
    page = client.get(
        reverse("privacy:dpo_request", kwargs={"public_id": subject_request.public_id})
    ).content.decode()
    for secret in (NIK_SATU, "Jl. Tjilik Riwut", "081234567890"):
        assert secret not in page
