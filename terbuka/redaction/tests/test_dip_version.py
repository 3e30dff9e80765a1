"""Blacking out a DIP document: the redacted file becomes the document's new version, the
DIP serves it; the original version's file is set aside, served to nobody in public and
to the body's officers only through the redaction's record."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from terbuka.audit.models import AuditRecord
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import shielding
from terbuka.catalog.models import Document, DocumentVersion, ExtractionStatus
from terbuka.redaction import engine
from terbuka.redaction.models import Redaction
from terbuka.redaction.tests.removal import SECRET, area_around, assert_pdf_free_of, text_pdf
from terbuka.redaction.tests.test_redact_view import rows
from terbuka.shield.state import ShieldState
from terbuka.testing import make_entry


def dip_document(world: Any) -> Document:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    return catalog_actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Daftar penerima bantuan",
        upload=SimpleUploadedFile("penerima.pdf", text_pdf(), content_type="application/pdf"),
    )


def body_of(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_publishes_the_redacted_version_and_sets_the_original_aside(
    world: Any, client: Client
) -> None:
    document = dip_document(world)
    first = document.versions.get()
    url = reverse("redaction:redact_version", args=[document.public_id, 1])
    client.force_login(world.pelaksana_a)
    entry_page = client.get(reverse("catalog:entry", args=[document.entry.public_id]))
    assert url in entry_page.text  # "Hitamkan versi ini" for the body's officers
    assert client.get(url).status_code == 200
    image = reverse("redaction:version_page", args=[document.public_id, 1, 1])
    assert client.get(image)["Content-Type"] == "image/png"
    with first.file.open("rb") as handle:
        areas = area_around(handle.read(), SECRET)

    response = client.post(url, rows(areas))

    assert response.status_code == 302
    redaction = Redaction.objects.get()
    second = redaction.result_version
    assert second is not None and second.number == 2
    assert second.original_name == "penerima-dihitamkan.pdf"
    assert redaction.source_sha256 == first.sha256 and redaction.result_sha256 == second.sha256
    first.refresh_from_db()
    assert not first.file and first.extraction_status == ExtractionStatus.NOT_NEEDED
    assert AuditRecord.objects.filter(action="redaction.apply").exists()
    assert AuditRecord.objects.filter(action="catalog.document.version_set_aside").exists()

    # The redacted version goes through the personal-data shield like any new version.
    public = Client()
    current = public.get(reverse("catalog:document_download", args=[document.public_id]))
    assert current.status_code == 404, "not public while the shield has not looked at it"
    assert shielding.run_scan(second.pk) == ShieldState.CLEAR
    current = public.get(reverse("catalog:document_download", args=[document.public_id]))
    assert current.status_code == 200
    assert_pdf_free_of(body_of(current))
    old = reverse("catalog:document_version_download", args=[document.public_id, 1])
    assert public.get(old).status_code == 404
    assert client.get(old).status_code == 404  # not even officers: only through the record
    assert old not in public.get(reverse("catalog:entry", args=[document.entry.public_id])).text

    original = reverse("redaction:original", args=[redaction.public_id])
    kept = client.get(original)
    assert kept.status_code == 200
    assert SECRET in engine_text(body_of(kept))
    assert public.get(original).status_code == 302  # to the login page
    for user in (world.requester, world.pelaksana_b, world.regency_officer):
        outsider = Client()
        outsider.force_login(user)
        assert outsider.get(original).status_code == 404
        assert outsider.get(url).status_code == 404


def engine_text(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "".join(page.get_text() for page in doc)


def test_it_only_redacts_the_latest_version(world: Any, client: Client) -> None:
    document = dip_document(world)
    catalog_actions.add_version(
        actor=world.pelaksana_a,
        document=document,
        upload=SimpleUploadedFile("baru.pdf", text_pdf(), content_type="application/pdf"),
    )
    client.force_login(world.pelaksana_a)

    assert (
        client.get(reverse("redaction:redact_version", args=[document.public_id, 1])).status_code
        == 404
    )
    assert (
        client.get(reverse("redaction:redact_version", args=[document.public_id, 2])).status_code
        == 200
    )


def test_it_refuses_an_area_outside_a_dip_page(world: Any, client: Client) -> None:
    document = dip_document(world)
    client.force_login(world.utama)
    url = reverse("redaction:redact_version", args=[document.public_id, 1])

    response = client.post(url, rows([engine.Area(2, 0.1, 0.1, 0.2, 0.2, "h")]))

    assert response.status_code == 400
    assert "dokumen ini memiliki 1 halaman" in response.text
    assert DocumentVersion.objects.filter(document=document).count() == 1
