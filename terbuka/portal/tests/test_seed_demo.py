"""python manage.py seed_demo."""

import sys
from io import StringIO
from types import ModuleType
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from terbuka.accounts.models import RequesterProfile, User
from terbuka.accounts.nik import validate_nik
from terbuka.bodies.models import Body, BodyKind, Role, RoleKind
from terbuka.portal.management.commands import seed_demo
from terbuka.testing import SeededDemo

DEMO_ACCOUNTS = [
    "admin",
    "atasan.kalteng",
    "utama.kalteng",
    "operator.kalteng",
    "pelaksana.dinkes",
    "pelaksana.pupr",
    "utama.barut",
    "pemohon.satu",
    "pemohon.dua",
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "bodies": Body.objects.count(),
        "users": User.objects.count(),
        "roles": Role.objects.count(),
        "profiles": RequesterProfile.objects.count(),
    }


def test_it_builds_central_kalimantan(seeded_demo: SeededDemo) -> None:
    province = Body.objects.get(code="KALTENG")
    assert province.name == "Provinsi Kalimantan Tengah"
    assert province.has_own_ppid
    agencies = Body.objects.filter(parent=province, kind=BodyKind.AGENCY)
    assert agencies.count() >= 8
    assert {"Dinas Kesehatan", "Dinas Pendidikan", "Inspektorat", "Dinas Sosial"} <= set(
        agencies.values_list("name", flat=True)
    )
    assert all(agency.ppid_body == province for agency in agencies)
    barut = Body.objects.get(code="BARUT", kind=BodyKind.REGENCY)
    assert barut.has_own_ppid and barut.parent == province
    assert Body.objects.filter(parent=barut).count() >= 4
    assert "Muara Teweh" in barut.address
    city = Body.objects.get(code="PKY", kind=BodyKind.CITY)
    assert city.has_own_ppid and city.children.exists()
    assert province.maklumat and province.sop


def test_it_gives_every_role_to_the_right_body(seeded_demo: SeededDemo) -> None:
    province = Body.objects.get(code="KALTENG")
    utama = Role.objects.get(user__username="utama.kalteng")
    assert (utama.body, utama.kind) == (province, RoleKind.UTAMA)
    assert utama.position == "Kepala Dinas Komunikasi, Informatika, Persandian dan Statistik"
    atasan = Role.objects.get(user__username="atasan.kalteng")
    assert (atasan.body, atasan.kind) == (province, RoleKind.ATASAN)
    assert atasan.position.startswith("Sekretaris Daerah")
    assert Role.objects.get(user__username="operator.kalteng").kind == RoleKind.OPERATOR
    dinkes = Role.objects.get(user__username="pelaksana.dinkes")
    assert (dinkes.body.code, dinkes.kind) == ("DINKES", RoleKind.PELAKSANA)
    pupr = Role.objects.get(user__username="pelaksana.pupr")
    assert (pupr.body.code, pupr.kind) == ("PUPR", RoleKind.PELAKSANA)
    barut = Role.objects.get(user__username="utama.barut")
    assert (barut.body.code, barut.kind) == ("BARUT", RoleKind.UTAMA)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_it_gives_requesters_complete_profiles_with_valid_niks(seeded_demo: SeededDemo) -> None:
    for username in ("pemohon.satu", "pemohon.dua"):
        profile = RequesterProfile.objects.get(user__username=username)
        assert validate_nik(profile.nik) == profile.nik
        assert profile.is_complete
        assert profile.nik_hash
        assert not profile.user.roles.exists()


def test_it_is_idempotent(seeded_demo: SeededDemo) -> None:
    first = counts()
    province = Body.objects.get(code="KALTENG")
    password = User.objects.get(username="utama.kalteng").password
    nik_cipher = RequesterProfile.objects.get(user__username="pemohon.satu").nik
    seed()
    assert counts() == first
    assert Body.objects.get(code="KALTENG").pk == province.pk
    # Nothing rewritten needlessly: same password hash, same NIK.
    assert User.objects.get(username="utama.kalteng").password == password
    assert RequesterProfile.objects.get(user__username="pemohon.satu").nik == nik_cipher


def test_it_restores_demo_data_someone_changed(seeded_demo: SeededDemo) -> None:
    user = User.objects.get(username="pelaksana.dinkes")
    user.set_password("sesuatu-yang-lain")
    user.save()
    Body.objects.filter(code="DINKES").update(name="Nama Salah")
    seed()
    assert Body.objects.get(code="DINKES").name == "Dinas Kesehatan"
    assert Client().login(username="pelaksana.dinkes", password="demo-terbuka")


def test_every_demo_account_logs_in_with_the_demo_password(seeded_demo: SeededDemo) -> None:
    for username in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.email_verified, username
        assert Client().login(username=username, password="demo-terbuka"), username


def test_it_refuses_to_run_in_production(db: None, settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="produksi") as caught:
        seed()
    assert caught.value.returncode == 2
    assert counts() == {"bodies": 0, "users": 0, "roles": 0, "profiles": 0}


def test_it_runs_in_production_when_forced(seeded_demo: SeededDemo, settings: Any) -> None:
    settings.PRODUCTION = True
    Body.objects.filter(code="KALTENG").update(name="Nama Salah")
    call_command("seed_demo", "--force", stdout=StringIO())
    assert Body.objects.get(code="KALTENG").name == "Provinsi Kalimantan Tengah"


def test_it_skips_a_demo_module_that_does_not_exist(db: None, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        seed_demo, "DEMO_MODULES", ["terbuka.bodies.demo", "terbuka.bodies.tidak_ada_demo"]
    )
    out = seed()
    assert "terbuka.bodies.tidak_ada_demo: tidak ada, dilewati" in out
    assert Body.objects.filter(code="KALTENG").exists()


def test_it_fails_and_rolls_back_when_a_demo_module_fails(db: None, monkeypatch: Any) -> None:
    broken = ModuleType("terbuka.portal.tests.broken_demo")

    def fail(stdout: Any) -> None:
        raise RuntimeError("demo rusak")

    broken.seed = fail  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, broken.__name__, broken)
    monkeypatch.setattr(seed_demo, "DEMO_MODULES", ["terbuka.bodies.demo", broken.__name__])
    with pytest.raises(RuntimeError, match="demo rusak"):
        seed()
    assert counts()["bodies"] == 0


def test_it_fails_when_a_demo_module_misses_an_import(monkeypatch: Any) -> None:
    def import_module(name: str) -> ModuleType:
        raise ModuleNotFoundError("No module named 'pustaka_hilang'", name="pustaka_hilang")

    monkeypatch.setattr(seed_demo.importlib, "import_module", import_module)
    with pytest.raises(ModuleNotFoundError):
        seed_demo.load_demo_module("terbuka.catalog.demo")


def test_the_directory_lists_the_demo_bodies(seeded_demo: SeededDemo) -> None:
    response = Client().get("/badan-publik/")
    assert response.context["count"] == Body.objects.count() >= 20
    assert [region.body.code for region in response.context["regions"]] == [
        "KALTENG",
        "BARUT",
        "PKY",
    ]
