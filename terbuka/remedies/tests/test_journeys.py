"""Browser journeys of objections in real headless Chromium, 360 px wide, no JavaScript.

Journey 1: a refused request → the requester objects on ground a → the Atasan PPID upholds
with written reasons → the requester sees the 14-working-day window to the Komisi
Informasi and records that he goes there.
Journey 2: an overdue request → the requester sees ground c → objects → the Atasan grants
with an instruction → the PPID reports it carried out, and the requester sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from terbuka.remedies.models import Objection, Status
from terbuka.requests import actions as request_actions
from terbuka.requests.tests.test_journeys import fits, log_in, log_out
from terbuka.testing import register_request, submit_request

pytestmark = pytest.mark.browser


def test_journey_refusal_objection_upheld_to_the_commission(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    info_request = submit_request(world, body=world.agency_a)
    request_actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome="refused_exempt",
        exemption_ground="h.2",
        consequence_test="Rekam medis pasien adalah rahasia pribadi.",
    )
    request_actions.send_notice(actor=world.utama, info_request=info_request)

    log_in(page, base, world.requester.username)
    page.goto(f"{base}/permohonan/{info_request.public_id}/")
    assert "Alasan keberatan yang timbul" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ajukan keberatan").click()
    page.wait_for_url(re.compile(r"/keberatan/ajukan/"))
    assert fits(page)
    page.check("input[name=grounds][value=a]")
    page.fill("#id_case_description", "Saya hanya meminta jumlah pasien, bukan nama mereka.")
    page.get_by_role("button", name="Kirim keberatan").click()
    page.wait_for_url(re.compile(r"/keberatan/[0-9a-f-]{36}/$"))
    objection = Objection.objects.get()
    assert objection.number in page.locator("h1").inner_text()
    assert "Batas waktu tanggapan Atasan PPID" in page.locator("main").inner_text()
    log_out(page)

    log_in(page, base, world.atasan.username)
    page.goto(base + "/keberatan/petugas/")
    page.get_by_role("link", name=objection.number).click()
    page.wait_for_url(re.compile(rf"/keberatan/petugas/{objection.public_id}/$"))
    assert fits(page)
    page.check("input[name=decision][value=uphold]")
    page.get_by_role("button", name="Kirim tanggapan").click()
    assert "Pertimbangan tertulis" in page.locator("main").inner_text()  # refused: no reasons
    objection.refresh_from_db()
    assert objection.status == Status.RECEIVED
    page.check("input[name=decision][value=uphold]")
    page.fill("#id_reasons", "Nama pasien dikecualikan; jumlah pasien sudah diumumkan di DIP.")
    page.get_by_role("button", name="Kirim tanggapan").click()
    page.wait_for_load_state()
    objection.refresh_from_db()
    assert objection.status == Status.UPHELD
    log_out(page)

    log_in(page, base, world.requester.username)
    page.goto(f"{base}/keberatan/{objection.public_id}/")
    text = page.locator("main").inner_text()
    assert "Sengketa ke Komisi Informasi" in text and "jumlah pasien sudah diumumkan" in text
    page.check("input[name=response][value=to_commission]")
    page.get_by_role("button", name="Catat tanggapan").click()
    page.wait_for_load_state()
    objection.refresh_from_db()
    assert objection.response == "to_commission"
    assert fits(page)


def test_journey_overdue_request_objection_granted_and_carried_out(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    long_ago = timezone.now() - dt.timedelta(days=40)
    info_request = register_request(world, received_at=long_ago, requester=world.requester)
    assert info_request.is_overdue()

    log_in(page, base, world.requester.username)
    page.goto(f"{base}/keberatan/ajukan/{info_request.public_id}/")
    assert "Permohonan tidak ditanggapi" in page.locator("main").inner_text()
    page.check("input[name=grounds][value=c]")
    page.fill("#id_case_description", "Tidak ada pemberitahuan tertulis sampai batas waktu.")
    page.get_by_role("button", name="Kirim keberatan").click()
    page.wait_for_url(re.compile(r"/keberatan/[0-9a-f-]{36}/$"))
    objection = Objection.objects.get()
    log_out(page)

    log_in(page, base, world.atasan.username)
    page.goto(f"{base}/keberatan/petugas/{objection.public_id}/")
    page.check("input[name=decision][value=grant]")
    page.fill("#id_reasons", "PPID tidak menjawab dalam 10 hari kerja.")
    page.fill("#id_instruction", "Kirim pemberitahuan tertulis dan informasinya.")
    page.fill("#id_instruction_days", "5")
    page.get_by_role("button", name="Kirim tanggapan").click()
    page.wait_for_load_state()
    objection.refresh_from_db()
    assert objection.status == Status.GRANTED
    log_out(page)

    log_in(page, base, world.utama.username)
    page.goto(base + "/keberatan/petugas/?tampil=granted")
    page.get_by_role("link", name=objection.number).click()
    page.fill("#id_report", "Pemberitahuan tertulis dikirim hari ini.")
    page.get_by_role("button", name="Catat pelaksanaan").click()
    page.wait_for_load_state()
    objection.refresh_from_db()
    assert objection.status == Status.INSTRUCTION_DONE
    log_out(page)

    log_in(page, base, world.requester.username)
    page.goto(f"{base}/keberatan/{objection.public_id}/")
    assert "Pemberitahuan tertulis dikirim hari ini." in page.locator("main").inner_text()
