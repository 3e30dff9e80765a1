"""``send_dispute_reminders``: a hearing within 2 working days, mediation's end, the 100
working days, the court window and an ordered release not yet recorded; to the PPID body's
officers only, never twice a day."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command

from terbuka.disputes import actions
from terbuka.disputes.models import EventKind, HearingKind, Outcome, Stage
from terbuka.disputes.tests.helpers import recorded
from terbuka.remedies.tests.test_objections import at
from terbuka.testing import World


def run(day: dt.date, capture: Any) -> list[Any]:
    mail.outbox.clear()
    with time_machine.travel(at(day, 7), tick=False), capture(execute=True):
        call_command("send_dispute_reminders", stdout=io.StringIO())
    return list(mail.outbox)


def addresses(messages: list[Any]) -> set[str]:
    return {address for message in messages for address in message.to}


def test_a_hearing_two_working_days_ahead_is_reminded_once_a_day(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    dispute = recorded(world)
    with time_machine.travel(at(dt.date(2025, 5, 2)), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        actions.schedule_hearing(
            actor=world.utama,
            dispute=dispute,
            at=at(dt.date(2025, 5, 8), 9),  # a Thursday
            kind=HearingKind.PRELIMINARY,
        )
    # Monday 5 May: three working days ahead, nothing yet.
    assert run(dt.date(2025, 5, 5), django_capture_on_commit_callbacks) == []
    sent = run(dt.date(2025, 5, 6), django_capture_on_commit_callbacks)
    assert addresses(sent) == {world.utama.email, world.operator.email}
    assert "002/IV/KI-Kalteng-PS/2025" in sent[0].body
    assert "Siti Rahmawati" not in sent[0].body
    assert run(dt.date(2025, 5, 6), django_capture_on_commit_callbacks) == []
    assert len(run(dt.date(2025, 5, 7), django_capture_on_commit_callbacks)) == 1
    assert dispute.events.filter(kind=EventKind.REMINDER_SENT).count() == 2


def test_the_court_window_and_the_ordered_release_reach_the_atasan_too(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    dispute = recorded(world)
    with time_machine.travel(at(dt.date(2025, 6, 2)), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.ADJUDICATION)
        dispute = actions.record_decision(
            actor=world.utama,
            dispute=dispute,
            decided_on=dt.date(2025, 6, 2),
            outcome=Outcome.GRANTED,
            orders="Memberikan informasi yang diminta.",
            orders_release=True,
            received_on=dt.date(2025, 6, 2),
        )
    assert dispute.court_due is not None
    sent = run(dispute.court_due - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    # Two reminders: the court window and the release, each to handlers and the Atasan.
    assert len(sent) == 2
    assert addresses(sent) == {world.utama.email, world.operator.email, world.atasan.email}
    assert world.requester.email not in addresses(sent)
    assert run(dispute.court_due - dt.timedelta(days=1), django_capture_on_commit_callbacks) == []


def test_mediation_ending_and_the_100_days_passing_are_reminded(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    dispute = recorded(world)
    with time_machine.travel(at(dt.date(2025, 5, 2)), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        dispute = actions.start_mediation(
            actor=world.utama, dispute=dispute, first_session_on=dt.date(2025, 5, 2)
        )
    assert dispute.mediation_due is not None and dispute.limit_due is not None
    soon = run(dispute.mediation_due, django_capture_on_commit_callbacks)
    assert len(soon) == 1 and "Mediasi berakhir" in soon[0].body
    late = run(dispute.limit_due + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    bodies = " ".join(message.body for message in late)
    assert "100 hari kerja" in bodies and "sudah lewat" in bodies
