"""``manage.py rotate_keys``: re-encrypt personal data with the newest key (resumable)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka import crypto
from terbuka.security.rotation import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every personal field and encrypted file with the newest key in"
        " TERBUKA_ENCRYPTION_KEYS. Safe to interrupt and run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        crypto.reset_keys()
        fingerprints = crypto.key_fingerprints()
        self.stdout.write(f"Newest key: {fingerprints[0]} ({len(fingerprints)} keys configured)")
        report = rotate_all()
        self.stdout.write(
            f"Fields re-encrypted: {report.fields_rotated} (already current: {report.fields_current})"
        )
        self.stdout.write(
            f"Files re-encrypted: {report.files_rotated} (already current: {report.files_current})"
        )
        if report.files_missing:
            self.stderr.write(f"Files missing from storage: {len(report.files_missing)}")
        self.stdout.write(
            "Done: older keys can be removed once every process runs with the new list."
        )
