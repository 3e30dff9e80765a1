"""``manage.py rebuild_search_index``: rebuild the search index from the published DIP
entries and published requests (after a restore, an upgrade, or a change of stemming)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from terbuka.search import index


class Command(BaseCommand):
    help = "Membangun ulang indeks pencarian dari entri DIP dan permohonan yang diumumkan."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = index.reindex_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Indeks pencarian dibangun ulang: {counts['dip']} entri DIP, "
                f"{counts['request']} permohonan, {time.monotonic() - started:.1f} detik."
            )
        )
