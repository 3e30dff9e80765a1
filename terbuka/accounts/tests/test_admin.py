from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import RequesterProfile, User
from terbuka.audit.models import AuditRecord
from terbuka.bodies.models import Role, RoleKind
from terbuka.testing import NIK_SATU


def role_inline(prefix: str = "roles", **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": "1" if fields else "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for name, value in fields.items():
        data[f"{prefix}-0-{name}"] = value
    return data


def test_it_creates_an_officer_with_a_role_and_an_audit_record(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "pelaksana.dinsos",
            "email": "dinsos@example.test",
            "first_name": "Rina",
            "last_name": "Wati",
            "usable_password": "true",
            "password1": "sandi-petugas-789",
            "password2": "sandi-petugas-789",
            **role_inline(user="", body=str(world.agency_b.pk), kind=RoleKind.PELAKSANA),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    officer = User.objects.get(username="pelaksana.dinsos")
    assert officer.email_verified  # the administrator vouches for the address
    role = Role.objects.get(user=officer)
    assert role.body == world.agency_b
    audit = AuditRecord.objects.get(action="role.created", object_id=str(role.pk))
    assert audit.actor == world.admin
    assert audit.object_id == str(role.pk)
    assert audit.detail == {"user_id": officer.pk, "body": "PUPR", "kind": "pelaksana"}


def test_it_refuses_an_officer_with_a_taken_email(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "petugas.baru",
            "email": "PEMOHON.SATU@example.test",
            "usable_password": "true",
            "password1": "sandi-petugas-789",
            "password2": "sandi-petugas-789",
            **role_inline(),
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="petugas.baru").exists()


def test_it_records_a_role_removed_from_a_user(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    role = Role.objects.get(user=world.pelaksana_a)
    user = world.pelaksana_a
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "email_verified": "on",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "1",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-id": str(role.pk),
        "roles-0-user": str(user.pk),
        "roles-0-body": str(role.body_id),
        "roles-0-kind": role.kind,
        "roles-0-position": "",
        "roles-0-DELETE": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Role.objects.filter(pk=role.pk).exists()
    audit = AuditRecord.objects.get(action="role.deleted", object_id=str(role.pk))
    assert audit.actor == world.admin
    assert audit.object_id == str(role.pk)


def test_it_never_lists_personal_data_of_requesters(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    content = client.get(reverse("admin:accounts_requesterprofile_changelist")).content.decode()
    assert "Siti Rahmawati" in content
    assert NIK_SATU not in content
    assert "Tjilik Riwut" not in content
    assert "081234567890" not in content


def test_it_shows_the_nik_masked_and_records_who_opened_the_profile(
    client: Client, world: Any
) -> None:
    client.force_login(world.admin)
    profile = RequesterProfile.objects.get(user=world.requester)
    url = reverse("admin:accounts_requesterprofile_change", args=[profile.pk])
    content = client.get(url).content.decode()
    assert "6271********0001" in content
    assert NIK_SATU not in content
    audit = AuditRecord.objects.get(action="profile.viewed")
    assert audit.actor == world.admin
    assert audit.object_id == str(profile.pk)


def test_it_keeps_officers_out_of_the_admin(client: Client, world: Any) -> None:
    client.force_login(world.utama)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
