"""A change of stemmer makes the stored stems stale: the index records which stemmer
built it, an upgrade is told to rebuild, and ``rebuild_search_index --if-stale`` does."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core import checks
from django.core.management import call_command

from terbuka.search import index, query, stemming
from terbuka.search.models import IndexStamp, SearchDocument
from terbuka.search.tests.fakes import FakeSource
from terbuka.testing import World

pytestmark = pytest.mark.django_db

migration = importlib.import_module("terbuka.search.migrations.0006_stemmer_version_stamp")


def stale_warnings() -> list[str]:
    return [
        message.id or ""
        for message in checks.run_checks(tags=[checks.Tags.database], databases=["default"])
        if message.id == "search.W001"
    ]


def index_built_by_snowball(world: World, fake_source: FakeSource) -> None:
    """An index as an installation before issue 11 has it: Snowball's stem of the title."""
    fake_source.add(1, "Penetapan tarif retribusi", world.agency_a)
    index.reindex(kind="uji", object_id=1)
    SearchDocument.objects.filter(kind="uji").update(stemmed_title="etap tarif retribusi")
    index.stamp(migration.SNOWBALL_VERSION)


def test_a_fresh_installation_has_an_index_stamped_with_this_stemmer() -> None:
    assert index.stamped_version() == stemming.STEMMER_VERSION
    assert not index.is_stale()
    assert stale_warnings() == []


def test_an_upgraded_index_is_stale_until_rebuilt_if_stale(
    world: World, fake_source: FakeSource
) -> None:
    index_built_by_snowball(world, fake_source)
    assert index.is_stale()
    assert stale_warnings() == ["search.W001"]

    out = StringIO()
    call_command("rebuild_search_index", "--if-stale", stdout=out)

    assert "1 dokumen uji" in out.getvalue()
    assert index.stamped_version() == stemming.STEMMER_VERSION
    assert stale_warnings() == []
    # The rebuilt stems are this stemmer's: the query's "tetap" now finds "Penetapan".
    assert [hit.title for hit in query.search("ditetapkan", kinds=("uji",)).hits] == [
        "Penetapan tarif retribusi"
    ]


def test_rebuild_if_stale_leaves_a_current_index_alone(
    world: World, fake_source: FakeSource
) -> None:
    fake_source.add(1, "Laporan keuangan", world.agency_a)
    call_command("rebuild_search_index", stdout=StringIO())
    fake_source.add(2, "Laporan kegiatan", world.agency_a)  # not indexed by any action

    out = StringIO()
    call_command("rebuild_search_index", "--if-stale", stdout=out)

    assert "tidak dibangun ulang" in out.getvalue()
    assert SearchDocument.objects.filter(kind="uji").count() == 1


def test_an_index_never_stamped_is_stale_once_it_holds_documents(world: World) -> None:
    IndexStamp.objects.all().delete()
    assert not index.is_stale()
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Banjir", text="", url="/"
    )
    assert index.is_stale()


def test_the_migration_stamps_a_filled_index_with_snowball_and_an_empty_one_current(
    world: World,
) -> None:
    IndexStamp.objects.all().delete()
    migration.stamp(apps, None)
    assert index.stamped_version() == stemming.STEMMER_VERSION

    IndexStamp.objects.all().delete()
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Banjir", text="", url="/"
    )
    migration.stamp(apps, None)
    assert index.stamped_version() == migration.SNOWBALL_VERSION
    assert index.is_stale()
