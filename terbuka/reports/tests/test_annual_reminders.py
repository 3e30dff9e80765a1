"""Reminders of the annual report: January to March, once a week per body, to the officers
of bodies without a final report for last year and, as a list, to the PPID Utama."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core import mail
from django.core.management import call_command
from pytest_django import DjangoCaptureOnCommitCallbacks

from terbuka.bodies.models import Body
from terbuka.reports import actions, reminders
from terbuka.testing import World

from .test_annual import NARRATIVE

MONDAY = dt.datetime(2026, 1, 12, 1, tzinfo=dt.UTC)  # 08:00 WIB


def to(address: str) -> list[str]:
    return [message.subject for message in mail.outbox if address in message.to]


def test_it_reminds_each_body_once_a_week_and_lists_the_units(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        report = actions.start_draft(actor=world.utama, body=world.agency_a, year=2025)
        actions.save_narrative(actor=world.utama, report=report, **NARRATIVE)
        actions.finalise(actor=world.utama, report=report)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = reminders.run()
    active = Body.objects.active().count()
    assert sent.bodies == active - 1  # all but agency A
    assert sent.lists == 2  # the province's and the regency's PPID Utama
    assert to(world.pelaksana_a.email) == []  # agency A's report is final
    assert "Laporan tahunan layanan informasi publik belum final" in to(world.pelaksana_b.email)
    lists = [m for m in mail.outbox if m.subject == "Unit yang laporan tahunannya belum final"]
    province_list = next(m for m in lists if world.utama.email in m.to)
    assert world.agency_b.name in province_list.body
    assert world.agency_a.name not in province_list.body
    assert "31 Maret 2026" in province_list.body

    # The same week again: nothing; next week: again.
    mail.outbox.clear()
    with (
        time_machine.travel(MONDAY + dt.timedelta(days=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert reminders.run() == reminders.Sent(0, 0)
    assert mail.outbox == []
    with (
        time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_annual_report_reminders", stdout=io.StringIO())
    assert to(world.pelaksana_b.email)


def test_it_is_silent_after_march(world: World) -> None:
    with time_machine.travel(dt.datetime(2026, 4, 6, 1, tzinfo=dt.UTC), tick=False):
        assert reminders.run() == reminders.Sent(0, 0)
