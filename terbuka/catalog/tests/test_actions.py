"""Catalog actions: who may act, the 6-monthly update rule, audit and the search index."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions
from terbuka.catalog.models import Category, Entry
from terbuka.search.models import SearchDocument
from terbuka.testing import ENTRY_VALUES, make_entry


def indexed(entry: Entry) -> bool:
    return SearchDocument.objects.filter(kind="dip", object_id=entry.pk).exists()


def test_it_creates_an_entry_audits_and_indexes_it(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    assert entry.body == world.agency_a
    assert entry.created_by == world.pelaksana_a
    assert AuditRecord.objects.filter(
        action="catalog.entry.create", object_id=str(entry.pk)
    ).exists()
    assert indexed(entry)


def test_it_refuses_an_officer_of_another_body(world: Any) -> None:
    with pytest.raises(PermissionDenied):
        make_entry(world.pelaksana_b, world.agency_a)
    entry = make_entry(world.pelaksana_a, world.agency_a)
    with pytest.raises(PermissionDenied):
        actions.update_entry(actor=world.pelaksana_b, entry=entry, title="Diubah")
    with pytest.raises(PermissionDenied):
        actions.mark_updated(actor=world.regency_officer, entry=entry)
    with pytest.raises(PermissionDenied):
        make_entry(world.requester, world.agency_a)
    entry.refresh_from_db()
    assert entry.title == ENTRY_VALUES["title"]


def test_it_lets_the_ppid_utama_act_on_the_units_he_serves(world: Any) -> None:
    entry = make_entry(world.utama, world.agency_a)
    assert actions.update_entry(actor=world.utama, entry=entry, number="7").number == "7"
    with pytest.raises(PermissionDenied):
        make_entry(world.utama, world.regency_agency)


def test_it_sets_the_next_update_six_months_after_the_last(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, last_updated_on=dt.date(2025, 2, 3))
    assert entry.next_update_due == dt.date(2025, 8, 3)


def test_it_clamps_the_next_update_to_the_end_of_a_short_month(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, last_updated_on=dt.date(2025, 8, 31))
    assert entry.next_update_due == dt.date(2026, 2, 28)
    assert actions.add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)


def test_it_never_lets_the_next_update_be_later_than_six_months(world: Any) -> None:
    entry = make_entry(
        world.pelaksana_a,
        world.agency_a,
        last_updated_on=dt.date(2025, 2, 3),
        next_update_due=dt.date(2026, 1, 1),
    )
    assert entry.next_update_due == dt.date(2025, 8, 3)
    earlier = make_entry(
        world.pelaksana_a,
        world.agency_a,
        last_updated_on=dt.date(2025, 2, 3),
        next_update_due=dt.date(2025, 5, 1),
    )
    assert earlier.next_update_due == dt.date(2025, 5, 1)


def test_it_gives_other_categories_no_update_date(world: Any) -> None:
    entry = make_entry(
        world.pelaksana_a,
        world.agency_a,
        category=Category.SETIAP_SAAT,
        next_update_due=dt.date(2025, 5, 1),
    )
    assert entry.next_update_due is None


@time_machine.travel(dt.datetime(2025, 10, 1, 9, tzinfo=dt.UTC), tick=False)
def test_it_moves_the_next_update_when_marked_updated(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, last_updated_on=dt.date(2025, 2, 3))
    assert entry.is_update_overdue
    assert Entry.objects.update_overdue().filter(pk=entry.pk).exists()
    entry = actions.mark_updated(actor=world.pelaksana_a, entry=entry)
    assert entry.last_updated_on == dt.date(2025, 10, 1)
    assert entry.next_update_due == dt.date(2026, 4, 1)
    assert not entry.is_update_overdue


def test_it_refuses_to_mark_a_non_periodic_entry_updated(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, category=Category.SERTA_MERTA)
    with pytest.raises(ValidationError):
        actions.mark_updated(actor=world.pelaksana_a, entry=entry)


def test_it_refuses_an_entry_without_any_form(world: Any) -> None:
    with pytest.raises(ValidationError):
        make_entry(
            world.pelaksana_a, world.agency_a, available_softcopy=False, available_hardcopy=False
        )
    assert not Entry.objects.exists()


def test_it_refuses_a_unit_outside_the_body(world: Any) -> None:
    with pytest.raises(ValidationError):
        make_entry(world.pelaksana_a, world.agency_a, unit=world.agency_b)


def test_it_takes_an_unpublished_entry_out_of_the_index(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    assert indexed(entry)
    actions.update_entry(actor=world.pelaksana_a, entry=entry, is_published=False)
    assert not indexed(entry)
    actions.update_entry(actor=world.pelaksana_a, entry=entry, is_published=True)
    assert indexed(entry)


def test_it_reindexes_an_entry_when_its_title_changes(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    actions.update_entry(actor=world.pelaksana_a, entry=entry, title="Profil Badan Publik")
    assert SearchDocument.objects.get(kind="dip", object_id=entry.pk).title == "Profil Badan Publik"
