"""``python manage.py send_reminders``: reminders about statutory deadlines, run daily from
cron. The rules are in ``terbuka.requests.reminders``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.requests import reminders


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu permohonan informasi dan eskalasi yang terlambat."

    def handle(self, *args: Any, **options: Any) -> None:
        result = reminders.send_reminders()
        self.stdout.write(
            f"Pengingat: {result.due_soon} segera jatuh tempo, {result.overdue} terlambat,"
            f" {result.skipped} sudah dikirim hari ini;"
            f" {result.requesters_told} pemohon diberi tahu batas waktu terlewati."
        )
