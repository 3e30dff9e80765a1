"""Fixtures for the requests tests. Requests are built through the real actions by the
helpers in ``terbuka.testing``.

The browser fixture drives the Debian ``chromium`` binary through Playwright; Playwright's
own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "Chromium not found: apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser_page(tmp_path: Any) -> Iterator[Any]:
    """A fresh headless Chromium page (own profile directory) for one journey, 360 px
    wide with JavaScript switched off."""
    executable = chromium_path()
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            accept_downloads=True,
            # A cheap phone's width, and no JavaScript: every page must work without it.
            viewport={"width": 360, "height": 800},
            java_script_enabled=False,
            locale="id-ID",
        )
        context.set_default_timeout(10_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()
