"""Each installation shows its own name, owner and logo on every page (issue 13)."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_it_shows_terbuka_when_nothing_is_set(client: Client, db: Any) -> None:
    html = client.get("/").content.decode()
    assert "· Terbuka</title>" in html
    assert 'class="brand-logo"' not in html


def test_it_shows_the_installations_name_owner_and_logo(
    client: Client, db: Any, settings: Any
) -> None:
    settings.TERBUKA_SITE_NAME = "Kalteng Terbuka"
    settings.TERBUKA_SITE_OWNER = "PPID Provinsi Kalimantan Tengah"
    settings.TERBUKA_LOGO_URL = "/static/favicon.svg"
    html = client.get("/badan-publik/").content.decode()
    assert "· Kalteng Terbuka</title>" in html
    assert '<span class="brand-sub">PPID Provinsi Kalimantan Tengah</span>' in html
    assert '<img class="brand-logo" src="/static/favicon.svg" alt=""' in html
    assert "PPID Provinsi Kalimantan Tengah · Kalteng Terbuka — layanan informasi publik" in html
