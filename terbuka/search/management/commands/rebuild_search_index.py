"""``manage.py rebuild_search_index``: rebuild the search index from every registered
source's public objects (after a restore, an upgrade, a change of stemming, or to repair
an index that drifted from the database)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from terbuka.search import index, registry


class Command(BaseCommand):
    help = "Membangun ulang indeks pencarian dari semua yang diumumkan."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = index.reindex_all()
        indexed = ", ".join(f"{counts[source.kind]} {source.noun}" for source in registry.sources())
        self.stdout.write(
            self.style.SUCCESS(
                f"Indeks pencarian dibangun ulang: {indexed}, "
                f"{time.monotonic() - started:.1f} detik."
            )
        )
