"""Changes to the working-day calendar. The admin, commands and tests all go through here.

Each change is atomic, validated, recorded in the audit trail (who, what, when) and then
announced through ``hooks.calendar_changed`` so that the deadlines of open cases are
recomputed (DOMAIN.md "Working days") inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka import pagecache
from terbuka.audit import log
from terbuka.workdays import calendar, hooks
from terbuka.workdays.models import CalendarDay, CalendarSettings, Source

if TYPE_CHECKING:
    from terbuka.bodies.models import Body


def _describe(day: CalendarDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "name": day.name,
        "kind": day.kind,
        "body": day.body.slug if day.body is not None else None,
        "is_day_off": day.is_day_off,
        "source": day.source,
        "is_active": day.is_active,
    }


def check_day(
    *,
    date: dt.date,
    name: str,
    kind: str,
    body: Body | None,
    is_day_off: bool,
    instance: CalendarDay | None = None,
    allow_removed: bool = False,
) -> None:
    """Raise ``ValidationError`` if this day may not be stored.

    The rules (DOMAIN.md "Working days"): weekends always stay non-working days (no
    ``is_day_off=False`` on a Saturday or Sunday), a "keep working" override needs a body,
    and one body (or the national calendar) has at most one active day of each kind per
    date. The admin form applies the same rules through the model's ``clean()`` and
    ``check_clash``.
    """
    candidate = CalendarDay(date=date, name=name, kind=kind, body=body, is_day_off=is_day_off)
    candidate.full_clean(validate_unique=False, validate_constraints=False)
    check_clash(date=date, kind=kind, body=body, instance=instance, allow_removed=allow_removed)


def check_clash(
    *,
    date: dt.date,
    kind: str,
    body: Body | None,
    instance: CalendarDay | None = None,
    allow_removed: bool = False,
) -> None:
    """Raise ``ValidationError`` if the scope already has a day of this kind on ``date``."""
    clash = CalendarDay.objects.filter(date=date, kind=kind)
    clash = clash.filter(body=body) if body is not None else clash.filter(body__isnull=True)
    if instance is not None and instance.pk is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.filter(is_active=True).exists():
        raise ValidationError(
            _("Sudah ada hari libur berjenis ini pada tanggal %(date)s untuk cakupan yang sama.")
            % {"date": date.isoformat()}
        )
    if not allow_removed and clash.exists():
        raise ValidationError(
            _(
                "Hari berjenis ini pada tanggal %(date)s pernah dihapus dari kalender."
                " Tambahkan sebagai hari baru untuk memulihkannya."
            )
            % {"date": date.isoformat()}
        )


def _announce(*, actor: Any, dates: Iterable[dt.date] | None, body: Body | None) -> None:
    calendar.changed()
    pagecache.bump()  # working days taken in the public log, the due dates shown
    hooks.calendar_changed(
        actor=actor, dates=None if dates is None else sorted(set(dates)), body=body
    )


def _store_manual(
    *, date: dt.date, name: str, kind: str, body: Body | None, is_day_off: bool
) -> CalendarDay:
    """Store an administrator's day, bringing back a removed row with the same key (the
    unique constraints allow one row per date, kind and scope)."""
    removed = CalendarDay.objects.select_for_update().filter(date=date, kind=kind, is_active=False)
    removed = removed.filter(body=body) if body is not None else removed.filter(body__isnull=True)
    day = removed.first()
    if day is None:
        return CalendarDay.objects.create(
            date=date,
            name=name,
            kind=kind,
            body=body,
            is_day_off=is_day_off,
            source=Source.MANUAL,
        )
    day.name = name
    day.is_day_off = is_day_off
    day.is_active = True
    day.source = Source.MANUAL
    day.save(update_fields=["name", "is_day_off", "is_active", "source", "updated_at"])
    return day


@transaction.atomic
def add_day(
    *,
    actor: Any,
    date: dt.date,
    name: str,
    kind: str,
    body: Body | None = None,
    is_day_off: bool = True,
) -> CalendarDay:
    """Add a non-working day (or, with ``is_day_off=False``, a body's "keep working"
    override). Re-adding a removed day brings its row back instead of duplicating it."""
    check_day(date=date, name=name, kind=kind, body=body, is_day_off=is_day_off, allow_removed=True)
    day = _store_manual(date=date, name=name, kind=kind, body=body, is_day_off=is_day_off)
    log.record(
        actor=actor,
        action="workdays.add_day",
        obj=day,
        summary=_("Hari ditambahkan ke kalender: %(day)s") % {"day": day},
        detail=_describe(day),
    )
    _announce(actor=actor, dates=[date], body=body)
    return day


@transaction.atomic
def change_day(
    *,
    actor: Any,
    day: CalendarDay,
    date: dt.date,
    name: str,
    kind: str,
    body: Body | None,
    is_day_off: bool,
) -> CalendarDay:
    """Edit a day; the audit record keeps what it was before.

    Moving an imported day (another date, kind or body) removes the imported row and stores
    the administrator's day beside it, so that a later import cannot bring the old date
    back. Other edits happen in place and make the row manual for the same reason.
    """
    locked = (
        CalendarDay.objects.select_for_update(of=("self",)).select_related("body").get(pk=day.pk)
    )
    if not locked.is_active:
        raise ValidationError(_("Hari ini sudah dihapus dari kalender; tambahkan kembali."))
    old_date, old_body = locked.date, locked.body
    moved = (old_date, locked.kind, locked.body_id) != (date, kind, body.pk if body else None)
    replace = moved and locked.source == Source.IMPORTED
    check_day(
        date=date,
        name=name,
        kind=kind,
        body=body,
        is_day_off=is_day_off,
        instance=locked,
        allow_removed=replace,
    )
    before = _describe(locked)
    if replace:
        locked.is_active = False
        locked.save(update_fields=["is_active", "updated_at"])
        result = _store_manual(date=date, name=name, kind=kind, body=body, is_day_off=is_day_off)
    else:
        locked.date = date
        locked.name = name
        locked.kind = kind
        locked.body = body
        locked.is_day_off = is_day_off
        locked.source = Source.MANUAL
        locked.save()
        result = locked
    log.record(
        actor=actor,
        action="workdays.change_day",
        obj=result,
        summary=_("Hari pada kalender diubah: %(day)s") % {"day": result},
        detail={"before": before, "after": _describe(result), "replaced_id": locked.pk},
    )
    same_body = (old_body.pk if old_body else None) == (body.pk if body else None)
    _announce(actor=actor, dates=[old_date, date], body=body if same_body else None)
    return result


@transaction.atomic
def remove_day(*, actor: Any, day: CalendarDay) -> CalendarDay:
    """Take a day out of the calendar. The row stays (``is_active=False``) as history, and
    so that a later import does not bring an imported holiday back."""
    locked = (
        CalendarDay.objects.select_for_update(of=("self",)).select_related("body").get(pk=day.pk)
    )
    if not locked.is_active:
        raise ValidationError(_("Hari ini sudah dihapus dari kalender."))
    locked.is_active = False
    locked.save(update_fields=["is_active", "updated_at"])
    log.record(
        actor=actor,
        action="workdays.remove_day",
        obj=locked,
        summary=_("Hari dihapus dari kalender: %(day)s") % {"day": locked},
        detail=_describe(locked),
    )
    _announce(actor=actor, dates=[locked.date], body=locked.body)
    return locked


@transaction.atomic
def restore_day(*, actor: Any, day: CalendarDay) -> CalendarDay:
    """Put a removed day back into the calendar."""
    locked = (
        CalendarDay.objects.select_for_update(of=("self",)).select_related("body").get(pk=day.pk)
    )
    if locked.is_active:
        raise ValidationError(_("Hari ini masih berlaku."))
    check_day(
        date=locked.date,
        name=locked.name,
        kind=locked.kind,
        body=locked.body,
        is_day_off=locked.is_day_off,
        instance=locked,
    )
    locked.is_active = True
    locked.save(update_fields=["is_active", "updated_at"])
    log.record(
        actor=actor,
        action="workdays.restore_day",
        obj=locked,
        summary=_("Hari dikembalikan ke kalender: %(day)s") % {"day": locked},
        detail=_describe(locked),
    )
    _announce(actor=actor, dates=[locked.date], body=locked.body)
    return locked


@transaction.atomic
def set_cuti_bersama_rule(*, actor: Any, is_day_off: bool) -> CalendarSettings:
    """Switch whether cuti bersama counts as a non-working day for every body."""
    CalendarSettings.objects.get_or_create(pk=1)
    settings = CalendarSettings.objects.select_for_update().get(pk=1)
    if settings.cuti_bersama_is_day_off == is_day_off:
        return settings
    settings.cuti_bersama_is_day_off = is_day_off
    settings.save(update_fields=["cuti_bersama_is_day_off", "updated_at"])
    log.record(
        actor=actor,
        action="workdays.set_cuti_bersama_rule",
        obj=settings,
        summary=(
            _("Cuti bersama kini dihitung bukan hari kerja.")
            if is_day_off
            else _("Cuti bersama kini dihitung hari kerja.")
        ),
        detail={"cuti_bersama_is_day_off": is_day_off},
    )
    _announce(actor=actor, dates=None, body=None)
    return settings


@dataclass
class YearImport:
    year: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_removed: int = 0  # removed by an administrator: never brought back
    kept_manual: int = 0  # a manual row holds that date and kind: never overwritten
    withdrawn: int = 0  # imported earlier, no longer in the library (a revised estimate)


@transaction.atomic
def import_library_days(*, actor: Any, years: Iterable[int]) -> list[YearImport]:
    """Import national holidays and cuti bersama from the ``holidays`` library.

    Idempotent: a second run with the same library changes nothing. Days an administrator
    removed stay removed; manual rows are never overwritten.
    """
    summaries: list[YearImport] = []
    changed_dates: set[dt.date] = set()
    for year in years:
        summary = YearImport(year=year)
        existing = {
            (row.date, row.kind): row
            for row in CalendarDay.objects.select_for_update().filter(
                body__isnull=True, date__year=year
            )
        }
        wanted = set()
        for item in calendar.library_days(year):
            wanted.add((item.date, item.kind))
            row = existing.get((item.date, item.kind))
            if row is None:
                CalendarDay.objects.create(
                    date=item.date, name=item.name, kind=item.kind, source=Source.IMPORTED
                )
                summary.added += 1
                changed_dates.add(item.date)
            elif row.source == Source.MANUAL:
                summary.kept_manual += 1
            elif not row.is_active:
                summary.kept_removed += 1
            elif row.name != item.name:
                row.name = item.name
                row.save(update_fields=["name", "updated_at"])
                summary.updated += 1
            else:
                summary.unchanged += 1
        for key, row in existing.items():
            if key not in wanted and row.source == Source.IMPORTED and row.is_active:
                row.is_active = False
                row.save(update_fields=["is_active", "updated_at"])
                summary.withdrawn += 1
                changed_dates.add(row.date)
        summaries.append(summary)
    if any(s.added or s.updated or s.withdrawn for s in summaries):
        log.record(
            actor=actor,
            action="workdays.import_holidays",
            summary=_("Hari libur diimpor dari pustaka holidays"),
            detail={"years": [s.year for s in summaries], "counts": [vars(s) for s in summaries]},
        )
        _announce(actor=actor, dates=changed_dates, body=None)
    return summaries
