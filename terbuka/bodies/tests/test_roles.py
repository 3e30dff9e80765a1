"""``Role.objects.held_in(...).addresses()``: the one lookup of "the officers of this body
with this role" that every e-mail uses."""

from __future__ import annotations

from typing import Any

from terbuka.bodies.models import Role, RoleKind


def test_it_finds_the_officers_of_the_body_with_those_roles(world: Any) -> None:
    handlers = Role.objects.held_in(world.province, [RoleKind.UTAMA, RoleKind.OPERATOR])
    assert handlers.addresses() == ["operator@example.test", "utama@example.test"]


def test_it_leaves_out_other_bodies_and_other_roles(world: Any) -> None:
    # The regency has its own PPID Utama; the agencies' PPID Pelaksana hold other roles.
    utama = Role.objects.held_in(world.province, [RoleKind.UTAMA]).addresses()
    assert utama == ["utama@example.test"]
    both = Role.objects.held_in([world.agency_a, world.agency_b.pk], [RoleKind.PELAKSANA])
    assert both.addresses() == ["pelaksana.a@example.test", "pelaksana.b@example.test"]


def test_it_leaves_out_inactive_accounts_and_accounts_without_an_address(world: Any) -> None:
    world.operator.is_active = False
    world.operator.save(update_fields=["is_active"])
    world.utama.email = ""
    world.utama.save(update_fields=["email"])
    kinds = [RoleKind.UTAMA, RoleKind.OPERATOR, RoleKind.ATASAN]
    assert Role.objects.held_in(world.province, kinds).addresses() == ["atasan@example.test"]
