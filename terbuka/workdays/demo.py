"""Demo data for the calendar (run by ``seed_demo``): one regency-only holiday, so that the
demo shows a body override on /kalender/?body=kabupaten-barito-utara. National holidays
come from ``import_holidays`` (``make demo`` runs it) or, without it, from the library."""

from __future__ import annotations

import datetime as dt
from io import TextIOBase

from terbuka.accounts.models import User
from terbuka.bodies.models import Body
from terbuka.workdays import actions
from terbuka.workdays.models import CalendarDay, DayKind

DEMO_BODY_SLUG = "kabupaten-barito-utara"
DEMO_DAY = dt.date(2026, 6, 29)
DEMO_NAME = "Contoh hari libur daerah Kabupaten Barito Utara (data demo)"


def seed(stdout: TextIOBase) -> None:
    body = Body.objects.filter(slug=DEMO_BODY_SLUG).first()
    if body is None:
        stdout.write("Kalender: badan publik demo tidak ada, dilewati\n")
        return
    exists = CalendarDay.objects.filter(date=DEMO_DAY, kind=DayKind.REGIONAL, body=body)
    if not exists.exists():
        actions.add_day(
            actor=User.objects.filter(username="admin").first(),
            date=DEMO_DAY,
            name=DEMO_NAME,
            kind=DayKind.REGIONAL,
            body=body,
        )
    stdout.write(f"Kalender: hari libur daerah contoh untuk {body.name}\n")
