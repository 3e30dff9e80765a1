"""``python manage.py sweep_monev_files``: delete stored monev evidence files no answer
refers to (left by a process killed between storing and committing, PITFALLS.md 6); run
it from cron, e.g. daily."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.monev.evidence import sweep_orphans


class Command(BaseCommand):
    help = "Hapus berkas bukti monev yang tersimpan tanpa jawaban di basis data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Hanya berkas yang lebih tua dari ini (menit); bawaan 60.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = sweep_orphans(dt.timedelta(minutes=options["older_than_minutes"]))
        self.stdout.write(f"{len(deleted)} berkas bukti yatim dihapus.")
