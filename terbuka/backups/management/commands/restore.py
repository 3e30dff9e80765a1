"""``manage.py restore PATH``: restore a backup into an empty installation and verify it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from terbuka.backups.archive import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty installation: checks every"
        " checksum first, then restores the database and files and verifies the audit chain."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive written by `backup`")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        connections.close_all()
        try:
            result = restore(path)
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        finally:
            connections.close_all()
        self.stdout.write(f"Restored {result.files} files and {result.audit_rows} audit rows.")
        if not result.keys_match:
            self.stderr.write(
                "Warning: none of the encryption keys in use fits this backup; personal data"
                " cannot be read until the backup's keys are configured."
            )
        if result.audit_problem is not None:
            raise CommandError(
                f"Restored, but the audit chain is broken at row #{result.audit_problem.seq}:"
                f" {result.audit_problem.reason}",
                returncode=1,
            )
        self.stdout.write("Audit chain intact. Run `manage.py migrate` if the code is newer.")
