"""The written notice goes out signed with the PPID body's certificate, or not at all when
that certificate cannot sign; unsigned only when the body has none, and the officer is
told (issue 12)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from terbuka.letters import demo, signing, verification
from terbuka.letters.models import IssuedLetter, LetterKind
from terbuka.letters.tests.crosscheck import openssl_accepts
from terbuka.requests import actions, files
from terbuka.requests.errors import ActionError
from terbuka.requests.models import EventKind, FileKind, InfoRequest, Status
from terbuka.testing import World, grant_request, submit_request


def give_key(world: World, **options: object) -> Path:
    """The province (whose PPID answers agency A's requests) gets a demo certificate."""
    directory = signing.key_dir()
    demo.write_body_key(
        directory, slug=world.province.slug, common_name=world.province.name, **options
    )
    return directory / demo.CA_CERT


def letter_of(info_request: InfoRequest) -> bytes:
    return files.open_file(info_request.files.get(kind=FileKind.LETTER))


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def edited(pdf: bytes) -> bytes:
    """One byte changed inside the signed part (in the letter's first content)."""
    position = pdf.index(b"stream") + 20
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1 :]


def test_it_signs_the_notice_so_pyhanko_and_openssl_accept_it_and_reject_an_edit(
    world: World,
) -> None:
    ca = give_key(world)
    world.utama.roles.filter(body=world.province).update(nip="197001011995031001")
    submitted = submit_request(world, body=world.agency_a)
    client = Client()
    client.force_login(world.utama)
    page = client.get(
        reverse("requests:officer_detail", kwargs={"public_id": submitted.public_id})
    ).content.decode()
    assert "tanpa tanda tangan elektronik" not in page
    info_request = grant_request(world.utama, submitted)
    pdf = letter_of(info_request)
    letter = IssuedLetter.objects.get(kind=LetterKind.NOTICE)
    assert letter.is_signed
    assert letter.number == info_request.number
    assert letter.body == world.province
    assert letter.signer_nip == "197001011995031001"
    assert verification.signature_problems(letter, pdf) == []
    assert openssl_accepts(pdf, ca)
    assert verification.check(letter, pdf).authentic
    # The code and the verification address are printed on the letter, with the signer.
    text = text_of(pdf)
    assert letter.display_code in text
    assert f"/verifikasi/{letter.code}/" in text
    assert "197001011995031001" in text
    tampered = edited(pdf)
    assert verification.signature_problems(letter, tampered) != []
    assert not openssl_accepts(tampered, ca)
    assert not verification.check(letter, tampered).authentic
    event = info_request.events.get(kind=EventKind.NOTICE_SENT)
    assert event.data["signed"] is True


def test_codes_are_random_not_sequential(world: World) -> None:
    give_key(world)
    first = grant_request(world.utama, submit_request(world, body=world.agency_a))
    second = grant_request(world.utama, submit_request(world, body=world.agency_a))
    codes = list(IssuedLetter.objects.values_list("code", flat=True))
    assert len(set(codes)) == 2
    assert all(len(code) == 12 and code.isalnum() for code in codes)
    assert first.number not in codes[0] and second.number not in codes[1]


def _refused_sending(world: World, message: str) -> None:
    info_request = submit_request(world, body=world.agency_a)
    with pytest.raises(ActionError, match=message):
        grant_request(world.utama, info_request)
    info_request.refresh_from_db()
    assert info_request.status != Status.ANSWERED
    assert not info_request.files.filter(kind=FileKind.LETTER).exists()
    assert not info_request.events.filter(kind=EventKind.NOTICE_SENT).exists()
    assert not IssuedLetter.objects.exists()


def test_a_wrong_passphrase_stops_the_notice_and_changes_nothing(world: World) -> None:
    give_key(world)
    signing.passphrase_path(world.province.slug).write_text("bukan-kata-sandinya\n")
    _refused_sending(world, "kata sandinya")


def test_an_expired_certificate_stops_the_notice_and_changes_nothing(world: World) -> None:
    now = timezone.now()
    give_key(world, not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=2))
    _refused_sending(world, "kedaluwarsa")


def test_a_corrupt_key_file_stops_the_notice(world: World) -> None:
    give_key(world)
    signing.key_path(world.province.slug).write_bytes(b"not a PKCS#12 file")
    _refused_sending(world, "rusak")


def test_the_start_up_check_names_a_key_that_cannot_sign(world: World) -> None:
    give_key(world)
    call_command("check", "--tag", "security")  # a good key: no error
    signing.passphrase_path(world.province.slug).write_text("salah\n")
    with pytest.raises(SystemCheckError, match=r"letters\.E001"):
        call_command("check", "--tag", "security")


def test_a_body_without_a_certificate_sends_unsigned_and_the_officer_is_told(
    world: World,
) -> None:
    info_request = submit_request(world, body=world.agency_a)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome="granted",
        material="Salinan dokumen",
        form="hardcopy",
        delivery="pickup",
    )
    client = Client()
    client.force_login(world.utama)
    page = client.get(
        reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
    ).content.decode()
    assert "akan dikirim tanpa tanda tangan elektronik" in page  # told before sending, too
    url = reverse("requests:send_notice", kwargs={"public_id": info_request.public_id})
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "tidak ditandatangani secara elektronik" in page
    assert "belum memiliki sertifikat" in page
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    letter = IssuedLetter.objects.get()
    assert not letter.is_signed
    pdf = letter_of(info_request)
    assert b"/ByteRange" not in pdf
    assert verification.check(letter, pdf).authentic  # the same bytes, as issued
    assert "tanpa tanda tangan elektronik" in text_of(pdf)


def test_the_start_up_check_warns_a_month_before_the_certificate_expires(world: World) -> None:
    give_key(world, not_after=timezone.now() + dt.timedelta(days=10))
    assert [message.id for message in signing.check_keys()] == ["letters.W001"]
    # It still signs until the day it expires.
    assert IssuedLetter.objects.count() == 0
    grant_request(world.utama, submit_request(world, body=world.agency_a))
    assert IssuedLetter.objects.get().is_signed
