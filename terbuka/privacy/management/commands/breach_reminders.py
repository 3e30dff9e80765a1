"""Remind the DPOs of breaches whose written notices are due or overdue (cron, hourly or
daily; at most one e-mail per breach, kind and day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.privacy import actions


class Command(BaseCommand):
    help = "E-mail DPOs about breach notifications due within 24 hours or overdue (Pasal 46)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = actions.send_breach_reminders()
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
