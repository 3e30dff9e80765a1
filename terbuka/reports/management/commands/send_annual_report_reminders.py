"""``manage.py send_annual_report_reminders``: run daily or weekly (cron or a systemd
timer). From January to March, reminds the officers of every body without a final annual
report for last year, and gives each PPID Utama the list of his units without one (Perki
1/2021 Pasal 56). At most one message per body a week: safe to run every day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.reports import reminders


class Command(BaseCommand):
    help = "Ingatkan PPID akan laporan tahunan yang belum final (Perki 1/2021 Pasal 56)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders.run()
        self.stdout.write(
            f"Pengingat laporan tahunan: {sent.bodies} badan publik, {sent.lists} daftar unit"
        )
