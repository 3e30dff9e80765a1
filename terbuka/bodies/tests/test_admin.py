"""The platform administrator's admin pages for bodies and roles (bodies/admin.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.bodies.models import Body

CHANGELIST = reverse("admin:bodies_body_changelist")


@pytest.fixture
def admin_client(client: Client, world: Any) -> Client:
    client.force_login(world.admin)
    return client


def test_it_lists_and_searches_bodies(admin_client: Client, world: Any) -> None:
    content = admin_client.get(CHANGELIST).content.decode()
    assert "Dinas Kesehatan Kabupaten Barito Utara" in content
    searched = admin_client.get(CHANGELIST, {"q": "PUPR"})
    names = [body.code for body in searched.context["cl"].result_list]
    assert names == ["PUPR"]


def test_it_filters_by_kind_and_parent(admin_client: Client, world: Any) -> None:
    by_kind = admin_client.get(CHANGELIST, {"kind__exact": "regency"})
    assert [body.code for body in by_kind.context["cl"].result_list] == ["BARUT"]
    by_parent = admin_client.get(CHANGELIST, {"parent__id__exact": str(world.regency.pk)})
    assert [body.code for body in by_parent.context["cl"].result_list] == ["DINKES-BARUT"]


def test_it_groups_the_form_and_prepopulates_the_slug(admin_client: Client, world: Any) -> None:
    response = admin_client.get(reverse("admin:bodies_body_add"))
    content = response.content.decode()
    for legend in ["Identitas", "Kontak", "Jam layanan", "Maklumat dan SOP"]:
        assert legend in content
    assert "prepopulated" in content
    assert response.context["adminform"].form.fields["slug"]


def test_it_creates_a_body_and_records_it(admin_client: Client, world: Any) -> None:
    response = admin_client.post(
        reverse("admin:bodies_body_add"),
        {
            "name": "Badan Penanggulangan Bencana Daerah",
            "short_name": "BPBD",
            "code": "BPBD",
            "slug": "bpbd-kalteng",
            "kind": "agency",
            "parent": str(world.province.pk),
            "is_active": "on",
            "website": "bpbd.kalteng.go.id",
            "service_days": "Senin–Jumat",
            "opens_at": "08:00",
            "closes_at": "16:00",
            "timezone": "Asia/Jakarta",
            "after_hours_next_day": "on",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == CHANGELIST
    body = Body.objects.get(code="BPBD")
    assert body.website == "https://bpbd.kalteng.go.id"
    assert body.ppid_body == world.province
    audit = AuditRecord.objects.get(action="body.created")
    assert audit.actor == world.admin
    assert audit.object_id == str(body.pk)


def test_it_refuses_a_parent_that_makes_a_loop(admin_client: Client, world: Any) -> None:
    province = world.province
    response = admin_client.post(
        reverse("admin:bodies_body_change", args=[province.pk]),
        {
            "name": province.name,
            "code": province.code,
            "slug": province.slug,
            "kind": province.kind,
            "parent": str(world.regency_agency.pk),
            "has_own_ppid": "on",
            "is_active": "on",
            "service_days": "Senin–Jumat",
            "opens_at": "08:00",
            "closes_at": "16:00",
            "timezone": "Asia/Jakarta",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "lingkaran" in response.content.decode()
    province.refresh_from_db()
    assert province.parent is None
    assert not AuditRecord.objects.filter(action="body.changed").exists()


def test_it_keeps_officers_out_of_the_body_admin(client: Client, world: Any) -> None:
    client.force_login(world.utama)
    login = reverse("admin:login")

    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next={CHANGELIST}"

    # A change posted straight to the admin is turned away the same way and changes nothing.
    province = world.province
    change = reverse("admin:bodies_body_change", args=[province.pk])
    response = client.post(
        change,
        {
            "name": "Provinsi yang diganti petugas",
            "code": province.code,
            "slug": province.slug,
            "kind": province.kind,
            "has_own_ppid": "on",
            "is_active": "on",
            "service_days": "Senin–Jumat",
            "opens_at": "08:00",
            "closes_at": "16:00",
            "timezone": "Asia/Jakarta",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next={change}"
    province.refresh_from_db()
    assert province.name == "Provinsi Kalimantan Tengah"
    assert not AuditRecord.objects.filter(action="body.changed").exists()
