from __future__ import annotations

import importlib
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from terbuka.catalog.models import Entry
from terbuka.requests.models import InfoRequest
from terbuka.search import index, query, sources
from terbuka.search.models import SearchDocument
from terbuka.testing import World

pytestmark = pytest.mark.django_db


def titles(results: query.Results) -> set[str]:
    return {hit.title for hit in results.hits}


def fts_rows() -> int:
    """Rows of the database's own full-text structure (FTS5 table or indexed vectors)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts")
        else:
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument WHERE search_vector IS NOT NULL"
            )
        return int(cursor.fetchone()[0])


def test_it_indexes_and_replaces_one_row_per_object(world: World) -> None:
    for title in ["Laporan anggaran", "Laporan penganggaran"]:
        index.upsert(
            kind="dip", object_id=7, body_id=world.agency_a.pk, title=title, text="", url="/x/"
        )
    assert SearchDocument.objects.count() == 1
    assert fts_rows() == 1
    assert titles(query.search("penganggaran")) == {"Laporan penganggaran"}


def test_it_forgets_the_old_text_after_an_update(world: World) -> None:
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Banjir", text="", url="/"
    )
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Jembatan", text="", url="/"
    )
    assert query.search("banjir").total == 0
    assert query.search("jembatan").total == 1


def test_it_deletes_from_both_structures(world: World) -> None:
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Banjir", text="", url="/"
    )
    index.delete(kind="dip", object_id=1)
    index.delete(kind="dip", object_id=1)  # deleting twice is harmless
    assert SearchDocument.objects.count() == 0
    assert fts_rows() == 0
    assert query.search("banjir").total == 0


def test_it_indexes_entry_fields_and_extracted_document_text(
    make_entry: Callable[..., Entry],
) -> None:
    make_entry("Rencana kerja", "Ringkasan program", document_text="Normalisasi sungai Kahayan")
    assert titles(query.search("kahayan")) == {"Rencana kerja"}


def test_it_removes_an_unpublished_entry(make_entry: Callable[..., Entry]) -> None:
    entry = make_entry("Data banjir")
    entry.is_published = False
    entry.save()
    sources.index_entry(entry)
    assert query.search("banjir").total == 0


def test_it_indexes_only_the_public_fields_of_a_published_request(
    make_request: Callable[..., InfoRequest],
) -> None:
    make_request("Salinan kontrak pengadaan ambulans", material="Kontrak nomor 12")
    document = SearchDocument.objects.get(kind="request")
    assert "ambulans" in document.text
    assert "Kontrak nomor 12" in document.text
    for secret in ["Siti", "Rahmawati", "6271014101900001", "Tjilik", "0812", "rahasia", "skripsi"]:
        assert secret not in document.text
        assert secret not in document.title
    assert query.search("rahmawati", kinds=("dip", "request")).total == 0
    assert query.search("ambulans", kinds=("request",)).total == 1


def test_it_leaves_out_requests_not_in_the_public_log(
    make_request: Callable[..., InfoRequest],
) -> None:
    make_request("Data ambulans rahasia", publish_allowed=False)
    make_request("Data ambulans belum dijawab", answered=False)
    assert SearchDocument.objects.filter(kind="request").count() == 0


def test_it_removes_a_request_that_leaves_the_public_log(
    make_request: Callable[..., InfoRequest],
) -> None:
    info_request = make_request("Data ambulans")
    InfoRequest.objects.filter(pk=info_request.pk).update(publish_allowed=False)
    sources.index_request(info_request)
    assert SearchDocument.objects.filter(kind="request").count() == 0


def test_rebuild_search_index_reindexes_published_entries_and_requests(
    make_entry: Callable[..., Entry], make_request: Callable[..., InfoRequest]
) -> None:
    make_entry("Laporan keuangan")
    hidden = make_entry("Laporan rahasia")
    Entry.objects.filter(pk=hidden.pk).update(is_published=False)
    make_request("Salinan laporan kegiatan")
    SearchDocument.objects.filter(kind="dip").update(title="stale")

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert "1 entri DIP, 1 permohonan" in out.getvalue()
    assert titles(query.search("laporan", kinds=("dip", "request"))) == {
        "Laporan keuangan",
        "Salinan laporan kegiatan",
    }
    assert fts_rows() == 2


def test_the_full_text_structure_holds_the_filters_as_the_code_writes_them(world: World) -> None:
    index.upsert(
        kind="dip",
        object_id=1,
        body_id=world.agency_a.pk,
        title="Banjir",
        text="",
        url="/",
        category="serta_merta",
        year=2024,
        form="both",
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Rebuilding as migration 0003 does gives the same tokens as index.upsert.
            migration = importlib.import_module("terbuka.search.migrations.0003_fts_filter_tokens")
            cursor.execute(f"SELECT {migration.FACETS_SQL} FROM search_searchdocument")  # noqa: S608
            from_sql = cursor.fetchone()[0]
            cursor.execute("SELECT facets FROM search_fts")
            assert cursor.fetchone()[0] == from_sql
            assert from_sql == f"kinddip body{world.agency_a.pk} catsertamerta year2024 formboth"
        else:
            # The generated vector (migration 0004): words, then facet lexemes (weight D).
            cursor.execute("SELECT search_vector::text FROM search_searchdocument")
            assert cursor.fetchone()[0] == (
                f"'banjir':1A 'body{world.agency_a.pk}':3 'catsertamerta':4 'formboth':6"
                " 'kinddip':2 'year2024':5"
            )
