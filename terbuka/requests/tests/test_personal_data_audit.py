"""Every officer view of a requester's identity and every download of an identity
document by an officer is recorded (issue 5); the requester's own downloads are not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from terbuka.audit.models import AuditRecord
from terbuka.requests import actions
from terbuka.requests.models import Delivery, FileKind, HowToObtain
from terbuka.testing import png_upload, submit_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def info_request(world: Any) -> Any:
    return submit_request(world, identity_documents=[png_upload()])


def _records(action: str) -> list[AuditRecord]:
    return list(AuditRecord.objects.filter(action=action))


def test_opening_the_officer_page_records_who_saw_the_identity(
    client: Client, world: Any, info_request: Any
) -> None:
    client.force_login(world.utama)
    html = client.get(f"/permohonan/petugas/{info_request.public_id}/").content.decode()
    assert "6271014101900001" in html  # the officer does see the identity …
    (entry,) = _records("personal_data.viewed")  # … and that is recorded
    assert entry.actor == world.utama
    assert entry.object_id == str(info_request.pk)
    assert entry.detail == {"what": "identity"}
    assert "6271014101900001" not in str(entry.detail) + entry.summary


def test_a_pelaksana_who_sees_no_identity_leaves_no_view_record(
    client: Client, world: Any, info_request: Any
) -> None:
    client.force_login(world.pelaksana_a)
    client.get(f"/permohonan/petugas/{info_request.public_id}/")
    assert _records("personal_data.viewed") == []


def test_an_officer_download_of_an_identity_document_is_recorded_but_not_the_requesters(
    client: Client, world: Any, info_request: Any
) -> None:
    document = info_request.files.get(kind=FileKind.IDENTITY)
    client.force_login(world.requester)
    assert client.get(f"/permohonan/berkas/{document.public_id}/").status_code == 200
    assert _records("personal_data.downloaded") == []

    client.force_login(world.utama)
    assert client.get(f"/permohonan/berkas/{document.public_id}/").status_code == 200
    (entry,) = _records("personal_data.downloaded")
    assert entry.actor == world.utama
    assert entry.detail["what"] == "identity_document"


def test_every_action_writes_an_audit_record_without_personal_data(
    world: Any, info_request: Any
) -> None:
    actions.post_message(
        actor=world.requester, info_request=info_request, text="Alamat saya Jl. Kenanga 7"
    )
    records = list(AuditRecord.objects.filter(action__startswith="request.").order_by("seq"))
    assert [r.action for r in records] == ["request.submitted", "request.message_from_requester"]
    assert all(r.object_id == str(info_request.pk) for r in records)
    for entry in records:
        text = f"{entry.summary} {entry.detail}"
        assert "Kenanga" not in text
        assert "6271014101900001" not in text


def test_an_action_taken_through_a_page_records_the_clients_address(
    client: Client, world: Any, info_request: Any
) -> None:
    client.force_login(world.utama)
    response = client.post(
        f"/permohonan/petugas/{info_request.public_id}/perpanjang/",
        {"days": "5", "reason": "Dokumen tersebar di tiga bidang."},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 302
    entry = AuditRecord.objects.get(action="request.extended")
    assert entry.actor == world.utama
    assert entry.ip_address == "203.0.113.5"


def test_the_request_form_turns_away_bots_and_floods(client: Client, world: Any) -> None:
    from terbuka.requests.forms import body_label
    from terbuka.requests.models import InfoRequest

    client.force_login(world.requester)
    form = {
        "token": "tbot",
        "body": body_label(world.agency_a),
        "subject": "Data stunting per kecamatan",
        "purpose": "Penelitian",
        "how_to_obtain": HowToObtain.SOFTCOPY,
        "delivery": Delivery.EMAIL,
    }
    trapped = client.post("/permohonan/baru/", {**form, "situs_web": "http://spam.example"})
    assert trapped.status_code == 400
    assert not InfoRequest.objects.filter(subject__startswith="Data stunting").exists()

    statuses = [
        client.post("/permohonan/baru/", {**form, "token": f"t{i}"}).status_code for i in range(21)
    ]
    assert statuses[-1] == 429
    assert InfoRequest.objects.filter(subject__startswith="Data stunting").count() == 19


def test_the_requests_own_identity_fields_are_encrypted_in_the_database_row(
    world: Any, info_request: Any
) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT requester_nik, requester_address, requester_phone, requester_email"
            " FROM requests_inforequest WHERE id = %s",
            [info_request.pk],
        )
        raw = " ".join(str(value) for value in cursor.fetchone())
    for clear in ("6271014101900001", "Tjilik Riwut", "081234567890", "pemohon.satu@"):
        assert clear not in raw
    info_request.refresh_from_db()
    assert info_request.requester_nik == "6271014101900001"
    # The identity document is stored encrypted too.
    document = info_request.files.get(kind=FileKind.IDENTITY)
    with document.file.open("rb") as handle:
        assert not handle.read().startswith(b"\x89PNG")
