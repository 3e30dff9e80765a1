from __future__ import annotations

import contextlib
import dataclasses
import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from terbuka.search import index, query, registry
from terbuka.search.models import SearchDocument
from terbuka.search.registry import register_source
from terbuka.search.tests.fakes import FakeSource
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


def test_it_indexes_an_object_its_source_calls_public(
    world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Peta banjir Kahayan", world.agency_a)
    assert index.reindex(kind="uji", object_id=1) is True
    assert titles(query.search("kahayan")) == {"Peta banjir Kahayan"}
    assert SearchDocument.objects.get(kind="uji").url == "/uji/1/"


def test_it_removes_an_object_its_source_no_longer_calls_public(
    world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Peta banjir Kahayan", world.agency_a)
    index.reindex(kind="uji", object_id=1)
    del fake_source.public[1]
    assert index.reindex(kind="uji", object_id=1) is False
    assert query.search("kahayan").total == 0
    assert fts_rows() == 0


def test_it_leaves_the_index_as_it_was_when_the_change_rolls_back(
    world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Peta banjir Kahayan", world.agency_a)
    index.reindex(kind="uji", object_id=1)
    fake_source.add(1, "Peta jembatan Kahayan", world.agency_a)
    fake_source.add(2, "Data banjir rob", world.agency_a)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        index.reindex(kind="uji", object_id=1)
        index.reindex(kind="uji", object_id=2)
        raise RuntimeError("the change fails after indexing")
    assert titles(query.search("banjir")) == {"Peta banjir Kahayan"}
    assert query.search("jembatan").total == 0
    assert fts_rows() == 1


def test_it_refuses_an_unregistered_kind(world: World) -> None:
    with pytest.raises(LookupError):
        index.reindex(kind="tidakada", object_id=1)


def test_it_refuses_a_kind_that_is_no_facet_token() -> None:
    fake = FakeSource()
    for kind in ["", "dua kata", "garis_bawah", "Besar", "terlalupanjang"]:
        with pytest.raises(ValueError, match="source kind"):
            register_source(dataclasses.replace(fake.source, kind=kind))
    assert "dua kata" not in registry.kinds()


def test_rebuild_search_index_rebuilds_from_every_registered_source(
    world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Laporan keuangan", world.agency_a)
    fake_source.add(2, "Laporan kegiatan", world.agency_b)
    index.reindex(kind="uji", object_id=1)
    SearchDocument.objects.filter(kind="uji").update(title="stale")
    index.upsert(  # a row whose object is gone: the rebuild drops it
        kind="uji", object_id=3, body_id=world.agency_a.pk, title="Laporan lama", text="", url="/"
    )

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert "2 dokumen uji" in out.getvalue()
    assert "0 entri DIP, 0 permohonan" in out.getvalue()
    assert titles(query.search("laporan")) == {"Laporan keuangan", "Laporan kegiatan"}
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
