"""The site on a phone (issue 13), in real headless Chromium without JavaScript: no page
scrolls sideways at 320 or 360 px, the menu opens from the keyboard, the current page is
marked, the favicon is found, and an empty request form puts focus on its error summary.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from terbuka.requests.tests.test_journeys import fits, log_in
from terbuka.testing import submit_request

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/cari/?q=anggaran",
    "/dip/",
    "/badan-publik/",
    "/permohonan/",
    "/permohonan/baru/",
    "/kalender/",
    "/survei/hasil/",
    "/akun/masuk/",
    "/akun/daftar/",
]
REQUESTER_PAGES = ["/permohonan/saya/", "/akun/profil/", "/privasi/saya/"]
OFFICER_PAGES = ["/permohonan/petugas/", "/dip/petugas/", "/akun/profil/", "/laporan/statistik/"]


# Links in lists and tables, pagination, buttons and menu buttons: WCAG 2.5.8 asks 24 px
# (links inside running text are exempt).
SMALL_TARGETS = """
[...document.querySelectorAll(
  'main li > a, main td a, main .pagination a, main button, main summary, '
  + 'header a, header button, header summary'
)].filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 24)
 .map(e => e.outerHTML.slice(0, 80))
"""


def small_targets(page: Any) -> list[str]:
    return list(page.evaluate(SMALL_TARGETS))


def check_widths(page: Any, base: str, paths: list[str]) -> None:
    for width in (320, 360):
        page.set_viewport_size({"width": width, "height": 740})
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status == 200, path
            if os.environ.get("TERBUKA_SCREENSHOTS"):
                name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=f"{os.environ['TERBUKA_SCREENSHOTS']}/{width}-{name}.png")
            assert fits(page), f"{path} scrolls sideways at {width} px"
            assert small_targets(page) == [], (path, small_targets(page))


def test_it_fits_phone_widths_for_visitors_requesters_and_officers(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    info_request = submit_request(world, body=world.agency_a)
    check_widths(page, base, PUBLIC_PAGES)

    log_in(page, base, world.requester.username)
    check_widths(page, base, [*REQUESTER_PAGES, f"/permohonan/{info_request.public_id}/"])
    assert_row_in_view(page, base + "/permohonan/saya/", info_request.number)
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()

    log_in(page, base, world.pelaksana_a.username)
    check_widths(page, base, OFFICER_PAGES)
    assert_row_in_view(page, base + "/permohonan/petugas/", info_request.number)


def assert_row_in_view(page: Any, url: str, number: str) -> None:
    """At 360 px a list row shows number, body, status and deadline without scrolling."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url)
    row = page.locator("table.stack tbody tr").first
    for label in ("Nomor", "Badan publik", "Status", "Batas waktu"):
        cell = row.locator(f"td[data-label='{label}']")
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, label
    assert number in row.inner_text()


def test_it_opens_the_menu_from_the_keyboard_and_marks_the_current_page(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    page.goto(base + "/badan-publik/")
    menu_link = page.locator("nav.main-nav a", has_text="Cari informasi")
    assert not menu_link.is_visible()  # closed: the header is one line
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details.menu').open")
    assert menu_link.is_visible()
    if os.environ.get("TERBUKA_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['TERBUKA_SCREENSHOTS']}/360-menu-open.png")
    current = page.locator("nav.main-nav a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Daftar badan publik"
    # The languages are named in their own language, each marked with its language.
    assert page.locator("button[lang=en]").inner_text() == "English"
    assert page.locator("button[lang=id]").inner_text() == "Bahasa Indonesia"
    assert page.get_by_role("link", name="Buat akun").is_visible()
    header_height = page.evaluate("document.querySelector('.header-row').offsetHeight")
    assert header_height <= 70, header_height


def test_it_answers_the_favicon(live_server: Any, world: Any, browser_page: Any) -> None:
    page, base = browser_page, live_server.url
    assert page.request.get(base + "/favicon.ico").status == 200
    page.goto(base + "/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(base + icon).status == 200


def test_it_focuses_the_error_summary_after_an_empty_request(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    log_in(page, base, world.requester.username)
    page.goto(base + "/permohonan/baru/")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    if os.environ.get("TERBUKA_SCREENSHOTS"):
        page.screenshot(
            path=f"{os.environ['TERBUKA_SCREENSHOTS']}/360-empty-request.png", full_page=True
        )
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert page.evaluate("'#' + document.activeElement.id") == target
    assert fits(page)


def test_it_counts_characters_and_lets_a_long_paste_through_to_be_refused(
    live_server: Any, world: Any, script_page: Any
) -> None:
    page, base = script_page, live_server.url
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    # A refused script (CSP) shows in the console; the 400 of the invalid form is expected.
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Refused" in message.text else None,
    )
    log_in(page, base, world.requester.username)
    page.goto(base + "/permohonan/baru/")
    counter = page.locator("#id_subject_counter")
    assert counter.inner_text() == "0 dari 5.000 karakter"
    assert page.locator("#id_subject").get_attribute("maxlength") is None
    page.fill("#id_subject", "x" * 5001)
    assert counter.inner_text() == "Terlalu panjang: 5.001 dari paling banyak 5.000 karakter"
    assert "counter-over" in (counter.get_attribute("class") or "")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()
    assert page.locator("#id_subject").input_value() == "x" * 5001  # kept, not cut
    assert page.locator(".error-summary a[href='#id_subject']").is_visible()
    assert problems == []


def test_it_shows_the_menu_open_on_a_wide_screen(
    live_server: Any, world: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + "/dip/")
    if os.environ.get("TERBUKA_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['TERBUKA_SCREENSHOTS']}/1280-dip.png")
    assert not page.locator("summary.menu-button").is_visible()
    assert page.locator("nav.main-nav a", has_text="Cari informasi").is_visible()
    assert page.locator("button[lang=en]").is_visible()
    assert fits(page)
