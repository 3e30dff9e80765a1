"""``manage.py exemption_alerts``: PP 61/2010 Pasal 11, 30 working days before the end
and at the end; each notice once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from terbuka.catalog import actions
from terbuka.testing import make_exemption
from terbuka.workdays import calendar, counting

ZONE = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(7, 0), tzinfo=ZONE)


def run_alerts() -> None:
    # The notices are mailed once each one's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("exemption_alerts")


def warn_day(body: Any, end: dt.date) -> dt.date:
    """The first day from which at most 30 working days remain before ``end``."""
    cal = calendar.for_body(body)
    day = end
    while counting.working_days_between(day, end, cal) < 30:
        day -= dt.timedelta(days=1)
    return day


def test_it_warns_thirty_working_days_before_the_end_once(world: Any) -> None:
    end = dt.date(2026, 3, 2)
    exemption = make_exemption(world.pelaksana_a, world.agency_a, period_end=end)
    first = warn_day(world.agency_a, end)
    # Holidays and weekends make 30 working days longer than 30 calendar days.
    assert (end - first).days > 40
    with time_machine.travel(at(first - dt.timedelta(days=1)), tick=False):
        run_alerts()
    assert mail.outbox == []
    with time_machine.travel(at(first), tick=False):
        run_alerts()
        run_alerts()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "30 hari kerja" in message.subject
    assert "pelaksana.a@example.test" in message.to
    assert "utama@example.test" in message.to
    assert "pelaksana.b@example.test" not in message.to
    assert exemption.title in message.body
    assert "PP 61/2010 Pasal 11" in message.body
    exemption.refresh_from_db()
    assert exemption.warned_at is not None


def test_it_asks_for_the_decision_when_the_period_ends_once(world: Any) -> None:
    end = dt.date(2026, 3, 2)
    exemption = make_exemption(world.pelaksana_a, world.agency_a, period_end=end)
    with time_machine.travel(at(warn_day(world.agency_a, end)), tick=False):
        run_alerts()
    with time_machine.travel(at(end), tick=False):
        run_alerts()
    with time_machine.travel(at(end + dt.timedelta(days=3)), tick=False):
        run_alerts()
    assert len(mail.outbox) == 2
    assert "berakhir" in mail.outbox[1].subject
    assert "putuskan" in mail.outbox[1].subject
    exemption.refresh_from_db()
    assert exemption.ended_notice_at is not None


def test_a_new_period_starts_the_reminders_afresh(world: Any) -> None:
    end = dt.date(2026, 3, 2)
    exemption = make_exemption(world.pelaksana_a, world.agency_a, period_end=end)
    with time_machine.travel(at(end), tick=False):
        run_alerts()
    actions.update_exemption(
        actor=world.pelaksana_a, exemption=exemption, period_end=dt.date(2028, 3, 1)
    )
    exemption.refresh_from_db()
    assert exemption.ended_notice_at is None
    assert exemption.warned_at is None


def test_it_leaves_requesters_out_of_the_mail(world: Any) -> None:
    end = dt.date(2026, 3, 2)
    make_exemption(world.pelaksana_a, world.agency_a, period_end=end)
    with time_machine.travel(at(end), tick=False):
        run_alerts()
    recipients = {address for message in mail.outbox for address in message.to}
    assert world.requester.email not in recipients
    assert "Siti Rahmawati" not in mail.outbox[0].body


def test_it_judges_the_end_by_the_body_s_own_date(world: Any) -> None:
    # 22:30 WIB on 1 March is already 2 March, the last day, in a WIT body (Papua): its
    # exemption has ended there, while a WIB body's ending the same day has not.
    world.agency_b.timezone = "Asia/Jayapura"
    world.agency_b.save(update_fields=["timezone"])
    end = dt.date(2026, 3, 2)
    wib = make_exemption(world.pelaksana_a, world.agency_a, period_end=end)
    wit = make_exemption(world.pelaksana_b, world.agency_b, period_end=end)
    for item in (wib, wit):
        item.warned_at = at(warn_day(item.body, end))
        item.save(update_fields=["warned_at"])
    with time_machine.travel(dt.datetime(2026, 3, 1, 22, 30, tzinfo=ZONE), tick=False):
        run_alerts()
    wib.refresh_from_db()
    wit.refresh_from_db()
    assert wit.ended_notice_at is not None
    assert wib.ended_notice_at is None
