"""Feeds as producers send them: OpenSID's real ``Api_informasi_publik::ppid`` response
(with incremental pulls and removals) and Terbuka's own ``/dip.json`` with its cursor pages;
and feeds that must be refused (HTML, over the size cap while streaming)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.catalog import actions, feeds
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.feedserver import FeedServer


def opensid_response(items: list[dict[str, Any]], tgl_dari: str = "") -> dict[str, Any]:
    """As OpenSID's Api_informasi_publik::ppid answers (donjo-app/controllers)."""
    return {
        "status": "success",
        "data": {
            "ppid": items,
            "tanggal": "06-12-2026 08:00:00",
            "pengiriman": "perubahan" if tgl_dari else "semua",
            "tgl_dari": tgl_dari,
            "total data": len(items),
        },
    }


def opensid_item(ident: int, kategori: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(ident),
        "kode_desa": "6210042001",
        "dokumen": f"https://desa.example.id/index.php/dokumen_web/unduh_berkas/{ident}",
        "nama": f"Dokumen desa {ident}",
        "tgl_upload": "2025-02-03 09:10:11",
        "updated_at": "2025-02-03 09:10:11",
        "enabled": "1",
        "kategori": kategori,
        "tahun": "2025",
        **extra,
    }


def test_it_imports_opensids_real_response(world: Any, feed_server: FeedServer) -> None:
    village = world.regency_agency
    feed_server.routes["/index.php/api_informasi_publik/ppid"] = opensid_response(
        [
            opensid_item(1, "1"),
            opensid_item(2, "2"),
            opensid_item(3, "3"),
            opensid_item(4, "4"),
        ]
    )
    result = feeds.pull(village, f"{feed_server.url}/index.php/api_informasi_publik/ppid")
    assert (result.created, result.skipped) == (3, 1)
    assert Entry.objects.get(source_key="1").category == Category.BERKALA
    assert Entry.objects.get(source_key="2").category == Category.SERTA_MERTA
    assert Entry.objects.get(source_key="3").category == Category.SETIAP_SAAT
    first = Entry.objects.get(source_key="1")
    assert first.published_on == dt.date(2025, 2, 3)
    assert [d.link for d in first.documents.all()] == [
        "https://desa.example.id/index.php/dokumen_web/unduh_berkas/1"
    ]


def test_an_incremental_opensid_pull_sends_tgl_dari_and_unpublishes_removed_items(
    world: Any, feed_server: FeedServer
) -> None:
    village = world.regency_agency
    path = "/index.php/api_informasi_publik/ppid"
    feed_server.routes[path] = opensid_response([opensid_item(1, "1"), opensid_item(2, "3")])
    feeds.pull(village, feed_server.url + path)
    feed_server.routes[path] = opensid_response(
        [
            opensid_item(1, "1", aksi="3"),
            opensid_item(2, "3", aksi="2", nama="Dokumen desa 2 (revisi)"),
            opensid_item(5, "2", aksi="1"),
        ],
        tgl_dari="01-12-2026",
    )
    result = feeds.pull(
        village, feed_server.url + path, since=dt.date(2026, 12, 1), shape_hint=feeds.OPENSID
    )
    assert feed_server.queries[-1]["tgl_dari"] == ["01-12-2026"]
    assert (result.created, result.updated, result.unpublished) == (1, 1, 1)
    assert Entry.objects.get(source_key="1").is_published is False
    assert Entry.objects.get(source_key="2").title == "Dokumen desa 2 (revisi)"
    assert Entry.objects.published().filter(body=village).count() == 2


def test_it_reports_opensids_refusal(world: Any, feed_server: FeedServer) -> None:
    feed_server.routes["/ppid"] = {
        "status": "fail",
        "data": {"tgl_dari": "tgl_dari harus tanggal dalam format d-m-Y"},
    }
    with pytest.raises(feeds.FeedError, match="format d-m-Y"):
        feeds.pull(world.regency_agency, f"{feed_server.url}/ppid")


def test_terbukas_own_feed_imports_into_another_installation(world: Any) -> None:
    made = [
        actions.create_entry(
            actor=world.pelaksana_a,
            body=world.agency_a,
            title=f"Entri {n}",
            category=category,
            number=f"N-{n}",
            summary=f"Ringkasan {n}.",
            holder="Sekretariat",
            responsible="Sekretaris",
            created_when="2025",
            created_where="Palangka Raya",
            available_softcopy=True,
            available_hardcopy=n == 1,
            retention="5 tahun",
            tags="anggaran",
            published_on=dt.date(2025, 4, n + 1),
            last_updated_on=dt.date(2025, 4, n + 1),
        )
        for n, category in enumerate([*Category.values, Category.BERKALA, Category.SETIAP_SAAT])
    ]
    visitor = Client()
    fetched: list[str] = []

    def fetch_from_other_installation(url: str, limit: int) -> bytes:
        fetched.append(url)
        response = visitor.get(url, HTTP_HOST="testserver")
        assert response.status_code == 200
        return bytes(response.content)

    source = (
        "http://testserver"
        + reverse("catalog:body_dip_json", kwargs={"slug": world.agency_a.slug})
        + "?per_page=2"
    )
    result = feeds.pull(world.agency_b, source, fetcher=fetch_from_other_installation)
    assert result.pages == 3  # 5 entries, 2 a page: the cursor was followed
    assert result.created == 5
    for original in made:
        copy = Entry.objects.get(body=world.agency_b, source_key=str(original.public_id))
        for name in (
            "title",
            "category",
            "number",
            "summary",
            "holder",
            "responsible",
            "created_when",
            "created_where",
            "available_softcopy",
            "available_hardcopy",
            "retention",
            "tags",
            "published_on",
        ):
            assert getattr(copy, name) == getattr(original, name), name
    again = feeds.pull(world.agency_b, source, fetcher=fetch_from_other_installation)
    assert (again.created, again.unchanged) == (0, 5)


def test_it_refuses_an_html_page(world: Any, feed_server: FeedServer) -> None:
    feed_server.routes["/ppid"] = b"<!DOCTYPE html><html><body>Halaman login</body></html>"
    with pytest.raises(feeds.FeedError, match="halaman HTML"):
        feeds.pull(world.regency_agency, f"{feed_server.url}/ppid")


def test_it_stops_a_50_mb_feed_while_it_streams(world: Any, feed_server: FeedServer) -> None:
    sent: list[int] = []

    def endless(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()  # no Content-Length: only the stream tells the size
        chunk = b"[" + b" " * (1024 * 1024 - 1)
        try:
            for _n in range(50):
                handler.wfile.write(chunk)
                sent.append(len(chunk))
        except OSError:
            pass

    feed_server.routes["/besar.json"] = endless
    with pytest.raises(feeds.FeedError, match="lebih besar dari 20 MB"):
        feeds.pull(world.regency_agency, f"{feed_server.url}/besar.json")
    assert Entry.objects.count() == 0


def test_it_refuses_a_declared_50_mb_feed_before_reading_it(
    world: Any, feed_server: FeedServer
) -> None:
    def declared(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()

    feed_server.routes["/besar.json"] = declared
    with pytest.raises(feeds.FeedError, match="lebih besar dari 20 MB"):
        feeds.pull(world.regency_agency, f"{feed_server.url}/besar.json")
