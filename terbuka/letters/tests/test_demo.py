"""Done when (issue 12): pyHanko's validation and OpenSSL, independently, accept every
letter the demo produces, signed with certificates that say they are demo ones."""

from __future__ import annotations

import io

from django.core.management import call_command

from terbuka.letters import demo, issuing, signing, verification
from terbuka.letters.models import IssuedLetter, LetterKind
from terbuka.letters.tests.crosscheck import openssl_accepts
from terbuka.remedies import letters as objection_letters
from terbuka.remedies.models import Objection
from terbuka.requests import files
from terbuka.requests.models import FileKind, InfoRequest


def the_pdf(letter: IssuedLetter) -> bytes:
    subject, _, public_id = letter.subject.partition(":")
    # The notice and the extension notice are kept as the request's files.
    kind = {"notice": FileKind.LETTER, "extension": FileKind.EXTENSION_LETTER}.get(subject)
    if kind is not None:
        info_request = InfoRequest.objects.get(public_id=public_id)
        return files.open_file(info_request.files.get(kind=kind))
    return issuing.stored_bytes(letter)


def test_every_letter_of_the_demo_is_signed_and_both_checks_accept_it(seeded_demo: None) -> None:
    # The objection letters are issued when someone downloads them: download them all.
    for objection in Objection.objects.all():
        objection_letters.render_receipt(objection)
        if objection.is_decided:
            objection_letters.render_answer(objection)
    issued = list(IssuedLetter.objects.select_related("body"))
    assert {letter.kind for letter in issued} == set(LetterKind.values)
    ca = signing.key_dir() / demo.CA_CERT
    for letter in issued:
        pdf = the_pdf(letter)
        assert letter.is_signed, letter
        assert verification.check(letter, pdf).authentic, letter
        assert openssl_accepts(pdf, ca), letter
        body_key = signing.load_key(letter.body.slug)
        assert body_key is not None
        assert demo.DEMO_LABEL in body_key.subject
    # Run again, the demo keeps its keys (and the letters already issued stay valid).
    before = {path.name: path.read_bytes() for path in signing.key_dir().glob("*.p12")}
    call_command("seed_demo", stdout=io.StringIO())
    after = {path.name: path.read_bytes() for path in signing.key_dir().glob("*.p12")}
    assert before == after
