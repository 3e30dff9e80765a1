"""The calendar in the admin: saves and deletes go through the actions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.testing import World
from terbuka.workdays import actions
from terbuka.workdays.models import CalendarDay, CalendarSettings, DayKind, Source

pytestmark = pytest.mark.django_db

ADD = reverse("admin:workdays_calendarday_add")


def day_form(**overrides: str) -> dict[str, str]:
    data = {
        "date": "2025-08-15",
        "name": "Hari Jadi Provinsi",
        "kind": DayKind.REGIONAL,
        "body": "",
        "is_day_off": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def admin_client(client: Client, world: World) -> Client:
    client.force_login(world.admin)
    return client


def test_it_adds_a_day_through_the_action(admin_client: Client, world: World) -> None:
    response = admin_client.post(ADD, day_form(body=str(world.regency.pk)))
    assert response.status_code == 302
    day = CalendarDay.objects.get()
    assert day.body == world.regency
    assert day.source == Source.MANUAL
    record = AuditRecord.objects.get(action="workdays.add_day")
    assert record.actor == world.admin


def test_it_refuses_a_working_saturday_with_a_clear_message(
    admin_client: Client, world: World
) -> None:
    data = day_form(date="2025-03-29", body=str(world.regency.pk))
    del data["is_day_off"]
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "Aturan akhir pekan tidak dapat diubah." in response.content.decode()
    assert not CalendarDay.objects.exists()
    assert not AuditRecord.objects.exclude(action__startswith="role.").exists()


def test_it_refuses_a_duplicate_with_a_clear_message(admin_client: Client) -> None:
    admin_client.post(ADD, day_form())
    response = admin_client.post(ADD, day_form(name="Dua kali"))
    assert response.status_code == 200
    assert "Sudah ada hari libur berjenis ini" in response.content.decode()
    assert CalendarDay.objects.count() == 1


def test_it_changes_a_day_through_the_action(admin_client: Client, world: World) -> None:
    day = actions.add_day(
        actor=world.admin, date=dt.date(2025, 8, 15), name="Hari Jadi", kind=DayKind.REGIONAL
    )
    url = reverse("admin:workdays_calendarday_change", args=[day.pk])
    response = admin_client.post(url, day_form(date="2025-08-14", name="Hari Jadi"))
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.date == dt.date(2025, 8, 14)
    assert AuditRecord.objects.filter(action="workdays.change_day").exists()


def test_it_keeps_a_deleted_imported_day_as_removed(admin_client: Client) -> None:
    call_command("import_holidays", "2025", stdout=io.StringIO())
    good_friday = CalendarDay.objects.get(date=dt.date(2025, 4, 18))
    url = reverse("admin:workdays_calendarday_delete", args=[good_friday.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    good_friday.refresh_from_db()
    assert good_friday.is_active is False
    assert AuditRecord.objects.filter(action="workdays.remove_day").exists()


def test_it_removes_and_restores_days_in_bulk(admin_client: Client, world: World) -> None:
    days = [
        actions.add_day(
            actor=world.admin, date=dt.date(2025, 8, d), name="Libur", kind=DayKind.EXTRA
        )
        for d in (11, 12)
    ]
    changelist = reverse("admin:workdays_calendarday_changelist")
    ids = [str(day.pk) for day in days]
    admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert not CalendarDay.objects.filter(is_active=True).exists()
    assert CalendarDay.objects.count() == 2
    admin_client.post(changelist, {"action": "restore_days", "_selected_action": ids})
    assert CalendarDay.objects.filter(is_active=True).count() == 2


def test_it_lists_days_by_year(admin_client: Client) -> None:
    call_command("import_holidays", "2025", "2026", stdout=io.StringIO())
    changelist = reverse("admin:workdays_calendarday_changelist")
    response = admin_client.get(changelist, {"date__year": "2026", "kind": "cuti_bersama"})
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert len(shown) == 8  # the eight cuti bersama days of 2026
    assert {day.date.year for day in shown} == {2026}
    assert "Cuti Bersama Hari Raya Natal" in response.content.decode()


def test_it_switches_cuti_bersama_through_the_action(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:workdays_calendarsettings_changelist"))
    assert response.status_code == 302
    url = reverse("admin:workdays_calendarsettings_change", args=[1])
    response = admin_client.post(url, {})
    assert response.status_code == 302
    assert CalendarSettings.load().cuti_bersama_is_day_off is False
    assert AuditRecord.objects.filter(action="workdays.set_cuti_bersama_rule").exists()


def test_it_keeps_the_calendar_from_officers_without_admin_rights(
    client: Client, world: World
) -> None:
    client.force_login(world.utama)
    response = client.post(ADD, day_form())
    assert response.status_code == 302  # to the admin login page
    assert not CalendarDay.objects.exists()


def test_it_shows_a_removed_day_read_only(admin_client: Client, world: World) -> None:
    day = actions.add_day(
        actor=world.admin, date=dt.date(2025, 8, 15), name="Hari Jadi", kind=DayKind.REGIONAL
    )
    actions.remove_day(actor=world.admin, day=day)
    url = reverse("admin:workdays_calendarday_change", args=[day.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="name"' not in response.content.decode()
    assert admin_client.get(ADD).status_code == 200
    changelist = admin_client.get(reverse("admin:workdays_calendarday_changelist"))
    assert changelist.status_code == 200
    assert "Jumat" in changelist.content.decode()
