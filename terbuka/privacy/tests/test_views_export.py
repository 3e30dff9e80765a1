"""The requester downloads everything held about him (UU 27/2022 Pasal 7, 13)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.requests import actions as request_actions
from terbuka.testing import (
    NIK_DUA,
    NIK_SATU,
    PDF_BYTES,
    STORED_PNG_BYTES,
    grant_request,
    submit_with_documents,
)

pytestmark = pytest.mark.django_db

URL = reverse("privacy:export")


def download(client, user) -> tuple[dict, zipfile.ZipFile]:
    client.force_login(user)
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive


def test_it_gives_the_requester_his_own_data_decrypted(client, world):
    mine = grant_request(world.utama, submit_with_documents(world))
    request_actions.post_message(
        actor=world.requester, info_request=submit_with_documents(world), text="Mohon dipercepat."
    )
    submit_with_documents(world, user=world.other_requester)

    data, archive = download(client, world.requester)

    assert data["profile"]["nik"] == NIK_SATU
    assert data["profile"]["address"].startswith("Jl. Tjilik Riwut")
    assert len(data["requests"]) == 2
    entry = next(item for item in data["requests"] if item["number"] == mine.number)
    assert entry["identity"]["nik"] == NIK_SATU
    assert entry["notice"]["outcome"] == "granted"
    assert entry["timeline"][0]["kind"] == "submitted"
    kinds = sorted(item["kind"] for item in entry["files"])
    assert kinds == ["attachment", "identity", "letter"]
    identity = next(item for item in entry["files"] if item["kind"] == "identity")
    # The identity document comes out decrypted: it is the requester's own.
    assert archive.read(identity["path"]) == STORED_PNG_BYTES
    attachment = next(item for item in entry["files"] if item["kind"] == "attachment")
    assert archive.read(attachment["path"]) == PDF_BYTES
    messages = [event["note"] for item in data["requests"] for event in item["timeline"]]
    assert "Mohon dipercepat." in messages


def test_it_never_contains_another_requesters_data(client, world):
    submit_with_documents(world)
    other = submit_with_documents(world, user=world.other_requester)
    request_actions.post_message(
        actor=world.other_requester, info_request=other, text="Pesan rahasia Budi"
    )
    data, archive = download(client, world.requester)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    for secret in (NIK_DUA, "Budi Santoso", "Pesan rahasia Budi", other.number):
        assert secret.encode() not in everything
    assert str(other.public_id) not in json.dumps(data)


def test_it_leaves_out_internal_notes_and_drafts(client, world):
    info_request = submit_with_documents(world)
    request_actions.post_message(
        actor=world.utama, info_request=info_request, text="Catatan internal petugas", internal=True
    )
    data, _archive = download(client, world.requester)
    assert "Catatan internal petugas" not in json.dumps(data)


def test_it_is_audited_without_personal_data(client, world):
    submit_with_documents(world)
    download(client, world.requester)
    entry = AuditRecord.objects.get(action="privacy.exported")
    assert entry.actor == world.requester
    assert entry.detail == {"requests": 1, "files": 2}
    assert NIK_SATU not in json.dumps(entry.detail)


def test_it_needs_a_login_and_a_post(client, world):
    assert client.post(URL).status_code == 302
    client.force_login(world.requester)
    assert client.get(URL).status_code == 405


def test_it_carries_the_extension_letter_he_may_download(client, world):
    # The export holds exactly what his request's page lets him download
    # (requests.access.can_download): here also the extension letter of an open request.
    extended = request_actions.extend(
        actor=world.utama,
        info_request=submit_with_documents(world),
        days=5,
        reason="Informasi tersebar di beberapa bidang.",
    )
    data, archive = download(client, world.requester)
    entry = next(item for item in data["requests"] if item["number"] == extended.number)
    kinds = sorted(item["kind"] for item in entry["files"])
    assert kinds == ["attachment", "extension_letter", "identity"]
    letter = next(item for item in entry["files"] if item["kind"] == "extension_letter")
    assert archive.read(letter["path"]).startswith(b"%PDF")
