"""``python manage.py sweep_orphan_files``: delete stored request files no row refers to.

Files outlive rolled-back rows (PITFALLS.md 6); run this from cron, e.g. hourly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.requests.files import sweep_orphans


class Command(BaseCommand):
    help = "Hapus berkas permohonan yang tersimpan tanpa catatan di basis data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Hanya berkas yang lebih tua dari ini (menit); bawaan 60.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = sweep_orphans(dt.timedelta(minutes=options["older_than_minutes"]))
        self.stdout.write(f"{len(deleted)} berkas yatim dihapus.")
