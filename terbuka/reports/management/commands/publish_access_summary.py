"""``manage.py publish_access_summary [--semester YYYY-1|YYYY-2]``: publish each PPID
body's Ringkasan akses (UU 14/2008 Pasal 12) for the semester, as a berkala DIP entry.
Without ``--semester``: the last semester that has ended. Safe to repeat: an unchanged
summary is left alone, a changed one is updated with new document versions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from terbuka.reports import periods, summary


class Command(BaseCommand):
    help = "Terbitkan Ringkasan akses informasi publik (Pasal 12) tiap badan publik di DIP-nya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--semester",
            help="YYYY-1 (Januari–Juni) atau YYYY-2 (Juli–Desember); bawaan: semester terakhir"
            " yang sudah berakhir.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["semester"]:
            try:
                period = periods.parse(options["semester"])
            except ValueError:
                period = None
            if period is None or period.kind != periods.SEMESTER:
                raise CommandError("--semester: tulis YYYY-1 atau YYYY-2, mis. 2025-1.")
        else:
            period = periods.last_complete_semester(timezone.localdate())
        for body in summary.bodies():
            published = summary.publish(body, period)
            self.stdout.write(f"{body.slug}: {period.key} {published.result}")
