"""``manage.py import_holidays``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from terbuka.audit.models import AuditRecord
from terbuka.testing import World
from terbuka.workdays import actions
from terbuka.workdays.models import CalendarDay, DayKind, Source

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_holidays", *args, stdout=out)
    return out.getvalue()


def test_it_imports_national_days_and_cuti_bersama_in_indonesian() -> None:
    output = run("2024", "2030")
    assert "2025: 28 ditambahkan" in output
    idul_fitri = CalendarDay.objects.get(date=dt.date(2025, 3, 31))
    assert idul_fitri.name == "Hari Raya Idul Fitri"
    assert idul_fitri.kind == DayKind.NATIONAL
    assert idul_fitri.source == Source.IMPORTED
    assert idul_fitri.body is None
    cuti = CalendarDay.objects.get(date=dt.date(2025, 4, 2))
    assert cuti.kind == DayKind.CUTI_BERSAMA
    assert cuti.name == "Cuti Bersama Hari Raya Idul Fitri"
    years = {day.year for day in CalendarDay.objects.dates("date", "year")}
    assert years == set(range(2024, 2031))
    assert AuditRecord.objects.filter(action="workdays.import_holidays").count() == 1


def test_it_changes_nothing_when_run_twice() -> None:
    run("2024", "2030")
    before = list(CalendarDay.objects.order_by("id").values())
    output = run("2024", "2030")
    assert list(CalendarDay.objects.order_by("id").values()) == before
    assert "0 ditambahkan, 0 diperbarui" in output
    assert "Selesai: 0 perubahan" in output
    assert AuditRecord.objects.filter(action="workdays.import_holidays").count() == 1


def test_it_never_brings_back_a_day_an_admin_removed(world: World) -> None:
    run("2025")
    good_friday = CalendarDay.objects.get(date=dt.date(2025, 4, 18))
    actions.remove_day(actor=world.admin, day=good_friday)
    output = run("2025")
    good_friday.refresh_from_db()
    assert good_friday.is_active is False
    assert "1 tetap dihapus" in output


def test_it_never_overwrites_a_manual_day(world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 12, 25),
        name="Natal (keputusan daerah)",
        kind=DayKind.NATIONAL,
    )
    output = run("2025")
    manual = CalendarDay.objects.get(date=dt.date(2025, 12, 25), kind=DayKind.NATIONAL)
    assert manual.name == "Natal (keputusan daerah)"
    assert manual.source == Source.MANUAL
    assert "1 dibiarkan (entri manual)" in output


def test_it_withdraws_an_imported_day_the_library_no_longer_has() -> None:
    run("2025")
    stale = CalendarDay.objects.create(
        date=dt.date(2025, 7, 1),
        name="Perkiraan lama",
        kind=DayKind.NATIONAL,
        source=Source.IMPORTED,
    )
    output = run("2025")
    stale.refresh_from_db()
    assert stale.is_active is False
    assert "1 ditarik" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dua-ribu"], "Tahun tidak valid"),
        (["2030", "2024"], "tidak boleh sebelum"),
        (["1899"], "di luar rentang"),
    ],
)
def test_it_refuses_bad_years_with_exit_status_2(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as error:
        run(*args)
    assert error.value.returncode == 2
    assert not CalendarDay.objects.exists()


def test_it_says_in_its_help_that_far_lunar_dates_are_estimates() -> None:
    from terbuka.workdays.management.commands.import_holidays import Command

    assert "perkiraan" in Command.help


def test_it_keeps_an_admins_move_of_an_imported_day(world: World) -> None:
    run("2025")
    good_friday = CalendarDay.objects.get(date=dt.date(2025, 4, 18), kind=DayKind.NATIONAL)
    moved = actions.change_day(
        actor=world.admin,
        day=good_friday,
        date=dt.date(2025, 4, 17),
        name="Wafat Yesus Kristus (digeser)",
        kind=DayKind.NATIONAL,
        body=None,
        is_day_off=True,
    )
    assert moved.pk != good_friday.pk
    assert moved.source == Source.MANUAL
    good_friday.refresh_from_db()
    assert good_friday.is_active is False
    run("2025")
    active = CalendarDay.objects.filter(is_active=True, name__startswith="Wafat Yesus")
    assert [day.date for day in active] == [dt.date(2025, 4, 17)]


def test_it_refuses_to_move_a_day_onto_another_of_the_same_kind(world: World) -> None:
    run("2025")
    idul_fitri = CalendarDay.objects.get(date=dt.date(2025, 3, 31), kind=DayKind.NATIONAL)
    with pytest.raises(ValidationError, match="Sudah ada"):
        actions.change_day(
            actor=world.admin,
            day=idul_fitri,
            date=dt.date(2025, 4, 1),
            name="Hari Raya Idul Fitri",
            kind=DayKind.NATIONAL,
            body=None,
            is_day_off=True,
        )
    idul_fitri.refresh_from_db()
    assert idul_fitri.is_active
