"""The process's copy of the body tree (``bodies.tree``) gives what the database gives:
the units a PPID serves as the recursive query finds them, and a change on the next read."""

from __future__ import annotations

from typing import Any

from terbuka.bodies import tree
from terbuka.bodies.models import Body, BodyKind, served_by


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
