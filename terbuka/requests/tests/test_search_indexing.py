"""A request the requester allowed to publish becomes findable in search from the commit
that answers it; one that was not allowed never does, and neither does anyone's identity
(only the question, the body, the outcome, the date and the material are indexed)."""

from __future__ import annotations

import contextlib
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from terbuka.search import query
from terbuka.search.models import SearchDocument
from terbuka.testing import answer_request, submit_request

pytestmark = pytest.mark.django_db

PERSONAL = ["Siti", "Rahmawati", "6271014101900001", "Tjilik", "081234567890", "skripsi"]


def found(q: str) -> list[str]:
    return [hit.title for hit in query.search(q, kinds=("request",)).hits]


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


def test_it_is_found_from_the_commit_that_answers_it_not_before(world: Any) -> None:
    # Indexed inside the notice's transaction: no on-commit callback has to run.
    info_request = submit_request(world, publish_allowed=True)
    assert found("puskesmas") == []
    answer_request(world, info_request)
    assert found("puskesmas") == [info_request.subject]


def test_a_rolled_back_answer_leaves_the_index_as_it_was(world: Any) -> None:
    info_request = submit_request(world, publish_allowed=True)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        answer_request(world, info_request)
        assert found("puskesmas") == [info_request.subject]  # inside the transaction
        raise RuntimeError("the request fails after the action")
    assert found("puskesmas") == []
    assert not SearchDocument.objects.filter(kind="request").exists()


def test_it_indexes_only_the_public_fields_of_a_published_request(world: Any) -> None:
    info_request = answer_request(world, submit_request(world, publish_allowed=True))
    document = SearchDocument.objects.get(kind="request", object_id=info_request.pk)
    assert info_request.subject in document.text
    assert "Data puskesmas 2024" in document.text  # the notice's material
    assert world.agency_a.name in document.text
    for secret in [*PERSONAL, "Terlampir data puskesmas"]:  # nor the officer's draft
        assert secret not in document.text
        assert secret not in document.title
    for hit in query.search("puskesmas", kinds=("request",)).hits:
        for secret in PERSONAL:
            assert secret not in hit.snippet_html
            assert secret not in hit.title_html


def test_the_search_page_lists_it_without_personal_data(client: Client, world: Any) -> None:
    info_request = answer_request(world, submit_request(world, publish_allowed=True))
    html = client.get(reverse("search:search"), {"q": "puskesmas"}).content.decode()
    assert reverse("requests:log_detail", kwargs={"public_id": info_request.public_id}) in html
    assert '<span class="badge">Permohonan yang dijawab</span>' in html
    for secret in PERSONAL:
        assert secret not in html
    # The requester's name finds nothing: it was never indexed.
    html = client.get(reverse("search:search"), {"q": "Siti Rahmawati"}).content.decode()
    assert "Tidak ditemukan informasi untuk" in html


def test_rebuild_search_index_indexes_only_the_public_request_log(world: Any) -> None:
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
    submit_request(world, subject="Data beasiswa yang belum dijawab", publish_allowed=True)
    SearchDocument.objects.filter(kind="request").update(title="stale")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "1 permohonan" in out.getvalue()
    assert found("beasiswa") == []
    assert len(found("puskesmas")) == 1
    assert "stale" not in found("puskesmas")
