"""``python manage.py due_date 2025-03-27 10``: the due date, counted on the stored calendar.

The date is taken as received at the start of that day (no service-hours rolling); a date
that is not a working day still counts as received on the next working day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.bodies.models import Body
from terbuka.workdays import calendar, counting, explanation

MAX_WORKING_DAYS = 1000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> dt.date:
    error = CommandError(
        f"Tanggal tidak valid: {value!r}. Gunakan format TTTT-BB-HH, mis. 2025-03-27.",
        returncode=2,
    )
    if not ISO_DATE.fullmatch(value):
        raise error
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise error from None
    if not calendar.MIN_YEAR <= day.year <= calendar.MAX_YEAR:
        raise CommandError(
            f"Tahun {day.year} di luar rentang yang didukung"
            f" ({calendar.MIN_YEAR}–{calendar.MAX_YEAR}).",
            returncode=2,
        )
    return day


def parse_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise CommandError(
            f"Jumlah hari kerja tidak valid: {value!r}. Tulis bilangan bulat, mis. 10.",
            returncode=2,
        ) from None
    if count < 0:
        raise CommandError(f"Jumlah hari kerja tidak boleh negatif: {count}.", returncode=2)
    if count > MAX_WORKING_DAYS:
        raise CommandError(
            f"Jumlah hari kerja terlalu besar: {count} (paling banyak {MAX_WORKING_DAYS}).",
            returncode=2,
        )
    return count


class Command(BaseCommand):
    help = (
        "Cetak tanggal jatuh tempo: hari kerja ke-N setelah tanggal diterima (hari ke-1 ="
        " hari kerja pertama setelah diterima), menurut kalender yang tersimpan."
    )

    # Print exactly the date on stdout and only the explanation on stderr.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("received", help="Tanggal diterima, TTTT-BB-HH.")
        parser.add_argument("working_days", help="Jumlah hari kerja, mis. 10.")
        parser.add_argument(
            "--body", metavar="SLUG", help="Terapkan hari libur khusus badan publik ini."
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Tulis cara menghitungnya (hari yang dilewati dan alasannya) ke stderr.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        received = parse_date(options["received"])
        count = parse_count(options["working_days"])
        body = None
        if options["body"]:
            body = Body.objects.filter(slug=options["body"]).first()
            if body is None:
                raise CommandError(
                    f"Badan publik dengan slug {options['body']!r} tidak ditemukan.",
                    returncode=2,
                )
        deadline = counting.add_working_days(received, count, calendar.for_body(body))
        if options["explain"]:
            for line in explanation.text(deadline.lines()):
                # Plain text: this is an explanation, not an error to colour red.
                self.stderr.write(line, style_func=str)
        self.stdout.write(deadline.due.isoformat())
