"""The personal-data shield on the DIP: a new document version stays off the public pages
until the background scan finds nothing or an officer confirms it may go out."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions, pdfgen, shielding
from terbuka.catalog.models import Document, DocumentVersion, Entry
from terbuka.catalog.tests.factories import upload
from terbuka.search.query import search
from terbuka.shield import links
from terbuka.shield.state import ShieldState
from terbuka.testing import NIK_DUA, PASSWORD

WITH_NIK = f"Daftar penerima bantuan sosial desa Tumbang NIK {NIK_DUA}"


def one_line_pdf(text: str) -> bytes:
    return pdfgen.text_pdf("Lampiran", [text])


def attach(entry: Entry, world: Any, text: str, capture: Any) -> Document:
    """Upload a document the way an officer does; the queued jobs run when the
    transaction commits (``capture``), as the worker would run them."""
    with capture(execute=True):
        return actions.add_document(
            actor=world.pelaksana_a,
            entry=entry,
            title="Lampiran",
            upload=upload("a.pdf", one_line_pdf(text)),
        )


def download(client: Client, document: Document) -> int:
    return client.get(reverse("catalog:document_download", args=[document.public_id])).status_code


def test_it_keeps_a_version_off_the_public_pages_while_it_is_being_checked(
    client: Client, entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        document = actions.add_document(
            actor=world.pelaksana_a,
            entry=entry_a,
            title="Lampiran",
            upload=upload("a.pdf", one_line_pdf("Laporan keuangan")),
        )
    assert document.versions.get().shield_state == ShieldState.PENDING
    assert download(client, document) == 404
    assert "sedang diperiksa" in client.get(entry_a.get_absolute_url()).content.decode()
    assert shielding.run_scan(document.versions.get().pk) == ShieldState.CLEAR
    assert download(client, document) == 200


def test_it_holds_a_version_with_a_nik_from_the_public_and_from_search(
    client: Client, entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = attach(entry_a, world, WITH_NIK, django_capture_on_commit_callbacks)
    version = document.versions.get()
    assert version.shield_state == ShieldState.HELD
    [finding] = version.shield_findings
    assert (finding["kind"], finding["page"], finding["excerpt"]) == ("nik", 1, "6271********0002")
    assert download(client, document) == 404
    page = client.get(entry_a.get_absolute_url()).content.decode()
    assert NIK_DUA not in page and "Tumbang" not in page
    assert search("Tumbang").total == 0
    # The officers of the body still read it, to decide.
    client.login(username="pelaksana.a", password=PASSWORD)
    assert download(client, document) == 200
    assert "Periksa temuan" in client.get(entry_a.get_absolute_url()).content.decode()


def test_it_publishes_a_held_version_once_an_officer_confirms_with_a_reason(
    client: Client, entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = attach(entry_a, world, WITH_NIK, django_capture_on_commit_callbacks)
    version = document.versions.get()
    check = reverse("catalog:version_check", kwargs={"public_id": version.public_id})
    client.login(username="pelaksana.a", password=PASSWORD)
    page = client.get(check).content.decode()
    assert "6271********0002" in page and NIK_DUA not in page
    # One click proposes an area over each finding on the redaction page.
    proposed = links.redaction_url(version, version.shield_findings)
    assert proposed is not None and ":h" in proposed
    assert "Hitamkan temuan" in page and proposed.replace("&", "&amp;") in page
    assert client.post(check, {"reason": " "}).status_code == 400
    assert download(Client(), document) == 404
    reason = "Nomor tersebut adalah nomor register bantuan, bukan NIK."
    assert client.post(check, {"reason": reason}).status_code == 302
    version.refresh_from_db()
    assert (version.shield_state, version.shield_note, version.shield_decided_by) == (
        ShieldState.CONFIRMED,
        reason,
        world.pelaksana_a,
    )
    assert download(Client(), document) == 200
    record = AuditRecord.objects.get(action="catalog.document.shield_confirmed")
    assert record.actor == world.pelaksana_a
    assert record.detail["findings"] == {"nik": 1}
    assert record.detail["reason"] == reason
    assert NIK_DUA not in str(record.detail)
    assert search("Tumbang").total == 1


def test_it_refuses_to_confirm_a_version_that_is_not_held(
    entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = attach(entry_a, world, "Laporan keuangan", django_capture_on_commit_callbacks)
    version = document.versions.get()
    assert version.shield_state == ShieldState.CLEAR
    client = Client()
    client.login(username="pelaksana.a", password=PASSWORD)
    check = reverse("catalog:version_check", kwargs={"public_id": version.public_id})
    response = client.post(check, {"reason": "Aman."})
    assert response.status_code == 400
    assert "tidak sedang ditahan" in response.content.decode()


def test_a_new_version_is_scanned_again_and_the_public_gets_the_clean_one(
    client: Client, entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = attach(entry_a, world, WITH_NIK, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_version(
            actor=world.pelaksana_a,
            document=document,
            upload=upload("b.pdf", one_line_pdf("Daftar penerima bantuan sosial desa Tumbang")),
        )
    states = dict(document.versions.values_list("number", "shield_state"))
    assert states == {1: ShieldState.HELD, 2: ShieldState.CLEAR}
    response = client.get(reverse("catalog:document_download", args=[document.public_id]))
    assert NIK_DUA.encode() not in b"".join(response.streaming_content)
    old = reverse("catalog:document_version_download", args=[document.public_id, 1])
    assert client.get(old).status_code == 404


def test_the_dashboard_lists_held_documents_per_body_and_the_utama_sees_his_units(
    entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = attach(entry_a, world, WITH_NIK, django_capture_on_commit_callbacks)
    check = reverse(
        "catalog:version_check", kwargs={"public_id": document.versions.get().public_id}
    )
    for username, sees in (("pelaksana.a", True), ("utama", True), ("pelaksana.b", False)):
        client = Client()
        client.login(username=username, password=PASSWORD)
        page = client.get(reverse("catalog:dashboard")).content.decode()
        assert (check in page) is sees, username
        assert "Dokumen yang ditahan pemeriksaan data pribadi" in page


def test_scan_pending_scans_what_the_upgrade_left_unscanned(
    entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        actions.add_document(
            actor=world.pelaksana_a,
            entry=entry_a,
            title="Lampiran",
            upload=upload("a.pdf", one_line_pdf(WITH_NIK)),
        )
    assert shielding.scan_pending() == {ShieldState.HELD: 1}
    assert shielding.scan_pending() == {}
    assert DocumentVersion.objects.get().shield_state == ShieldState.HELD
