"""rotate_keys re-encrypts every personal field and encrypted file with the newest key,
can be interrupted and run again, and leaves the data readable."""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from terbuka import crypto
from terbuka.accounts.models import RequesterProfile
from terbuka.requests.models import Channel, FileKind, HowToObtain, InfoRequest, RequestFile
from terbuka.security import rotation

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _raw_tokens() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, address, phone FROM accounts_requesterprofile")
        return [token for row in cursor.fetchall() for token in row if token]


def _encrypted_file(world: Any) -> RequestFile:
    info_request = InfoRequest.objects.create(
        body=world.agency_a,
        ppid_body=world.province,
        requester=world.requester,
        requester_type="individual",
        requester_name="Siti",
        subject="Anggaran",
        how_to_obtain=HowToObtain.SOFTCOPY,
        channel=Channel.ONLINE,
        received_at="2026-11-02T09:00:00+07:00",
    )
    name = default_storage.save(
        "requests/ktp", ContentFile(crypto.encrypt_bytes(b"KTP scan bytes"))
    )
    return RequestFile.objects.create(
        info_request=info_request,
        kind=FileKind.IDENTITY,
        file=name,
        original_name="ktp.jpg",
        content_type="image/jpeg",
        size=14,
        sha256="0" * 64,
        is_encrypted=True,
    )


@pytest.fixture
def old_key(settings: Any) -> None:
    settings.TERBUKA_ENCRYPTION_KEYS = [OLD]
    crypto.reset_keys()


@pytest.fixture
def old_key_data(settings: Any, old_key: None, world: Any) -> dict[str, Any]:
    request_file = _encrypted_file(world)
    settings.TERBUKA_ENCRYPTION_KEYS = [NEW, OLD]
    crypto.reset_keys()
    return {"file": request_file}


def test_it_re_encrypts_fields_and_files_with_the_newest_key(
    settings: Any, old_key_data: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate_keys", stdout=out)
    assert "Fields re-encrypted: 6" in out.getvalue()
    assert "Files re-encrypted: 1" in out.getvalue()

    newest = Fernet(NEW.encode())
    for token in _raw_tokens():
        newest.decrypt(token.encode())  # raises if any token is still under OLD
    stored = RequestFile.objects.get()
    with default_storage.open(stored.file.name, "rb") as handle:
        assert newest.decrypt(handle.read()) == b"KTP scan bytes"
    assert not default_storage.exists(old_key_data["file"].file.name)

    # The old key can go: everything still reads.
    settings.TERBUKA_ENCRYPTION_KEYS = [NEW]
    crypto.reset_keys()
    assert RequesterProfile.objects.get(user__username="pemohon.satu").nik == "6271014101900001"


def test_a_second_run_has_nothing_left_to_do(old_key_data: dict[str, Any]) -> None:
    rotation.rotate_all()
    report = rotation.rotate_all()
    assert report.fields_rotated == 0
    assert report.files_rotated == 0
    assert report.fields_current == 6
    assert report.files_current == 1


def test_an_interrupted_run_can_be_run_again(
    monkeypatch: pytest.MonkeyPatch, old_key_data: dict[str, Any]
) -> None:
    real_rotate = crypto.rotate
    calls = {"n": 0}

    def failing_rotate(token: str) -> str:
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real_rotate(token)

    monkeypatch.setattr(crypto, "rotate", failing_rotate)
    with pytest.raises(KeyboardInterrupt):
        rotation.rotate_all()
    monkeypatch.setattr(crypto, "rotate", real_rotate)
    # Whatever was done or not, every field still decrypts with the key list.
    assert {p.phone for p in RequesterProfile.objects.all()} == {"081234567890"}
    rotation.rotate_all()
    with pytest.raises(InvalidToken):
        Fernet(OLD.encode()).decrypt(_raw_tokens()[0].encode())
    assert rotation.rotate_all().fields_rotated == 0
