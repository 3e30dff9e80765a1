"""Try to break every rule in ``terbuka.bodies.permissions`` with the shared personas.

The province (own PPID Utama) serves Diskominfosantik, Dinas Kesehatan (agency A) and
Dinas PUPR (agency B) as PPID Pelaksana units; Kabupaten Barito Utara has its own PPID
Utama and serves its own Dinas Kesehatan.
"""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from terbuka.accounts import twofactor
from terbuka.accounts.models import User
from terbuka.audit.models import AuditRecord
from terbuka.bodies import permissions
from terbuka.bodies.actions import grant_role
from terbuka.bodies.models import Body, BodyKind, Role, RoleKind
from terbuka.testing import make_user

BODIES = ["province", "utama_body", "agency_a", "agency_b", "regency", "regency_agency"]

# Who may act on the requests and registers of which body (can_act_on).
ACTS_ON = {
    "pelaksana_a": {"agency_a"},
    "pelaksana_b": {"agency_b"},
    "utama": {"province", "utama_body", "agency_a", "agency_b"},
    "regency_officer": {"regency", "regency_agency"},
    "operator": {"province"},
    "atasan": set(),
    "admin": set(),
    "requester": set(),
    "other_requester": set(),
}

# Whose objections each persona decides (can_decide_objections, UU 14/2008 Pasal 36).
DECIDES_OBJECTIONS_OF = {
    "atasan": {"province", "utama_body", "agency_a", "agency_b"},
    "utama": set(),
    "pelaksana_a": set(),
    "regency_officer": set(),
    "operator": set(),
    "admin": set(),
    "requester": set(),
}


def fresh(user: User) -> User:
    """The user as the next request would load him (no cached roles)."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("persona", sorted(ACTS_ON))
@pytest.mark.parametrize("body_name", BODIES)
def test_it_lets_each_persona_act_only_where_the_rules_say(
    world: Any, persona: str, body_name: str
) -> None:
    user = getattr(world, persona)
    body = getattr(world, body_name)
    expected = body_name in ACTS_ON[persona]
    assert permissions.can_act_on(user, body) is expected


@pytest.mark.parametrize("persona", sorted(DECIDES_OBJECTIONS_OF))
@pytest.mark.parametrize("body_name", BODIES)
def test_it_lets_only_the_atasan_decide_objections_of_his_bodies(
    world: Any, persona: str, body_name: str
) -> None:
    user = getattr(world, persona)
    body = getattr(world, body_name)
    expected = body_name in DECIDES_OBJECTIONS_OF[persona]
    assert permissions.can_decide_objections(user, body) is expected


def test_it_keeps_pelaksana_a_off_agency_b(world: Any) -> None:
    assert permissions.can_act_on(world.pelaksana_a, world.agency_a)
    assert not permissions.can_act_on(world.pelaksana_a, world.agency_b)
    assert not permissions.can_act_on(world.pelaksana_b, world.agency_a)


def test_it_keeps_the_province_utama_off_a_unit_with_its_own_ppid(world: Any) -> None:
    # A provincial agency that got its own PPID Utama is no longer served by the province.
    world.agency_a.has_own_ppid = True
    world.agency_a.save()
    agency_a = Body.objects.get(pk=world.agency_a.pk)
    assert not permissions.can_act_on(fresh(world.utama), agency_a)
    assert permissions.can_act_on(fresh(world.pelaksana_a), agency_a)
    assert not permissions.can_decide_objections(fresh(world.atasan), agency_a)


def test_it_lets_the_utama_serve_units_deeper_in_the_tree(world: Any) -> None:
    upt = Body.objects.create(
        name="UPT Laboratorium Kesehatan",
        code="UPT-LABKES",
        slug="upt-labkes",
        kind=BodyKind.OTHER,
        parent=world.agency_a,
    )
    assert permissions.can_act_on(world.utama, upt)
    assert not permissions.can_act_on(world.pelaksana_b, upt)
    assert not permissions.can_act_on(world.regency_officer, upt)
    assert permissions.can_decide_objections(world.atasan, upt)


def test_it_keeps_the_regency_officer_off_every_province_unit(world: Any) -> None:
    for body in [world.province, world.utama_body, world.agency_a, world.agency_b]:
        assert not permissions.can_act_on(world.regency_officer, body)
        assert not permissions.can_decide_objections(world.regency_officer, body)


def test_it_lets_the_regency_atasan_decide_only_regency_objections(world: Any) -> None:
    sekda = make_user("atasan.barut")
    Role.objects.create(user=sekda, body=world.regency, kind=RoleKind.ATASAN)
    assert permissions.can_decide_objections(sekda, world.regency)
    assert permissions.can_decide_objections(sekda, world.regency_agency)
    assert not permissions.can_decide_objections(sekda, world.province)
    assert not permissions.can_decide_objections(sekda, world.agency_a)
    assert not permissions.can_act_on(sekda, world.regency)


def test_it_does_not_let_the_atasan_act_on_requests(world: Any) -> None:
    for name in BODIES:
        assert not permissions.can_act_on(world.atasan, getattr(world, name))
    assert permissions.is_atasan(world.atasan)
    assert not permissions.is_officer(world.atasan)
    assert permissions.bodies_acted_on(world.atasan) == []


def test_it_lets_the_admin_manage_the_platform_but_not_act_on_requests(world: Any) -> None:
    assert permissions.can_manage_platform(world.admin)
    assert not permissions.is_officer(world.admin)
    assert permissions.bodies_acted_on(world.admin) == []
    for name in BODIES:
        body = getattr(world, name)
        assert not permissions.can_act_on(world.admin, body)
        assert not permissions.can_decide_objections(world.admin, body)


def test_it_lets_an_admin_who_holds_a_role_act_on_that_body_only(world: Any) -> None:
    Role.objects.create(user=world.admin, body=world.agency_b, kind=RoleKind.PELAKSANA)
    admin = fresh(world.admin)
    assert permissions.can_act_on(admin, world.agency_b)
    assert not permissions.can_act_on(admin, world.agency_a)


def test_it_does_not_make_staff_or_officers_platform_admins(world: Any) -> None:
    staff = make_user("staf.biasa", is_staff=True)
    for user in [staff, world.utama, world.atasan, world.operator, world.requester]:
        assert not permissions.can_manage_platform(user)


def test_it_takes_every_right_from_an_inactive_user(world: Any) -> None:
    User.objects.filter(
        pk__in=[world.pelaksana_a.pk, world.utama.pk, world.atasan.pk, world.admin.pk]
    ).update(is_active=False)
    pelaksana_a, utama, atasan, admin = (
        fresh(world.pelaksana_a),
        fresh(world.utama),
        fresh(world.atasan),
        fresh(world.admin),
    )
    for name in BODIES:
        body = getattr(world, name)
        for user in [pelaksana_a, utama, atasan, admin]:
            assert not permissions.can_act_on(user, body)
            assert not permissions.can_decide_objections(user, body)
    assert not permissions.can_manage_platform(admin)
    assert not permissions.is_officer(utama)
    assert not permissions.is_atasan(atasan)
    assert permissions.bodies_acted_on(utama) == []


def test_it_gives_an_anonymous_visitor_nothing(world: Any) -> None:
    anonymous = AnonymousUser()
    for name in BODIES:
        body = getattr(world, name)
        assert not permissions.can_act_on(anonymous, body)
        assert not permissions.can_decide_objections(anonymous, body)
    assert not permissions.can_manage_platform(anonymous)
    assert not permissions.is_officer(anonymous)
    assert not permissions.is_atasan(anonymous)
    assert permissions.bodies_acted_on(anonymous) == []
    assert not permissions.can_act_on(None, world.province)


def test_it_keeps_the_operator_on_his_own_body(world: Any) -> None:
    assert permissions.can_act_on(world.operator, world.province)
    for body in [world.utama_body, world.agency_a, world.agency_b, world.regency]:
        assert not permissions.can_act_on(world.operator, body)
    assert [body.pk for body in permissions.bodies_acted_on(world.operator)] == [world.province.pk]


def test_it_gives_a_data_protection_officer_no_request_rights(world: Any) -> None:
    dpo = make_user("dpo.kalteng")
    Role.objects.create(user=dpo, body=world.province, kind=RoleKind.DPO)
    assert not permissions.can_act_on(dpo, world.province)
    assert not permissions.can_decide_objections(dpo, world.province)
    assert not permissions.is_officer(dpo)


def test_it_lists_the_bodies_the_utama_serves(world: Any) -> None:
    names = {body.code for body in permissions.bodies_acted_on(world.utama)}
    assert names == {"KALTENG", "DISKOMINFOSANTIK", "DINKES", "PUPR"}
    regency_names = {body.code for body in permissions.bodies_acted_on(world.regency_officer)}
    assert regency_names == {"BARUT", "DINKES-BARUT"}


def test_it_lists_the_bodies_acted_on_by_name_own_and_served_alike(world: Any) -> None:
    # A PPID Utama who is also the PPID Pelaksana of a unit of another PPID body: his own
    # bodies fall among the served ones in name order, each once.
    officer = make_user("dua.peran")
    Role.objects.create(user=officer, body=world.province, kind=RoleKind.UTAMA)
    Role.objects.create(user=officer, body=world.agency_a, kind=RoleKind.PELAKSANA)
    Role.objects.create(user=officer, body=world.regency_agency, kind=RoleKind.PELAKSANA)
    listed = permissions.bodies_acted_on(fresh(officer))
    keys = [(body.name, body.pk) for body in listed]
    assert keys == sorted(set(keys))
    assert {body.code for body in listed} == {
        "KALTENG",
        "DISKOMINFOSANTIK",
        "DINKES",
        "PUPR",
        "DINKES-BARUT",
    }


def test_it_stops_a_revoked_role_on_the_next_request(world: Any) -> None:
    Role.objects.filter(user=world.pelaksana_a).delete()
    assert not permissions.can_act_on(fresh(world.pelaksana_a), world.agency_a)


def test_it_records_a_role_created_in_the_admin(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    newcomer = make_user("pelaksana.bpbd")
    response = client.post(
        reverse("admin:bodies_role_add"),
        {
            "user": str(newcomer.pk),
            "body": str(world.agency_b.pk),
            "kind": RoleKind.PELAKSANA,
            "position": "Sekretaris Dinas",
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(user=newcomer)
    audit = AuditRecord.objects.get(action="role.created", object_id=str(role.pk))
    assert audit.actor == world.admin
    assert audit.object_type == "bodies.role"
    assert audit.object_id == str(role.pk)
    assert audit.detail == {"user_id": newcomer.pk, "body": "PUPR", "kind": "pelaksana"}
    # ... and the new officer acts on that body at once.
    assert permissions.can_act_on(fresh(newcomer), world.agency_b)


def test_it_records_a_role_deleted_in_the_admin(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    role = Role.objects.get(user=world.pelaksana_b)
    response = client.post(reverse("admin:bodies_role_delete", args=[role.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    audit = AuditRecord.objects.get(action="role.deleted", object_id=str(role.pk))
    assert audit.actor == world.admin
    assert audit.object_id == str(role.pk)


def test_it_records_a_role_added_on_the_body_page_of_the_admin(client: Client, world: Any) -> None:
    client.force_login(world.admin)
    body = world.agency_b
    newcomer = make_user("operator.pupr")
    data = {
        "name": body.name,
        "short_name": "",
        "code": body.code,
        "slug": body.slug,
        "kind": body.kind,
        "parent": str(body.parent_id),
        "is_active": "on",
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "service_days": "Senin–Jumat",
        "opens_at": "08:00",
        "closes_at": "16:00",
        "timezone": "Asia/Jakarta",
        "after_hours_next_day": "on",
        "maklumat": "",
        "sop": "",
        "roles-TOTAL_FORMS": "2",
        "roles-INITIAL_FORMS": "1",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    existing = Role.objects.get(body=body)
    data.update(
        {
            "roles-0-id": str(existing.pk),
            "roles-0-body": str(body.pk),
            "roles-0-user": str(existing.user_id),
            "roles-0-kind": existing.kind,
            "roles-0-position": "",
            "roles-1-id": "",
            "roles-1-body": str(body.pk),
            "roles-1-user": str(newcomer.pk),
            "roles-1-kind": RoleKind.OPERATOR,
            "roles-1-position": "",
        }
    )
    response = client.post(reverse("admin:bodies_body_change", args=[body.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    role = Role.objects.get(user=newcomer, body=body, kind=RoleKind.OPERATOR)
    assert list(
        AuditRecord.objects.filter(action="role.created", object_id=str(role.pk)).values_list(
            "actor", flat=True
        )
    ) == [world.admin.pk]
    assert AuditRecord.objects.filter(action="body.changed", object_id=str(body.pk)).exists()


@pytest.mark.parametrize("persona", ["atasan", "dpo", "superuser", "pelaksana_a", "requester"])
def test_it_gives_one_answer_to_who_has_official_duties(
    world: Any, persona: str, settings: Any
) -> None:
    """Two-factor login, the idle logout and e-mail verification ask the same question;
    they used to disagree about a superuser who is not staff."""

    if persona == "dpo":
        user = User.objects.create_user("dpo.a", email="dpo.a@example.test")
        grant_role(actor=world.admin, user=user, body=world.agency_a, kind=RoleKind.DPO)
    elif persona == "superuser":
        user = User.objects.create_user("root", is_superuser=True, is_staff=False)
    else:
        user = getattr(world, persona)
    expected = persona != "requester"
    assert permissions.has_official_duties(user) is expected
    settings.TERBUKA_REQUIRE_OFFICER_2FA = True
    assert twofactor.required_by_duties(user) is expected
    assert permissions.is_officer(user) is (persona == "pelaksana_a")
    user.email_verified = False
    assert user.must_verify_email is not expected
    with time_machine.travel("2026-11-26 09:00 +07:00", tick=False) as traveller:
        browser = Client()
        browser.force_login(user)
        settings.TERBUKA_REQUIRE_OFFICER_2FA = False  # reach the page without a code
        assert browser.get("/akun/profil/").status_code == 200
        traveller.shift(settings.OFFICER_IDLE_TIMEOUT + 60)
        idle = browser.get("/akun/profil/")
    assert (idle.status_code == 302) is expected
