"""An objection without a request (ground b: berkala information not provided, UU 14/2008
Pasal 35(1)b) keeps the objector's identity only for its PPID body's retention period,
counted from the day its file closed (UU 27/2022 Pasal 16(2) huruf h)."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import TestCase

from terbuka.audit.models import AuditRecord
from terbuka.privacy import actions
from terbuka.privacy.models import ANONYMISED_NAME, ObjectionAnonymisation, SubjectRequestKind
from terbuka.remedies import actions as remedies_actions
from terbuka.remedies.actions import BerkalaSubject, ObjectionContent
from terbuka.remedies.models import Ground, Objection
from terbuka.testing import NIK_SATU, World

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FILED = dt.datetime(2025, 10, 1, 10, 0, tzinfo=WIB)
WITHDRAWN = dt.datetime(2025, 10, 6, 10, 0, tzinfo=WIB)


def run(at: dt.datetime) -> str:
    out = io.StringIO()
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("apply_retention", stdout=out)
    return out.getvalue()


def file(world: World) -> Objection:
    subject = BerkalaSubject(
        body=world.agency_a, information="Laporan realisasi anggaran semester I 2025"
    )
    content = ObjectionContent(
        grounds=[Ground.BERKALA_NOT_PROVIDED],
        case_description="Laporan semester I 2025 belum diumumkan.",
    )
    with time_machine.travel(FILED, tick=False):
        return remedies_actions.file_berkala_objection(
            actor=world.requester, subject=subject, content=content
        )


@pytest.fixture
def withdrawn(world: World) -> Objection:
    objection = file(world)
    with time_machine.travel(WITHDRAWN, tick=False):
        return remedies_actions.withdraw_objection(actor=world.requester, objection=objection)


def test_a_closed_objection_without_a_request_loses_the_identity_after_retention(
    world: World, withdrawn: Objection
) -> None:
    assert withdrawn.requester_nik == NIK_SATU
    run(WITHDRAWN + dt.timedelta(days=59 * 30))
    withdrawn.refresh_from_db()
    assert withdrawn.requester_nik == NIK_SATU, "kept within the 60 months"

    output = run(dt.datetime(2030, 10, 6, 10, 0, 1, tzinfo=WIB))

    withdrawn.refresh_from_db()
    assert withdrawn.requester_name == ANONYMISED_NAME
    assert (withdrawn.requester_nik, withdrawn.requester_address) == ("", "")
    assert (withdrawn.requester_phone, withdrawn.requester_email) == ("", "")
    assert withdrawn.requester is None
    assert not withdrawn.events.filter(actor=world.requester).exists()
    # The register keeps the objection, its number and its case.
    assert withdrawn.number and withdrawn.case_description
    assert f"anonymised objection {withdrawn.number}" in output
    assert NIK_SATU not in output and world.requester.get_full_name() not in output
    record = AuditRecord.objects.get(action="privacy.objection_anonymised")
    assert NIK_SATU not in str(record.detail)
    # Idempotent.
    again = run(dt.datetime(2030, 10, 7, 10, 0, tzinfo=WIB))
    assert "0 objection(s) without a request anonymised" in again
    assert ObjectionAnonymisation.objects.count() == 1


def test_an_objection_still_before_the_atasan_keeps_the_identity(world: World) -> None:
    pending = file(world)
    run(dt.datetime(2031, 1, 6, 10, 0, tzinfo=WIB))
    pending.refresh_from_db()
    assert pending.requester_nik == NIK_SATU
    with pytest.raises(actions.PrivacyError):
        actions.anonymise_objection(actor=None, objection=pending, reason="retention")


def test_an_erasure_clears_the_closed_objections_without_a_request_now(
    world: World, withdrawn: Objection, dpo
) -> None:
    subject_requests = actions.submit_subject_request(
        actor=world.requester, kind=SubjectRequestKind.ERASURE
    )
    ours = next(item for item in subject_requests if item.body == withdrawn.ppid_body)
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.erase(actor=dpo, subject_request=ours)
    withdrawn.refresh_from_db()
    assert withdrawn.requester_name == ANONYMISED_NAME
    assert withdrawn.requester_nik == ""
