"""The public request log pages by cursor in its index order (answered_at, id), newest
first (issue 14): every published answer exactly once, ties of the same moment included,
forwards, backwards and through the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from terbuka.requests.models import InfoRequest
from terbuka.requests.views import public
from terbuka.testing import answer_request, submit_request

LOG = "/permohonan/"


@pytest.fixture
def five(world: Any) -> list[str]:
    subjects = [f"Data curah hujan pos {n}" for n in range(5)]
    for subject in subjects:
        answer_request(world, submit_request(world, subject=subject, publish_allowed=True))
    # Three answered in the same second, and received in the opposite order of answering.
    moment = timezone.now().replace(microsecond=0)
    for offset, item in enumerate(InfoRequest.objects.order_by("pk")):
        answered = moment if offset < 3 else moment - dt.timedelta(hours=offset)
        InfoRequest.objects.filter(pk=item.pk).update(
            answered_at=answered, received_at=moment - dt.timedelta(days=10 - offset)
        )
    return subjects


def _walk(client: Client, url: str, rel: str) -> list[list[str]]:
    pages = []
    while url:
        html = client.get(url).content.decode()
        pages.append(re.findall(r">(Data curah hujan pos \d)</a>", html))
        found = re.search(rf'<a href="(\?[^"]*)" rel="{rel}">', html)
        url = LOG + found.group(1).replace("&amp;", "&") if found else ""
    return pages


def test_it_shows_every_answer_once_forwards_and_backwards(
    five: list[str], client: Client, monkeypatch: Any
) -> None:
    monkeypatch.setattr(public, "LOG_PAGE_SIZE", 2)
    forwards = _walk(client, LOG, "next")
    assert [len(page) for page in forwards] == [2, 2, 1]
    flat = [subject for page in forwards for subject in page]
    assert sorted(flat) == sorted(five)
    newest_first = InfoRequest.objects.order_by("-answered_at", "-pk")
    assert flat == [item.subject for item in newest_first]
    backwards = _walk(client, LOG + "?akhir=1", "prev")
    assert [subject for page in reversed(backwards) for subject in page] == flat


def test_the_filters_stay_on_the_cursor_links(
    five: list[str], client: Client, monkeypatch: Any
) -> None:
    monkeypatch.setattr(public, "LOG_PAGE_SIZE", 2)
    html = client.get(LOG, {"q": "curah"}).content.decode()
    assert re.search(r'href="\?q=curah&amp;setelah=[^"]+" rel="next"', html)


def test_the_api_pages_in_the_order_of_its_cursor(five: list[str], client: Client) -> None:
    seen: list[str] = []
    url = "/api/v1/requests/?per_page=2"
    while url:
        data = client.get(url).json()
        seen += [item["subject"] for item in data["results"]]
        url = (
            f"/api/v1/requests/?per_page=2&cursor={data['next_cursor']}"
            if data["next_cursor"]
            else ""
        )
    assert sorted(seen) == sorted(five)
    assert len(seen) == len(set(seen))
