"""The requester's journey on a 360 px phone (issue 13), in real Chromium with JavaScript
on: he registers, picks the regency's health office by typing part of its name, sends the
form with an error, corrects it, lands on the receipt's own URL (a reload sends nothing
again), downloads the receipt as PDF and prints it (the print stylesheet leaves only the
receipt)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from terbuka.requests.forms import body_label
from terbuka.requests.models import InfoRequest
from terbuka.requests.tests.test_journeys import fits, verification_path

pytestmark = pytest.mark.browser

SUBJECT = "Jumlah tenaga kesehatan per puskesmas di Barito Utara tahun 2024"


def test_journey_register_correct_a_mistake_and_keep_the_receipt(
    live_server: Any, world: Any, script_page: Any, tmp_path: Path
) -> None:
    page, base = script_page, live_server.url

    # He signs up from the menu, follows the e-mailed link and completes his identity.
    page.goto(base + "/")
    page.locator("summary.menu-button").click()
    page.get_by_role("link", name="Buat akun").click()
    page.fill("#id_username", "warga.muara.teweh")
    page.fill("#id_email", "warga.muara.teweh@example.test")
    page.fill("#id_password1", "sandi-panjang-sekali-42")
    page.fill("#id_password2", "sandi-panjang-sekali-42")
    page.check("input[name=requester_type][value=individual]")
    page.fill("#id_full_name", "Rina Marlina")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(base + verification_path())
    page.goto(base + "/akun/profil/")
    page.fill("#id_nik", "6271014101900001")
    page.fill("#id_address", "Jl. Yetro Sinseng No. 2, Muara Teweh")
    page.fill("#id_phone", "081300000008")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # The picker: an abbreviation, or part of the name and the regency, leaves one body.
    page.goto(base + "/permohonan/baru/")
    page.fill("#id_body_filter", "pupr")  # an abbreviation finds the body
    assert page.input_value("#id_body") == body_label(world.agency_b)
    page.fill("#id_body_filter", "kesehatan barito")
    assert page.input_value("#id_body") == body_label(world.regency_agency)
    assert page.locator("#id_body_filter_status").inner_text() == "1 badan publik cocok"
    assert fits(page)

    # He forgets the details of what he asks: the summary takes focus and leads there.
    page.fill("#id_purpose", "Pemantauan layanan kesehatan oleh warga")
    page.check("input[name=how_to_obtain][value=softcopy]")
    page.select_option("#id_delivery", "email")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a[href='#id_subject']").click()
    assert page.evaluate("document.activeElement.id") == "id_subject"
    assert page.input_value("#id_purpose") == "Pemantauan layanan kesehatan oleh warga"  # kept
    assert page.input_value("#id_body") == body_label(world.regency_agency)
    page.fill("#id_subject", SUBJECT)
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/permohonan/[0-9a-f-]+/tanda-terima/$"))

    # The receipt's own URL: a reload shows it again and sends nothing.
    page.reload()
    info_request = InfoRequest.objects.get()
    assert info_request.body == world.regency_agency
    assert info_request.number in page.locator("main").inner_text()
    assert fits(page)

    # The PDF, downloaded.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh tanda bukti (PDF)").click()
    pdf = tmp_path / "tanda-bukti.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # Printed: the receipt without the header, the footer or the buttons.
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator("footer.site-footer").is_visible()
    assert not page.get_by_role("link", name="Unduh tanda bukti (PDF)").is_visible()
    assert page.locator("strong.request-number").is_visible()
