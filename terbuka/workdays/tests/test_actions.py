"""Calendar actions: validation, audit trail, history kept, recompute hook."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from terbuka.audit.models import AuditRecord
from terbuka.testing import World
from terbuka.workdays import actions, hooks
from terbuka.workdays.models import CalendarDay, CalendarSettings, DayKind, Source

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2025, 3, 29)


def add(world: World, **overrides: Any) -> CalendarDay:
    fields: dict[str, Any] = {
        "date": dt.date(2025, 8, 15),
        "name": "Hari Jadi Provinsi",
        "kind": DayKind.REGIONAL,
        "body": world.province,
    }
    fields.update(overrides)
    return actions.add_day(actor=world.admin, **fields)


def test_it_records_who_added_a_day(world: World) -> None:
    day = add(world)
    assert day.source == Source.MANUAL
    record = AuditRecord.objects.get(action="workdays.add_day")
    assert record.actor == world.admin
    assert record.object_id == str(day.pk)
    assert record.detail["date"] == "2025-08-15"
    assert record.detail["body"] == world.province.slug
    assert record.at is not None


def test_it_refuses_to_make_a_weekend_a_working_day(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        add(world, date=SATURDAY, is_day_off=False, name="Masuk Sabtu")
    assert "Sabtu atau Minggu" in " ".join(error.value.messages)
    assert not CalendarDay.objects.exists()
    assert not AuditRecord.objects.exclude(action__startswith="role.").exists()


def test_it_refuses_to_change_a_day_into_a_working_saturday(world: World) -> None:
    day = add(world, is_day_off=False, name="Tetap masuk")
    with pytest.raises(ValidationError):
        actions.change_day(
            actor=world.admin,
            day=day,
            date=SATURDAY,
            name="Tetap masuk",
            kind=DayKind.REGIONAL,
            body=world.province,
            is_day_off=False,
        )
    day.refresh_from_db()
    assert day.date == dt.date(2025, 8, 15)
    assert not AuditRecord.objects.filter(action="workdays.change_day").exists()


def test_it_refuses_a_national_working_day_override(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        add(world, body=None, is_day_off=False)
    assert "badan publik tertentu" in " ".join(error.value.messages)


def test_it_refuses_a_duplicate_day(world: World) -> None:
    add(world)
    with pytest.raises(ValidationError, match="Sudah ada"):
        add(world, name="Lagi")
    assert CalendarDay.objects.count() == 1


def test_it_keeps_a_removed_day_as_history(world: World) -> None:
    day = add(world)
    actions.remove_day(actor=world.admin, day=day)
    day.refresh_from_db()
    assert day.is_active is False
    assert AuditRecord.objects.filter(action="workdays.remove_day", actor=world.admin).exists()
    with pytest.raises(ValidationError):
        actions.remove_day(actor=world.admin, day=day)


def test_it_brings_a_removed_day_back_when_added_again(world: World) -> None:
    day = add(world)
    actions.remove_day(actor=world.admin, day=day)
    again = add(world, name="Hari Jadi Provinsi ke-68")
    assert again.pk == day.pk
    assert again.is_active
    assert CalendarDay.objects.count() == 1


def test_it_restores_a_removed_day(world: World) -> None:
    day = add(world)
    actions.remove_day(actor=world.admin, day=day)
    actions.restore_day(actor=world.admin, day=day)
    day.refresh_from_db()
    assert day.is_active
    assert AuditRecord.objects.filter(action="workdays.restore_day").exists()


def test_it_records_a_change_with_before_and_after(world: World) -> None:
    day = add(world)
    actions.change_day(
        actor=world.admin,
        day=day,
        date=dt.date(2025, 8, 14),
        name="Hari Jadi Provinsi",
        kind=DayKind.REGIONAL,
        body=world.province,
        is_day_off=True,
    )
    record = AuditRecord.objects.get(action="workdays.change_day")
    assert record.detail["before"]["date"] == "2025-08-15"
    assert record.detail["after"]["date"] == "2025-08-14"


def test_it_switches_cuti_bersama_and_records_it(world: World) -> None:
    settings = actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    assert settings.cuti_bersama_is_day_off is False
    assert CalendarSettings.load().cuti_bersama_is_day_off is False
    record = AuditRecord.objects.get(action="workdays.set_cuti_bersama_rule")
    assert record.actor == world.admin
    # Setting it to what it already is changes nothing and records nothing.
    actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    assert AuditRecord.objects.filter(action="workdays.set_cuti_bersama_rule").count() == 1


def test_it_tells_registered_callbacks_what_changed(
    world: World, heard: list[dict[str, Any]]
) -> None:
    day = add(world)
    assert heard[-1]["actor"] == world.admin
    assert heard[-1]["dates"] == [dt.date(2025, 8, 15)]
    assert heard[-1]["body"] == world.province
    actions.remove_day(actor=world.admin, day=day)
    assert heard[-1]["dates"] == [dt.date(2025, 8, 15)]
    actions.set_cuti_bersama_rule(actor=world.admin, is_day_off=False)
    assert heard[-1]["dates"] is None
    assert heard[-1]["body"] is None
    assert len(heard) == 3


def test_it_does_not_tell_callbacks_about_a_refused_change(
    world: World, heard: list[dict[str, Any]]
) -> None:
    with pytest.raises(ValidationError):
        add(world, date=SATURDAY, is_day_off=False)
    assert heard == []


def test_it_rolls_the_change_back_when_a_callback_fails(world: World) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("recompute failed")

    hooks.on_calendar_change(broken)
    try:
        with pytest.raises(RuntimeError):
            add(world)
    finally:
        hooks.disconnect(broken)
    # The callback ran inside the action's transaction: no day, no audit row.
    assert not CalendarDay.objects.exists()
    assert not AuditRecord.objects.exclude(action__startswith="role.").exists()


def test_it_registers_a_callback_once() -> None:
    def callback(**kwargs: Any) -> None:
        calls.append(kwargs)

    calls: list[dict[str, Any]] = []
    hooks.on_calendar_change(callback)
    hooks.on_calendar_change(callback)
    try:
        hooks.calendar_changed(actor=None, dates=[], body=None)
    finally:
        hooks.disconnect(callback)
    assert len(calls) == 1
    hooks.calendar_changed(actor=None, dates=[], body=None)
    assert len(calls) == 1
