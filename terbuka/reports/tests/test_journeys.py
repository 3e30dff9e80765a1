"""Browser journeys of the accountability layer in real headless Chromium, 360 px wide, no
JavaScript: the PPID Utama opens the coordination dashboard and downloads the rakor PDF,
then opens the year's annual report, writes its narrative (a refused save keeps what he
typed), finalises it, sees it published and starts a new version; a requester whose
request was answered rates the service through the survey link on his request's page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from terbuka import law
from terbuka.reports.models import AnnualReport, Status
from terbuka.requests.tests.test_journeys import fits, log_in
from terbuka.survey.models import Answer
from terbuka.testing import grant_request, submit_request

pytestmark = pytest.mark.browser


def test_journey_the_ppid_utama_writes_and_finalises_the_annual_report(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    grant_request(world.utama, submit_request(world, body=world.agency_a))
    year = timezone.localdate().year

    log_in(page, base, world.utama.username)
    # The coordination dashboard: the hub's units with their figures, and the rakor PDF.
    page.goto(base + "/koordinasi/")
    assert fits(page)
    dashboard = page.locator("main").inner_text()
    assert world.agency_a.name in dashboard and world.agency_b.name in dashboard
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF untuk rakor").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(base + "/laporan/tahunan/")
    page.select_option("#id_badan", world.province.slug)
    page.fill("#id_tahun", str(year))
    page.get_by_role("button", name="Buka", exact=True).click()
    page.wait_for_url(re.compile(rf"/laporan/tahunan/{world.province.slug}/{year}/$"))
    assert "Belum ada laporan tahunan untuk tahun ini." in page.locator("main").inner_text()
    page.get_by_role("button", name="Susun draf laporan").click()
    page.wait_for_load_state()
    assert fits(page)
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


def test_journey_a_requester_rates_the_service_through_the_survey(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    info_request = grant_request(world.utama, submit_request(world, body=world.agency_a))

    log_in(page, base, world.requester.username)
    page.goto(base + info_request.get_absolute_url())
    page.get_by_role("link", name="Isi survei kepuasan").click()
    page.wait_for_load_state()
    assert fits(page)
    # One element left out: refused, and the ratings given are kept.
    codes = [code for code, _label in law.SKM_ELEMENTS]
    for code in codes[:-1]:
        page.check(f"input[name='{code}'][value='4']")
    page.fill("#id_comment", "Petugasnya cepat.")
    page.get_by_role("button", name="Kirim penilaian").click()
    page.wait_for_load_state()
    assert "Ada unsur yang belum dinilai" in page.locator("main").inner_text()
    assert page.is_checked(f"input[name='{codes[0]}'][value='4']")
    assert page.input_value("#id_comment") == "Petugasnya cepat."
    page.check(f"input[name='{codes[-1]}'][value='3']")
    page.get_by_role("button", name="Kirim penilaian").click()
    page.wait_for_load_state()

    main = page.locator("main").inner_text()
    assert "Terima kasih. Penilaian Anda sudah kami terima." in page.content()
    assert "sudah diisi" in main  # the link answers once
    answer = Answer.objects.get(info_request=info_request)
    assert answer.scores() == {**dict.fromkeys(codes[:-1], 4), codes[-1]: 3}
    page.get_by_role("link", name="Lihat hasil survei kepuasan").click()
    page.wait_for_load_state()
    results = page.locator("main").inner_text()
    assert world.agency_a.name in results
    assert "Petugasnya cepat." not in results and world.requester.get_full_name() not in results
