"""Browser journey of the coordination dashboard in real headless Chromium, 360 px wide,
no JavaScript: the province's PPID Utama opens the dashboard, sorts it, downloads the
rakor PDF, and from the table opens last year's annual report, writes and finalises it."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from terbuka.reports.models import AnnualReport, Status
from terbuka.requests.tests.test_journeys import fits, log_in
from terbuka.testing import grant_request, submit_request

pytestmark = pytest.mark.browser


def test_journey_the_ppid_utama_coordinates_and_finalises_a_report(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    grant_request(world.utama, submit_request(world, body=world.agency_a))
    submit_request(world, body=world.regency_agency, subject="Data posyandu")
    last_year = timezone.localdate().year - 1

    log_in(page, base, world.utama.username)
    page.goto(base + "/koordinasi/")
    main = page.locator("main").inner_text()
    assert "Dasbor koordinasi PPID" in main
    assert "Kabupaten Barito Utara" in main and "Dinas Kesehatan" in main
    assert "Dinas Kesehatan Kabupaten Barito Utara" not in main  # the regency: one row
    assert page.locator("img[src^='data:image/svg+xml']").count() >= 1
    assert fits(page)  # the wide table scrolls inside its own box

    page.get_by_role("link", name=re.compile("^Permohonan diterima")).click()
    page.wait_for_load_state()
    assert page.locator("th[aria-sort]").count() == 1

    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF untuk rakor").click()
    pdf = Path(info.value.path()).read_bytes()
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
    assert "Kabupaten Barito Utara" in " ".join(text.split())

    row = page.locator(f"tr[data-body='{world.province.slug}']")
    row.get_by_role("link", name="Belum ada").click()
    page.wait_for_url(re.compile(rf"/laporan/tahunan/{world.province.slug}/{last_year}/$"))
    page.get_by_role("button", name="Susun draf laporan").click()
    page.wait_for_load_state()
    page.fill("#id_service_policy", "SK Gubernur tentang PPID.")
    page.fill("#id_facilities", "Satu meja layanan dan dua petugas.")
    page.fill("#id_obstacles", "Petugas merangkap.")
    page.fill("#id_recommendations", "Menambah petugas.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Finalkan dan terbitkan").click()
    page.wait_for_load_state()
    assert "Laporan tahunan difinalkan dan diterbitkan di DIP." in page.locator("main").inner_text()
    report = AnnualReport.objects.get(body=world.province, year=last_year)
    assert report.status == Status.FINAL

    page.goto(base + "/koordinasi/")
    assert "Final (versi 1)" in page.locator(f"tr[data-body='{world.province.slug}']").inner_text()
