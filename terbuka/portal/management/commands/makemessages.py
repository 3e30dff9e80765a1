"""``python manage.py makemessages``: Django's, never reading the copies of the code that
are not the project (``build/`` from a pip build, the virtualenv, benchmarks' results,
npm's packages): their strings would join the catalogue as locations of files that do
not exist in the repository."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import makemessages

NOT_THE_PROJECT = ["build/*", ".venv/*", "var/*", "node_modules/*", "*/node_modules/*"]


class Command(makemessages.Command):
    def handle(self, *args: Any, **options: Any) -> str | None:
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *NOT_THE_PROJECT]
        return super().handle(*args, **options)
