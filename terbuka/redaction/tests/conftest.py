"""The browser fixtures: the shared one (JavaScript off) and one with JavaScript on, for
marking areas with the keyboard through ``static/js/redact.js``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.requests.tests.conftest import CHROMIUM_ARGS, browser_page, chromium_path

__all__ = ["browser_page", "script_page"]


@pytest.fixture
def script_page(tmp_path: Any) -> Iterator[Any]:
    """A fresh headless Chromium page with JavaScript on (the marking script)."""
    executable = chromium_path()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1000, "height": 900},
            java_script_enabled=True,
            locale="id-ID",
        )
        context.set_default_timeout(10_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()
