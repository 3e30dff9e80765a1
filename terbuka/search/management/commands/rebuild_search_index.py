"""``manage.py rebuild_search_index``: rebuild the search index from every registered
source's public objects (after a restore, an upgrade, a change of stemming, or to repair
an index that drifted from the database). ``--if-stale`` rebuilds only an index whose
stems another stemmer made (``index.is_stale``): the step to run after every upgrade."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.search import index, registry, stemming


class Command(BaseCommand):
    help = "Membangun ulang indeks pencarian dari semua yang diumumkan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Hanya bila indeks dibangun dengan stemmer versi lain (setelah pemutakhiran).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_stale"] and not index.is_stale():
            self.stdout.write(
                f"Indeks pencarian sudah memakai stemmer {stemming.STEMMER_VERSION}; "
                "tidak dibangun ulang."
            )
            return
        started = time.monotonic()
        counts = index.reindex_all()
        indexed = ", ".join(f"{counts[source.kind]} {source.noun}" for source in registry.sources())
        self.stdout.write(
            self.style.SUCCESS(
                f"Indeks pencarian dibangun ulang: {indexed}, "
                f"{time.monotonic() - started:.1f} detik."
            )
        )
