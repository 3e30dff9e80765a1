"""Is this PDF the letter that was issued? (``/verifikasi/<code>/``)

Two questions, both answered: is it byte for byte the issued letter (its SHA-256), and
does it carry a valid signature made with the body's certificate, covering the whole
file (pyHanko's validation, trusting only the body's CA; nothing is fetched from the
network)? Anything that is not a readable PDF gets a clear message instead.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from terbuka import uploads
from terbuka.letters import signing
from terbuka.letters.models import IssuedLetter

MAX_SIZE = 20 * 1024 * 1024


class NotChecked(ValueError):
    """The file could not be checked at all (not a PDF, encrypted, corrupt, too big)."""


@dataclass
class Result:
    same_file: bool
    signature_valid: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def authentic(self) -> bool:
        """The issued letter: the same bytes and, if it was signed, a valid signature."""
        return self.same_file and not self.problems


def _read(data: bytes) -> list[Any]:
    """The PDF's embedded signatures; ``NotChecked`` when it cannot be read."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if len(data) > MAX_SIZE:
        raise NotChecked(gettext("Berkas terlalu besar untuk sebuah surat (paling besar 20 MB)."))
    if uploads.sniff(data) != uploads.PDF:
        raise NotChecked(gettext("Berkas yang diunggah bukan PDF. Unggah surat dalam bentuk PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        encrypted = reader.encrypted
        signatures: list[Any] = [] if encrypted else list(reader.embedded_signatures)
    except Exception:  # pyHanko raises many kinds for a broken file
        raise NotChecked(
            gettext("PDF ini rusak dan tidak dapat dibaca. Unggah berkas asli dari Terbuka.")
        ) from None
    if encrypted:
        raise NotChecked(
            gettext(
                "PDF ini terenkripsi (dilindungi kata sandi) sehingga tidak dapat diperiksa."
                " Surat dari Terbuka tidak pernah dienkripsi: unggah berkas aslinya."
            )
        )
    return signatures


def signature_problems(letter: IssuedLetter, data: bytes) -> list[str]:
    """What is wrong with the file's signature for this letter ([] when it is valid)."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    signatures = _read(data)
    if not signatures:
        return [gettext("PDF ini tidak memuat tanda tangan elektronik.")]
    if len(signatures) > 1:
        return [gettext("PDF ini memuat lebih dari satu tanda tangan; surat Terbuka hanya satu.")]
    embedded = signatures[0]
    roots = [
        asn1_x509.Certificate.load(item.public_bytes(Encoding.DER))
        for item in signing.trust_roots(letter.body.slug)
    ]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception:
        return [gettext("Tanda tangan elektronik pada PDF ini tidak dapat dibaca.")]
    problems = []
    if not (status.intact and status.valid):
        problems.append(
            gettext("Tanda tangan elektronik tidak sah: isi PDF berubah setelah ditandatangani.")
        )
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(gettext("Ada perubahan yang ditambahkan pada PDF setelah ditandatangani."))
    if not status.trusted:
        problems.append(
            gettext("Sertifikat penanda tangan tidak diterbitkan oleh otoritas %(body)s.")
            % {"body": letter.body.name}
        )
    signer_fingerprint = hashlib.sha256(embedded.signer_cert.dump()).hexdigest()
    if letter.certificate_sha256 and signer_fingerprint != letter.certificate_sha256:
        problems.append(
            gettext("Surat ini tidak ditandatangani dengan sertifikat %(body)s.")
            % {"body": letter.body.name}
        )
    return problems


def check(letter: IssuedLetter, data: bytes) -> Result:
    """``NotChecked`` for a file that is not a readable, unencrypted PDF."""
    signatures = _read(data)
    same = hashlib.sha256(data).hexdigest() == letter.sha256
    if not letter.is_signed:
        if signatures:
            return Result(
                same_file=False,
                problems=[gettext("Surat ini diterbitkan tanpa tanda tangan elektronik.")],
            )
        return Result(same_file=same)
    problems = signature_problems(letter, data)
    return Result(same_file=same, signature_valid=not problems, problems=problems)
