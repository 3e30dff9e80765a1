"""Build the ``counting.Calendar`` that applies to a body, from the database.

The calendar is data (DOMAIN.md "Working days"): national holidays and cuti bersama
imported from the ``holidays`` library, plus what administrators add or remove, plus each
body's own overrides. For a year with no imported rows at all (a fresh database, or a year
nobody imported yet) the national days come straight from the library, so every caller
(deadlines, the public page, ``due_date``) counts correctly without an import step.

Precedence for one date: the nearest level that has a row decides — the body itself, then
its parent, and so on up to the national level (rows without a body, or the library).
A body-level ``is_day_off=False`` row keeps the date a working day there; a regency's
holiday closes the regency and its agencies but not its siblings. Saturdays and Sundays
are always off, whatever the rows say.

Each process keeps the days off of every body chain it has counted on in memory: reading
the table for every request cost ~4 ms (issue 14). ``CalendarSettings.version`` takes a new
random value at every change (``changed``, called by every calendar action inside its
transaction), and a cached calendar is used only while the stored value is the one it was
read under: every process sees a change on its next request after the commit. Writes that
bypass the actions (tests, the shell) clear this process's cache through model signals.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import threading
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import holidays
from django.conf import settings
from django.db.models import Q

from terbuka.prepared import Prepared
from terbuka.workdays import counting
from terbuka.workdays.models import CalendarDay, CalendarSettings, DayKind, Source

if TYPE_CHECKING:
    from terbuka.bodies.models import Body

# The years the library knows for Indonesia, and the years Terbuka accepts as input.
LIBRARY_FIRST_YEAR = 1946
LIBRARY_LAST_YEAR = 2100
MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True)
class LibraryDay:
    date: dt.date
    name: str
    kind: str  # DayKind.NATIONAL or DayKind.CUTI_BERSAMA


@functools.cache
def library_days(year: int) -> tuple[LibraryDay, ...]:
    """Indonesia's national holidays (PUBLIC) and cuti bersama (GOVERNMENT) for ``year``,
    with Indonesian names, as the pinned ``holidays`` library knows them.

    Lunar dates far ahead are the library's estimates (their names end in "(perkiraan)");
    cuti bersama exist only for years whose joint decree (SKB) the library already has.
    """
    if not LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR:
        return ()
    result: list[LibraryDay] = []
    for category, kind in ((holidays.PUBLIC, DayKind.NATIONAL), (holidays.GOVERNMENT, None)):
        found = holidays.country_holidays("ID", years=year, categories=(category,), language="id")
        for day, name in sorted(found.items()):
            result.append(LibraryDay(day, name, kind or DayKind.CUTI_BERSAMA))
    result.sort(key=lambda item: (item.date, item.kind))
    return tuple(result)


def cuti_bersama_is_day_off() -> bool:
    """The platform switch, read without creating the settings row (default: yes)."""
    value = (
        CalendarSettings.objects.filter(pk=1)
        .values_list("cuti_bersama_is_day_off", flat=True)
        .first()
    )
    return True if value is None else value


def imported_years() -> frozenset[int]:
    """Years that hold at least one imported national row, active or removed."""
    return frozenset(
        day.year
        for day in CalendarDay.objects.filter(source=Source.IMPORTED, body__isnull=True).dates(
            "date", "year"
        )
    )


class DaysOff(Mapping[dt.date, str]):
    """The non-working weekdays of one body: stored decisions plus, lazily, the library's
    national days for years with no imported rows.

    Iterating yields the stored days and the fallback days of the years already looked up;
    use ``in_year`` for a complete list of one year.
    """

    def __init__(
        self,
        *,
        stored: Mapping[dt.date, str],
        kept_working: frozenset[dt.date],
        decided: frozenset[dt.date],
        imported: frozenset[int],
        include_cuti_bersama: bool,
    ) -> None:
        self._stored = dict(stored)
        self._kept_working = kept_working
        # Dates a row decided (off or working): the library never overrides those.
        self._decided = decided
        self._imported = imported
        self._include_cuti_bersama = include_cuti_bersama
        self._fallback: dict[int, dict[dt.date, str]] = {}
        # The calendars built on these days, by service hours and time zone: kept with the
        # days (and cached with them), so a calendar's running count of working days per
        # year (``counting.Calendar.working_days_to``) is built once per process, not per
        # request (the public log counted ~9,000 days a page).
        self.calendars: dict[tuple[dt.time | None, bool, str], counting.Calendar] = {}

    def _fallback_year(self, year: int) -> dict[dt.date, str]:
        if year not in self._fallback:
            days: dict[dt.date, list[str]] = {}
            if year not in self._imported:
                for item in library_days(year):
                    if item.date.weekday() >= counting.SATURDAY:
                        continue
                    if item.kind == DayKind.CUTI_BERSAMA and not self._include_cuti_bersama:
                        continue
                    if item.date in self._decided:
                        continue
                    days.setdefault(item.date, []).append(item.name)
            self._fallback[year] = {day: "; ".join(names) for day, names in days.items()}
        return self._fallback[year]

    def __getitem__(self, day: dt.date) -> str:
        if day in self._kept_working:
            raise KeyError(day)
        if day in self._stored:
            return self._stored[day]
        return self._fallback_year(day.year)[day]

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        try:
            self[day]
        except KeyError:
            return False
        return True

    def _known(self) -> dict[dt.date, str]:
        known = dict(self._stored)
        for year_days in self._fallback.values():
            known.update(year_days)
        return known

    def __iter__(self) -> Iterator[dt.date]:
        return iter(sorted(self._known()))

    def __len__(self) -> int:
        return len(self._known())

    def in_year(self, year: int) -> dict[dt.date, str]:
        self._fallback_year(year)
        return {day: name for day, name in sorted(self._known().items()) if day.year == year}


_cache: dict[tuple[int, ...], tuple[int, DaysOff]] = {}
_cache_lock = threading.Lock()


# Compiled once per process (``terbuka/prepared.py``): the version is read on every page
# that shows a deadline, and building the query each time cost more than running it.
_VERSION = Prepared(lambda: CalendarSettings.objects.filter(pk=1).values_list("version"))


def version() -> int:
    """The calendar's stored version: one indexed single-row read."""
    rows = _VERSION.rows()
    return (rows[0][0] if rows else None) or 0


def changed() -> None:
    """Mark the calendar changed for every process (inside the changing transaction)."""
    CalendarSettings.objects.get_or_create(pk=1)
    CalendarSettings.objects.filter(pk=1).update(version=secrets.randbits(62))
    clear_cache()


def clear_cache(**_ignored: object) -> None:
    """Forget this process's calendars (also a model signal receiver)."""
    with _cache_lock:
        _cache.clear()


def _chain(body: Body | None) -> list[int]:
    """Body ids from the body itself up to the root: the order of precedence."""
    if body is None:
        return []
    return [body.pk, *(ancestor.pk for ancestor in body.ancestors())]


def days_off(body: Body | None = None, *, current: int | None = None) -> DaysOff:
    """Non-working weekdays for ``body`` (national ones plus its own and its ancestors'
    overrides: a regency's holiday also closes the regency's agencies), from this
    process's cache while the calendar has not changed. ``current``: the calendar's
    version if the caller read it already (a loop over many bodies reads it once)."""
    chain = _chain(body)
    if current is None:
        current = version()
    key = tuple(chain)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] == current:
        return hit[1]
    found = _read_days_off(chain)
    with _cache_lock:
        _cache[key] = (current, found)
    return found


def _read_days_off(chain: list[int]) -> DaysOff:
    include_cuti_bersama = cuti_bersama_is_day_off()
    rows = _rows(include_cuti_bersama, chain)
    return _decide(chain, rows, include_cuti_bersama, imported_years())


Row = tuple[dt.date, str, bool, int | None]


def _rows(include_cuti_bersama: bool, body_ids: Iterable[int]) -> list[Row]:
    """The active rows that may decide a date for these bodies: national and their own."""
    rows = CalendarDay.objects.filter(is_active=True).filter(
        Q(body__isnull=True) | Q(body_id__in=list(body_ids))
    )
    if not include_cuti_bersama:
        rows = rows.exclude(kind=DayKind.CUTI_BERSAMA, is_day_off=True)
    return list(rows.order_by("date", "id").values_list("date", "name", "is_day_off", "body_id"))


def _decide(
    chain: list[int], rows: Iterable[Row], include_cuti_bersama: bool, imported: frozenset[int]
) -> DaysOff:
    national_level = len(chain)
    # For each date, the rows of the nearest level decide.
    levels: dict[dt.date, tuple[int, list[tuple[str, bool]]]] = {}
    for day, name, is_day_off, body_id in rows:
        if day.weekday() >= counting.SATURDAY:
            continue
        if body_id is not None and body_id not in chain:
            continue  # another body's own day (a bulk read holds several chains)
        level = national_level if body_id is None else chain.index(body_id)
        current = levels.get(day)
        if current is None or level < current[0]:
            levels[day] = (level, [(name, is_day_off)])
        elif level == current[0]:
            current[1].append((name, is_day_off))
    stored: dict[dt.date, str] = {}
    kept_working: set[dt.date] = set()
    for day, (_level, decisions) in levels.items():
        if any(not is_day_off for _name, is_day_off in decisions):
            kept_working.add(day)
        else:
            names = list(dict.fromkeys(name for name, _off in decisions))
            stored[day] = "; ".join(names)
    return DaysOff(
        stored=stored,
        kept_working=frozenset(kept_working),
        decided=frozenset(levels),
        imported=imported,
        include_cuti_bersama=include_cuti_bersama,
    )


def _calendar(body: Body, days: DaysOff) -> counting.Calendar:
    return _on(days, body.closes_at, body.after_hours_next_day, body.timezone)


def _on(
    days: DaysOff, closes_at: dt.time | None, after_hours_next_day: bool, timezone: str
) -> counting.Calendar:
    key = (closes_at, after_hours_next_day, timezone)
    found = days.calendars.get(key)
    if found is None:
        found = days.calendars[key] = counting.Calendar(
            days_off=days,
            closes_at=closes_at,
            after_hours_next_day=after_hours_next_day,
            tzinfo=zoneinfo.ZoneInfo(timezone),
        )
    return found


def for_body(body: Body | None = None, *, current: int | None = None) -> counting.Calendar:
    """The calendar deadlines of ``body`` count on (the national one for ``None``);
    ``current`` as for ``days_off``."""
    if body is None:
        return _on(days_off(None, current=current), None, True, settings.TIME_ZONE)
    return _calendar(body, days_off(body, current=current))


def for_bodies(bodies: Iterable[Body]) -> dict[int, counting.Calendar]:
    """The calendars of many bodies (by id), the same as ``for_body`` gives one by one, in
    a fixed number of queries however many bodies there are: a page over a whole province
    (the coordination dashboard) must not cost a query per body. Link the bodies' parents
    first (one read of the tree) or ``ancestors`` asks for each chain."""
    bodies = list(bodies)
    chains = {body.pk: tuple(_chain(body)) for body in bodies}
    current = version()
    found: dict[tuple[int, ...], DaysOff] = {}
    missing: list[tuple[int, ...]] = []
    with _cache_lock:
        for chain in set(chains.values()):
            hit = _cache.get(chain)
            if hit is not None and hit[0] == current:
                found[chain] = hit[1]
            else:
                missing.append(chain)
    if missing:
        include_cuti_bersama = cuti_bersama_is_day_off()
        imported = imported_years()
        rows = _rows(include_cuti_bersama, {pk for chain in missing for pk in chain})
        for chain in missing:
            found[chain] = _decide(list(chain), rows, include_cuti_bersama, imported)
        with _cache_lock:
            for chain in missing:
                _cache[chain] = (current, found[chain])
    return {body.pk: _calendar(body, found[chains[body.pk]]) for body in bodies}


@dataclass(frozen=True)
class ListedDay:
    """One line of the public calendar: a holiday or override and whether it counts."""

    date: dt.date
    name: str
    kind: str
    kind_label: str
    body_name: str  # "" for a national day
    is_day_off: bool  # what the row says
    counts_as_day_off: bool  # what the calendar in use makes of the date
    from_library: bool  # not stored: computed from the library for a year not imported

    @property
    def on_weekend(self) -> bool:
        return self.date.weekday() >= counting.SATURDAY


def listing(body: Body | None, year: int) -> list[ListedDay]:
    """Every holiday, cuti bersama and override that applies to ``body`` in ``year``."""
    calendar = for_body(body)
    chain = _chain(body)
    rows = (
        CalendarDay.objects.filter(is_active=True, date__year=year)
        .filter(Q(body__isnull=True) | Q(body_id__in=chain))
        .select_related("body")
        .order_by("date", "id")
    )
    labels = dict(DayKind.choices)
    result = [
        ListedDay(
            date=row.date,
            name=row.name,
            kind=row.kind,
            kind_label=str(labels.get(row.kind, row.kind)),
            body_name=row.body.name if row.body is not None else "",
            is_day_off=row.is_day_off,
            counts_as_day_off=not calendar.is_working_day(row.date),
            from_library=False,
        )
        for row in rows
    ]
    if year not in imported_years():
        for item in library_days(year):
            result.append(
                ListedDay(
                    date=item.date,
                    name=item.name,
                    kind=item.kind,
                    kind_label=str(labels[item.kind]),
                    body_name="",
                    is_day_off=True,
                    counts_as_day_off=not calendar.is_working_day(item.date),
                    from_library=True,
                )
            )
    result.sort(key=lambda item: (item.date, item.body_name != "", item.kind))
    return result
