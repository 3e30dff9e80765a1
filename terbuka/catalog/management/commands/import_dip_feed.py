"""Import one public-information feed into a body's DIP, by hand.

    python manage.py import_dip_feed https://desa.example.id/index.php/api_informasi_publik/ppid --body SLUG
    python manage.py import_dip_feed https://ppid.example.go.id/dip.json --body SLUG
    python manage.py import_dip_feed feed.json --body SLUG [--since 2025-06-01]

The shapes read (OpenSID's ``Api_informasi_publik::ppid``, Terbuka's own ``/dip.json`` with
its cursor pages, older OpenSID-style lists), the field mapping, the caps and timeouts are
described in ``terbuka/catalog/feeds.py``; feeds registered per body are pulled on a
schedule by ``pull_dip_feeds``.

Exit status 2 for an unknown body, 1 for an unreadable or malformed feed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from terbuka.bodies.models import Body
from terbuka.catalog import feeds


class Command(BaseCommand):
    help = "Impor feed informasi publik (OpenSID, /dip.json Terbuka) ke DIP satu badan publik."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="URL http(s) atau path berkas JSON")
        parser.add_argument("--body", required=True, help="slug badan publik tujuan")
        parser.add_argument(
            "--since",
            type=dt.date.fromisoformat,
            default=None,
            help="tarik perubahan sejak tanggal ini saja (TTTT-BB-HH); OpenSID: tgl_dari",
        )
        parser.add_argument(
            "--shape",
            choices=[feeds.OPENSID, feeds.TERBUKA],
            default="",
            help="bentuk feed, untuk parameter tarikan bertahap (--since)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.active().filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(
                _("Badan publik dengan slug “%(slug)s” tidak ditemukan.")
                % {"slug": options["body"]},
                returncode=2,
            )
        try:
            result = feeds.pull(
                body, options["source"], since=options["since"], shape_hint=options["shape"]
            )
        except feeds.FeedError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        for message in result.messages:
            self.stderr.write(message)
        self.stdout.write(result.summary(body))
