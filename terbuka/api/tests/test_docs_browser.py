"""The documentation page in real headless Chromium, JavaScript on: Swagger UI renders
every operation from our own static files, and the strict CSP blocks nothing."""

from __future__ import annotations

from typing import Any

import pytest

from terbuka.requests.tests.conftest import chromium_context, first_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_under_the_strict_csp(live_server: Any, tmp_path: Any) -> None:
    problems: list[str] = []
    requested: list[str] = []
    with chromium_context(tmp_path, timeout=20_000) as context:
        page = first_page(context)
        page.on(
            "console",
            lambda message: (
                problems.append(message.text)
                if message.type == "error" or "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{live_server.url}/api/v1/docs/")
        page.wait_for_selector(".opblock-summary-path")
        paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/dip/" in path for path in paths)
    assert not [text for text in problems if "Content Security Policy" in text], problems
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested)
