"""The redaction page of a request's draft: officers mark areas (form rows, or areas
proposed in the query string), the result is a new draft that is released; the original
stays private; the notice lists what was blacked out and why."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.audit.models import AuditRecord
from terbuka.redaction import actions, engine
from terbuka.redaction.models import Redaction
from terbuka.redaction.tests.removal import (
    KEPT,
    SECRET,
    area_around,
    assert_pdf_free_of,
    digits,
    image_bytes,
    ocr_png,
    text_image,
    text_pdf,
)
from terbuka.requests import actions as request_actions
from terbuka.requests import files
from terbuka.requests.errors import ActionError
from terbuka.requests.models import Event, FileKind, InfoRequest, RequestFile
from terbuka.testing import forward_to_a, submit_request


def draft_with_nik(world: Any, content: bytes | None = None) -> tuple[InfoRequest, RequestFile]:
    info_request = submit_request(world, body=world.agency_a)
    disposition = forward_to_a(world, info_request)
    request_actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=disposition,
        draft_text="Daftar penerima bantuan terlampir.",
        files=[
            SimpleUploadedFile(
                "penerima.pdf", content or text_pdf(), content_type="application/pdf"
            )
        ],
    )
    return info_request, info_request.files.get(kind=FileKind.DRAFT)


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def rows(areas: list[engine.Area]) -> dict[str, str]:
    data = {"rows": str(len(areas) + 1)}
    for index, area in enumerate(areas):
        data |= {
            f"area-{index}-page": str(area.page),
            f"area-{index}-x0": engine.fraction_text(area.x0),
            f"area-{index}-y0": engine.fraction_text(area.y0),
            f"area-{index}-x1": engine.fraction_text(area.x1),
            f"area-{index}-y1": engine.fraction_text(area.y1),
            f"area-{index}-ground": area.ground,
        }
    return data


def test_it_makes_a_redacted_draft_from_the_form_rows(world: Any, client: Client) -> None:
    info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    login(client, world.pelaksana_a)

    page = client.get(url)
    assert page.status_code == 200
    assert "Hitamkan penerima.pdf" in page.text
    image = client.get(
        reverse("redaction:page", kwargs={"file_public_id": draft.public_id, "page": 1})
    )
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert "private" in image["Cache-Control"] and "no-store" in image["Cache-Control"]

    response = client.post(url, rows(area_around(files.open_file(draft), SECRET)))

    assert response.status_code == 302
    redaction = Redaction.objects.get()
    result = redaction.result
    assert result.original_name == "penerima-dihitamkan.pdf"
    assert result.kind == FileKind.DRAFT and result.disposition_id == draft.disposition_id
    assert redaction.source_sha256 == draft.sha256 and redaction.result_sha256 == result.sha256
    assert redaction.actor == world.pelaksana_a
    assert_pdf_free_of(files.open_file(result))
    assert hashlib.sha256(files.open_file(draft)).hexdigest() == draft.sha256  # untouched
    record = AuditRecord.objects.get(action="redaction.apply")
    assert record.detail["source_sha256"] == draft.sha256
    assert record.detail["grounds"] == ["h"]
    event = Event.objects.get(info_request=info_request, data__redaction=str(redaction.public_id))
    assert event.is_internal


def test_it_prefills_the_areas_the_shield_proposes(world: Any, client: Client) -> None:
    _info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    login(client, world.utama)

    page = client.get(url + "?areas=1:0.1:0.0952:0.45:0.1286:h.3")

    assert page.status_code == 200
    assert 'name="area-0-x0"' in page.text and 'value="0.0952"' in page.text
    assert '<option value="h.3" selected>' in page.text


def test_it_says_what_is_wrong_with_a_proposal_that_is_off_the_page(
    world: Any, client: Client
) -> None:
    _info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    login(client, world.utama)

    page = client.get(url + "?areas=1:0.1:0.2:1.7:0.3:h")

    assert page.status_code == 200
    assert "Usulan bagian tidak dapat dipakai" in page.text


def test_it_refuses_an_area_on_a_page_the_file_does_not_have(world: Any, client: Client) -> None:
    _info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    login(client, world.utama)

    response = client.post(
        url, rows([engine.Area(1, 0.1, 0.1, 0.2, 0.2, "h")]) | {"area-0-page": "4"}
    )

    assert response.status_code == 400
    assert not Redaction.objects.exists()


def test_it_refuses_an_area_outside_the_page(world: Any, client: Client) -> None:
    _info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    login(client, world.utama)

    response = client.post(
        url, rows([engine.Area(1, 0.1, 0.1, 0.2, 0.2, "h")]) | {"area-0-x1": "1.3"}
    )

    assert response.status_code == 400
    assert "pecahan 0–1" in response.text
    assert not Redaction.objects.exists()


def test_it_tells_the_officer_a_locked_pdf_cannot_be_redacted(world: Any, client: Client) -> None:
    with pymupdf.open(stream=text_pdf(), filetype="pdf") as doc:
        locked = doc.tobytes(
            encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="pemilik"
        )
    info_request, draft = draft_with_nik(world)
    # Stored as it came from an older upload path that did not refuse locked PDFs.
    locked_file = files.store_bytes(
        info_request=info_request,
        content=locked,
        kind=FileKind.DRAFT,
        original_name="terkunci.pdf",
        content_type="application/pdf",
        disposition=draft.disposition,
    )
    login(client, world.utama)
    url = reverse("redaction:redact", kwargs={"file_public_id": locked_file.public_id})

    assert "dilindungi kata sandi" in client.get(url).text
    response = client.post(url, rows([engine.Area(1, 0.1, 0.1, 0.2, 0.2, "h")]))
    assert response.status_code == 200
    assert "dilindungi kata sandi" in response.text
    page = reverse("redaction:page", kwargs={"file_public_id": locked_file.public_id, "page": 1})
    assert client.get(page).status_code == 404


def test_it_lists_the_redactions_and_grounds_in_the_written_notice(world: Any) -> None:
    info_request, draft = draft_with_nik(world)
    redaction = actions.redact_request_file(
        actor=world.utama,
        request_file=draft,
        areas=area_around(files.open_file(draft), SECRET, ground="h"),
    )
    request_actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome="granted_in_part",
        material="Daftar penerima bantuan",
        withheld="NIK penerima dihitamkan.",
        exemption_ground="h",
        consequence_test="NIK adalah data pribadi.",
    )
    request_actions.send_notice(
        actor=world.utama, info_request=info_request, released_file_ids=[redaction.result.pk]
    )

    draft.refresh_from_db()
    assert draft.kind == FileKind.DRAFT  # the original is not released
    released = info_request.files.get(kind=FileKind.RELEASED)
    assert released == redaction.result
    letter = info_request.files.get(kind=FileKind.LETTER)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(files.open_file(letter))).pages
    )
    text = " ".join(text.split())
    assert "penerima-dihitamkan.pdf, halaman 1: dihitamkan berdasarkan Pasal 17 huruf h" in text


def test_it_refuses_to_release_the_original_of_a_blacked_out_file(world: Any) -> None:
    info_request, draft = draft_with_nik(world)
    actions.redact_request_file(
        actor=world.utama,
        request_file=draft,
        areas=area_around(files.open_file(draft), SECRET),
    )
    request_actions.save_notice(
        actor=world.utama, info_request=info_request, outcome="granted", material="Daftar"
    )

    with pytest.raises(ActionError, match="berikan berkas hasil penghitamannya"):
        request_actions.send_notice(
            actor=world.utama, info_request=info_request, released_file_ids=[draft.pk]
        )

    draft.refresh_from_db()
    assert draft.kind == FileKind.DRAFT
    info_request.refresh_from_db()
    assert info_request.is_open


def test_it_does_not_let_a_requester_or_another_unit_redact(world: Any, client: Client) -> None:
    _info_request, draft = draft_with_nik(world)
    url = reverse("redaction:redact", kwargs={"file_public_id": draft.public_id})
    for user in (world.requester, world.pelaksana_b, world.atasan):
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.post(url, rows([engine.Area(1, 0.1, 0.1, 0.2, 0.2, "h")])).status_code == 404
    assert not Redaction.objects.exists()


def test_it_blacks_out_an_image_draft(world: Any, client: Client) -> None:
    info_request = submit_request(world, body=world.agency_a)
    request_actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=forward_to_a(world, info_request),
        draft_text="Foto KTP penerima terlampir.",
        files=[
            SimpleUploadedFile(
                "ktp.png",
                image_bytes(text_image([f"NIK {SECRET}", KEPT]), "PNG"),
                content_type="image/png",
            )
        ],
    )
    draft = info_request.files.get(kind=FileKind.DRAFT)
    client.force_login(world.pelaksana_a)
    page = reverse("redaction:page", kwargs={"file_public_id": draft.public_id, "page": 1})
    assert client.get(page)["Content-Type"] == "image/png"

    response = client.post(
        reverse("redaction:redact", kwargs={"file_public_id": draft.public_id}),
        rows([engine.Area(1, 0.02, 0.12, 0.75, 0.42, "h")]),
    )

    assert response.status_code == 302
    result = Redaction.objects.get().result
    assert result is not None and result.content_type == "image/png"
    assert SECRET[:8] not in digits(ocr_png(files.open_file(result)))
