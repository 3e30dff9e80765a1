"""The registry of DIP feeds per body: officers add and remove feeds; ``pull_dip_feeds``
pulls each one with its caps, records the outcome, shows failures on the dashboard, and a
failing feed never stops the others."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions, feeds
from terbuka.catalog.models import Entry, Feed
from terbuka.catalog.tests.feedserver import FeedServer
from terbuka.catalog.tests.test_feed_shapes import opensid_item, opensid_response
from terbuka.catalog.tests.test_import_upload import officer_client


@pytest.fixture(autouse=True)
def _local_feeds_allowed(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """The test feeds are served from 127.0.0.1, which registered feeds may not reach."""
    if "internal" not in request.node.name:
        monkeypatch.setattr(feeds, "ALLOW_INTERNAL_ADDRESSES", True)


def test_a_registered_feed_never_reaches_the_internal_network(
    world: Any, feed_server: FeedServer
) -> None:
    feed_server.routes["/ppid"] = opensid_response([opensid_item(1, "1")])
    for url in (f"{feed_server.url}/ppid", "http://169.254.169.254/latest/meta-data/"):
        feed = actions.add_feed(actor=None, body=world.agency_a, url=url)
        feeds.pull_registered(feed)
        feed.refresh_from_db()
        assert "jaringan internal" in feed.last_error
    assert feed_server.queries == []
    assert Entry.objects.count() == 0


def test_an_officer_registers_and_removes_a_feed(world: Any) -> None:
    officer = officer_client(world.pelaksana_a)
    page = reverse("catalog:feed_list", kwargs={"slug": world.agency_a.slug})
    assert officer.get(page).status_code == 200
    response = officer.post(
        page,
        {"url": "https://desa.example.id/index.php/api_informasi_publik/ppid", "shape": "opensid"},
    )
    assert response.status_code == 302
    feed = Feed.objects.get(body=world.agency_a)
    assert feed.shape == "opensid"
    again = officer.post(page, {"url": feed.url, "shape": ""})
    assert again.status_code == 400
    assert "sudah terdaftar" in again.content.decode()
    refused = officer.post(page, {"url": "ftp://desa.example.id/ppid", "shape": ""})
    assert refused.status_code == 400
    officer.post(page, {"hapus": str(feed.public_id)})
    assert not Feed.objects.exists()
    assert AuditRecord.objects.filter(action="catalog.feed.remove").count() == 1


def test_an_officer_of_another_body_cannot_see_or_change_its_feeds(world: Any) -> None:
    feed = actions.add_feed(
        actor=world.pelaksana_a, body=world.agency_a, url="https://a.example.id/ppid"
    )
    other = officer_client(world.pelaksana_b)
    page = reverse("catalog:feed_list", kwargs={"slug": world.agency_a.slug})
    assert other.get(page).status_code == 403
    assert other.post(page, {"hapus": str(feed.public_id)}).status_code == 403
    assert Feed.objects.count() == 1


def test_a_failing_feed_shows_its_error_and_never_stops_the_others(
    world: Any, feed_server: FeedServer
) -> None:
    path = "/index.php/api_informasi_publik/ppid"
    feed_server.routes[path] = opensid_response([opensid_item(1, "1"), opensid_item(2, "2")])
    feed_server.routes["/rusak"] = b"<html><body>Error 500</body></html>"
    broken = actions.add_feed(actor=None, body=world.agency_a, url=f"{feed_server.url}/rusak")
    good = actions.add_feed(actor=None, body=world.agency_b, url=feed_server.url + path)
    out, err = io.StringIO(), io.StringIO()
    call_command("pull_dip_feeds", stdout=out, stderr=err)
    assert "2 feed ditarik, 1 gagal" in out.getvalue()
    broken.refresh_from_db()
    good.refresh_from_db()
    assert "halaman HTML" in broken.last_error
    assert good.last_error == ""
    assert "2 entri baru" in good.last_result
    assert good.shape == feeds.OPENSID  # recognised on the first pull
    assert Entry.objects.filter(body=world.agency_b).count() == 2
    dashboard = officer_client(world.pelaksana_a).get(reverse("catalog:dashboard"))
    html = dashboard.content.decode()
    assert "Feed DIP yang gagal ditarik" in html
    assert f"{feed_server.url}/rusak" in html
    assert "halaman HTML" in html


def test_the_next_pull_asks_opensid_only_for_changes(world: Any, feed_server: FeedServer) -> None:
    path = "/index.php/api_informasi_publik/ppid"
    feed_server.routes[path] = opensid_response([opensid_item(1, "1")])
    feed = actions.add_feed(actor=None, body=world.agency_a, url=feed_server.url + path)
    with time_machine.travel(dt.datetime(2026, 12, 5, 3, tzinfo=dt.UTC), tick=False):
        feeds.pull_registered(feed)
    assert "tgl_dari" not in feed_server.queries[-1]
    feed.refresh_from_db()
    feed_server.routes[path] = opensid_response([opensid_item(1, "1", aksi="3")], "04-12-2026")
    with time_machine.travel(dt.datetime(2026, 12, 6, 3, tzinfo=dt.UTC), tick=False):
        feeds.pull_registered(feed)
    assert feed_server.queries[-1]["tgl_dari"] == ["04-12-2026"]
    assert Entry.objects.published().filter(body=world.agency_a).count() == 0


def test_a_feed_that_times_out_is_recorded_as_failed(
    world: Any, feed_server: FeedServer, monkeypatch: Any
) -> None:
    import time

    def slow(handler: Any) -> None:
        time.sleep(1)
        handler.send_response(200)
        handler.end_headers()

    feed_server.routes["/lambat"] = slow
    monkeypatch.setattr(feeds, "TIMEOUT_SECONDS", 0.2)
    feed = actions.add_feed(actor=None, body=world.agency_a, url=f"{feed_server.url}/lambat")
    feeds.pull_registered(feed)
    feed.refresh_from_db()
    assert "Feed tidak dapat diambil" in feed.last_error
    assert "timed out" in feed.last_error
    assert feed.last_pulled_at is not None
