"""``manage.py verify_audit``: check the audit hash chain; exit 1 at the first bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from terbuka.audit import chain


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain and report the first altered, inserted or deleted row."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = chain.verify()
        if report.problem is not None:
            raise CommandError(
                f"Audit chain broken at row #{report.problem.seq}: {report.problem.reason}"
                f" ({report.checked} rows verified before it)",
                returncode=1,
            )
        self.stdout.write(
            f"Audit chain intact: {report.checked} rows; head hash {report.head_hash}"
        )
