"""``manage.py backup PATH``: a consistent snapshot of the database and the stored files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.backups.archive import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the stored files into one archive with a manifest and checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, help="the archive to write, e.g. terbuka-2026-11-26.tar.gz"
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            result = backup(path)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(
            f"Backup written to {result.path}: database {result.database_bytes} bytes,"
            f" {result.files} files, {result.audit_rows} audit rows."
        )
        self.stdout.write("Encryption keys are not in the archive: keep them backed up separately.")
