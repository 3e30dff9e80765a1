"""The body tree costs the same number of queries at 3 bodies and at 300, however deep.

A province hub grows into hundreds of bodies several levels deep; a permission check, the
officer's inbox and the body directory must not grow a query per body or per level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terbuka.accounts.models import User
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, BodyKind, served_by, subtree


def grow(world: Any, count: int, depth: int = 10, prefix: str = "u") -> Body:
    """Add ``count`` bodies under the province's agency A: chains ``depth`` levels deep,
    none with its own PPID, so all are served by the province. Returns the deepest."""
    made = 0
    deepest = world.agency_a
    while made < count:
        parent = world.agency_a
        for _level in range(min(depth, count - made)):
            made += 1
            parent = Body.objects.create(
                name=f"Unit {prefix}{made:03d}",
                code=f"{prefix}{made:03d}".upper(),
                slug=f"unit-{prefix}{made:03d}",
                kind=BodyKind.OTHER,
                parent=parent,
            )
            deepest = parent
    return deepest


def queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def fresh(user: User) -> User:
    """The user as a new request sees him: nothing cached."""
    return User.objects.get(pk=user.pk)


def measure(world: Any, client: Client, deepest: Body) -> dict[str, int]:
    def check() -> None:
        utama = fresh(world.utama)
        body = Body.objects.get(pk=deepest.pk)
        assert permissions.can_act_on(utama, body)
        assert body.ppid_body == world.province
        assert not permissions.can_act_on(fresh(world.pelaksana_b), body)
        assert permissions.can_decide_objections(fresh(world.atasan), body)

    client.force_login(world.utama)
    inbox = reverse("requests:inbox")
    directory = reverse("bodies:directory")
    client.get(inbox)  # warm the session and translations
    client.get(directory)
    return {
        "permission check": queries(check),
        "acted-on list": queries(lambda: permissions.bodies_acted_on(fresh(world.utama))),
        "inbox": queries(lambda: client.get(inbox)),
        "directory": queries(lambda: client.get(directory)),
    }


@pytest.mark.django_db
def test_it_costs_the_same_queries_for_3_and_300_bodies(world: Any) -> None:
    small = measure(world, Client(), grow(world, 3))
    large_deepest = grow(world, 297, prefix="v")
    large = measure(world, Client(), large_deepest)
    assert Body.objects.count() > 300
    assert large == small, (small, large)


@pytest.mark.django_db
def test_it_finds_every_served_unit_in_one_query(world: Any) -> None:
    deepest = grow(world, 30, depth=7)
    with CaptureQueriesContext(connection) as captured:
        served = served_by([world.province])
    assert len(captured.captured_queries) == 1
    served_ids = {body.pk for body in served}
    assert deepest.pk in served_ids
    assert world.agency_a.pk in served_ids
    # The regency has its own PPID: neither it nor its agencies are the province's units.
    assert world.regency.pk not in served_ids
    assert world.province.pk not in served_ids
    assert [body.name for body in served] == sorted(body.name for body in served)


@pytest.mark.django_db
def test_it_walks_up_a_deep_chain_in_one_query(world: Any) -> None:
    deepest = Body.objects.get(pk=grow(world, 12, depth=12).pk)
    with CaptureQueriesContext(connection) as captured:
        chain = deepest.ancestors()
        again = deepest.ancestors()
    assert len(captured.captured_queries) == 1
    assert chain == again
    assert chain[-1] == world.province
    assert chain[11] == world.agency_a
    assert len({body.pk for body in subtree(world.agency_a)}) == 12
