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


def test_it_gives_a_signed_in_user_their_own_header_after_anonymous_visits(
    client: Client, world: Any
) -> None:
    """An anonymous visitor's header and footer are written once per process and path
    (``once_tags``); a signed-in user on the same path gets their own menu, and a visitor
    in the other language theirs."""
    first = client.get("/badan-publik/").content.decode()
    again = client.get("/badan-publik/").content.decode()
    assert ">Masuk</a>" in first and ">Masuk</a>" in again
    client.cookies["django_language"] = "en"
    english = client.get("/badan-publik/").content.decode()
    assert ">Log in</a>" in english and 'aria-current="true">English</button>' in english
    client.force_login(world.pelaksana_a)
    officer = client.get("/badan-publik/").content.decode()
    assert ">Masuk</a>" not in officer and ">Log in</a>" not in officer
    assert 'href="/permohonan/petugas/"' in officer
    client.logout()
    assert '<a href="/akun/masuk/">' in client.get("/badan-publik/").content.decode()


def test_it_masks_a_fresh_csrf_token_in_each_anonymous_page(client: Client, db: Any) -> None:
    """The language form's token is never part of what is written once."""
    tokens = set()
    for _ in range(2):
        html = client.get("/dip/").content.decode()
        start = html.index('name="csrfmiddlewaretoken" value="') + 34
        tokens.add(html[start : html.index('"', start)])
    assert len(tokens) == 2


def test_it_gives_each_kind_of_signed_in_user_their_own_menu_on_one_path(
    client: Client, world: Any
) -> None:
    """The menu is written once per process for each combination of its yes/no answers
    (``kept_for``): a requester, an officer and a DPO on the same path in turn each get
    theirs, and the requester's again after the others."""
    from terbuka.testing import add_dpo

    dpo = add_dpo("dpo.menu", world.agency_a)

    def menu(user: Any) -> str:
        client.force_login(user)
        html = client.get("/badan-publik/").content.decode()
        client.logout()
        start = html.index('class="main-nav"')
        return html[start : html.index("</nav>", start)]

    requester = menu(world.requester)
    officer = menu(world.pelaksana_a)
    dpo_menu = menu(dpo)
    assert 'href="/permohonan/saya/"' in requester
    assert 'href="/permohonan/petugas/"' not in requester
    assert 'href="/permohonan/petugas/"' in officer and 'href="/permohonan/saya/"' not in officer
    assert "Pelindungan data" in dpo_menu and "Pelindungan data" not in officer
    assert menu(world.requester) == requester
    client.cookies["django_language"] = "en"
    english = menu(world.pelaksana_a)
    assert ">Inbox</a>" in english and ">Kotak masuk</a>" not in english
