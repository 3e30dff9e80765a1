"""Reminders about the Atasan's 30 working days and a granted objection's instruction:
due soon to whoever owes it, overdue escalated, never twice a day, never seen by the
requester."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command

from terbuka.remedies import actions
from terbuka.remedies.models import EventKind
from terbuka.remedies.tests.test_objections import at, object_to, refuse, submitted
from terbuka.testing import World


def run(day: dt.date, capture: Any) -> list[Any]:
    mail.outbox.clear()
    with time_machine.travel(at(day, 7), tick=False), capture(execute=True):
        call_command("send_objection_reminders", stdout=io.StringIO())
    return list(mail.outbox)


def test_the_atasan_is_reminded_then_the_ppid_is_told_when_he_is_late(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    due = objection.answer_due
    soon = run(due - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert [m.to for m in soon] == [[world.atasan.email]]
    assert objection.number in soon[0].body
    assert run(due - dt.timedelta(days=1), django_capture_on_commit_callbacks) == []
    late = run(due + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    addresses = {address for m in late for address in m.to}
    assert {world.atasan.email, world.utama.email} <= addresses
    assert world.requester.email not in addresses
    assert objection.events.filter(kind=EventKind.REMINDER_SENT).count() == 2


def test_a_pending_instruction_reminds_the_ppid(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    objection = object_to(
        world, refuse(world, submitted(world), dt.date(2025, 4, 10)), dt.date(2025, 4, 11), "a"
    )
    with time_machine.travel(at(dt.date(2025, 4, 14)), tick=False):
        granted = actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=False,
            reasons="Uji konsekuensi tidak memadai.",
            instruction="Berikan informasinya.",
            instruction_days=3,
        )
    assert granted.instruction_due is not None
    soon = run(granted.instruction_due, django_capture_on_commit_callbacks)
    addresses = {address for m in soon for address in m.to}
    assert world.utama.email in addresses and world.atasan.email not in addresses
