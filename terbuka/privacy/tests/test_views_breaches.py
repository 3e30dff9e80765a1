"""The DPO's breach register pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from terbuka.audit.models import AuditRecord
from terbuka.bodies.models import Body
from terbuka.privacy import actions
from terbuka.privacy.forms import BreachForm
from terbuka.privacy.models import Breach

pytestmark = pytest.mark.django_db

FORM = {
    "discovered_at": "2025-10-06T09:00",
    "occurred_at": "2025-10-05T20:00",
    "description": "Ekspor daftar pemohon terkirim ke alamat e-mail yang salah",
    "data_categories": "Nama, e-mail",
    "people_affected_count": "12",
    "people_affected_description": "Pemohon Oktober 2025",
    "cause": "Salah ketik alamat",
    "measures": "Penerima diminta menghapus",
    "status": "open",
}
BREACH = {
    "description": "Laptop operator berisi ekspor permohonan hilang",
    "data_categories": "Nama, NIK, alamat",
    "people_affected_count": 40,
}


def test_a_dpo_records_and_updates_a_breach(client, world, dpo):
    client.force_login(dpo)
    response = client.post(reverse("privacy:breach_new"), {**FORM, "body": world.province.pk})
    assert response.status_code == 302
    breach = Breach.objects.get()
    assert breach.recorded_by == dpo and breach.people_affected_count == 12
    url = reverse("privacy:breach_detail", kwargs={"public_id": breach.public_id})
    assert client.get(url).status_code == 200
    update = {key: value for key, value in FORM.items() if key != "discovered_at"}
    update["subjects_notified_at"] = "2025-10-07T10:00"
    assert client.post(url, update).status_code == 302
    breach.refresh_from_db()
    assert breach.subjects_notified_at is not None
    assert AuditRecord.objects.filter(action="privacy.breach.updated").exists()
    page = client.get(reverse("privacy:breach_list")).content.decode()
    assert str(breach.public_id) in page


def test_it_refuses_an_occurrence_after_discovery(client, world, dpo):
    client.force_login(dpo)
    data = {**FORM, "body": world.province.pk, "occurred_at": "2025-10-07T09:00"}
    assert client.post(reverse("privacy:breach_new"), data).status_code == 400
    assert not Breach.objects.exists()


def test_it_records_only_for_the_dpos_own_bodies(client, world, dpo):
    client.force_login(dpo)
    data = {**FORM, "body": world.regency.pk}
    assert client.post(reverse("privacy:breach_new"), data).status_code == 400
    assert not Breach.objects.exists()


@pytest.mark.parametrize(
    ("persona", "listing", "detail"),
    [
        ("anonymous", 302, 302),
        ("dpo", 200, 200),
        ("regency_dpo", 200, 404),
        ("utama", 403, 404),
        ("requester", 403, 404),
        ("admin", 403, 404),
    ],
)
def test_only_the_bodys_dpo_sees_its_breaches(
    client, world, dpo, regency_dpo, persona, listing, detail
):
    client.force_login(dpo)
    client.post(reverse("privacy:breach_new"), {**FORM, "body": world.province.pk})
    breach = Breach.objects.get()
    client.logout()
    users = {"dpo": dpo, "regency_dpo": regency_dpo}
    if persona != "anonymous":
        client.force_login(users.get(persona) or getattr(world, persona))
    assert client.get(reverse("privacy:breach_list")).status_code == listing
    url = reverse("privacy:breach_detail", kwargs={"public_id": breach.public_id})
    assert client.get(url).status_code == detail
    assert client.get(reverse("privacy:breach_new")).status_code == listing


def test_the_breach_forms_offer_the_fields_the_actions_accept(world, dpo):
    # One list (actions.BREACH_FIELDS): recording adds the body and the discovery time,
    # which are fixed afterwards; editing offers exactly what update_breach accepts.
    bodies = Body.objects.filter(pk=world.province.pk)
    assert list(BreachForm(bodies=bodies).fields) == [
        "body",
        "discovered_at",
        *actions.BREACH_FIELDS,
    ]
    breach = actions.record_breach(
        actor=dpo, body=world.province, discovered_at=timezone.now(), **BREACH
    )
    assert list(BreachForm(instance=breach).fields) == list(actions.BREACH_FIELDS)


def test_the_breach_actions_refuse_a_field_outside_the_list(world, dpo):
    discovered = timezone.now() - dt.timedelta(hours=2)
    with pytest.raises(TypeError, match="notify_deadline"):
        actions.record_breach(
            actor=dpo,
            body=world.province,
            discovered_at=discovered,
            notify_deadline=discovered + dt.timedelta(days=30),
            **BREACH,
        )
    breach = actions.record_breach(
        actor=dpo, body=world.province, discovered_at=discovered, **BREACH
    )
    # The 3×24 hours run from discovery (UU 27/2022 Pasal 46(1)): it cannot be moved later.
    with pytest.raises(TypeError, match="discovered_at"):
        actions.update_breach(actor=dpo, breach=breach, discovered_at=timezone.now())
    breach.refresh_from_db()
    assert breach.discovered_at == discovered
    assert breach.notify_deadline == discovered + dt.timedelta(hours=72)


def test_editing_a_breach_keeps_the_time_it_was_discovered(client, world, dpo):
    client.force_login(dpo)
    client.post(reverse("privacy:breach_new"), {**FORM, "body": world.province.pk})
    breach = Breach.objects.get()
    url = reverse("privacy:breach_detail", kwargs={"public_id": breach.public_id})
    response = client.post(url, {**FORM, "discovered_at": "2025-10-07T09:00", "cause": "Lalai"})
    assert response.status_code == 302
    changed = Breach.objects.get()
    assert changed.cause == "Lalai"
    assert changed.discovered_at == breach.discovered_at
    assert changed.notify_deadline == breach.notify_deadline
