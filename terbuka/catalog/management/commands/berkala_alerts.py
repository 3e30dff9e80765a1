"""``python manage.py berkala_alerts``: run daily (cron or a systemd timer).

Reminds the PPID officers of published berkala entries past their 6-monthly update date
(UU 14/2008 Pasal 9(3)); each entry once per period. Safe to run repeatedly.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.catalog import alerts


class Command(BaseCommand):
    help = "Ingatkan PPID akan informasi berkala yang lewat batas pembaruan (UU 14/2008 Pasal 9)."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = alerts.remind_stale()
        self.stdout.write(f"Informasi berkala yang diingatkan: {reminded}")
