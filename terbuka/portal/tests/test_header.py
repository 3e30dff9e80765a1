"""The site header (issue 13): a menu button, languages named in their own language, the
current page marked, a sign-up link not confused with the directory, and a favicon."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_names_each_language_in_itself_in_both_interfaces(client: Client) -> None:
    for cookie in ("id", "en"):
        client.cookies["django_language"] = cookie
        html = client.get("/").content.decode()
        assert 'lang="id"' in html and ">Bahasa Indonesia</button>" in html
        assert 'lang="en"' in html and ">English</button>" in html
        assert "Inggris" not in html


def test_it_calls_sign_up_something_else_than_the_directory(client: Client) -> None:
    html = client.get("/").content.decode()
    assert ">Buat akun</a>" in html
    assert ">Daftar</a>" not in html
    client.cookies["django_language"] = "en"
    assert ">Create an account</a>" in client.get("/").content.decode()


def test_it_marks_the_current_page_in_the_menu(client: Client, world: Any) -> None:
    html = client.get("/badan-publik/").content.decode()
    assert html.count('aria-current="page"') == 1
    assert 'href="/badan-publik/" aria-current="page">Daftar badan publik</a>' in html
    assert 'aria-current="page"' not in client.get("/").content.decode()


def test_it_puts_the_menu_behind_a_button_that_needs_no_javascript(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<details class="menu">' in html
    assert '<summary class="menu-button">Menu</summary>' in html
    assert html.index("<summary") < html.index('class="main-nav"')


def test_it_sends_the_favicon_request_to_the_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_it_lets_the_keyboard_reach_a_table_that_scrolls(client: Client, world: Any) -> None:
    html = client.get(world.agency_a.get_absolute_url()).content.decode()
    # Named apart from its section ("Pejabat PPID"): two regions of one name confuse a
    # screen reader's list of landmarks (axe: landmark-unique).
    assert (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel pejabat PPID">'
        in html
    )
