"""The extension of the notice period goes out as a written, signed letter (UU 14/2008
Pasal 22(8): "with written reasons"), registered and verifiable like the written notice
(issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from terbuka.letters import signing, verification
from terbuka.letters.models import IssuedLetter
from terbuka.letters.tests.crosscheck import openssl_accepts
from terbuka.letters.tests.test_signed_notice import edited, give_key, text_of
from terbuka.requests import actions, files
from terbuka.requests.errors import ActionError
from terbuka.requests.models import EventKind, FileKind, InfoRequest
from terbuka.testing import World, submit_request

REASON = "Data tersebar di 14 kabupaten dan perlu dihimpun."


def extend(world: World, info_request: InfoRequest, days: int = 5) -> InfoRequest:
    return actions.extend(actor=world.utama, info_request=info_request, days=days, reason=REASON)


def extension_file(info_request: InfoRequest) -> Any:
    return info_request.files.get(kind=FileKind.EXTENSION_LETTER)


def download_url(request_file: Any) -> str:
    return reverse("requests:download", kwargs={"file_public_id": request_file.public_id})


def test_it_sends_a_signed_extension_letter_that_pyhanko_and_openssl_accept(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    ca = give_key(world)
    world.utama.roles.filter(body=world.province).update(nip="197001011995031001")
    # Signed today: the demo certificate is valid from today on.
    submitted = submit_request(world, body=world.agency_a)
    with django_capture_on_commit_callbacks(execute=True):
        info_request = extend(world, submitted)
    assert info_request.was_extended
    stored = extension_file(info_request)
    pdf = files.open_file(stored)
    letter = IssuedLetter.objects.get()
    assert letter.is_signed
    assert letter.number == info_request.number
    assert letter.body == world.province
    assert letter.signer_nip == "197001011995031001"
    assert info_request.extended_at is not None
    assert letter.date == info_request.extended_at.astimezone(world.province.tzinfo).date()
    assert verification.signature_problems(letter, pdf) == []
    assert openssl_accepts(pdf, ca)
    assert verification.check(letter, pdf).authentic
    tampered = edited(pdf)
    assert not verification.check(letter, tampered).authentic
    assert not openssl_accepts(tampered, ca)
    # The letter states the request, the reasons and the new due date with its counting.
    text = text_of(pdf)
    assert info_request.number in text
    assert "Data tersebar di 14 kabupaten" in text
    assert "Pasal 22 ayat (8)" in text
    assert "197001011995031001" in text
    assert letter.display_code in text
    new_due = info_request.due_date
    assert new_due is not None
    assert new_due.strftime("%Y") in text and "Diperpanjang 5 hari kerja" in text
    event = info_request.events.get(kind=EventKind.EXTENDED)
    assert event.data["signed"] is True
    # The e-mail to the requester links to the letter.
    message = next(m for m in mail.outbox if "diperpanjang" in m.body)
    assert download_url(stored) in message.body


def test_the_verification_page_knows_the_extension_letter(world: World) -> None:
    give_key(world)
    info_request = extend(world, submit_request(world, body=world.agency_a))
    letter = IssuedLetter.objects.get()
    client = Client()
    page = client.get(reverse("letters:verify", kwargs={"code": letter.code})).content.decode()
    assert info_request.number in page
    assert letter.display_code in page
    assert info_request.requester_name not in page


def test_the_requester_and_the_handlers_download_it_and_nobody_else(world: World) -> None:
    info_request = extend(world, submit_request(world, body=world.agency_a))
    url = download_url(extension_file(info_request))
    client = Client()
    for user, status in (
        (world.requester, 200),
        (world.utama, 200),
        (world.other_requester, 404),
        (world.regency_officer, 404),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response.getvalue().startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code == 404


def test_the_requester_and_the_officer_see_it_on_their_pages(world: World) -> None:
    info_request = extend(world, submit_request(world, body=world.agency_a))
    url = download_url(extension_file(info_request))
    client = Client()
    client.force_login(world.requester)
    page = client.get(
        reverse("requests:detail", kwargs={"public_id": info_request.public_id})
    ).content.decode()
    assert url in page
    client.force_login(world.utama)
    page = client.get(
        reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    ).content.decode()
    assert url in page


def test_a_body_without_a_certificate_extends_unsigned_and_the_officer_is_told(
    world: World,
) -> None:
    info_request = submit_request(world, body=world.agency_a)
    client = Client()
    client.force_login(world.utama)
    detail = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    assert (
        "surat perpanjangan akan dikirim tanpa tanda tangan" in client.get(detail).content.decode()
    )
    response = client.post(
        reverse("requests:extend", kwargs={"public_id": info_request.public_id}),
        {"days": "3", "reason": REASON},
        follow=True,
    )
    page = response.content.decode()
    assert "tidak ditandatangani secara elektronik" in page
    info_request.refresh_from_db()
    assert info_request.was_extended
    letter = IssuedLetter.objects.get()
    assert not letter.is_signed
    pdf = files.open_file(extension_file(info_request))
    assert b"/ByteRange" not in pdf
    assert verification.check(letter, pdf).authentic


@pytest.mark.parametrize("breakage", ["passphrase", "expired"])
def test_a_key_that_cannot_sign_leaves_the_request_unextended(world: World, breakage: str) -> None:
    if breakage == "expired":
        now = timezone.now()
        give_key(
            world, not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=2)
        )
    else:
        give_key(world)
        signing.passphrase_path(world.province.slug).write_text("bukan-kata-sandinya\n")
    info_request = submit_request(world, body=world.agency_a)
    due = info_request.due_date
    with pytest.raises(ActionError, match="belum diperpanjang"):
        extend(world, info_request)
    info_request.refresh_from_db()
    assert not info_request.was_extended
    assert info_request.due_date == due
    assert not info_request.files.filter(kind=FileKind.EXTENSION_LETTER).exists()
    assert not info_request.events.filter(kind=EventKind.EXTENDED).exists()
    assert not IssuedLetter.objects.exists()
    assert mail.outbox == []
