"""manage.py apply_retention: closed cases past the retention period lose their personal
data; registers and statistics keep their counts (UU 27/2022 Pasal 16(2))."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase

from terbuka.audit.models import AuditRecord
from terbuka.privacy import actions
from terbuka.privacy.models import ANONYMISED_NAME, Anonymisation, RetentionPolicy
from terbuka.requests import actions as request_actions
from terbuka.requests.models import EventKind, FileKind, InfoRequest, RequestFile, Status
from terbuka.testing import NIK_SATU, grant_request, submit_with_documents

pytestmark = pytest.mark.django_db

ANSWERED_ON = dt.datetime(2025, 3, 3, 10, 0, tzinfo=dt.UTC)
ADDRESS = "Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya"
PHONE = "081234567890"


def run(at: dt.datetime, *options: str) -> str:
    out = io.StringIO()
    # Stored files are deleted after commit: run the callbacks the test transaction holds.
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("apply_retention", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def answered(world):
    with time_machine.travel(ANSWERED_ON - dt.timedelta(days=2), tick=False):
        info_request = submit_with_documents(world)
        request_actions.post_message(
            actor=world.requester, info_request=info_request, text=f"HP saya {PHONE}"
        )
        request_actions.post_message(
            actor=world.utama, info_request=info_request, text="Baik, sedang kami proses."
        )
    with time_machine.travel(ANSWERED_ON, tick=False):
        return grant_request(world.utama, info_request)


def test_it_keeps_personal_data_until_the_default_sixty_months_have_passed(answered):
    run(ANSWERED_ON + dt.timedelta(days=59 * 30))
    answered.refresh_from_db()
    assert answered.requester_nik == NIK_SATU
    assert not Anonymisation.objects.exists()
    run(dt.datetime(2030, 3, 3, 10, 0, 1, tzinfo=dt.UTC))
    answered.refresh_from_db()
    assert answered.requester_name == ANONYMISED_NAME


def test_it_clears_the_personal_data_and_keeps_the_register(world, answered):
    identity = answered.files.get(kind=FileKind.IDENTITY)
    stored = identity.file.name
    assert default_storage.exists(stored)
    events_before = answered.events.count()
    files_before = {item.kind for item in answered.files.all()}
    requests_before = InfoRequest.objects.count()

    output = run(ANSWERED_ON + dt.timedelta(days=5 * 366))

    answered.refresh_from_db()
    # Cleared.
    assert answered.requester_name == ANONYMISED_NAME
    assert (answered.requester_nik, answered.requester_address) == ("", "")
    assert (answered.requester_phone, answered.requester_email) == ("", "")
    assert answered.requester is None
    assert not RequestFile.objects.filter(pk=identity.pk).exists()
    assert not default_storage.exists(stored)
    from_requester = answered.events.get(kind=EventKind.MESSAGE_FROM_REQUESTER)
    assert from_requester.note == "" and from_requester.actor is None
    # Kept: the row, its number, dates, outcome, events, and the other files.
    assert InfoRequest.objects.count() == requests_before
    assert answered.number and answered.status == Status.ANSWERED
    assert answered.answered_at == ANSWERED_ON
    assert answered.notice.outcome == "granted"
    assert answered.events.count() == events_before
    assert answered.events.get(kind=EventKind.MESSAGE_TO_REQUESTER).note == (
        "Baik, sedang kami proses."
    )
    assert {item.kind for item in answered.files.all()} == files_before - {FileKind.IDENTITY}
    assert Anonymisation.objects.get().reason == Anonymisation.Reason.RETENTION
    assert answered.number in output
    for secret in (NIK_SATU, "Siti Rahmawati", PHONE, ADDRESS):
        assert secret not in output


def test_it_is_idempotent(answered):
    later = ANSWERED_ON + dt.timedelta(days=5 * 366)
    run(later)
    second = run(later + dt.timedelta(days=1))
    assert "0 request(s) anonymised" in second
    assert Anonymisation.objects.count() == 1
    assert AuditRecord.objects.filter(action="privacy.anonymised").count() == 1


def test_its_audit_record_carries_no_personal_data(world, answered):
    run(ANSWERED_ON + dt.timedelta(days=5 * 366))
    entry = AuditRecord.objects.get(action="privacy.anonymised")
    text = json.dumps(
        {"summary": entry.summary, "detail": entry.detail, "actor": entry.actor_label}
    )
    for secret in (NIK_SATU, "Siti Rahmawati", PHONE, ADDRESS, world.requester.email):
        assert secret not in text
    assert entry.detail["identity_files_deleted"] == 1
    assert entry.detail["notes_cleared"] == 1


def test_it_follows_the_bodys_own_retention_period(world, answered):
    RetentionPolicy.objects.create(body=world.province, months=12)
    run(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC))
    assert not Anonymisation.objects.exists()
    run(dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC))
    assert Anonymisation.objects.filter(info_request=answered).exists()


def test_it_counts_withdrawn_cases_from_their_withdrawal_and_never_touches_open_ones(world):
    with time_machine.travel(ANSWERED_ON, tick=False):
        withdrawn = submit_with_documents(world)
        request_actions.withdraw(
            actor=world.requester, info_request=withdrawn, reason=f"Telepon saya {PHONE}"
        )
        still_open = submit_with_documents(world)
    run(ANSWERED_ON + dt.timedelta(days=10 * 366))
    withdrawn.refresh_from_db()
    still_open.refresh_from_db()
    assert withdrawn.requester_name == ANONYMISED_NAME
    assert withdrawn.events.get(kind=EventKind.WITHDRAWN).note == ""
    assert still_open.requester_nik == NIK_SATU
    assert still_open.files.filter(kind=FileKind.IDENTITY).exists()


def test_a_dry_run_changes_nothing(answered):
    output = run(ANSWERED_ON + dt.timedelta(days=5 * 366), "--dry-run")
    assert f"would anonymise {answered.number}" in output
    answered.refresh_from_db()
    assert answered.requester_nik == NIK_SATU
    assert not Anonymisation.objects.exists()


def test_an_open_case_cannot_be_anonymised_by_hand(world):
    info_request = submit_with_documents(world)
    with pytest.raises(actions.PrivacyError):
        actions.anonymise(actor=None, info_request=info_request, reason="retention")


def test_months_are_calendar_months():
    moment = dt.datetime(2025, 3, 31, 12, 0, tzinfo=dt.UTC)
    assert actions.months_before(moment, 1) == dt.datetime(2025, 2, 28, 12, 0, tzinfo=dt.UTC)
    assert actions.months_before(moment, 60) == dt.datetime(2020, 3, 31, 12, 0, tzinfo=dt.UTC)
