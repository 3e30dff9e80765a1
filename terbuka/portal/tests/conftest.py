"""The headless Chromium pages of the phone checks: ``browser_page`` (the request
journeys', JavaScript off) and ``script_page`` (JavaScript on, for the progressive
enhancements)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.requests.tests.conftest import CHROMIUM_ARGS, browser_page, chromium_path

__all__ = ["browser_page", "script_page"]


@pytest.fixture
def script_page(tmp_path: Any) -> Iterator[Any]:
    """Like ``browser_page`` but with JavaScript on, for the progressive enhancements."""
    executable = chromium_path()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 360, "height": 800},
            locale="id-ID",
        )
        context.set_default_timeout(10_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()
