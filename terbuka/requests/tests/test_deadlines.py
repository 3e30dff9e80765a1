import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from terbuka import law
from terbuka.requests import actions, deadlines
from terbuka.requests.models import EventKind, InfoRequest, ServiceSettings, Status
from terbuka.testing import register_request, submit_request
from terbuka.workdays.hooks import calendar_changed
from terbuka.workdays.models import CalendarDay, DayKind

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WORKED_EXAMPLE = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)  # Thursday


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_it_counts_the_worked_example_of_domain_md(world):
    info_request = register_request(world, received_at=WORKED_EXAMPLE)
    assert info_request.due_date == dt.date(2025, 4, 22)
    text = "\n".join(deadlines.explanation_text(info_request))
    assert "Pasal 22 ayat 7" in text
    assert "Dilewati Jumat, 28 Maret 2025: Cuti Bersama Hari Suci Nyepi" in text
    assert "Dilewati Jumat, 18 April 2025: Wafat Yesus Kristus" in text
    assert "Hari kerja ke-10: Selasa, 22 April 2025" in text


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_it_puts_the_due_date_and_its_explanation_in_the_receipt_email(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_request(world, received_at=WORKED_EXAMPLE)
    receipt = next(m for m in mail.outbox if "rahmat@example.test" in m.to)
    assert "22 April 2025" in receipt.body
    assert "Hari kerja ke-10: Selasa, 22 April 2025" in receipt.body
    assert "Diterima: Kamis, 27 Maret 2025, 10:00 WIB" in receipt.body


@time_machine.travel(at(2025, 6, 3, 17, 0), tick=False)
def test_it_counts_a_receipt_after_service_hours_from_the_next_working_day(world):
    # Tuesday 3 June 2025, 16:30, after the 16:00 closing time: counts as Wednesday 4 June.
    late = register_request(world, received_at=at(2025, 6, 3, 16, 30))
    early = register_request(world, received_at=at(2025, 6, 3, 15, 59))
    # 6 June (Idul Adha) and 9 June (cuti bersama) are skipped.
    assert early.due_date == dt.date(2025, 6, 19)
    assert late.due_date == dt.date(2025, 6, 20)
    assert any("setelah jam layanan" in line for line in deadlines.explanation_text(late))


@time_machine.travel(at(2025, 6, 3, 17, 0), tick=False)
def test_it_counts_in_the_handling_ppid_bodys_calendar(world):
    # A regency's holiday moves the deadlines its PPID handles, not the province's, even
    # for a request addressed to one of the province's Pelaksana units.
    CalendarDay.objects.create(
        date=dt.date(2025, 6, 5),
        name="Hari jadi kabupaten",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    province = register_request(world, received_at=at(2025, 6, 3, 10, 0), body=world.agency_a)
    regency = register_request(
        world,
        received_at=at(2025, 6, 3, 10, 0),
        body=world.regency_agency,
        actor=world.regency_officer,
    )
    assert province.due_date == dt.date(2025, 6, 19)
    assert regency.due_date == dt.date(2025, 6, 20)
    assert any("Hari jadi kabupaten" in line for line in deadlines.explanation_text(regency))


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_a_calendar_change_recomputes_open_requests_and_records_it(world):
    open_request = register_request(world, received_at=WORKED_EXAMPLE)
    answered = register_request(world, received_at=WORKED_EXAMPLE)
    actions.withdraw(actor=world.operator, info_request=answered)
    day = CalendarDay.objects.create(
        date=dt.date(2025, 4, 10), name="Pemungutan suara", kind=DayKind.ELECTION
    )
    calendar_changed(actor=world.admin, dates=[day.date], body=None)
    open_request.refresh_from_db()
    answered.refresh_from_db()
    assert open_request.due_date == dt.date(2025, 4, 23)
    assert answered.due_date == dt.date(2025, 4, 22)
    event = open_request.events.get(kind=EventKind.DEADLINE_RECOMPUTED)
    assert not event.is_internal  # on the requester's timeline
    assert event.data == {"old_due": "2025-04-22", "new_due": "2025-04-23"}
    assert not answered.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).exists()
    # Nothing moves, nothing is written.
    calendar_changed(actor=world.admin, dates=None, body=None)
    assert open_request.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).count() == 1


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_a_bodys_calendar_change_touches_only_requests_it_governs(world):
    province = register_request(world, received_at=WORKED_EXAMPLE)
    regency = register_request(
        world, received_at=WORKED_EXAMPLE, body=world.regency, actor=world.regency_officer
    )
    CalendarDay.objects.create(
        date=dt.date(2025, 4, 10),
        name="Hari jadi kabupaten",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    calendar_changed(actor=world.admin, dates=[dt.date(2025, 4, 10)], body=world.regency)
    province.refresh_from_db()
    regency.refresh_from_db()
    assert province.due_date == dt.date(2025, 4, 22)
    assert regency.due_date == dt.date(2025, 4, 23)


def test_the_callback_is_registered_with_the_calendar():
    from terbuka.workdays import hooks

    assert deadlines.recompute_open_deadlines in hooks._callbacks


@pytest.mark.parametrize("restarts", [True, False])
def test_identity_incomplete_flow_under_both_clock_rules(
    world, restarts, django_capture_on_commit_callbacks
):
    ServiceSettings.objects.create(body=world.province, identity_restarts_clock=restarts)
    with time_machine.travel(at(2025, 6, 2, 9, 0), tick=False):
        info_request = register_request(world, received_at=at(2025, 6, 2, 9, 0))
        first_due = info_request.due_date
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            info_request = actions.mark_identity_incomplete(
                actor=world.operator, info_request=info_request, message="Lampirkan foto KTP."
            )
    assert info_request.status == Status.IDENTITY_INCOMPLETE
    assert "Lampirkan foto KTP." in mail.outbox[0].body
    with time_machine.travel(at(2025, 6, 11, 10, 0), tick=False):
        info_request = actions.complete_identity(
            actor=world.operator,
            info_request=info_request,
            identity=actions.Identity(requester_type="individual", name="Rahmat Hidayat"),
        )
    assert info_request.status == Status.RECEIVED
    if restarts:
        assert info_request.due_date > first_due
        assert any(
            "identitas dilengkapi" in line for line in deadlines.explanation_text(info_request)
        )
    else:
        assert info_request.due_date == first_due
    assert info_request.events.filter(kind=EventKind.IDENTITY_COMPLETED).exists()


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_the_calendar_actions_recompute_through_the_hook(world):
    from terbuka.workdays import actions as calendar_actions

    info_request = register_request(world, received_at=WORKED_EXAMPLE)
    calendar_actions.add_day(
        actor=world.admin, date=dt.date(2025, 4, 10), name="Pemungutan suara", kind=DayKind.ELECTION
    )
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 4, 23)
    # Cuti bersama no longer a day off: 28 Mar and 2–4, 7 Apr count again.
    calendar_actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    info_request.refresh_from_db()
    assert info_request.due_date < dt.date(2025, 4, 22)
    assert info_request.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).count() == 2


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_the_explanation_lists_holidays_not_every_weekend(world):
    info_request = register_request(world, received_at=WORKED_EXAMPLE)
    text = "\n".join(deadlines.explanation_text(info_request))
    assert "29 Maret 2025" not in text  # a Saturday
    assert "Sabtu dan Minggu tidak dihitung." in text
    assert "Dilewati Senin, 31 Maret 2025: Hari Raya Idul Fitri" in text


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_the_explanation_is_stored_as_data_and_read_in_the_readers_language(world):
    # Registered by an officer who reads the site in English: nothing of his language is
    # stored, and each reader gets the explanation in his own.
    with translation.override("en"):
        info_request = register_request(world, received_at=WORKED_EXAMPLE)
    stored = InfoRequest.objects.get(pk=info_request.pk).due_explanation
    assert {"kind": "due", "count": 10, "day": "2025-04-22"} in stored
    assert {"kind": "notice_rule", "count": 10, "name": world.province.name} == stored[0]
    assert "Hari kerja ke-10: Selasa, 22 April 2025" in deadlines.explanation_text(info_request)
    with translation.override("en"):
        english = deadlines.explanation_text(info_request)
    assert "Working day 10: Tuesday, 22 April 2025" in english
    assert "Received: Thursday, 27 March 2025, 10:00 WIB" in english


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_the_rule_uses_the_laws_number_of_working_days(world, monkeypatch):
    # deadlines counts with law.NOTICE_WORKING_DAYS, not a number of its own.
    monkeypatch.setattr(law, "NOTICE_WORKING_DAYS", 11)
    info_request = register_request(world, received_at=WORKED_EXAMPLE)
    assert info_request.due_date == dt.date(2025, 4, 23)
    assert "Hari kerja ke-11: Rabu, 23 April 2025" in deadlines.explanation_text(info_request)


@time_machine.travel(at(2025, 3, 27, 11, 0), tick=False)
def test_an_explanation_stored_as_text_still_shows(client, world):
    # Rows written before the explanation was data hold finished Indonesian strings.
    info_request = submit_request(world, body=world.agency_a)
    old = ["Hari kerja ke-10: 2025-04-22", "Dilewati 2025-04-18: Wafat Yesus Kristus"]
    InfoRequest.objects.filter(pk=info_request.pk).update(due_explanation=old)
    info_request.refresh_from_db()
    assert deadlines.explanation_text(info_request) == old
    client.force_login(world.requester)
    html = client.get(info_request.get_absolute_url()).content.decode()
    assert "<li>Hari kerja ke-10: 2025-04-22</li>" in html
    assert "<li>Dilewati 2025-04-18: Wafat Yesus Kristus</li>" in html
