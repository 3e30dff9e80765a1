"""Fixtures for the requests tests. Requests are built through the real actions by the
helpers in ``terbuka.testing``.

The browser fixture drives the Debian ``chromium`` binary through Playwright; Playwright's
own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def chromium_context(tmp_path: Any, *, timeout: int = 10_000, **options: Any) -> Iterator[Any]:
    """Headless Debian Chromium with a fresh profile under ``tmp_path``, as a Playwright
    browser context (``options`` go to ``launch_persistent_context``).

    Playwright's sync API runs the code inside this block in a context of its own, so
    Django's connections opened there (by the test's own queries) are not the ones
    pytest-django closes after the test: they are closed here, or each journey would
    leave one open on PostgreSQL until the run ends."""
    executable = chromium_path()
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            **options,
        )
        context.set_default_timeout(timeout)
        try:
            yield context
        finally:
            context.close()
            connections.close_all()


def first_page(context: Any) -> Any:
    return context.pages[0] if context.pages else context.new_page()


@pytest.fixture
def browser_page(tmp_path: Any) -> Iterator[Any]:
    """A fresh headless Chromium page (own profile directory) for one journey, 360 px
    wide with JavaScript switched off."""
    with chromium_context(
        tmp_path,
        accept_downloads=True,
        # A cheap phone's width, and no JavaScript: every page must work without it.
        viewport={"width": 360, "height": 800},
        java_script_enabled=False,
        locale="id-ID",
    ) as context:
        yield first_page(context)
