import datetime as dt
import io
import zoneinfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from terbuka.requests import actions
from terbuka.requests.models import EventKind, ServiceSettings
from terbuka.testing import register_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


def run() -> str:
    out = io.StringIO()
    # The reminders are mailed once each one's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def received(world, **extra):
    # Received Thu 27 March 2025: due Tue 22 April 2025 (DOMAIN.md worked example).
    with time_machine.travel(at(2025, 3, 27, 10, 0), tick=False):
        return register_request(world, received_at=at(2025, 3, 27, 10, 0), **extra)


def reminders(info_request):
    return list(
        info_request.events.filter(kind=EventKind.REMINDER_SENT).values_list("data", flat=True)
    )


def test_it_reminds_the_body_when_due_within_2_working_days_once_a_day(world):
    info_request = received(world)
    with time_machine.travel(at(2025, 4, 16, 7, 0), tick=False):  # 3 working days ahead
        run()
    assert mail.outbox == []
    with time_machine.travel(at(2025, 4, 17, 7, 0), tick=False):  # Thu: 21, 22 Apr left
        assert "1 segera jatuh tempo" in run()
        assert "0 segera jatuh tempo" in run()  # the second run the same day sends nothing
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"utama@example.test", "operator@example.test"}
    assert info_request.number in mail.outbox[0].subject
    assert reminders(info_request) == [{"type": "due_soon", "date": "2025-04-17"}]
    event = info_request.events.get(kind=EventKind.REMINDER_SENT)
    assert event.is_internal


def test_it_reminds_the_assigned_officer_only(world):
    info_request = received(world, body=world.agency_a)
    actions.assign(actor=world.utama, info_request=info_request, officer=world.pelaksana_a)
    with time_machine.travel(at(2025, 4, 22, 7, 0), tick=False):
        run()
    assert mail.outbox[0].to == ["pelaksana.a@example.test"]


def test_it_escalates_overdue_requests_to_the_utama_and_the_atasan(world):
    info_request = received(world)
    actions.assign(actor=world.utama, info_request=info_request, officer=world.operator)
    with time_machine.travel(at(2025, 4, 23, 7, 0), tick=False):
        assert "1 terlambat" in run()
        run()
    with time_machine.travel(at(2025, 4, 24, 7, 0), tick=False):
        run()
    # The requester's own notice of the missed due date is test_missed_due_date's.
    officers = [item for item in mail.outbox if item.to != ["rahmat@example.test"]]
    assert len(officers) == 4  # once a day: the handlers' copy and the Atasan's
    handlers, atasan = officers[0], officers[1]
    assert set(handlers.to) == {"operator@example.test", "utama@example.test"}
    assert atasan.to == ["atasan@example.test"]
    assert "melewati batas waktu" in handlers.body
    assert "melewati batas waktu" in atasan.body
    # The Atasan gets no link to the officers' pages, which he cannot open (403).
    assert "/permohonan/petugas/" in handlers.body
    assert "/permohonan/petugas/" not in atasan.body
    assert "PPID Utama" in atasan.body
    assert [item["date"] for item in reminders(info_request)] == ["2025-04-23", "2025-04-24"]


def test_answered_withdrawn_and_other_bodies_requests_are_left_alone(world):
    withdrawn = received(world)
    actions.withdraw(actor=world.operator, info_request=withdrawn)
    with time_machine.travel(at(2025, 4, 23, 7, 0), tick=False):
        run()
    assert mail.outbox == []


def test_no_reminder_while_waiting_for_the_identity_under_the_restart_rule(world):
    ServiceSettings.objects.create(body=world.province, identity_restarts_clock=True)
    info_request = received(world)
    with time_machine.travel(at(2025, 3, 28, 9, 0), tick=False):
        actions.mark_identity_incomplete(
            actor=world.utama, info_request=info_request, message="KTP"
        )
    with time_machine.travel(at(2025, 4, 23, 7, 0), tick=False):
        run()
    assert mail.outbox == []


def test_reminders_carry_no_personal_data(world):
    received(world)
    with time_machine.travel(at(2025, 4, 23, 7, 0), tick=False):
        run()
    body = mail.outbox[0].body
    assert "6271010505850002" not in body and "Yos Sudarso" not in body and "0812000111" not in body


def test_a_refused_reminder_is_logged_and_counted_as_sent(world, mail_server_down, caplog):
    # One policy for every e-mail (terbuka.mail): the reminder's record stays; the failure
    # is logged without the officers' addresses.
    info_request = received(world)
    with time_machine.travel(at(2025, 4, 17, 7, 0), tick=False):
        assert "1 segera jatuh tempo" in run()
        assert "0 segera jatuh tempo" in run()
    assert mail.outbox == []
    assert reminders(info_request) == [{"type": "due_soon", "date": "2025-04-17"}]
    assert (
        f"requests.reminder_due_soon (request {info_request.pk}) to 2 recipient(s)" in caplog.text
    )
    assert "example.test" not in caplog.text
