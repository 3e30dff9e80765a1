"""Reminders of the annual report (Perki 1/2021 Pasal 56: due 31 March), sent by
``manage.py send_annual_report_reminders`` (daily or weekly) from January to March:

- to the officers (PPID Utama, Pelaksana, operators) of every active body without a
  final report for last year;
- to the PPID Utama of each PPID body, the list of the units it serves without one.

At most one message per body a week (``AnnualReminder``): running it every day sends the
week's reminders once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from terbuka import law, mail
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind, served_by
from terbuka.reports.models import AnnualReminder, AnnualReport, Status

REMINDER_MONTHS = (1, 2, 3)  # January until the due date, 31 March


@dataclass(frozen=True)
class Sent:
    bodies: int  # messages to a body's officers
    lists: int  # lists to a PPID Utama


def _claim(body: Body, year: int, week_of: dt.date) -> bool:
    """Record this week's reminder for ``body``; False if it was sent already."""
    try:
        with transaction.atomic():
            AnnualReminder.objects.create(body=body, year=year, week_of=week_of)
    except IntegrityError:
        return False
    return True


def _url(body: Body, year: int) -> str:
    return settings.SITE_URL + reverse("reports:annual", kwargs={"badan": body.slug, "tahun": year})


def run(today: dt.date | None = None) -> Sent:
    today = today or timezone.localdate()
    if today.month not in REMINDER_MONTHS:
        return Sent(0, 0)
    year = today.year - 1
    week_of = today - dt.timedelta(days=today.weekday())
    finished = set(
        AnnualReport.objects.filter(year=year, status=Status.FINAL).values_list(
            "body_id", flat=True
        )
    )
    missing = [body for body in Body.objects.active().order_by("name") if body.pk not in finished]
    context = {"year": year, "due": law.annual_report_due(year)}
    bodies = lists = 0
    reminded: set[int] = set()  # this week's first run
    for body in missing:
        with transaction.atomic():
            if not _claim(body, year, week_of):
                continue
            mail.send(
                "reports.annual_due",
                to=permissions.officer_addresses(body, permissions.OFFICER_KINDS),
                template="reports/email/annual_due.txt",
                subject=gettext_lazy("Laporan tahunan layanan informasi publik belum final"),
                context={**context, "body": body, "url": _url(body, year)},
                about=f"body {body.pk}",
            )
            bodies += 1
            reminded.add(body.pk)
    for ppid_body in Body.objects.active().filter(has_own_ppid=True).order_by("name"):
        # Listed in the week's first run only, like the units' own reminders.
        units = [unit for unit in served_by([ppid_body]) if unit.pk in reminded]
        if not units:
            continue
        with transaction.atomic():
            mail.send(
                "reports.annual_units",
                to=permissions.officer_addresses(ppid_body, [RoleKind.UTAMA]),
                template="reports/email/annual_units.txt",
                subject=gettext_lazy("Unit yang laporan tahunannya belum final"),
                context={**context, "body": ppid_body, "units": [unit.name for unit in units]},
                about=f"body {ppid_body.pk}",
            )
            lists += 1
    return Sent(bodies, lists)
