"""Issuing a letter: its verification code and QR code, the PDF, the body's signature,
and its row in the register behind ``/verifikasi/<code>/``.

A letter is prepared outside the transaction (rendering and signing take a second or
more) and recorded inside it (``record``), so a letter that cannot be signed stops the
action before anything changes. Letters rendered on download (the objection letters) are
issued once (``issue_once``): the signed bytes are stored the first time and served
afterwards, or the hash on the verification page would not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.safestring import mark_safe

from terbuka.bodies.models import Body
from terbuka.letters import pdf as letter_pdf
from terbuka.letters import signing
from terbuka.letters.models import IssuedLetter
from terbuka.letters.signing import Signer

# No 0/O or 1/I: codes are read off paper. 12 characters of 32: 60 random bits.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(code: str) -> str:
    """What a person typed, as stored: upper case, without dashes and spaces."""
    return "".join(code.split()).replace("-", "").upper()


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("letters:verify", kwargs={"code": code})


def _qr_svg(url: str) -> str:
    import segno

    svg: str = segno.make(url, error="m").svg_inline(scale=2, border=0)
    return svg


@dataclass(frozen=True)
class Prepared:
    code: str
    kind: str
    number: str
    date: dt.date
    body: Body
    signer: Signer
    pdf: bytes
    is_signed: bool
    certificate_sha256: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def prepare(
    *,
    kind: str,
    body: Body,
    signer: Signer,
    number: str,
    date: dt.date,
    render_html: Callable[[dict[str, Any]], str],
) -> Prepared:
    """Render and sign a letter. ``render_html`` gets the context the letter template
    includes ``letters/_verification.html`` and ``letters/_signature.html`` with.
    ``SigningError`` when the body has a key that cannot sign."""
    body_key = signing.load_key(body.slug)
    code = new_code()
    url = verification_url(code)
    html = render_html(
        {
            "verification": {
                "code": display(code),
                "url": url,
                "qr": mark_safe(_qr_svg(url)),  # noqa: S308 — segno's SVG, no user text
                "signed": body_key is not None,
            },
            "signer": signer,
            "signature_anchor": letter_pdf.SIGNATURE_ANCHOR,
            "signature_width": letter_pdf.SIGNATURE_WIDTH_PT,
            "signature_height": letter_pdf.SIGNATURE_HEIGHT_PT,
        }
    )
    content, placement = letter_pdf.render(html)
    if body_key is not None:
        if placement is None:
            raise ValueError("The letter template has no signature box.")
        content = signing.sign_pdf(
            content,
            body_key=body_key,
            signer=signer,
            body_name=body.name,
            placement=placement,
        )
    return Prepared(
        code=code,
        kind=kind,
        number=number,
        date=date,
        body=body,
        signer=signer,
        pdf=content,
        is_signed=body_key is not None,
        certificate_sha256=body_key.fingerprint if body_key is not None else "",
    )


def record(prepared: Prepared, *, subject: str, file_name: str = "") -> IssuedLetter:
    """The letter's row in the register (inside the action's transaction)."""
    return IssuedLetter.objects.create(
        code=prepared.code,
        subject=subject,
        kind=prepared.kind,
        number=prepared.number,
        date=prepared.date,
        body=prepared.body,
        signer_name=prepared.signer.name[:200],
        signer_nip=prepared.signer.nip[:30],
        signer_position=prepared.signer.position[:200],
        sha256=prepared.sha256,
        is_signed=prepared.is_signed,
        certificate_sha256=prepared.certificate_sha256,
        file=file_name,
    )


def issued(subject: str) -> IssuedLetter | None:
    return IssuedLetter.objects.filter(subject=subject).first()


def stored_bytes(letter: IssuedLetter) -> bytes:
    with default_storage.open(letter.file.name, "rb") as handle:
        data: bytes = handle.read()
    return data


def issue_once(*, subject: str, make: Callable[[], Prepared]) -> bytes:
    """The letter as issued the first time it was asked for; issued now if never before."""
    existing = issued(subject)
    if existing is not None and existing.file:
        return stored_bytes(existing)
    prepared = make()
    stored_name = default_storage.save(f"letters/{uuid.uuid4().hex}.pdf", ContentFile(prepared.pdf))
    try:
        with transaction.atomic():
            record(prepared, subject=subject, file_name=stored_name)
    except IntegrityError:
        # Two first downloads at once: the other one's letter is the issued one.
        default_storage.delete(stored_name)
        winner = issued(subject)
        if winner is None or not winner.file:
            raise
        return stored_bytes(winner)
    except BaseException:
        default_storage.delete(stored_name)  # PITFALLS.md 6
        raise
    return prepared.pdf
