"""The headless Chromium pages of the phone checks: ``browser_page`` (the request
journeys', JavaScript off) and ``script_page`` (JavaScript on, for the progressive
enhancements)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.requests.tests.conftest import browser_page, chromium_context, first_page

__all__ = ["browser_page", "script_page"]


@pytest.fixture
def script_page(tmp_path: Any) -> Iterator[Any]:
    """Like ``browser_page`` but with JavaScript on, for the progressive enhancements."""
    with chromium_context(
        tmp_path, accept_downloads=True, viewport={"width": 360, "height": 800}, locale="id-ID"
    ) as context:
        yield first_page(context)
