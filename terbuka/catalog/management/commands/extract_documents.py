"""``python manage.py extract_documents``: run the pending (and stuck) text extractions
now, in this process, without a worker. The usual path is the queue and
``python manage.py db_worker``; this is for the demo and for catching up by hand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.catalog import tasks


class Command(BaseCommand):
    help = "Ekstrak sekarang teks dokumen DIP yang menunggu atau macet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="Paling banyak sekian dokumen.")

    def handle(self, *args: Any, **options: Any) -> None:
        outcomes = tasks.process_pending(limit=options["limit"])
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
        self.stdout.write(summary or "Tidak ada dokumen yang menunggu.")
