"""Anonymise closed request files past their body's retention period (cron, daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from terbuka.privacy import actions


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of closed requests (and of closed objections without a"
        " request) past the retention period of their PPID body (or whose requester's erasure"
        " was granted); safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        done = actions.apply_retention(dry_run=dry_run)
        # Numbers and reasons only: never a requester's name or contact.
        for item in done:
            prefix = "would anonymise" if dry_run else "anonymised"
            number = item.info_request.number or str(item.info_request.public_id)
            self.stdout.write(f"{prefix} {number} ({item.reason})")
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(done)} request(s) {verb}.")
        objections = actions.apply_objection_retention(dry_run=dry_run)
        for due in objections:
            prefix = "would anonymise" if dry_run else "anonymised"
            self.stdout.write(f"{prefix} objection {due.objection.number} ({due.reason})")
        self.stdout.write(f"{len(objections)} objection(s) without a request {verb}.")
