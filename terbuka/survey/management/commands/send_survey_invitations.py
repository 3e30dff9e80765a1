"""Invite the requesters of answered requests to the satisfaction survey, once each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.survey import actions


class Command(BaseCommand):
    help = "E-mail requesters of answered requests the survey link, once per request."

    def handle(self, *args: Any, **options: Any) -> None:
        invited = actions.send_invitations()
        self.stdout.write(f"{invited} undangan survei dikirim.")
