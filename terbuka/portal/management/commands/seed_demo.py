"""``python manage.py seed_demo``: build the demo province, idempotently, in one transaction.

Each app that contributes demo data has a ``demo`` module with ``seed(stdout)``; they run
in ``DEMO_MODULES`` order (bodies and accounts first, since the others refer to them). A
module that does not exist is skipped; a module that exists and fails fails the command
and rolls everything back.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

DEMO_MODULES = [
    "terbuka.bodies.demo",
    # The demo CA and each body's certificate, before any letter is made.
    "terbuka.letters.demo",
    "terbuka.workdays.demo",
    # Before the objections: one of them is filed from a berkala DIP entry.
    "terbuka.catalog.demo",
    "terbuka.requests.demo",
    # A year of requests across every body, for the coordination dashboard's figures.
    "terbuka.coordination.demo",
    "terbuka.remedies.demo",
    "terbuka.disputes.demo",
    "terbuka.survey.demo",
    # After the requests and objections it counts; it writes DIP entries.
    "terbuka.reports.demo",
    # After the reports and the survey: the monev answers are prefilled from them.
    "terbuka.monev.demo",
]


def load_demo_module(name: str) -> ModuleType | None:
    """The module, or None when it does not exist (not yet written for that app)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        # Only the demo module itself may be missing; a missing import inside it is a bug.
        if error.name == name:
            return None
        raise


class Command(BaseCommand):
    help = "Isi basis data dengan data demo (Provinsi Kalimantan Tengah). Aman dijalankan ulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga pada konfigurasi produksi (TERBUKA_PRODUCTION=true).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "Menolak mengisi data demo: konfigurasi ini adalah produksi"
                " (TERBUKA_PRODUCTION=true). Akun demo memakai kata sandi yang diumumkan."
                " Tambahkan --force jika Anda benar-benar menginginkannya.",
                returncode=2,
            )
        modules = [(name, load_demo_module(name)) for name in DEMO_MODULES]
        # The demo's actions notify requesters and officers; those e-mails go to memory, not
        # to the console or a real mail server (the demo addresses are not real).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with transaction.atomic():
                for name, module in modules:
                    if module is None:
                        self.stdout.write(f"- {name}: tidak ada, dilewati")
                        continue
                    self.stdout.write(f"- {name}")
                    module.seed(self.stdout)
            sent = len(getattr(mail, "outbox", []))
        # The personal-data shield looks at the demo's documents now rather than waiting
        # for a worker, so the demo shows what is public and what is held.
        call_command("shield_scan", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Data demo siap ({sent} e-mail demo tidak dikirim ke luar).")
        )
