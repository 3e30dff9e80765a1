"""A browser journey of a dispute in real headless Chromium, 360 px wide, no JavaScript:
the operator records the dispute from the upheld objection's page with its KI
registration, moves it to the pemeriksaan awal and schedules the hearing; the requester
sees the KI number and the hearing's date on her objection page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from terbuka.disputes.models import Dispute, Stage
from terbuka.disputes.tests.helpers import upheld_objection
from terbuka.requests.tests.conftest import browser_page
from terbuka.requests.tests.test_journeys import fits, log_in, log_out

__all__ = ["browser_page"]

pytestmark = pytest.mark.browser


def test_journey_the_operator_records_and_follows_the_dispute(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    objection = upheld_objection(world)
    today = timezone.localtime(timezone.now(), world.province.tzinfo).date()

    log_in(page, base, world.operator.username)
    page.goto(f"{base}/keberatan/petugas/{objection.public_id}/")
    page.get_by_role("link", name="Catat sengketa").click()
    page.wait_for_url(re.compile(r"/sengketa/petugas/catat/keberatan/"))
    assert fits(page)
    assert page.input_value("#id_commission") == "Komisi Informasi Provinsi Kalimantan Tengah"
    page.fill("#id_filed_on", today.isoformat())
    page.fill("#id_registration_number", "007/XII/KI-Kalteng-PS/2026")
    page.fill("#id_registered_on", today.isoformat())
    page.get_by_role("button", name="Catat sengketa").click()
    page.wait_for_url(re.compile(r"/sengketa/petugas/[0-9a-f-]{36}/$"))
    dispute = Dispute.objects.get()
    assert "007/XII/KI-Kalteng-PS/2026" in page.locator("h1").inner_text()
    assert fits(page)

    page.check("input[name=tahap-stage][value=preliminary]")
    page.get_by_role("button", name="Pindah tahap").click()
    page.wait_for_load_state()
    dispute.refresh_from_db()
    assert dispute.stage == Stage.PRELIMINARY
    page.fill("#id_sidang-at", f"{today.isoformat()}T23:30")
    page.select_option("#id_sidang-kind", "preliminary")
    page.fill("#id_sidang-place", "Ruang sidang KI Provinsi")
    page.get_by_role("button", name="Jadwalkan", exact=True).click()
    page.wait_for_load_state()
    assert dispute.hearings.count() == 1
    page.goto(base + "/sengketa/petugas/?tahap=preliminary")
    assert "007/XII/KI-Kalteng-PS/2026" in page.locator("main").inner_text()
    log_out(page)

    log_in(page, base, world.requester.username)
    page.goto(f"{base}/keberatan/{objection.public_id}/")
    text = page.locator("main").inner_text()
    assert "007/XII/KI-Kalteng-PS/2026" in text and "Pemeriksaan awal" in text
    assert "Ruang sidang KI Provinsi" not in text
    assert fits(page)
