"""Security headers, password hashing, officer idle logout, and `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from terbuka.testing import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_have_no_inline_scripts(client: Client, world: Any) -> None:
    for path in [
        "/",
        "/badan-publik/",
        f"/badan-publik/{world.agency_a.slug}/",
        "/kalender/",
        "/akun/masuk/",
    ]:
        html = client.get(path).content.decode()
        for chunk in html.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag, f"inline <script> on {path}"


def test_passwords_are_hashed_with_argon2() -> None:
    from terbuka import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("kata-sandi", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")


def test_an_idle_officer_is_logged_out_but_a_requester_is_not(client: Client, world: Any) -> None:
    with time_machine.travel("2026-11-26 09:00 +07:00", tick=False) as traveller:
        officer, requester = Client(), Client()
        officer.force_login(world.pelaksana_a)
        requester.force_login(world.requester)
        assert officer.get("/akun/profil/").status_code == 200
        assert requester.get("/akun/profil/").status_code == 200
        traveller.shift(settings.OFFICER_IDLE_TIMEOUT + 60)
        response = officer.get("/akun/profil/")
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]
        assert officer.get("/akun/profil/").status_code == 302
        assert requester.get("/akun/profil/").status_code == 200


def test_an_active_officer_stays_logged_in(world: Any) -> None:
    with time_machine.travel("2026-11-26 09:00 +07:00", tick=False) as traveller:
        officer = Client()
        officer.force_login(world.utama)
        for _ in range(4):
            traveller.shift(settings.OFFICER_IDLE_TIMEOUT - 60)
            assert officer.get("/akun/profil/").status_code == 200


def test_an_officer_page_writes_the_session_at_most_once_a_minute(world: Any) -> None:
    from django.contrib.sessions.models import Session

    def stored(browser: Client) -> str:
        key = browser.cookies[settings.SESSION_COOKIE_NAME].value
        return str(Session.objects.get(session_key=key).session_data)

    with time_machine.travel("2026-11-26 09:00 +07:00", tick=False) as traveller:
        officer = Client()
        officer.force_login(world.utama)
        assert officer.get("/akun/profil/").status_code == 200
        first = stored(officer)
        traveller.shift(30)
        assert officer.get("/akun/profil/").status_code == 200
        assert stored(officer) == first  # no write: seen less than a minute ago
        traveller.shift(31)
        assert officer.get("/akun/profil/").status_code == 200
        assert stored(officer) != first
        # Idle from the last written time on: logged out after the timeout.
        traveller.shift(settings.OFFICER_IDLE_TIMEOUT + 1)
        assert officer.get("/akun/profil/").status_code == 302


def test_a_password_change_ends_the_other_sessions(world: Any) -> None:
    other_device = Client()
    other_device.force_login(world.requester)
    assert other_device.get("/akun/profil/").status_code == 200
    world.requester.set_password("kata-sandi-baru-yang-panjang-456")
    world.requester.save()
    assert other_device.get("/akun/profil/").status_code == 302
    assert PASSWORD  # the personas' password is unchanged for the others


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TERBUKA_PRODUCTION": "true",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "ppid.kalteng.go.id",
        "TERBUKA_ENCRYPTION_KEYS": "VGhpcy1pcy1vbmx5LWEtdGVzdC1rZXktMzItYnl0ZXM=",
        "TERBUKA_HASH_KEY": "test-hash-key",
        "TERBUKA_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
