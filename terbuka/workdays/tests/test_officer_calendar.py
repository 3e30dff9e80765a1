"""The PPID Utama's calendar page: his bodies' days, with the admin's audit and recompute."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.testing import World, register_request
from terbuka.workdays import actions
from terbuka.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# DOMAIN.md's worked example: received Thursday 27 March 2025, due 22 April 2025.
RECEIVED = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)
NOW = dt.datetime(2025, 3, 27, 11, 0, tzinfo=WIB)


def page(body_slug: str) -> str:
    return reverse("workdays:manage_body", kwargs={"slug": body_slug})


def holiday(**overrides: str) -> dict[str, str]:
    data = {
        "date": "2025-04-10",
        "name": "Hari Jadi Provinsi",
        "kind": DayKind.REGIONAL,
        "is_day_off": "on",
    }
    data.update(overrides)
    return data


def login(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    return client


@time_machine.travel(NOW, tick=False)
def test_it_moves_an_open_requests_due_date_and_audits_the_change(
    client: Client, world: World
) -> None:
    info_request = register_request(world, received_at=RECEIVED)
    assert info_request.due_date == dt.date(2025, 4, 22)
    login(client, world.utama)
    response = client.post(page(world.province.slug) + "?tahun=2025", holiday())
    assert response.status_code == 302
    day = CalendarDay.objects.get(body=world.province)
    assert day.name == "Hari Jadi Provinsi"
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 4, 23)
    record = AuditRecord.objects.get(action="workdays.add_day")
    assert record.actor == world.utama
    # The page lists the day with its actions.
    listing = client.get(page(world.province.slug) + "?tahun=2025").content.decode()
    assert "Hari Jadi Provinsi" in listing
    assert reverse("workdays:day_edit", kwargs={"pk": day.pk}) in listing


@time_machine.travel(NOW, tick=False)
def test_it_edits_and_removes_a_day_like_the_admin(client: Client, world: World) -> None:
    info_request = register_request(world, received_at=RECEIVED)
    day = actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 10),
        name="Hari Jadi",
        kind=DayKind.REGIONAL,
        body=world.province,
    )
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 4, 23)
    login(client, world.utama)
    edit = reverse("workdays:day_edit", kwargs={"pk": day.pk})
    assert client.get(edit).status_code == 200
    response = client.post(edit, holiday(date="2025-04-30", name="Hari Jadi Provinsi"))
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.due_date == dt.date(2025, 4, 22)  # 30 April is after the due date
    assert AuditRecord.objects.get(action="workdays.change_day").actor == world.utama

    response = client.post(reverse("workdays:day_remove", kwargs={"pk": day.pk}))
    assert response.status_code == 302
    day.refresh_from_db()
    assert not day.is_active
    assert AuditRecord.objects.get(action="workdays.remove_day").actor == world.utama
    response = client.post(reverse("workdays:day_restore", kwargs={"pk": day.pk}))
    day.refresh_from_db()
    assert day.is_active


def test_it_keeps_a_national_holiday_a_working_day_for_a_unit(client: Client, world: World) -> None:
    login(client, world.utama)
    response = client.post(
        page(world.agency_a.slug),
        {"date": "2025-05-01", "name": "Tetap melayani", "kind": DayKind.NATIONAL},
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(body=world.agency_a)
    assert day.is_day_off is False


def test_it_shows_the_actions_refusal_on_the_form(client: Client, world: World) -> None:
    login(client, world.utama)
    # A Saturday cannot be made a working day.
    response = client.post(page(world.province.slug), holiday(date="2025-03-29", is_day_off=""))
    assert response.status_code == 400
    assert "Aturan akhir pekan tidak dapat diubah." in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_another_bodys_officer_cannot_change_the_calendar(client: Client, world: World) -> None:
    day = actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 10),
        name="Hari Jadi",
        kind=DayKind.REGIONAL,
        body=world.province,
    )
    login(client, world.regency_officer)
    assert client.post(page(world.province.slug), holiday(date="2025-04-11")).status_code == 403
    assert client.post(reverse("workdays:day_remove", kwargs={"pk": day.pk})).status_code == 403
    assert (
        client.post(reverse("workdays:day_edit", kwargs={"pk": day.pk}), holiday()).status_code
        == 403
    )
    # A PPID Pelaksana does not manage the calendar of his own unit either.
    login(client, world.pelaksana_a)
    assert client.get(page(world.agency_a.slug)).status_code == 403
    assert client.get(reverse("workdays:manage")).status_code == 403
    day.refresh_from_db()
    assert day.is_active and day.date == dt.date(2025, 4, 10)
    assert CalendarDay.objects.count() == 1


def test_it_lists_the_bodies_the_utama_serves(client: Client, world: World) -> None:
    login(client, world.utama)
    response = client.get(reverse("workdays:manage"))
    content = response.content.decode()
    assert world.province.name in content
    assert world.agency_a.name in content
    assert world.regency.name not in content
    login(client, world.regency_officer)
    content = client.get(reverse("workdays:manage")).content.decode()
    assert world.regency_agency.name in content
    assert world.province.name not in content


def test_national_days_stay_with_the_admin(client: Client, world: World) -> None:
    national = actions.add_day(
        actor=world.admin, date=dt.date(2025, 4, 10), name="Pemilu", kind=DayKind.ELECTION
    )
    login(client, world.admin)
    assert client.get(reverse("workdays:day_edit", kwargs={"pk": national.pk})).status_code == 404
