"""Blacking out a NIK in real headless Chromium: with the keyboard on the page image
(the marking script), and through the plain form rows with JavaScript off."""

from __future__ import annotations

import re
from typing import Any

import pytest

from terbuka.redaction.models import Redaction
from terbuka.redaction.tests.removal import assert_pdf_free_of
from terbuka.redaction.tests.test_redact_view import draft_with_nik
from terbuka.requests import files
from terbuka.requests.tests.test_journeys import fits, log_in

pytestmark = pytest.mark.browser


def test_journey_marking_a_nik_with_the_keyboard(
    live_server: Any, world: Any, script_page: Any
) -> None:
    page, base = script_page, live_server.url
    info_request, draft = draft_with_nik(world)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )

    log_in(page, base, world.utama.username)
    page.goto(f"{base}/permohonan/petugas/{info_request.public_id}/")
    page.get_by_role("link", name="Hitamkan penerima.pdf").click()
    page.wait_for_url(re.compile(r"/hitamkan/berkas/"))
    page.locator(".redact-canvas img").first.wait_for()
    page.get_by_role("button", name="Tandai bagian di halaman 1").click()
    # The box starts at 0.1–0.4 × 0.1–0.15 of the page; the NIK runs to x ≈ 0.44.
    box = page.locator(".redact-box.draft")
    assert box.evaluate("element => element === document.activeElement")
    for _step in range(5):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")

    assert page.locator("#id_area-0-page").input_value() == "1"
    assert page.locator("#id_area-0-x1").input_value() == "0.45"
    assert page.locator("#id_area-0-ground").input_value() == "h"
    assert "disimpan" in page.locator("#redact-status").inner_text()
    page.get_by_role("button", name="Hitamkan dan simpan sebagai berkas baru").click()
    page.wait_for_url(re.compile(r"/permohonan/petugas/"))

    assert "penerima-dihitamkan.pdf dibuat" in page.locator("main").inner_text()
    redaction = Redaction.objects.get(source=draft)
    assert redaction.areas == [
        {"page": 1, "x0": 0.1, "y0": 0.1, "x1": 0.45, "y1": 0.15, "ground": "h"}
    ]
    assert_pdf_free_of(files.open_file(redaction.result))
    assert not [e for e in errors if "Content Security Policy" in e or "Uncaught" in e]


def test_journey_the_form_rows_without_javascript(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    info_request, draft = draft_with_nik(world)

    log_in(page, base, world.pelaksana_a.username)
    page.goto(f"{base}/permohonan/petugas/{info_request.public_id}/")
    # Without JavaScript the draft sits in its folded section: open it, then follow the link.
    link = page.get_by_role("link", name="Hitamkan penerima.pdf")
    if not link.is_visible():
        page.locator("details.case-section:has(a:text('Hitamkan')) > summary").first.click()
    link.click()
    page.wait_for_url(re.compile(r"/hitamkan/berkas/"))
    assert fits(page)
    assert page.get_by_role("button", name="Tandai bagian di halaman 1").is_hidden()
    page.fill("#id_area-0-page", "1")
    page.fill("#id_area-0-x0", "0.1")
    page.fill("#id_area-0-y0", "0.09")
    page.fill("#id_area-0-x1", "0.46")
    page.fill("#id_area-0-y1", "0.13")
    page.select_option("#id_area-0-ground", "h.3")
    page.get_by_role("button", name="Hitamkan dan simpan sebagai berkas baru").click()
    page.wait_for_url(re.compile(r"/permohonan/petugas/"))

    redaction = Redaction.objects.get(source=draft)
    assert redaction.areas[0]["ground"] == "h.3"
    assert_pdf_free_of(files.open_file(redaction.result))
