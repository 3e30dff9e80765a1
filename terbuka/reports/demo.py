"""Demo Ringkasan akses (``seed_demo``): each demo PPID body publishes the summary of the
semester the demo requests fall in (the current one, counted so far) and of the one
before, so the public DIP shows what ``publish_access_summary`` writes every semester.
Safe to repeat: an unchanged summary is left as it is."""

from __future__ import annotations

from io import TextIOBase

from django.utils import timezone

from terbuka.reports import periods, summary


def seed(stdout: TextIOBase) -> None:
    current = periods.semester_of(timezone.localdate())
    for body in summary.bodies():
        for period in (current.previous(), current):
            published = summary.publish(body, period)
            stdout.write(f"Ringkasan akses {body.name} {period.key}: {published.result}\n")
