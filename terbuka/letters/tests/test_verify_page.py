"""/verifikasi/<code>/: anyone sees what letter a code belongs to (nothing personal about
the requester) and checks a PDF against it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from terbuka.letters import demo, signing
from terbuka.letters.models import IssuedLetter
from terbuka.letters.tests.test_signed_notice import edited, give_key, letter_of
from terbuka.requests.models import InfoRequest
from terbuka.testing import NIK_SATU, World, grant_request, submit_request


@pytest.fixture
def issued(world: World) -> tuple[IssuedLetter, bytes, InfoRequest]:
    give_key(world)
    info_request = grant_request(world.utama, submit_request(world, body=world.agency_a))
    return IssuedLetter.objects.get(), letter_of(info_request), info_request


def page(letter: IssuedLetter) -> str:
    return reverse("letters:verify", kwargs={"code": letter.code})


def upload(client: Client, letter: IssuedLetter, content: bytes, name: str = "surat.pdf") -> str:
    response = client.post(page(letter), {"berkas": SimpleUploadedFile(name, content)})
    return response.content.decode()


def test_it_shows_the_letter_and_nothing_personal_about_the_requester(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, _pdf, info_request = issued
    response = client.get(page(letter))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        info_request.number,
        letter.sha256,
        letter.body.name,
        letter.signer_name,
        letter.display_code,
        "Pemberitahuan tertulis",
    ):
        assert expected in text, expected
    for private in (info_request.requester_name, NIK_SATU, info_request.requester_email):
        assert private and private not in text, private


def test_it_accepts_the_issued_pdf_and_rejects_an_edited_copy(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, pdf, _info_request = issued
    assert "Sah." in upload(client, letter, pdf)
    text = upload(client, letter, edited(pdf))
    assert "Tidak sama." in text
    assert "isi PDF berubah setelah ditandatangani" in text
    assert "Sah." not in text


def test_it_rejects_a_letter_signed_with_another_bodys_certificate(
    client: Client, world: World, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, pdf, _info_request = issued
    # The regency's key from the same demo CA: trusted, but not the province's.
    demo.write_body_key(signing.key_dir(), slug=world.regency.slug, common_name="Barito Utara")
    IssuedLetter.objects.filter(pk=letter.pk).update(certificate_sha256="0" * 64)
    assert "tidak ditandatangani dengan sertifikat" in upload(client, letter, pdf)


def test_it_explains_a_file_that_is_not_a_pdf(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, _pdf, _info_request = issued
    text = upload(client, letter, b"Bukan PDF sama sekali", name="surat.pdf")
    assert "bukan PDF" in text


def test_it_explains_a_corrupt_pdf(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, pdf, _info_request = issued
    assert "rusak" in upload(client, letter, pdf[:400])


def test_it_explains_an_encrypted_pdf(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, pdf, _info_request = issued
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt("rahasia", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert "terenkripsi" in upload(client, letter, out.getvalue())


def test_an_unknown_code_says_so(client: Client, world: World) -> None:
    response = client.get(reverse("letters:verify", kwargs={"code": "ABCDEFGHJKLM"}))
    assert response.status_code == 404
    assert "Kode verifikasi tidak dikenal" in response.content.decode()


def test_a_code_typed_with_dashes_and_small_letters_finds_the_letter(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, _pdf, _info_request = issued
    response = client.get(reverse("letters:start"), {"kode": letter.display_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == page(letter)


def test_it_is_rate_limited(
    client: Client, issued: tuple[IssuedLetter, bytes, InfoRequest]
) -> None:
    letter, _pdf, _info_request = issued
    statuses = [client.get(page(letter)).status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
