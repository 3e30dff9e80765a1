"""Browser journeys in real headless Chromium (Debian ``chromium`` through Playwright).

Journey 1: a visitor fills in the request form, registers through the real registration
form and the verification link, completes his identity, submits and sees the number and
due date; the PPID Utama forwards it, the Pelaksana drafts an answer with a PDF, the Utama
prepares the notice (choosing the outcome first, as a page without JavaScript does) and
sends it; the requester downloads the PDF.
Journey 2: an operator registers a walk-in request and sees its number.
Both run 360 px wide with JavaScript switched off.

Skipped with a clear message when Chromium is missing, failed instead under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from terbuka.requests.models import InfoRequest, Status
from terbuka.testing import PASSWORD, tiny_pdf

pytestmark = pytest.mark.browser


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def fits(page: Any) -> bool:
    """No sideways scrolling of the page itself at the window's width (wide tables
    scroll in their own box).

    A click that follows a link returns once the new page has started loading; until the
    browser has parsed it there is no ``documentElement`` to measure, so this waits for
    the page that is loading, not the one being left."""
    page.wait_for_load_state()
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def verification_path() -> str:
    match = re.search(r"https?://[^/\s]+(/akun/verifikasi/\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_journey_request_to_downloaded_answer(
    live_server: Any, world: Any, browser_page: Any, tmp_path: Path
) -> None:
    page = browser_page
    base = live_server.url

    # A visitor starts from a body's page link and fills in the form before having an account.
    page.goto(f"{base}/permohonan/baru/?badan={world.agency_a.slug}")
    assert page.input_value("#id_body").startswith("Dinas Kesehatan")
    page.fill("#id_subject", "Jumlah tenaga kesehatan per puskesmas tahun 2024")
    page.fill("#id_purpose", "Liputan jurnalistik")
    page.check("input[name=how_to_obtain][value=softcopy]")
    page.select_option("#id_delivery", "email")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/akun/masuk/"))

    # He registers through the real form and follows the link in the verification e-mail.
    page.get_by_role("link", name="Daftar sebagai pemohon").click()
    page.fill("#id_username", "warga.jurnalis")
    page.fill("#id_email", "warga.jurnalis@example.test")
    page.fill("#id_password1", "sandi-panjang-sekali-42")
    page.fill("#id_password2", "sandi-panjang-sekali-42")
    page.check("input[name=requester_type][value=individual]")
    page.fill("#id_full_name", "Dewi Lestari")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(base + verification_path())

    # Back on the form, what he typed is still there; the law needs his identity first.
    page.wait_for_url(re.compile(r"/permohonan/baru/"))
    assert page.input_value("#id_subject") == "Jumlah tenaga kesehatan per puskesmas tahun 2024"
    page.get_by_role("link", name="Lengkapi profil Anda").click()
    page.fill("#id_nik", "6271014101900001")
    page.fill("#id_address", "Jl. G. Obos No. 7, Palangka Raya")
    page.fill("#id_phone", "081300000007")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/permohonan/baru/"))
    assert page.input_value("#id_subject") == "Jumlah tenaga kesehatan per puskesmas tahun 2024"
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/tanda-terima/"))

    info_request = InfoRequest.objects.get()
    assert info_request.number and info_request.due_date
    assert fits(page)
    receipt = page.locator("main").inner_text()
    assert info_request.number in receipt
    assert page.locator("time.due-date").get_attribute("datetime") == (
        info_request.due_date.isoformat()
    )
    log_out(page)

    # The PPID Utama forwards it to the Pelaksana of the health agency.
    log_in(page, base, world.utama.username)
    page.goto(base + "/permohonan/petugas/")
    page.get_by_role("link", name=info_request.number).click()
    page.check(f"input[name=units][value='{world.agency_a.pk}']")
    page.fill("#id_instruction", "Mohon siapkan data tenaga kesehatan 2024.")
    page.fill("#id_internal_due_date", (dt.date.today() + dt.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Kirim disposisi").click()
    page.wait_for_load_state()
    assert "didisposisikan" in page.locator(".messages").inner_text()
    assert fits(page)
    log_out(page)

    # The Pelaksana drafts the answer with a PDF.
    pdf = tmp_path / "data-nakes-2024.pdf"
    pdf.write_bytes(tiny_pdf("Data nakes 2024"))
    log_in(page, base, world.pelaksana_a.username)
    page.goto(base + "/permohonan/petugas/")
    page.get_by_role("link", name=info_request.number).click()
    page.fill("textarea[name=draft_text]", "Terlampir data tenaga kesehatan per puskesmas.")
    page.set_input_files("input[name=documents]", str(pdf))
    page.get_by_role("button", name="Serahkan draf").click()
    page.wait_for_load_state()
    assert "Draf jawaban sudah diserahkan" in page.locator(".messages").inner_text()
    log_out(page)

    # The Utama prepares the notice, then sends it in a separate, confirmed step.
    log_in(page, base, world.utama.username)
    page.goto(f"{base}/permohonan/petugas/{info_request.public_id}/")
    # Without JavaScript the outcome is chosen first; the form then shows its fields only.
    page.check("input[name=keputusan][value=granted]")
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_load_state()
    assert page.input_value("#id_outcome") == "granted"
    assert not page.locator("#id_exemption_ground").is_visible()
    page.fill("#id_material", "Data tenaga kesehatan per puskesmas 2024 (1 berkas PDF)")
    page.get_by_role("button", name="Simpan draf pemberitahuan").click()
    page.wait_for_load_state()
    page.check("input[name=released_files]")
    page.check("#id_confirm")
    page.get_by_role("button", name="Kirim pemberitahuan tertulis").click()
    page.wait_for_load_state()
    assert "sudah dikirim" in page.locator(".messages").inner_text()
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    log_out(page)

    # The requester reads the notice and downloads the PDF.
    log_in(page, base, "warga.jurnalis", "sandi-panjang-sekali-42")
    page.goto(base + "/permohonan/saya/")
    page.get_by_role("link", name=info_request.number).click()
    page.wait_for_url(re.compile(rf"/permohonan/{info_request.public_id}/$"))
    assert "Dikabulkan seluruhnya" in page.locator("main").inner_text()
    assert fits(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="data-nakes-2024.pdf").click()
    download = download_info.value
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_journey_operator_registers_a_walk_in_request(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page = browser_page
    base = live_server.url
    log_in(page, base, world.operator.username)
    page.goto(base + "/permohonan/petugas/")
    page.get_by_role("link", name=re.compile("Daftarkan permohonan")).click()
    page.select_option("#id_body", str(world.province.pk))
    page.select_option("#id_channel", "walk_in")
    page.fill("#id_received_at", "2025-03-03T10:15")
    page.select_option("#id_requester_type", "individual")
    page.fill("#id_name", "Rahmat Hidayat")
    page.fill("#id_nik", "6271010505850002")
    page.fill("#id_address", "Jl. Yos Sudarso No. 3, Palangka Raya")
    page.fill("#id_phone", "0812000111")
    page.fill("#id_subject", "Rencana kerja dinas tahun 2025")
    page.select_option("#id_how_to_obtain", "view")
    page.get_by_role("button", name="Daftarkan dan beri nomor").click()
    page.wait_for_url(re.compile(r"/permohonan/petugas/[0-9a-f-]{36}/"))
    info_request = InfoRequest.objects.get()
    assert info_request.channel == "walk_in"
    assert info_request.number in page.locator(".messages").inner_text()
    assert info_request.number in page.locator("h1").inner_text()
