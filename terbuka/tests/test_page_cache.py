"""The public-page cache (terbuka/pagecache.py, issue 14): anonymous readers share one
rendered page until an action changes what it shows; a change is visible on the next
request after the commit; logged-in visitors and personal pages are never cached."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from terbuka import pagecache
from terbuka.catalog import actions
from terbuka.catalog.models import Category, Entry
from terbuka.testing import answer_request, make_entry, submit_request

DIP = "/dip/"


def stored_pages() -> int:
    """How many pages the cache table holds (its version row left out)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM terbuka_page_cache WHERE cache_key NOT LIKE %s",
            ["%" + pagecache.VERSION_KEY],
        )
        return int(cursor.fetchone()[0])


@pytest.fixture
def cached(page_cache: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Run an action as a committed transaction would: its on-commit hooks run."""

    def run(action: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


def test_it_serves_anonymous_readers_the_stored_page(
    world: Any, client: Client, cached: Any
) -> None:
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    first = client.get(DIP)
    assert "Profil Dinas" in first.content.decode()
    # A change that went round the actions is not seen: the page came from the cache.
    Entry.objects.filter(pk=entry.pk).update(title="Diubah diam-diam")
    second = client.get(DIP)
    assert "Profil Dinas" in second.content.decode()
    # The ETag covers the visitor's CSRF cookie, which he has from the first answer on.
    assert client.get(DIP)["ETag"] == second["ETag"] != first["ETag"]
    assert client.get(DIP, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    assert "public" not in second["Cache-Control"]  # the language form's token is his own
    assert "max-age=" in second["Cache-Control"]
    assert second.has_header("Last-Modified")
    assert "Cookie" in second["Vary"]


def test_a_published_serta_merta_entry_is_visible_on_the_next_request(
    world: Any, client: Client, cached: Any
) -> None:
    assert "Peringatan Dini Banjir" not in client.get(DIP).content.decode()
    cached(
        make_entry,
        actor=world.pelaksana_a,
        body=world.agency_a,
        category=Category.SERTA_MERTA,
        title="Peringatan Dini Banjir",
    )
    assert "Peringatan Dini Banjir" in client.get(DIP).content.decode()


def test_unpublishing_an_entry_takes_it_off_at_once(
    world: Any, client: Client, cached: Any
) -> None:
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Draf keliru")
    assert "Draf keliru" in client.get(DIP).content.decode()
    cached(actions.update_entry, actor=world.pelaksana_a, entry=entry, is_published=False)
    assert "Draf keliru" not in client.get(DIP).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_a_published_answer_joins_the_request_log_at_once(
    world: Any, client: Client, cached: Any
) -> None:
    info_request = submit_request(world, subject="Data curah hujan 2024", publish_allowed=True)
    assert "Data curah hujan 2024" not in client.get("/permohonan/").content.decode()
    cached(answer_request, world=world, info_request=info_request)
    assert "Data curah hujan 2024" in client.get("/permohonan/").content.decode()


def test_the_feed_and_the_api_are_public_to_shared_caches(
    world: Any, client: Client, cached: Any
) -> None:
    cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil")
    for url in ("/dip.json", "/api/v1/dip/"):
        first = client.get(url)
        second = client.get(url)
        assert second.content == first.content
        assert "public" in second["Cache-Control"], url
        if url == "/dip.json":
            assert second["Access-Control-Allow-Origin"] == "*"
        assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


def test_each_visitor_gets_his_own_csrf_token_and_the_language_form_works(
    world: Any, cached: Any
) -> None:
    tokens = []
    for _visitor in range(2):
        browser = Client(enforce_csrf_checks=True)
        page = browser.get(DIP).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        tokens.append(token.group(1))
        switched = browser.post(
            reverse("set_language"),
            {"language": "en", "next": DIP, "csrfmiddlewaretoken": token.group(1)},
        )
        assert switched.status_code == 302
        # The language is part of the key: the English page, not the stored Indonesian.
        assert "Public Information List" in browser.get(DIP).content.decode()
    assert tokens[0] != tokens[1]


def test_logged_in_visitors_are_never_served_or_stored(
    world: Any, client: Client, cached: Any
) -> None:
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    client.get(DIP)  # stored for anonymous readers
    Entry.objects.filter(pk=entry.pk).update(title="Judul baru")
    before = stored_pages()
    officer = Client()
    officer.force_login(world.pelaksana_a)
    response = officer.get(DIP)
    assert "Judul baru" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert stored_pages() == before


def test_personal_pages_are_never_cached(world: Any, cached: Any) -> None:
    info_request = submit_request(world, subject="Salinan kontrak", publish_allowed=False)
    requester = Client()
    requester.force_login(world.requester)
    before = stored_pages()
    for url in ("/permohonan/saya/", f"/permohonan/{info_request.public_id}/", "/akun/"):
        response = requester.get(url)
        assert "public" not in response.get("Cache-Control", ""), url
    assert stored_pages() == before
    # Whatever public pages an anonymous reader stored hold no request of his own.
    Client().get("/permohonan/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM terbuka_page_cache")
        assert all("Salinan kontrak" not in str(row[0]) for row in cursor.fetchall())


def test_it_stores_nothing_when_turned_off(world: Any, client: Client, settings: Any) -> None:
    settings.PAGE_CACHE = False
    client.get(DIP)
    assert stored_pages() == 0
    assert not client.get(DIP).has_header("ETag")


def test_a_change_through_another_app_server_is_seen_by_this_one(
    world: Any, client: Client, cached: Any
) -> None:
    """Each process keeps the pages it served; the version in the shared cache, read on
    every request, still decides whether they are current."""
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    assert "Profil Dinas" in client.get(DIP).content.decode()
    Entry.objects.filter(pk=entry.pk).update(title="Profil Baru")
    assert "Profil Dinas" in client.get(DIP).content.decode()  # this process's copy
    # Another server's action: it writes the rows and a new version, nothing here runs.
    pagecache._new_version()
    assert "Profil Baru" in client.get(DIP).content.decode()


def test_a_fresh_app_server_serves_the_shared_copy(world: Any, client: Client, cached: Any) -> None:
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    first = client.get(DIP)
    Entry.objects.filter(pk=entry.pk).update(title="Profil Baru")
    pagecache.clear_local()  # a process that has served nothing yet
    second = client.get(DIP)
    assert "Profil Dinas" in second.content.decode()  # the page another process stored
    assert second["Last-Modified"] == first["Last-Modified"]


def test_a_kept_page_expires_in_every_process(
    world: Any, client: Client, cached: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    client.get(DIP)
    Entry.objects.filter(pk=entry.pk).update(title="Profil Baru")
    later = pagecache._clock() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(pagecache, "_clock", lambda: later)
    assert "Profil Baru" in client.get(DIP).content.decode()


def test_a_process_keeps_a_bounded_number_of_pages(
    world: Any, client: Client, cached: Any, settings: Any
) -> None:
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    entry = cached(make_entry, actor=world.pelaksana_a, body=world.agency_a, title="Profil Dinas")
    for url in (DIP, "/permohonan/", "/badan-publik/"):
        client.get(url)
    Entry.objects.filter(pk=entry.pk).update(title="Profil Baru")
    # The oldest page left this process; the shared cache still has it.
    assert len(pagecache._local) == 2
    assert "Profil Dinas" in client.get(DIP).content.decode()


def test_a_process_remembers_only_short_paths(world: Any, client: Client, cached: Any) -> None:
    """Any visitor can send any path: the paths remembered (whether their view is kept in
    the cache) are bounded in number and in length, so nobody can grow a worker's memory."""
    pagecache._cacheable_path.cache_clear()
    long_slug = "x" * 2000
    assert client.get(f"/badan-publik/{long_slug}/").status_code == 404
    assert pagecache._cacheable_path.cache_info().currsize == 0
    client.get(DIP)
    client.get(f"/badan-publik/{'y' * 50}/")
    assert pagecache._cacheable_path.cache_info().currsize == 2
    assert pagecache._cacheable_path.cache_info().maxsize == 4096
