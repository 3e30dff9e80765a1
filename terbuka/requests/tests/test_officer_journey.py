"""The officer's case page in real headless Chromium (issue 13).

The page's height at 1280 px, measured and printed (before this page was organised around
the work it was 5,012 px tall in the issue's screenshots), and the journey of an officer
who lands on the inbox after login, finds a request by its number, forwards it and answers
it with a partial grant without scrolling back more than one screen after any action: each
action returns to the section that changed, with its message there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.requests.models import InfoRequest, Status
from terbuka.requests.tests.conftest import chromium_context, first_page
from terbuka.requests.tests.test_journeys import log_in
from terbuka.testing import draft_answer, forward_to_a, submit_request

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def desk_page(tmp_path: Any) -> Iterator[Any]:
    """Headless Chromium on an office screen (1280 × 800), JavaScript on, a fresh profile
    each time."""
    with chromium_context(tmp_path, viewport=WIDE, locale="id-ID") as context:
        yield first_page(context)


def page_height(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def test_it_measures_the_case_page_at_1280(live_server: Any, world: Any, desk_page: Any) -> None:
    page, base = desk_page, live_server.url
    fresh = submit_request(world)
    drafted = submit_request(world, subject="Data tenaga kesehatan per puskesmas 2024")
    draft_answer(world, forward_to_a(world, drafted))
    log_in(page, base, world.utama.username)
    heights: dict[str, int] = {}
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for name, info_request in (("received", fresh), ("draft in", drafted)):
            page.goto(f"{base}/permohonan/petugas/{info_request.public_id}/")
            heights[f"{name} at {width}"] = page_height(page)
            if os.environ.get("TERBUKA_SHOTS"):
                shot = f"{os.environ['TERBUKA_SHOTS']}/{name}-{width}.png"
                page.screenshot(path=shot, full_page=True)
    # Before: 5,729 (received) and 5,773 px (draft in) at 1280 in this test's own run;
    # after: 2,345 and 2,208 (3,348 and 3,187 at 360).
    print(f"case page heights (px): {heights}")
    assert heights["received at 1280"] < 5012 / 2, heights
    assert heights["draft in at 1280"] < 5012 / 2, heights
    assert heights["received at 360"] < 6322 / 1.5, heights


def assert_landed_at(page: Any, anchor: str, message: str) -> None:
    """After an action the page shows the section that changed, its message on screen: no
    scrolling back to find where one was."""
    assert page.url.endswith("#" + anchor), page.url
    box = page.locator(f"#{anchor} .messages").bounding_box()
    assert box is not None
    viewport = page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport, (box, viewport)
    section_top = page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
    assert abs(section_top) < viewport, section_top
    assert message in page.locator(f"#{anchor} .messages").inner_text()


def test_journey_officer_finds_forwards_and_grants_in_part(
    live_server: Any, world: Any, desk_page: Any
) -> None:
    page, base = desk_page, live_server.url
    wanted = submit_request(world, subject="Data jumlah guru honorer per sekolah 2024")
    for n in range(30):  # a full inbox: the request is not on the first screen
        submit_request(world, subject=f"Permintaan lain nomor {n}")

    # He logs in and lands on his inbox, then finds the request by its number.
    log_in(page, base, world.utama.username)
    assert page.url == base + "/permohonan/petugas/"
    page.fill("#id_q", wanted.number)
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name=wanted.number).click()
    page.wait_for_url(re.compile(r"/permohonan/petugas/[0-9a-f-]{36}/$"))
    assert "Disposisikan ke PPID Pelaksana" in page.locator(".next-step").inner_text()

    # He forwards it to the health agency: back at the disposisi, its message there.
    page.check(f"input[name=units][value='{world.agency_a.pk}']")
    page.fill("#id_instruction", "Mohon siapkan data guru honorer 2024.")
    page.fill("#id_internal_due_date", wanted.due_date.isoformat())
    page.get_by_role("button", name="Kirim disposisi").click()
    page.wait_for_load_state()
    assert_landed_at(page, "disposisi", "didisposisikan")

    # He answers with a partial grant: the notice form shows that outcome's fields only.
    page.select_option("#id_outcome", "granted_in_part")
    assert page.locator("#id_withheld").is_visible()
    assert not page.locator("#id_exemption_ground").is_visible()
    page.fill("#id_material", "Jumlah guru honorer per sekolah 2024")
    page.fill("#id_withheld", "Nama guru dihitamkan: data pribadi (Pasal 17 huruf h).")
    page.select_option("#id_form", "hardcopy")
    page.select_option("#id_delivery", "pickup")
    page.get_by_role("button", name="Simpan draf pemberitahuan").click()
    page.wait_for_load_state()
    assert_landed_at(page, "pemberitahuan", "Draf pemberitahuan tertulis sudah disimpan")

    page.check("#id_confirm")
    page.get_by_role("button", name="Kirim pemberitahuan tertulis").click()
    page.wait_for_load_state()
    assert_landed_at(page, "pemberitahuan", "sudah dikirim")
    wanted.refresh_from_db()
    assert wanted.status == Status.ANSWERED
    assert wanted.notice.outcome == "granted_in_part"
    assert not InfoRequest.objects.filter(pk=wanted.pk, notice__exemption_ground__gt="").exists()
