"""Indonesian first: the browser's language does not switch the interface; a choice does."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_choosing_english_switches_the_interface(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client: Client) -> None:
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_a_request_in_english_leaves_the_thread_in_indonesian(client: Client) -> None:
    from django.utils import translation

    client.cookies["django_language"] = "en"
    client.get("/")
    assert translation.get_language() == "id"
