"""A request the requester allowed to publish becomes findable in search once answered;
one that was not allowed never does, and neither does anyone's identity."""

from __future__ import annotations

from typing import Any

import pytest

from terbuka.search import query
from terbuka.testing import answer_request, submit_request

pytestmark = pytest.mark.django_db


def test_an_answered_published_request_is_found_by_search(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        answer_request(world, submit_request(world, publish_allowed=True))
        answer_request(
            world,
            submit_request(
                world,
                user=world.other_requester,
                subject="Daftar penerima beasiswa daerah",
                publish_allowed=False,
            ),
        )
    hits = query.search("puskesmas", kinds=("request",)).hits
    assert len(hits) == 1
    assert hits[0].url.startswith("/permohonan/log/")
    assert query.search("beasiswa", kinds=("request",)).hits == []
    for personal in ("Siti", "6271014101900001", "Tjilik", "081234567890"):
        assert query.search(personal, kinds=("request",)).hits == []
