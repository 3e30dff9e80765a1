"""An exemption whose period ended without a decision is no longer in force (PP 61/2010
Pasal 11): the public DIK shows it as ended, and the PPID opens it or extends it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions
from terbuka.catalog.models import Exemption, ExemptionState
from terbuka.testing import PASSWORD, make_exemption

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
END = dt.date(2025, 6, 30)
AFTER_END = dt.datetime(2025, 7, 1, 9, 0, tzinfo=WIB)
BEFORE_END = dt.datetime(2025, 6, 27, 9, 0, tzinfo=WIB)


def ended_and_in_force(world: Any) -> tuple[Exemption, Exemption]:
    ended = make_exemption(
        world.pelaksana_a, world.agency_a, title="Berkas audit investigasi BOK", period_end=END
    )
    in_force = make_exemption(world.pelaksana_a, world.agency_a, title="Data intelijen")
    return ended, in_force


def test_it_is_in_force_until_its_end(world: Any) -> None:
    ended, in_force = ended_and_in_force(world)
    with time_machine.travel(BEFORE_END, tick=False):
        assert set(Exemption.objects.in_force()) == {ended, in_force}
        assert not Exemption.objects.ended().exists()
    # On its last day it has ended, as the exemption alerts count it.
    with time_machine.travel(dt.datetime(2025, 6, 30, 9, 0, tzinfo=WIB), tick=False):
        assert list(Exemption.objects.ended()) == [ended]
        assert list(Exemption.objects.in_force()) == [in_force]


def test_the_public_dik_shows_it_as_ended(world: Any, client: Any) -> None:
    ended, in_force = ended_and_in_force(world)
    with time_machine.travel(AFTER_END, tick=False):
        content = client.get(reverse("catalog:exemptions")).content.decode()
        in_force_part, _sep, ended_part = content.partition('id="ended"')
        assert in_force.title in in_force_part
        assert ended.title not in in_force_part
        assert ended.title in ended_part
        assert "tidak lagi dikecualikan" in ended_part
        assert "PP 61/2010 Pasal 11" in ended_part
        detail = client.get(ended.get_absolute_url()).content.decode()
        assert "Berakhir — tidak lagi berlaku" in detail
        assert "belum diperpanjang" in detail
        dip = client.get(reverse("catalog:body_dip", kwargs={"slug": world.agency_a.slug}))
        assert "1 pengecualian telah berakhir" in dip.content.decode()


def test_the_ppid_opens_it_from_the_dashboard(world: Any, client: Any) -> None:
    ended, in_force = ended_and_in_force(world)
    with time_machine.travel(AFTER_END, tick=False):
        client.login(username="utama", password=PASSWORD)
        dashboard = client.get(reverse("catalog:dashboard")).content.decode()
        _before, _sep, ended_section = dashboard.partition('id="ended-title"')
        ended_section = ended_section.partition("</section>")[0]
        assert ended.title in ended_section and in_force.title not in ended_section
        open_url = reverse("catalog:exemption_open", kwargs={"public_id": ended.public_id})
        assert open_url in ended_section
        response = client.post(open_url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("catalog:entry_create"))
        ended.refresh_from_db()
        assert ended.state == ExemptionState.OPENED
        record = AuditRecord.objects.get(action="catalog.exemption.open")
        assert record.actor == world.utama
        assert record.detail["had_ended"] is True
        # Neither in force nor waiting for a decision any more; its page says it is open.
        content = client.get(reverse("catalog:exemptions")).content.decode()
        assert ended.title not in content
        detail = client.get(ended.get_absolute_url()).content.decode()
        assert "Pengecualian informasi ini telah dicabut" in detail
        # Opening it twice is refused with a message, not an error page.
        response = client.post(open_url, follow=True)
        assert "sudah dibuka" in response.content.decode()


def test_another_bodys_officer_cannot_open_it(world: Any, client: Any) -> None:
    ended, _in_force = ended_and_in_force(world)
    client.login(username="pelaksana.b", password=PASSWORD)
    url = reverse("catalog:exemption_open", kwargs={"public_id": ended.public_id})
    assert client.post(url).status_code == 403
    ended.refresh_from_db()
    assert ended.state == ExemptionState.ACTIVE


def test_giving_an_ended_exemption_a_later_end_extends_it(world: Any) -> None:
    ended, _in_force = ended_and_in_force(world)
    with time_machine.travel(AFTER_END, tick=False):
        extended = actions.update_exemption(
            actor=world.pelaksana_a,
            exemption=ended,
            period_end=dt.date(2027, 6, 30),
            decided_on=dt.date(2025, 7, 1),
            approved_on=dt.date(2025, 7, 2),
        )
        assert extended.state == ExemptionState.EXTENDED
        assert extended.ended_notice_at is None
        assert list(Exemption.objects.ended()) == []
        assert extended in Exemption.objects.in_force()


def test_a_correction_before_the_end_is_not_an_extension(world: Any) -> None:
    ended, _in_force = ended_and_in_force(world)
    with time_machine.travel(BEFORE_END, tick=False):
        corrected = actions.update_exemption(
            actor=world.pelaksana_a, exemption=ended, period_end=dt.date(2025, 12, 31)
        )
    assert corrected.state == ExemptionState.ACTIVE


def test_the_dip_page_lists_what_is_in_force_on_each_bodys_own_date(
    world: Any, client: Any
) -> None:
    """The DIP page reads its DIK rows with a query compiled once per process, each time
    zone's today a value: at 23:30 WIB it is already the last day in a WIT body."""
    world.agency_b.timezone = "Asia/Jayapura"
    world.agency_b.save()
    wib = make_exemption(world.pelaksana_a, world.agency_a, title="Berkas WIB", period_end=END)
    wit = make_exemption(world.pelaksana_b, world.agency_b, title="Berkas WIT", period_end=END)
    with time_machine.travel(dt.datetime(2025, 6, 28, 12, 0, tzinfo=WIB), tick=False):
        page = client.get(reverse("catalog:dip")).content.decode()
        assert wib.title in page and wit.title in page
        assert "Ada pengecualian yang telah berakhir" not in page
    with time_machine.travel(dt.datetime(2025, 6, 29, 23, 30, tzinfo=WIB), tick=False):
        page = client.get(reverse("catalog:dip")).content.decode()
        assert wib.title in page and wit.title not in page
        assert "Ada pengecualian yang telah berakhir" in page
        assert f"{wib.public_id}/" in page and "30 Jun 2025" in page
