"""``python manage.py send_dispute_reminders``: daily reminders about disputes' dates (the
rules are in ``terbuka.disputes.reminders``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.disputes.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Kirim pengingat sengketa informasi: sidang, akhir mediasi, batas 100 hari kerja,"
        " jangka waktu gugatan dan pemberian informasi yang diperintahkan putusan."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminders()
        self.stdout.write(f"Pengingat sengketa: {result.total} dikirim.")
