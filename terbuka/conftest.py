"""Shared test personas (STYLE.md): requester, another requester, PPID Pelaksana of agency
A and of agency B, PPID Utama, Atasan PPID, a regency officer, a platform admin, anonymous.

They are built through the real models; tests that need a request build it through the
real actions (the helpers in ``terbuka.testing``, which tests import instead of this module).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from terbuka import crypto
from terbuka.bodies.actions import grant_role
from terbuka.bodies.models import Body, BodyKind, RoleKind
from terbuka.testing import NIK_DUA, NIK_SATU, World, make_requester, make_user
from terbuka.workdays import calendar


@pytest.fixture(autouse=True)
def _isolated_keys(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Each test session uses its own throwaway encryption keys, never the demo's."""
    key_dir: Path = tmp_path_factory.getbasetemp() / "keys"
    settings.TERBUKA_KEY_DIR = key_dir
    settings.TERBUKA_ENCRYPTION_KEYS = []
    settings.TERBUKA_HASH_KEY = ""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
    crypto.reset_keys()
    yield
    crypto.reset_keys()


@pytest.fixture(autouse=True)
def _no_page_cache(settings: Any) -> None:
    """Tests change rows directly between requests; the public-page cache would hide
    that. Tests of the cache, and the leak scan, turn it on with ``page_cache``."""
    settings.PAGE_CACHE = False


@pytest.fixture
def page_cache(settings: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """The public-page cache on, as in production; ``bump()`` runs its on-commit hook at
    once (a test's transaction never commits)."""
    settings.PAGE_CACHE = True
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Any:
    """Each test's database is rolled back, and a rollback tells nobody: a calendar this
    process cached from a previous test's rows must not serve the next test."""
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture(autouse=True)
def _own_signing_keys(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Each test starts with an empty signing directory: letters go out unsigned unless the
    # test (or seed_demo) puts a body's key there; never the demo's keys under var/.
    settings.TERBUKA_SIGNING_DIR = tmp_path_factory.mktemp("signing")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests hash thousands of passwords. The project's own
    # setting is asserted in terbuka/security/tests/test_web_surface.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_second_factor(settings: Any) -> None:
    # Views are tested with force_login; the two-factor step has its own tests in
    # terbuka/accounts/tests, which switch this back on.
    settings.TERBUKA_REQUIRE_OFFICER_2FA = False


@pytest.fixture(autouse=True)
def _plain_static(settings: Any) -> None:
    # Tests render templates without running collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db: Any) -> World:
    province = Body.objects.create(
        name="Provinsi Kalimantan Tengah",
        code="KALTENG",
        slug="provinsi-kalimantan-tengah",
        kind=BodyKind.PROVINCE,
        has_own_ppid=True,
        opens_at=dt.time(8, 0),
        closes_at=dt.time(16, 0),
    )
    utama_body = Body.objects.create(
        name="Dinas Komunikasi, Informatika, Persandian dan Statistik",
        short_name="Diskominfosantik",
        code="DISKOMINFOSANTIK",
        slug="diskominfosantik-kalteng",
        kind=BodyKind.AGENCY,
        parent=province,
        has_own_ppid=False,
    )
    agency_a = Body.objects.create(
        name="Dinas Kesehatan",
        code="DINKES",
        slug="dinkes-kalteng",
        kind=BodyKind.AGENCY,
        parent=province,
    )
    agency_b = Body.objects.create(
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        code="PUPR",
        slug="pupr-kalteng",
        kind=BodyKind.AGENCY,
        parent=province,
    )
    regency = Body.objects.create(
        name="Kabupaten Barito Utara",
        code="BARUT",
        slug="kabupaten-barito-utara",
        kind=BodyKind.REGENCY,
        parent=province,
        has_own_ppid=True,
    )
    regency_agency = Body.objects.create(
        name="Dinas Kesehatan Kabupaten Barito Utara",
        code="DINKES-BARUT",
        slug="dinkes-barut",
        kind=BodyKind.AGENCY,
        parent=regency,
    )
    pelaksana_a = make_user("pelaksana.a")
    pelaksana_b = make_user("pelaksana.b")
    utama = make_user("utama")
    atasan = make_user("atasan")
    operator = make_user("operator")
    regency_officer = make_user("utama.barut")
    admin = make_user("admin", is_staff=True, is_superuser=True)
    # Roles through the audited action, as the admin gives them.
    for user, body, kind, position in (
        (pelaksana_a, agency_a, RoleKind.PELAKSANA, ""),
        (pelaksana_b, agency_b, RoleKind.PELAKSANA, ""),
        # The province's PPID Utama sits in the province's own record (the body with the PPID).
        (utama, province, RoleKind.UTAMA, ""),
        (atasan, province, RoleKind.ATASAN, "Sekretaris Daerah"),
        (operator, province, RoleKind.OPERATOR, ""),
        (regency_officer, regency, RoleKind.UTAMA, ""),
    ):
        grant_role(actor=admin, user=user, body=body, kind=kind, position=position)
    return World(
        province=province,
        utama_body=utama_body,
        agency_a=agency_a,
        agency_b=agency_b,
        regency=regency,
        regency_agency=regency_agency,
        requester=make_requester("pemohon.satu", "Siti Rahmawati", NIK_SATU),
        other_requester=make_requester("pemohon.dua", "Budi Santoso", NIK_DUA),
        pelaksana_a=pelaksana_a,
        pelaksana_b=pelaksana_b,
        utama=utama,
        atasan=atasan,
        operator=operator,
        regency_officer=regency_officer,
        admin=admin,
    )


@pytest.fixture
def mail_server_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mail server refuses every recipient, as SMTP does: quoting their addresses."""
    import smtplib
    from collections.abc import Sequence

    from django.core.mail import EmailMessage
    from django.core.mail.backends import locmem

    def refuse(self: Any, email_messages: Sequence[EmailMessage]) -> int:
        addresses = [address for message in email_messages for address in message.to]
        raise smtplib.SMTPRecipientsRefused(dict.fromkeys(addresses, (550, b"no such user")))

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
