"""Pull every active registered DIP feed (``catalog.Feed``) into its body's DIP.

    python manage.py pull_dip_feeds            # e.g. hourly from cron or a systemd timer

Each feed is pulled on its own, with the timeouts and byte cap of ``catalog/feeds.py``; a
failure is recorded on the feed (shown on the officers' dashboard) and the next feed is
pulled all the same. Exit status 0 even when some feeds failed: their errors are recorded
and printed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from terbuka.catalog import feeds
from terbuka.catalog.models import Feed


class Command(BaseCommand):
    help = "Tarik semua feed DIP yang terdaftar dan aktif."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", default="", help="hanya feed badan publik dengan slug ini")

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = Feed.objects.filter(is_active=True, body__is_active=True).select_related("body")
        if options["body"]:
            queryset = queryset.filter(body__slug=options["body"])
        failed = 0
        for feed in queryset.order_by("pk"):
            feed = feeds.pull_registered(feed)
            if feed.last_error:
                failed += 1
                self.stderr.write(f"{feed.body.slug} {feed.url}: {feed.last_error}")
            else:
                self.stdout.write(f"{feed.url}: {feed.last_result}")
        self.stdout.write(
            _("%(n)s feed ditarik, %(failed)s gagal.") % {"n": queryset.count(), "failed": failed}
        )
