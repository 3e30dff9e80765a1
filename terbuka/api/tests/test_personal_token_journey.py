"""The token page in real headless Chromium, 360 px wide, no JavaScript: from the profile,
make a token with the keyboard, read it once, call the API with it, revoke it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from terbuka.api.tests.conftest import bearer
from terbuka.requests.tests.test_journeys import fits, log_in
from terbuka.testing import World, submit_request

pytestmark = pytest.mark.browser


def test_journey_make_use_and_revoke_a_personal_token(
    live_server: Any, world: World, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    mine = submit_request(world)
    log_in(page, base, world.requester.username)
    page.goto(base + "/akun/profil/")
    page.get_by_role("link", name="Token API pribadi (untuk aplikasi ponsel)").click()
    page.wait_for_url(re.compile(r"/akun/token-api/$"))
    assert "Anda belum membuat token." in page.locator("main").inner_text()
    assert fits(page)

    # By keyboard: the name's label, the validity's radio buttons, the submit button.
    page.get_by_label("Nama token").fill("Aplikasi ponsel")
    page.get_by_label("365 hari (satu tahun)").check()
    page.get_by_label("365 hari (satu tahun)").press("Enter")
    page.wait_for_load_state()
    secret = page.locator("#new-token-secret").input_value()
    assert secret.startswith("trb_")
    assert "tidak akan ditampilkan lagi" in page.locator("main").inner_text()
    assert fits(page)

    answer = Client().get("/api/v1/me/requests/", **bearer(secret))
    assert [item["number"] for item in answer.json()] == [mine.number]

    page.goto(base + "/akun/token-api/")
    assert secret not in page.content()
    page.get_by_role("button", name="Cabut Aplikasi ponsel").click()
    page.wait_for_load_state()
    assert "sudah dicabut" in page.locator("main").inner_text()
    assert "dicabut" in page.locator("table").inner_text()
    assert fits(page)
    assert Client().get("/api/v1/me/requests/", **bearer(secret)).status_code == 401
