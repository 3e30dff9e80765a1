"""``manage.py berkala_alerts`` and the dashboard: berkala information past its 6-monthly
update (UU 14/2008 Pasal 9(3)) is reminded once per period and listed per body."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from terbuka.catalog import actions
from terbuka.catalog.models import Category, Entry
from terbuka.testing import PASSWORD, make_entry

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Last updated 3 February 2025: the next update is due on 3 August 2025.
LAST_UPDATE = dt.date(2025, 2, 3)


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def run_alerts() -> str:
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("berkala_alerts", stdout=out)
    return out.getvalue()


def test_an_entry_is_stale_only_after_its_update_date(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, last_updated_on=LAST_UPDATE)
    assert entry.next_update_due == dt.date(2025, 8, 3)
    with time_machine.travel(at(dt.date(2025, 8, 3), 20), tick=False):
        assert not Entry.objects.update_overdue().exists()
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        assert list(Entry.objects.update_overdue()) == [entry]


def test_it_counts_from_the_bodys_own_date(world: Any) -> None:
    world.agency_a.timezone = "Asia/Jayapura"
    world.agency_a.save(update_fields=["timezone"])
    make_entry(world.pelaksana_a, world.agency_a, last_updated_on=LAST_UPDATE)
    make_entry(world.pelaksana_b, world.agency_b, last_updated_on=LAST_UPDATE)
    # 22:30 WIB on 3 August is already 4 August in a WIT body.
    with time_machine.travel(at(dt.date(2025, 8, 3), 22) + dt.timedelta(minutes=30), tick=False):
        stale = Entry.objects.update_overdue()
        assert [entry.body for entry in stale] == [world.agency_a]


def test_it_reminds_the_officers_once_per_period(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, last_updated_on=LAST_UPDATE)
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        title="Laporan keuangan 2024",
        last_updated_on=dt.date(2025, 7, 1),
    )
    with time_machine.travel(at(dt.date(2025, 8, 3)), tick=False):
        run_alerts()
    assert mail.outbox == []
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        assert "1" in run_alerts()
        run_alerts()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "pelaksana.a@example.test" in message.to
    assert "utama@example.test" in message.to
    assert "pelaksana.b@example.test" not in message.to
    assert entry.title in message.body
    assert "Laporan keuangan 2024" not in message.body
    assert "Pasal 9 ayat 3" in message.body
    assert reverse("catalog:dashboard") in message.body
    # Marked updated: the next period gets its own reminder when it runs out.
    with time_machine.travel(at(dt.date(2025, 8, 5)), tick=False):
        actions.mark_updated(actor=world.pelaksana_a, entry=entry)
    with time_machine.travel(at(dt.date(2026, 2, 6)), tick=False):
        run_alerts()
        run_alerts()
    assert len(mail.outbox) == 2
    assert entry.title in mail.outbox[1].body
    assert "Laporan keuangan 2024" in mail.outbox[1].body  # stale since 1 January 2026


def test_it_sends_one_message_per_body(world: Any) -> None:
    make_entry(
        world.pelaksana_a, world.agency_a, title="Profil Dinkes", last_updated_on=LAST_UPDATE
    )
    make_entry(world.pelaksana_a, world.agency_a, title="LAKIP Dinkes", last_updated_on=LAST_UPDATE)
    make_entry(world.pelaksana_b, world.agency_b, title="Profil PUPR", last_updated_on=LAST_UPDATE)
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        run_alerts()
    assert len(mail.outbox) == 2
    by_recipient = {
        "pelaksana.a@example.test" in message.to: message.body for message in mail.outbox
    }
    assert "Profil Dinkes" in by_recipient[True] and "LAKIP Dinkes" in by_recipient[True]
    assert "Profil PUPR" in by_recipient[False]
    assert "Profil PUPR" not in by_recipient[True]


def test_it_does_not_remind_of_unpublished_or_other_categories(world: Any) -> None:
    make_entry(world.pelaksana_a, world.agency_a, last_updated_on=LAST_UPDATE, is_published=False)
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        last_updated_on=LAST_UPDATE,
        category=Category.SETIAP_SAAT,
    )
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        run_alerts()
    assert mail.outbox == []


def test_the_dashboard_lists_stale_entries_per_body_for_the_utama(world: Any, client: Any) -> None:
    make_entry(
        world.pelaksana_a, world.agency_a, title="Profil Dinkes", last_updated_on=LAST_UPDATE
    )
    make_entry(world.pelaksana_b, world.agency_b, title="Profil PUPR", last_updated_on=LAST_UPDATE)
    make_entry(
        world.regency_officer,
        world.regency_agency,
        title="Profil Dinkes Barut",
        last_updated_on=LAST_UPDATE,
    )
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        client.login(username="utama", password=PASSWORD)
        content = client.get(reverse("catalog:dashboard")).content.decode()
        assert world.agency_a.name in content and world.agency_b.name in content
        assert "Profil Dinkes" in content and "Profil PUPR" in content
        assert "Profil Dinkes Barut" not in content
        assert "Tandai sudah diperbarui" in content
        client.login(username="pelaksana.a", password=PASSWORD)
        content = client.get(reverse("catalog:dashboard")).content.decode()
        assert "Profil Dinkes" in content
        assert "Profil PUPR" not in content
