"""The personal-data shield on the public request log: a released document appears (and
downloads for anyone) only once the shield has scanned it and found nothing, or the PPID
confirmed with a reason that it may go out. The requester's own copy is not held."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.requests import actions, shielding
from terbuka.requests.models import Event, EventKind, FileKind, InfoRequest, RequestFile
from terbuka.shield.state import ShieldState
from terbuka.testing import (
    NIK_DUA,
    PASSWORD,
    World,
    forward_to_a,
    pdf_upload,
    submit_request,
)


def answered_with(world: World, text: str) -> tuple[InfoRequest, RequestFile]:
    """A request in the public log answered with a document holding ``text``."""
    info_request = submit_request(world, publish_allowed=True)
    actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=forward_to_a(world, info_request),
        draft_text="Terlampir.",
        files=[pdf_upload("data.pdf", text)],
    )
    draft = info_request.files.get(kind=FileKind.DRAFT)
    actions.save_notice(
        actor=world.utama, info_request=info_request, outcome="granted", material="Data 2024"
    )
    actions.send_notice(actor=world.utama, info_request=info_request, released_file_ids=[draft.pk])
    return info_request, info_request.files.get(kind=FileKind.RELEASED)


def public_log(info_request: InfoRequest) -> str:
    url = reverse("requests:log_detail", kwargs={"public_id": info_request.public_id})
    return Client().get(url).content.decode()


def download_url(request_file: RequestFile) -> str:
    return reverse("requests:download", kwargs={"file_public_id": request_file.public_id})


def test_it_shows_a_released_file_in_the_log_only_after_the_check(world: World) -> None:
    info_request, released = answered_with(world, "Data puskesmas 2024")
    assert released.shield_state == ShieldState.PENDING
    assert download_url(released) not in public_log(info_request)
    assert Client().get(download_url(released)).status_code == 404
    assert shielding.scan_pending() == {ShieldState.CLEAR: 1}
    assert download_url(released) in public_log(info_request)
    assert Client().get(download_url(released)).status_code == 200


def test_it_keeps_a_released_file_with_a_nik_hidden_but_gives_the_requester_his_copy(
    world: World,
) -> None:
    info_request, released = answered_with(world, f"NIK {NIK_DUA}")
    shielding.scan_pending()
    released.refresh_from_db()
    assert released.shield_state == ShieldState.HELD
    assert [finding["kind"] for finding in released.shield_findings] == ["nik"]
    assert download_url(released) not in public_log(info_request)
    assert Client().get(download_url(released)).status_code == 404
    requester = Client()
    requester.force_login(world.requester)
    assert requester.get(download_url(released)).status_code == 200


def test_the_ppid_confirms_with_a_reason_and_the_file_appears_audited(world: World) -> None:
    info_request, released = answered_with(world, f"NIK {NIK_DUA}")
    shielding.scan_pending()
    check = reverse("requests:file_check", kwargs={"file_public_id": released.public_id})
    utama = Client()
    utama.login(username="utama", password=PASSWORD)
    page = utama.get(check).content.decode()
    assert "6271********0002" in page and NIK_DUA not in page
    assert "Hitamkan temuan" not in page  # the redaction page is not on this branch
    officer_page = utama.get(
        reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    ).content.decode()
    assert check in officer_page and "Ditahan" in officer_page
    assert utama.post(check, {"reason": ""}).status_code == 400
    reason = "Pemohon meminta data dirinya sendiri."
    assert utama.post(check, {"reason": reason}).status_code == 302
    assert download_url(released) in public_log(info_request)
    event = Event.objects.get(info_request=info_request, kind=EventKind.SHIELD_CONFIRMED)
    assert (event.actor, event.note, event.is_internal) == (world.utama, reason, True)
    assert event.data["findings"] == {"nik": 1}
    assert AuditRecord.objects.filter(
        action=f"request.{EventKind.SHIELD_CONFIRMED}", actor=world.utama
    ).exists()
    assert reason not in public_log(info_request)


def test_a_pelaksana_cannot_let_a_held_file_out(world: World) -> None:
    _info_request, released = answered_with(world, f"NIK {NIK_DUA}")
    shielding.scan_pending()
    check = reverse("requests:file_check", kwargs={"file_public_id": released.public_id})
    client = Client()
    client.login(username="pelaksana.a", password=PASSWORD)
    assert client.post(check, {"reason": "Aman."}).status_code == 403
    released.refresh_from_db()
    assert released.shield_state == ShieldState.HELD


def test_it_scans_drafts_when_they_are_stored(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    info_request = submit_request(world, publish_allowed=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.submit_draft(
            actor=world.pelaksana_a,
            disposition=forward_to_a(world, info_request),
            draft_text="Terlampir.",
            files=[pdf_upload("data.pdf", f"NIK {NIK_DUA}")],
        )
    assert len(callbacks) >= 1
    draft = info_request.files.get(kind=FileKind.DRAFT)
    assert shielding.run_scan(draft.pk) == ShieldState.HELD
