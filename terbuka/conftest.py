"""Shared test personas (STYLE.md): requester, another requester, PPID Pelaksana of agency
A and of agency B, PPID Utama, Atasan PPID, a regency officer, a platform admin, anonymous.

They are built through the real models; tests that need a request build it through the
real actions (the helpers in ``terbuka.testing``, which tests import instead of this module).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from terbuka import crypto, pagecache
from terbuka.bodies.actions import grant_role
from terbuka.bodies.models import Body, BodyKind, RoleKind
from terbuka.testing import NIK_DUA, NIK_SATU, SeededDemo, World, make_requester, make_user
from terbuka.workdays import calendar


def _test_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What every test runs with (``_test_settings_per_test`` sets it; the shared demo
    database is seeded with it)."""
    from django.conf import settings

    base = tmp_path_factory.getbasetemp()
    return {
        # Each test session uses its own throwaway encryption keys and files, never the
        # demo's under var/.
        "TERBUKA_KEY_DIR": base / "keys",
        "TERBUKA_ENCRYPTION_KEYS": [],
        "TERBUKA_HASH_KEY": "",
        "MEDIA_ROOT": base / "media",
        # Tests change rows directly between requests; the public-page cache would hide
        # that. Tests of the cache, and the leak scan, turn it on with ``page_cache``.
        "PAGE_CACHE": False,
        # Argon2 is deliberately slow; tests hash thousands of passwords. The project's
        # own setting is asserted in terbuka/security/tests/test_web_surface.py.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Views are tested with force_login; the two-factor step has its own tests in
        # terbuka/accounts/tests, which switch this back on.
        "TERBUKA_REQUIRE_OFFICER_2FA": False,
        # Tests render templates without running collectstatic.
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


@pytest.fixture(autouse=True)
def _test_settings_per_test(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    for name, value in _test_settings(tmp_path_factory).items():
        setattr(settings, name, value)
    # Each test starts with an empty signing directory: letters go out unsigned unless the
    # test (or seed_demo) puts a body's key there; never the demo's keys under var/.
    settings.TERBUKA_SIGNING_DIR = tmp_path_factory.mktemp("signing")
    crypto.reset_keys()
    yield
    crypto.reset_keys()


@pytest.fixture
def page_cache(settings: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """The public-page cache on, as in production; ``bump()`` runs its on-commit hook at
    once (a test's transaction never commits)."""
    settings.PAGE_CACHE = True
    # A page another test's (rolled back) rows made must not be served from the process.
    pagecache.clear_local()
    with django_capture_on_commit_callbacks(execute=True):
        yield
    pagecache.clear_local()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Any:
    """Each test's database is rolled back, and a rollback tells nobody: a calendar this
    process cached from a previous test's rows must not serve the next test."""
    calendar.clear_cache()
    yield
    calendar.clear_cache()


# --- The demo, seeded once ---------------------------------------------------------------
# ``seed_demo`` builds the whole demo province through the real actions (letters rendered
# and signed, documents scanned): about 45 s. The tests that read the demo share one
# seeding: it runs inside a transaction held open while they run, each of them in a
# savepoint of it, and rolled back after the last of them. They run together, after the
# other tests rolled back by a transaction and before the transactional ones (which empty
# the tables, the rows of data migrations included): ``pytest_collection_modifyitems``.
SEEDED_DEMO = "seeded_demo"


class DemoDatabase:
    """The open transaction holding the seeded demo (``open`` once, ``close`` once)."""

    def __init__(self, blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._blocker, self._tmp = blocker, tmp_path_factory
        self._stack: contextlib.ExitStack | None = None
        self.seeded: SeededDemo | None = None  # until opened

    def open(self) -> SeededDemo:
        signing = self._tmp.mktemp("demo-signing")
        lines: list[str] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                lines.append(record.getMessage())

        self._stack = stack = contextlib.ExitStack()
        stack.enter_context(
            override_settings(**_test_settings(self._tmp), TERBUKA_SIGNING_DIR=signing)
        )
        stack.enter_context(self._blocker.unblock())
        stack.enter_context(transaction.atomic())
        crypto.reset_keys()
        calendar.clear_cache()
        root, keep = logging.getLogger(), Keep(logging.DEBUG)
        level = root.level
        root.addHandler(keep)
        root.setLevel(logging.DEBUG)
        try:
            call_command("seed_demo", stdout=io.StringIO())
        except BaseException:
            self._stack = None
            stack.__exit__(*sys.exc_info())
            raise
        finally:
            root.removeHandler(keep)
            root.setLevel(level)
        self.seeded = SeededDemo(signing_dir=signing, log=lines)
        return self.seeded

    def close(self) -> None:
        """Roll the demo back: nothing of it outlives its tests."""
        if self._stack is not None:
            transaction.set_rollback(True)
            self._stack.close()
            self._stack = None


# The demo seeded in this session, while it is open (``pytest_runtest_teardown`` closes it).
_open_demo: list[DemoDatabase] = []


@pytest.fixture(scope="session")
def _demo_database(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoDatabase]:
    # Session-scoped, so set up before ``db`` opens the first test's transaction: each
    # test's own transaction is a savepoint inside the demo's.
    demo = DemoDatabase(django_db_blocker, tmp_path_factory)
    demo.open()
    _open_demo.append(demo)
    yield demo
    demo.close()


@pytest.fixture
def seeded_demo(_demo_database: DemoDatabase, db: Any, settings: Any) -> SeededDemo:
    """The demo province as ``seed_demo`` leaves it, with the demo's signing keys; what a
    test changes is rolled back after it."""
    seeded = _demo_database.seeded
    assert seeded is not None and _open_demo, "the demo's tests must run together"
    settings.TERBUKA_SIGNING_DIR = seeded.signing_dir
    return seeded


def _rolled_back(item: pytest.Item) -> bool:
    """Whether the test runs in a transaction rolled back after it (pytest-django's
    ``db``), not in a transactional one nor without the database."""
    names = getattr(item, "fixturenames", ())
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
        return False
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        return not (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    return "db" in names


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests of the shared demo database together, right after pytest-django's
    rolled-back tests (it sorts them first) and before its transactional ones."""
    on_demo = [item for item in items if SEEDED_DEMO in getattr(item, "fixturenames", ())]
    if not on_demo:
        return
    chosen = {id(item) for item in on_demo}
    rest = [item for item in items if id(item) not in chosen]
    at = max((index + 1 for index, item in enumerate(rest) if _rolled_back(item)), default=0)
    items[:] = rest[:at] + on_demo + rest[at:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After the last test of the demo (its own transaction rolled back), roll the demo
    back before any other test runs."""
    yield
    uses = SEEDED_DEMO in getattr(item, "fixturenames", ())
    next_uses = nextitem is not None and SEEDED_DEMO in getattr(nextitem, "fixturenames", ())
    if uses and not next_uses:
        while _open_demo:
            _open_demo.pop().close()


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
