"""``python manage.py shield_scan``: scan now, in this process, every DIP document version
and every draft or released request document the personal-data shield has not scanned
yet. Run once after the upgrade that brought the shield (until then those documents count
as "sedang diperiksa" and are not public); the demo runs it in ``seed_demo``. New
documents are scanned by the worker (``python manage.py db_worker``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.catalog import shielding as catalog_shielding
from terbuka.requests import shielding as requests_shielding


class Command(BaseCommand):
    help = (
        "Periksa sekarang data pribadi dalam dokumen DIP dan dokumen jawaban permohonan"
        " yang belum diperiksa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="Paling banyak sekian dokumen dari tiap jenis."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for label, scan in (
            ("DIP", catalog_shielding.scan_pending),
            ("permohonan", requests_shielding.scan_pending),
        ):
            outcomes = scan(limit=options["limit"])
            summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
            self.stdout.write(f"{label}: {summary or 'tidak ada yang menunggu'}")
