"""Reminders to the PPID officers who answer for a body's DIP and DIK.

Exemptions (``run``, ``manage.py exemption_alerts``): PP 61/2010 Pasal 11, before an
exemption period ends the PPID must decide whether the information stays exempt (with a
new consequence test) or opens. The PPID officers of the body are warned
``law.EXEMPTION_END_WARNING_WORKING_DAYS`` (30) working days before ``period_end`` and,
once it has ended, asked for the decision. Each notice is sent once (``warned_at``,
``ended_notice_at``).

Berkala information (``remind_stale``, ``manage.py berkala_alerts``): UU 14/2008 Pasal
9(3), updated at least every ``law.BERKALA_UPDATE_MONTHS`` (6) months. Once a published
entry is past its update date, its body's officers get one e-mail listing it; each entry
once per period (``stale_notice_for``): marking it updated starts the next period.

Every notice is sent after its transaction commits; a failed send is logged by
``terbuka.mail`` and not retried.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka import law, mail
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind
from terbuka.catalog.models import Entry, Exemption, ExemptionState
from terbuka.workdays import calendar as workday_calendar
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state


@dataclass
class Outcome:
    warned: int = 0
    ended: int = 0


def recipients(body: Body) -> list[str]:
    """The e-mail addresses of the PPID officers who answer for ``body``."""
    ppid_body = body.ppid_body or body
    addresses = set(
        permissions.officer_addresses({body.pk, ppid_body.pk}, [RoleKind.UTAMA, RoleKind.PELAKSANA])
    )
    if ppid_body.email:
        addresses.add(ppid_body.email)
    return sorted(addresses)


def _send(
    exemption: Exemption, template: str, subject: mail.Text, context: dict[str, object]
) -> None:
    """Mailed once the notice's transaction commits (``terbuka.mail``)."""
    mail.send(
        f"catalog.{template}",
        to=recipients(exemption.body),
        template=f"catalog/email/{template}.txt",
        subject=subject,
        context={
            "exemption": exemption,
            "url": settings.SITE_URL
            + reverse("catalog:exemption_edit", kwargs={"public_id": exemption.public_id}),
            **context,
        },
        about=f"exemption {exemption.pk}",
    )


def _warning_subject(days_left: int) -> str:
    return gettext("Pengecualian informasi berakhir dalam %(n)s hari kerja") % {"n": days_left}


def run(today: dt.date | None = None) -> Outcome:
    """Warn and ask for decisions; ``today`` (for tests) overrides each body's own date,
    which is otherwise its local date (``workdays.state.today``): at 23:30 WIB a WIT
    body's exemption ending that day has already ended."""
    outcome = Outcome()
    open_states = [ExemptionState.ACTIVE, ExemptionState.EXTENDED]
    candidates = Exemption.objects.filter(state__in=open_states).filter(
        ended_notice_at__isnull=True
    )
    for exemption_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            exemption = (
                Exemption.objects.select_for_update()
                .select_related("body")
                .filter(pk=exemption_id, ended_notice_at__isnull=True)
                .first()
            )
            if exemption is None:
                continue
            body_today = today or workdays_state.today(exemption.body)
            if exemption.period_end <= body_today:
                _send(
                    exemption,
                    "exemption_ended",
                    gettext_lazy(
                        "Jangka waktu pengecualian berakhir: putuskan apakah informasi dibuka"
                    ),
                    {},
                )
                exemption.ended_notice_at = timezone.now()
                exemption.save(update_fields=["ended_notice_at"])
                outcome.ended += 1
                continue
            if exemption.warned_at is not None:
                continue
            days_left = counting.working_days_between(
                body_today, exemption.period_end, workday_calendar.for_body(exemption.body)
            )
            if days_left <= law.EXEMPTION_END_WARNING_WORKING_DAYS:
                _send(
                    exemption,
                    "exemption_warning",
                    functools.partial(_warning_subject, days_left),
                    {"days_left": days_left},
                )
                exemption.warned_at = timezone.now()
                exemption.save(update_fields=["warned_at"])
                outcome.warned += 1
    return outcome


def remind_stale(now: dt.datetime | None = None) -> int:
    """E-mail each body's officers the published berkala entries that became stale since
    the last reminder (one message per body). Returns how many entries were reminded of."""
    due = (
        Entry.objects.published().update_overdue(now).exclude(stale_notice_for=F("next_update_due"))
    )
    reminded = 0
    for body_id in sorted(set(due.values_list("body_id", flat=True))):
        with transaction.atomic():
            entries = list(
                due.filter(body_id=body_id)
                .select_for_update(of=("self",))
                .select_related("body")
                .order_by("next_update_due", "title")
            )
            if not entries:
                continue
            body = entries[0].body
            mail.send(
                "catalog.berkala_stale",
                to=recipients(body),
                template="catalog/email/berkala_stale.txt",
                subject=gettext_lazy("Informasi berkala yang harus diperbarui"),
                context={
                    "body": body,
                    "entries": entries,
                    "url": settings.SITE_URL + reverse("catalog:dashboard") + "#overdue-title",
                },
                about=f"body {body.pk}",
            )
            for entry in entries:
                entry.stale_notice_for = entry.next_update_due
            Entry.objects.bulk_update(entries, ["stale_notice_for"])
            reminded += len(entries)
    return reminded
