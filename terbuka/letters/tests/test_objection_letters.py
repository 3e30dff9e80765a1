"""The objection's receipt and the Atasan's answer are issued signed the first time they
are downloaded and served as issued afterwards: the hash on /verifikasi/ must match."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from terbuka.letters import demo, signing, verification
from terbuka.letters.models import IssuedLetter, LetterKind
from terbuka.letters.tests.crosscheck import openssl_accepts
from terbuka.remedies import actions
from terbuka.remedies.models import Objection
from terbuka.remedies.tests.test_letters import (
    REASONS,
    at,
    download,
    logged_in,
    objection_of,
    text_of,
)
from terbuka.testing import World


def give_key(world: World) -> None:
    # Valid since before the frozen dates the objection tests use.
    demo.write_body_key(
        signing.key_dir(),
        slug=world.province.slug,
        common_name=world.province.name,
        not_before=timezone.now() - dt.timedelta(days=3 * 365),
    )


def test_the_receipt_is_signed_once_and_served_byte_for_byte_afterwards(world: World) -> None:
    give_key(world)
    objection = objection_of(world)
    first = download(logged_in(world.requester), "remedies:receipt_pdf", objection)
    again = download(logged_in(world.utama), "remedies:receipt_pdf", objection)
    assert first == again
    letter = IssuedLetter.objects.get(kind=LetterKind.OBJECTION_RECEIPT)
    assert letter.number == objection.number
    assert letter.is_signed and letter.file
    assert verification.check(letter, first).authentic
    assert openssl_accepts(first, signing.key_dir() / demo.CA_CERT)
    assert letter.display_code in text_of(first)
    # Changed later, the objection does not change the receipt that was issued.
    Objection.objects.filter(pk=objection.pk).update(filed_late=True)
    objection.refresh_from_db()
    assert download(logged_in(world.requester), "remedies:receipt_pdf", objection) == first


def test_the_answer_is_signed_by_the_atasan_with_his_nip(world: World) -> None:
    give_key(world)
    world.atasan.roles.filter(body=world.province).update(nip="196905051990031002")
    objection = objection_of(world)
    with time_machine.travel(at(dt.date(2025, 5, 6)), tick=False):
        decided = actions.decide(
            actor=world.atasan, objection=objection, upheld=True, reasons=REASONS
        )
    pdf = download(logged_in(world.requester), "remedies:answer_pdf", decided)
    letter = IssuedLetter.objects.get(kind=LetterKind.OBJECTION_ANSWER)
    assert letter.signer_name == decided.atasan_name
    assert letter.signer_nip == "196905051990031002"
    assert letter.signer_position == decided.atasan_position
    assert letter.date == dt.date(2025, 5, 6)
    assert verification.signature_problems(letter, pdf) == []
    assert "196905051990031002" in text_of(pdf)


def test_a_key_that_cannot_sign_gives_no_letter_but_the_reason(world: World) -> None:
    give_key(world)
    objection = objection_of(world)
    signing.passphrase_path(world.province.slug).write_text("salah\n")
    client = logged_in(world.requester)
    response = client.get(f"/keberatan/{objection.public_id}/tanda-terima.pdf", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Surat belum dapat diterbitkan" in response.content.decode()
    assert not IssuedLetter.objects.filter(kind=LetterKind.OBJECTION_RECEIPT).exists()
