"""The process's copy of the body tree (``bodies.tree``) gives what the database gives:
the units a PPID serves as the recursive query finds them, and a change on the next read."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from terbuka.bodies import tree
from terbuka.bodies.models import Body, BodyKind, TreeStamp, served_by


def test_it_finds_the_units_a_ppid_serves_as_the_recursive_query_does(world: Any) -> None:
    regency_unit = Body.objects.create(
        name="Dinas Sosial Barito Utara",
        code="DINSOS-BARUT",
        slug="dinsos-barut",
        kind=BodyKind.AGENCY,
        parent=world.regency,
    )
    bureau = Body.objects.create(
        name="Bidang Pelayanan",
        code="BID-YAN",
        slug="bidang-pelayanan",
        kind=BodyKind.OTHER,
        parent=world.agency_a,
    )
    Body.objects.create(
        name="Seksi Informasi",
        code="SEKSI-INFO",
        slug="seksi-informasi",
        kind=BodyKind.OTHER,
        parent=bureau,
        is_active=False,  # an inactive unit is still served; callers filter
    )
    snapshot = tree.snapshot()
    for body in Body.objects.all():
        expected = [(unit.pk, unit.name) for unit in served_by([body])]
        found = [(unit.pk, unit.name) for unit in snapshot.served_by([body.pk])]
        assert found == expected, body.name
    assert regency_unit.pk in {unit.pk for unit in snapshot.served_by([world.regency.pk])}
    assert regency_unit.pk not in {unit.pk for unit in snapshot.served_by([world.province.pk])}


def test_it_reads_a_change_made_outside_the_actions(world: Any) -> None:
    before = tree.snapshot()
    assert tree.snapshot() is before  # nothing changed: the same objects
    Body.objects.filter(pk=world.agency_b.pk).update(has_own_ppid=True)
    after = tree.snapshot()
    assert after is not before
    assert after.by_pk[world.agency_b.pk].has_own_ppid is True
    assert world.agency_b.pk not in {unit.pk for unit in after.served_by([world.province.pk])}


def test_it_holds_the_values_the_orm_gives(world: Any) -> None:
    # SQLite gives 0/1 and text for a boolean and a time of day: the tree converts them.
    snapshot = tree.snapshot()
    for body in Body.objects.all():
        copy = snapshot.by_pk[body.pk]
        for name in (*tree.COLUMNS, "is_active"):
            value = getattr(body, name)
            assert getattr(copy, name) == value, name
            assert type(getattr(copy, name)) is type(value), name


def _stamp_queries(action: Any) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return [query["sql"] for query in captured.captured_queries]


def test_it_reads_one_value_while_nothing_changed(world: Any) -> None:
    before = tree.snapshot()
    statements = _stamp_queries(tree.snapshot)
    assert len(statements) == 1
    assert "bodies_body" not in statements[0]  # the stamp, not the 500 rows
    assert tree.snapshot() is before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE bodies_body SET name = 'Dinas Diganti Tangan' WHERE id = %s",
        "DELETE FROM bodies_role WHERE body_id = %s",  # not a body: nothing to see
    ],
)
def test_a_hand_written_statement_is_seen_on_the_next_read(world: Any, statement: str) -> None:
    tree.snapshot()
    with connection.cursor() as cursor:
        cursor.execute(statement, [world.agency_b.pk])
    expected = Body.objects.get(pk=world.agency_b.pk).name
    assert tree.snapshot().by_pk[world.agency_b.pk].name == expected


def test_a_body_added_or_deleted_by_hand_is_seen(world: Any) -> None:
    tree.snapshot()
    Body.objects.bulk_create(
        [Body(name="Badan Baru", code="BARU", slug="badan-baru", kind=BodyKind.AGENCY)]
    )
    added = Body.objects.get(slug="badan-baru")
    assert added.pk in tree.snapshot().by_pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bodies_body WHERE id = %s", [added.pk])
    assert added.pk not in tree.snapshot().by_pk


def test_a_rolled_back_change_is_not_kept_and_a_later_one_is_seen(world: Any) -> None:
    original = world.agency_b.name
    with pytest.raises(RuntimeError), transaction.atomic():
        Body.objects.filter(pk=world.agency_b.pk).update(name="Nama Yang Dibatalkan")
        assert tree.snapshot().by_pk[world.agency_b.pk].name == "Nama Yang Dibatalkan"
        raise RuntimeError
    assert tree.snapshot().by_pk[world.agency_b.pk].name == original
    Body.objects.filter(pk=world.agency_a.pk).update(name="Nama Yang Jadi")
    seen = tree.snapshot()
    assert seen.by_pk[world.agency_a.pk].name == "Nama Yang Jadi"
    assert seen.by_pk[world.agency_b.pk].name == original


def test_without_a_stamp_it_compares_the_rows(world: Any) -> None:
    tree.snapshot()
    TreeStamp.objects.all().delete()
    tree.drop_stamp_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bodies_body SET name = 'Tanpa Cap' WHERE id = %s", [world.agency_b.pk]
        )
    assert tree.snapshot().by_pk[world.agency_b.pk].name == "Tanpa Cap"


def test_the_triggers_come_back_after_migrate(world: Any) -> None:
    # A migration that rebuilds the bodies table on SQLite drops its triggers; the
    # post_migrate handler puts them back (and gives a new stamp).
    tree.drop_stamp_triggers(connection)
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    tree.snapshot()
    before = TreeStamp.objects.get().stamp
    Body.objects.filter(pk=world.agency_b.pk).update(name="Sesudah Migrasi")
    assert TreeStamp.objects.get().stamp != before
    assert tree.snapshot().by_pk[world.agency_b.pk].name == "Sesudah Migrasi"
