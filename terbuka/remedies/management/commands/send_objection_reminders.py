"""``python manage.py send_objection_reminders``: daily reminders about objections' clocks
(the rules are in ``terbuka.remedies.reminders``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.remedies.reminders import send_reminders


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu tanggapan keberatan dan pelaksanaan perintah Atasan PPID."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminders()
        self.stdout.write(
            f"Pengingat keberatan: {result.due_soon} mendekati batas waktu,"
            f" {result.overdue} lewat batas waktu."
        )
