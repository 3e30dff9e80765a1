"""What an officer and the administrator may change on a DIP entry and an exemption is one
list (``actions.ENTRY_FIELDS``, ``actions.EXEMPTION_FIELDS``): the officers' forms, the
admin pages and the actions offer and accept the same fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions
from terbuka.catalog.forms import EntryForm, EntryWithDocumentForm, ExemptionForm
from terbuka.catalog.models import Entry, Exemption, ExemptionState
from terbuka.testing import make_entry, make_exemption

MANAGEMENT = {
    "TOTAL_FORMS": "0",
    "INITIAL_FORMS": "0",
    "MIN_NUM_FORMS": "0",
    "MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def admin_client(client: Client, world: Any) -> Client:
    client.force_login(world.admin)
    return client


def admin_form_data(rows: QuerySet[Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The admin change form as the browser posts it back unchanged."""
    values = rows.values(*names).get()
    # An unticked checkbox is left out of the POST; an empty choice is sent as "".
    return {
        name: "" if value is None else value for name, value in values.items() if value is not False
    }


def form_fields(response: Any) -> list[str]:
    return list(response.context["adminform"].form.fields)


def test_the_entry_forms_and_the_admin_offer_the_fields_the_actions_accept(
    admin_client: Client, world: Any
) -> None:
    officer_fields = list(actions.ENTRY_OFFICER_FIELDS)
    assert list(EntryForm(body=world.agency_a).fields) == officer_fields
    with_document = EntryWithDocumentForm(body=world.agency_a)
    assert list(with_document.fields)[: len(officer_fields)] == officer_fields
    # The admin adds only the body and the feed's key: each of its fields reaches the action.
    page = admin_client.get(reverse("admin:catalog_entry_add"))
    assert form_fields(page) == ["body", *officer_fields, "source_key"]
    assert form_fields(page) == ["body", *actions.ENTRY_FIELDS]


def test_an_entry_changed_in_the_admin_goes_through_the_action(
    admin_client: Client, world: Any
) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    data = admin_form_data(Entry.objects.filter(pk=entry.pk), actions.ENTRY_FIELDS)
    data.update(
        body=world.agency_a.pk,
        title="Laporan Realisasi Anggaran 2024 (revisi)",
        source_key="feed:lra-2024",
        **{f"documents-{key}": value for key, value in MANAGEMENT.items()},
    )
    response = admin_client.post(reverse("admin:catalog_entry_change", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("admin:catalog_entry_changelist")
    entry.refresh_from_db()
    assert (entry.title, entry.source_key) == (
        "Laporan Realisasi Anggaran 2024 (revisi)",
        "feed:lra-2024",
    )
    audit = AuditRecord.objects.filter(action="catalog.entry.update").get()
    assert audit.detail["fields"] == ["source_key", "title"]


def test_the_entry_actions_refuse_a_field_outside_the_list(world: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    with pytest.raises(TypeError, match="created_by"):
        actions.update_entry(actor=world.pelaksana_a, entry=entry, created_by=world.pelaksana_b)
    with pytest.raises(TypeError, match="public_id"):
        make_entry(world.pelaksana_a, world.agency_a, public_id=entry.public_id)
    entry.refresh_from_db()
    assert entry.created_by == world.pelaksana_a
    assert Entry.objects.count() == 1


def test_the_exemption_forms_and_the_admin_offer_the_fields_the_actions_accept(
    admin_client: Client, world: Any
) -> None:
    officer_fields = list(actions.EXEMPTION_OFFICER_FIELDS)
    assert list(ExemptionForm(body=world.agency_a).fields) == officer_fields
    # Only the administrator corrects the state; officers never see it.
    assert "state" not in officer_fields
    page = admin_client.get(reverse("admin:catalog_exemption_add"))
    assert form_fields(page) == ["body", *officer_fields, "state"]
    assert form_fields(page) == ["body", *actions.EXEMPTION_FIELDS]


def test_an_exemption_opened_in_the_admin_goes_through_the_action(
    admin_client: Client, world: Any
) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    data = admin_form_data(Exemption.objects.filter(pk=exemption.pk), actions.EXEMPTION_FIELDS)
    data.update(body=world.agency_a.pk, state=ExemptionState.OPENED)
    response = admin_client.post(
        reverse("admin:catalog_exemption_change", args=[exemption.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("admin:catalog_exemption_changelist")
    exemption.refresh_from_db()
    assert exemption.state == ExemptionState.OPENED
    assert AuditRecord.objects.filter(action="catalog.exemption.update").exists()


def test_the_exemption_actions_refuse_a_field_outside_the_list(world: Any) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    with pytest.raises(TypeError, match="warned_at"):
        actions.update_exemption(actor=world.pelaksana_a, exemption=exemption, warned_at=None)
    with pytest.raises(TypeError, match="created_by"):
        make_exemption(world.pelaksana_a, world.agency_a, created_by=world.pelaksana_b)
    assert Exemption.objects.count() == 1
