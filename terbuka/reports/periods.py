"""The periods a report covers: a month, a semester (January–June, July–December) or a
year, written ``2025-03``, ``2025-1`` / ``2025-2`` and ``2025``. Pure: no database."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

MONTH = "month"
SEMESTER = "semester"
YEAR = "year"

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_SEMESTER = re.compile(r"(\d{4})-([12])")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 0  # the month (1–12) or the semester (1–2); 0 for a year

    @property
    def start(self) -> dt.date:
        if self.kind == MONTH:
            return dt.date(self.year, self.number, 1)
        if self.kind == SEMESTER:
            return dt.date(self.year, 1 if self.number == 1 else 7, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day, included."""
        if self.kind == MONTH:
            following = dt.date(self.year + self.number // 12, self.number % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if self.kind == SEMESTER:
            return dt.date(self.year, 6, 30) if self.number == 1 else dt.date(self.year, 12, 31)
        return dt.date(self.year, 12, 31)

    @property
    def key(self) -> str:
        """The period as written in URLs and on the command line."""
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == SEMESTER:
            return f"{self.year}-{self.number}"
        return str(self.year)

    def label(self) -> str:
        if self.kind == MONTH:
            return date_format(self.start, "F Y")
        if self.kind == SEMESTER:
            return _("Semester %(number)s tahun %(year)s") % {
                "number": "I" if self.number == 1 else "II",
                "year": self.year,
            }
        return _("Tahun %(year)s") % {"year": self.year}

    def previous(self) -> Period:
        if self.kind == MONTH:
            return (
                month(self.year - 1, 12) if self.number == 1 else month(self.year, self.number - 1)
            )
        if self.kind == SEMESTER:
            return semester(self.year - 1, 2) if self.number == 1 else semester(self.year, 1)
        return year(self.year - 1)


def month(year_: int, number: int) -> Period:
    return Period(MONTH, year_, number)


def semester(year_: int, number: int) -> Period:
    return Period(SEMESTER, year_, number)


def year(year_: int) -> Period:
    return Period(YEAR, year_)


def parse(text: str) -> Period:
    """``2025-03`` (a month), ``2025-1`` (a semester) or ``2025`` (a year); ValueError for
    anything else."""
    text = text.strip()
    if found := _MONTH.fullmatch(text):
        number = int(found.group(2))
        if 1 <= number <= 12:
            return month(int(found.group(1)), number)
    elif found := _SEMESTER.fullmatch(text):
        return semester(int(found.group(1)), int(found.group(2)))
    elif _YEAR.fullmatch(text):
        return year(int(text))
    raise ValueError(text)


def semester_of(day: dt.date) -> Period:
    return semester(day.year, 1 if day.month <= 6 else 2)


def last_complete_semester(today: dt.date) -> Period:
    """The semester that ended most recently before ``today``."""
    return semester_of(today).previous()
