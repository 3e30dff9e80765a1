"""Browser journey of the annual report in real headless Chromium, 360 px wide, no
JavaScript: the PPID Utama opens last year's report, writes its narrative (a refused save
keeps what he typed), finalises it, sees it published and starts a new version."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from terbuka.reports.models import AnnualReport, Status
from terbuka.requests.tests.test_journeys import fits_360, log_in
from terbuka.testing import grant_request, submit_request

pytestmark = pytest.mark.browser


def test_journey_the_ppid_utama_writes_and_finalises_the_annual_report(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    grant_request(world.utama, submit_request(world, body=world.agency_a))
    year = timezone.localdate().year

    log_in(page, base, world.utama.username)
    page.goto(base + "/laporan/tahunan/")
    page.select_option("#id_badan", world.province.slug)
    page.fill("#id_tahun", str(year))
    page.get_by_role("button", name="Buka", exact=True).click()
    page.wait_for_url(re.compile(rf"/laporan/tahunan/{world.province.slug}/{year}/$"))
    assert "Belum ada laporan tahunan untuk tahun ini." in page.locator("main").inner_text()
    page.get_by_role("button", name="Susun draf laporan").click()
    page.wait_for_load_state()
    assert fits_360(page)
    main = page.locator("main").inner_text()
    assert "Permohonan diterima per bulan" in main  # a chart with its numbers
    assert page.locator("img[src^='data:image/svg+xml']").count() >= 1

    # Finalising an empty draft is refused with the sections to complete.
    page.get_by_role("button", name="Finalkan dan terbitkan").click()
    page.wait_for_load_state()
    assert "Lengkapi dulu bagian" in page.locator("main").inner_text()

    page.fill("#id_service_policy", "SK Gubernur tentang PPID.")
    page.fill("#id_facilities", "x" * 20_001)  # too long: refused, the rest is kept
    page.fill("#id_obstacles", "Petugas merangkap.")
    page.fill("#id_recommendations", "Menambah petugas.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert page.input_value("#id_service_policy") == "SK Gubernur tentang PPID."
    assert page.input_value("#id_obstacles") == "Petugas merangkap."
    page.fill("#id_facilities", "Satu meja layanan dan dua petugas.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assert "Draf laporan tahunan disimpan." in page.locator("main").inner_text()

    page.get_by_role("button", name="Finalkan dan terbitkan").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Laporan tahunan difinalkan dan diterbitkan di DIP." in main
    assert page.locator("#id_obstacles").count() == 0  # nothing to edit any more
    report = AnnualReport.objects.get(body=world.province, year=year)
    assert report.status == Status.FINAL and report.entry is not None

    page.get_by_role("link", name="Di DIP").click()
    page.wait_for_load_state()
    assert "Laporan layanan informasi publik" in page.locator("main").inner_text()

    page.go_back()
    page.get_by_role("button", name="Buat versi baru").click()
    page.wait_for_load_state()
    assert "Draf versi 2 dibuka." in page.locator("main").inner_text()
    assert page.input_value("#id_obstacles") == "Petugas merangkap."
