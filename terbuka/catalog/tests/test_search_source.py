"""The DIP as a search source: published entries of active bodies are found by their
Perki fields and documents' text from the commit that publishes them, and are no longer
found once unpublished; a change that rolls back leaves the index as it was."""

from __future__ import annotations

import contextlib
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from terbuka.bodies.models import Body
from terbuka.catalog import actions, indexing
from terbuka.catalog.models import Document, DocumentVersion, ExtractionStatus
from terbuka.search import query
from terbuka.shield.state import ShieldState
from terbuka.testing import make_entry

pytestmark = pytest.mark.django_db


def found(q: str, **filters: Any) -> set[str]:
    return {hit.title for hit in query.search(q, kinds=("dip",), **filters).hits}


def test_it_finds_an_entry_by_its_perki_fields_and_its_documents_text(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, holder="Bidang Sumber Daya Air")
    document = Document.objects.create(entry=entry, title="Lampiran peta")
    DocumentVersion.objects.create(
        document=document,
        number=1,
        file="dip/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        extraction_status=ExtractionStatus.DONE,
        extracted_text="Normalisasi sungai Kahayan",
        shield_state=ShieldState.CLEAR,
    )
    indexing.reindex_entry(entry)
    for q in ["realisasi anggaran", "sumber daya air", "lampiran peta", "kahayan", "keuangan"]:
        assert found(q) == {entry.title}, q
    [hit] = query.search("kahayan").hits
    assert (hit.kind, hit.url, hit.category, hit.form) == (
        "dip",
        entry.get_absolute_url(),
        "berkala",
        "softcopy",
    )


def test_an_entry_is_findable_when_published_and_not_when_unpublished(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, is_published=False)
    assert found("realisasi") == set()
    actions.update_entry(actor=world.pelaksana_a, entry=entry, is_published=True)
    assert found("realisasi") == {entry.title}
    actions.update_entry(actor=world.pelaksana_a, entry=entry, is_published=False)
    assert found("realisasi") == set()


def test_a_rolled_back_change_leaves_the_index_as_it_was(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        actions.update_entry(actor=world.pelaksana_a, entry=entry, title="Peta rawan banjir")
        raise RuntimeError("the request fails after the action")
    with contextlib.suppress(RuntimeError), transaction.atomic():
        actions.update_entry(actor=world.pelaksana_a, entry=entry, is_published=False)
        raise RuntimeError("the request fails after the action")
    with contextlib.suppress(RuntimeError), transaction.atomic():
        make_entry(world.pelaksana_a, world.agency_a, title="Daftar jembatan rusak")
        raise RuntimeError("the request fails after the action")
    assert found("banjir") == set()
    assert found("jembatan") == set()
    assert found("realisasi") == {entry.title}


def test_it_filters_entries_by_the_form_they_are_available_in(world: Any) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Peta digital")
    make_entry(world.pelaksana_a, world.agency_a, title="Peta keduanya", available_hardcopy=True)
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        title="Peta cetak",
        available_softcopy=False,
        available_hardcopy=True,
    )
    assert found("peta", form="softcopy") == {"Peta digital", "Peta keduanya"}
    assert found("peta", form="hardcopy") == {"Peta keduanya", "Peta cetak"}


def test_an_entry_of_an_inactive_body_is_not_found(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    Body.objects.filter(pk=world.agency_a.pk).update(is_active=False)
    indexing.reindex_entry(entry)
    assert found("realisasi") == set()
    call_command("rebuild_search_index", stdout=StringIO())
    assert found("realisasi") == set()


def test_rebuild_search_index_indexes_the_published_entries(world: Any) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Laporan keuangan")
    make_entry(world.pelaksana_a, world.agency_a, title="Laporan rahasia", is_published=False)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "1 entri DIP" in out.getvalue()
    assert found("laporan") == {"Laporan keuangan"}
