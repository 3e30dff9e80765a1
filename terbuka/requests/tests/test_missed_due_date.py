"""The requester is told, the next working day, that the notice did not come by the due
date: a ground for an objection (UU 14/2008 Pasal 35(1)c) within 30 working days."""

import datetime as dt
import io
import zoneinfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from terbuka import law
from terbuka.requests import actions
from terbuka.requests.models import EventKind
from terbuka.testing import NIK_DUA, grant_request, register_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
REQUESTER = "rahmat@example.test"


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


def run(when: dt.datetime) -> str:
    out = io.StringIO()
    with time_machine.travel(when, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def received_friday_due(world, **extra):
    # Received Fri 3 October 2025 (no holidays in the month): due Fri 17 October 2025.
    with time_machine.travel(at(2025, 10, 3, 10, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 10, 3, 10, 0), **extra)
    assert info_request.due_date == dt.date(2025, 10, 17)
    return info_request


def to_requester():
    return [item for item in mail.outbox if REQUESTER in item.to]


def missed(info_request):
    return list(info_request.events.filter(kind=EventKind.DUE_DATE_MISSED))


def test_it_tells_the_requester_the_next_working_day_not_on_the_weekend(world):
    info_request = received_friday_due(world)
    run(at(2025, 10, 17, 18, 0))  # the due date itself: nothing missed yet
    run(at(2025, 10, 18, 7, 0))  # Saturday: no working day has passed since the due date
    run(at(2025, 10, 19, 7, 0))  # Sunday
    assert to_requester() == []
    assert missed(info_request) == []
    assert "1 pemohon diberi tahu" in run(at(2025, 10, 20, 7, 0))  # Monday
    [message] = to_requester()
    assert info_request.number in message.subject
    assert "17 Oktober 2025" in message.body
    assert f"{law.OBJECTION_FILING_WORKING_DAYS} hari kerja" in message.body
    assert "Atasan PPID" in message.body
    assert "Pasal 35 ayat 1 huruf c" in message.body
    assert f"/permohonan/{info_request.public_id}/" in message.body
    assert f"/keberatan/ajukan/{info_request.public_id}/" in message.body  # the form
    [event] = missed(info_request)
    assert not event.is_internal  # on the requester's timeline
    assert event.get_kind_display() == "Batas waktu terlewati"
    assert event.data == {"due_date": "2025-10-17"}


def test_it_tells_the_requester_exactly_once(world):
    info_request = received_friday_due(world)
    run(at(2025, 10, 20, 7, 0))
    run(at(2025, 10, 20, 12, 0))
    run(at(2025, 10, 21, 7, 0))
    run(at(2025, 10, 27, 7, 0))
    assert len(to_requester()) == 1
    assert len(missed(info_request)) == 1


def test_it_records_the_event_for_a_requester_without_an_e_mail_address(world):
    identity = actions.Identity(
        requester_type="individual",
        name="Rahmat Hidayat",
        nik=NIK_DUA,
        address="Jl. Yos Sudarso No. 3, Palangka Raya",
        phone="0812000111",
        email="",
    )
    info_request = received_friday_due(world, identity=identity)
    run(at(2025, 10, 20, 7, 0))
    assert to_requester() == []
    assert len(missed(info_request)) == 1


def test_it_leaves_answered_and_withdrawn_requests_alone(world):
    answered = received_friday_due(world)
    withdrawn = received_friday_due(world)
    with time_machine.travel(at(2025, 10, 16, 9, 0), tick=False):
        grant_request(world.utama, answered)
        actions.withdraw(actor=world.operator, info_request=withdrawn)
    run(at(2025, 10, 20, 7, 0))
    assert [item for item in to_requester() if "tidak Anda terima" in item.body] == []
    assert missed(answered) == missed(withdrawn) == []
