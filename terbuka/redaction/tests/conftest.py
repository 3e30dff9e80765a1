"""The browser fixtures: the shared one (JavaScript off) and one with JavaScript on, for
marking areas with the keyboard through ``static/js/redact.js``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.requests.tests.conftest import browser_page, chromium_context, first_page

__all__ = ["browser_page", "script_page"]


@pytest.fixture
def script_page(tmp_path: Any) -> Iterator[Any]:
    """A fresh headless Chromium page with JavaScript on (the marking script)."""
    with chromium_context(
        tmp_path, viewport={"width": 1000, "height": 900}, java_script_enabled=True, locale="id-ID"
    ) as context:
        yield first_page(context)
