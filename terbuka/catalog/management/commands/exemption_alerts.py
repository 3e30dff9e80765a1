"""``python manage.py exemption_alerts``: run daily (cron or a systemd timer).

Warns the PPID 30 working days before an exemption period ends and, at its end, asks for
the decision to open the information (PP 61/2010 Pasal 11). Safe to run repeatedly.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.catalog import alerts


class Command(BaseCommand):
    help = "Peringatkan PPID sebelum jangka waktu pengecualian informasi berakhir (PP 61/2010 Pasal 11)."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = alerts.run()
        self.stdout.write(
            f"Peringatan 30 hari kerja: {outcome.warned}; pemberitahuan berakhir: {outcome.ended}"
        )
