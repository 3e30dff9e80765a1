"""manage.py breach_reminders: the 3×24-hour notification deadline (UU 27/2022 Pasal 46)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from terbuka.privacy import actions
from terbuka.privacy.models import BreachReminder

pytestmark = pytest.mark.django_db

DISCOVERED = dt.datetime(2025, 10, 6, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB on a Monday


def remind(at: dt.datetime) -> list[str]:
    mail.outbox.clear()
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("breach_reminders", stdout=io.StringIO())
    return [message.subject for message in mail.outbox]


@pytest.fixture
def breach(world, dpo):
    with time_machine.travel(DISCOVERED + dt.timedelta(hours=1), tick=False):
        return actions.record_breach(
            actor=dpo,
            body=world.province,
            discovered_at=DISCOVERED,
            description="Laptop operator berisi ekspor permohonan hilang",
            data_categories="Nama, NIK, alamat",
            people_affected_count=40,
        )


def test_the_deadline_is_three_times_twenty_four_hours_after_discovery(breach):
    assert breach.notify_deadline == DISCOVERED + dt.timedelta(hours=72)


def test_it_is_silent_until_the_last_twenty_four_hours(breach):
    assert remind(DISCOVERED + dt.timedelta(hours=47, minutes=59)) == []


def test_it_reminds_once_a_day_when_due_and_every_day_when_overdue(breach, dpo):
    due_soon = remind(DISCOVERED + dt.timedelta(hours=49))
    assert len(due_soon) == 1 and "kurang dari 24 jam" in due_soon[0]
    assert mail.outbox[0].to == [dpo.email]
    # Again the same day: nothing (idempotent per day).
    assert remind(DISCOVERED + dt.timedelta(hours=50)) == []
    overdue = remind(DISCOVERED + dt.timedelta(hours=73))
    assert len(overdue) == 1 and "terlewati" in overdue[0]
    assert remind(DISCOVERED + dt.timedelta(hours=74)) == []
    assert len(remind(DISCOVERED + dt.timedelta(hours=97))) == 1
    assert BreachReminder.objects.count() == 3


def test_it_stops_once_both_notices_are_recorded(breach, dpo):
    with time_machine.travel(DISCOVERED + dt.timedelta(hours=60), tick=False):
        actions.update_breach(
            actor=dpo, breach=breach, subjects_notified_at=DISCOVERED + dt.timedelta(hours=59)
        )
    overdue = remind(DISCOVERED + dt.timedelta(hours=80))
    assert len(overdue) == 1
    assert "kepada: lembaga pelindungan data pribadi." in mail.outbox[0].body
    with time_machine.travel(DISCOVERED + dt.timedelta(hours=90), tick=False):
        actions.update_breach(
            actor=dpo, breach=breach, authority_notified_at=DISCOVERED + dt.timedelta(hours=85)
        )
    assert remind(DISCOVERED + dt.timedelta(hours=110)) == []


def test_only_the_bodys_dpo_records_a_breach(world, regency_dpo):
    with pytest.raises(actions.PermissionDenied):
        actions.record_breach(
            actor=regency_dpo,
            body=world.province,
            discovered_at=DISCOVERED,
            description="x",
            data_categories="x",
            people_affected_count=1,
        )
    with pytest.raises(actions.PermissionDenied):
        actions.record_breach(
            actor=world.utama,
            body=world.province,
            discovered_at=DISCOVERED,
            description="x",
            data_categories="x",
            people_affected_count=1,
        )
