"""The public request log never shows who asked (UU 14/2008 Pasal 17 huruf h)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import RequesterProfile
from terbuka.requests import shielding
from terbuka.requests.models import InfoRequest
from terbuka.testing import answer_request, submit_request

LOG = "/permohonan/"


def personal_data(world: Any) -> list[str]:
    """Every name, NIK, address, phone and e-mail of the demo requesters."""
    values: list[str] = []
    for user in (world.requester, world.other_requester):
        profile = RequesterProfile.objects.get(user=user)
        values += [profile.full_name, profile.nik, profile.address, profile.phone, user.email]
        values += [user.username, profile.nik[:6] + profile.nik[-4:]]
    return [value for value in values if value]


@pytest.fixture
def published(world: Any) -> InfoRequest:
    return answer_request(
        world,
        submit_request(world, subject="Realisasi anggaran kesehatan 2024", publish_allowed=True),
    )


def test_it_is_mounted_at_permohonan(db: Any) -> None:
    assert reverse("requests:log") == LOG


def test_it_lists_answered_published_requests_only(
    client: Client, world: Any, published: InfoRequest
) -> None:
    hidden = answer_request(
        world, submit_request(world, user=world.other_requester, subject="Tidak boleh tampil")
    )
    pending = submit_request(world, subject="Belum dijawab", publish_allowed=True)
    html = client.get(LOG).content.decode()
    assert "Realisasi anggaran kesehatan 2024" in html
    assert "Dikabulkan seluruhnya" in html
    assert "hari kerja" in html
    assert "Tidak boleh tampil" not in html
    assert "Belum dijawab" not in html
    detail = reverse("requests:log_detail", kwargs={"public_id": hidden.public_id})
    assert client.get(detail).status_code == 404
    detail = reverse("requests:log_detail", kwargs={"public_id": pending.public_id})
    assert client.get(detail).status_code == 404


def test_it_never_shows_who_asked(client: Client, world: Any, published: InfoRequest) -> None:
    answer_request(
        world,
        submit_request(
            world, user=world.other_requester, subject="Jadwal lelang", publish_allowed=True
        ),
    )
    pages = [
        client.get(LOG).content.decode(),
        client.get(LOG + "?q=anggaran").content.decode(),
        client.get(
            reverse("requests:log_detail", kwargs={"public_id": published.public_id})
        ).content.decode(),
    ]
    for html in pages:
        for value in personal_data(world):
            assert value not in html, value


def test_it_searches_and_filters(client: Client, world: Any, published: InfoRequest) -> None:
    assert "Realisasi anggaran" in client.get(LOG + "?q=ANGGARAN").content.decode()
    assert "Realisasi anggaran" not in client.get(LOG + "?q=jembatan").content.decode()
    by_body = client.get(LOG + "?body=" + world.agency_a.slug).content.decode()
    assert "Realisasi anggaran" in by_body
    other_body = client.get(LOG + "?body=" + world.agency_b.slug).content.decode()
    assert "Realisasi anggaran" not in other_body
    assert "Realisasi anggaran" in client.get(LOG + "?outcome=granted").content.decode()
    assert "Realisasi anggaran" not in client.get(LOG + "?outcome=not_held").content.decode()


def test_it_links_the_released_documents(
    client: Client, world: Any, published: InfoRequest
) -> None:
    released = published.files.get(kind="released")
    shielding.scan_pending()
    html = client.get(
        reverse("requests:log_detail", kwargs={"public_id": published.public_id})
    ).content.decode()
    link = reverse("requests:download", kwargs={"file_public_id": released.public_id})
    assert link in html
    assert client.get(link).getvalue().startswith(b"%PDF")
    for letter in published.files.filter(kind="letter"):
        assert str(letter.public_id) not in html
