"""Disputes built through the real actions, for the dispute tests."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core.management import call_command

from terbuka.disputes import actions
from terbuka.disputes.models import Dispute
from terbuka.remedies import actions as objection_actions
from terbuka.remedies.models import Objection
from terbuka.remedies.tests.test_objections import at, object_to, refuse, submitted
from terbuka.testing import World

# Siti's request, refused on 10 April 2025; her objection (ground d, mediable) 11 April;
# the Atasan upholds it 14 April; she files at the KI 22 April; it registers 24 April.
FILED = dt.date(2025, 4, 22)
REGISTERED = dt.date(2025, 4, 24)


def due_date(day: dt.date, n: int, slug: str) -> dt.date:
    out = io.StringIO()
    call_command(
        "due_date", day.isoformat(), str(n), "--body", slug, stdout=out, stderr=io.StringIO()
    )
    return dt.date.fromisoformat(out.getvalue().strip())


def upheld_objection(world: World, *grounds: str) -> Objection:
    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    objection = object_to(world, info_request, dt.date(2025, 4, 11), *(grounds or ("d",)))
    with time_machine.travel(at(dt.date(2025, 4, 14)), tick=False):
        return objection_actions.decide(
            actor=world.atasan,
            objection=objection,
            upheld=True,
            reasons="Informasi yang diberikan sudah sesuai dengan permohonan.",
        )


def petition(**extra: object) -> actions.Petition:
    fields: dict[str, object] = {"petitioner_name": "Siti Rahmawati", "filed_on": FILED}
    fields.update(extra)
    return actions.Petition(**fields)  # type: ignore[arg-type]


def recorded(world: World, *grounds: str, registered: bool = True) -> Dispute:
    objection = upheld_objection(world, *grounds)
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        return actions.record_from_objection(
            actor=world.utama,
            objection=objection,
            petition=petition(
                registration_number="002/IV/KI-Kalteng-PS/2025" if registered else "",
                registered_on=REGISTERED if registered else None,
            ),
        )
