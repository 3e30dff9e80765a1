"""Each body's signing key, and the PAdES signature of a letter (pyHanko).

Keys never live in the database. ``TERBUKA_SIGNING_DIR`` (an environment variable; in
the embedded default ``var/signing/``) holds one PKCS#12 file per body, named after the
body's slug, and its passphrase beside it::

    TERBUKA_SIGNING_DIR/
        dinas-kominfo.p12          the body's key, certificate and CA chain
        dinas-kominfo.passphrase   its passphrase (one line; absent: no passphrase)

A directory rather than one variable per body: slugs have hyphens, which environment
variable names cannot carry, and a directory is what Docker secrets, systemd credentials
and Kubernetes secret volumes mount. Keep it readable by the application's user only.

A body without a ``.p12`` file has no certificate: its letters are issued unsigned and
the officer is told. A file that is there but cannot be used (wrong passphrase, corrupt
file, expired or not-yet-valid certificate) is an error: reported by ``manage.py check``
at start-up, and again when a letter is signed, so no letter leaves unsigned by accident.
Files are read at each signing, so a rotated certificate is used from the next letter on
without a restart.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.utils import timezone
from django.utils.translation import gettext

FIELD_NAME = "TandaTanganElektronik"
EXPIRY_WARNING_DAYS = 30


class SigningError(Exception):
    """A body's key that cannot sign; the message says what to do, for officers and admins."""


@dataclass(frozen=True)
class Signer:
    """The person named in the visible signature block."""

    name: str
    nip: str = ""
    position: str = ""


@dataclass(frozen=True)
class BodyKey:
    slug: str
    key: Any  # cryptography private key
    certificate: Any  # cryptography x509.Certificate
    chain: tuple[Any, ...]  # the CA certificates that came in the PKCS#12 file

    @property
    def subject(self) -> str:
        return str(self.certificate.subject.rfc4514_string())

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate (DER), hex."""
        from cryptography.hazmat.primitives import hashes

        return str(self.certificate.fingerprint(hashes.SHA256()).hex())


def key_dir() -> Path:
    return Path(settings.TERBUKA_SIGNING_DIR)


def key_path(slug: str) -> Path:
    return key_dir() / f"{slug}.p12"


def passphrase_path(slug: str) -> Path:
    return key_dir() / f"{slug}.passphrase"


def has_key(slug: str) -> bool:
    return key_path(slug).is_file()


def load_key(slug: str, *, now: dt.datetime | None = None) -> BodyKey | None:
    """The body's key, or None when it has no certificate; ``SigningError`` when it has
    one that cannot be used."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = key_path(slug)
    if not path.is_file():
        return None
    secret = passphrase_path(slug)
    passphrase = secret.read_bytes().strip() if secret.is_file() else None
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            path.read_bytes(), passphrase or None
        )
    except (ValueError, TypeError):
        raise SigningError(
            gettext(
                "Sertifikat tanda tangan elektronik %(file)s tidak dapat dibuka: kata sandinya"
                " (%(secret)s) salah atau berkasnya rusak."
            )
            % {"file": path.name, "secret": secret.name}
        ) from None
    if key is None or certificate is None:
        raise SigningError(
            gettext("Berkas %(file)s tidak memuat kunci privat dan sertifikat.")
            % {"file": path.name}
        )
    now = now or timezone.now()
    if certificate.not_valid_after_utc < now:
        raise SigningError(
            gettext(
                "Sertifikat tanda tangan elektronik %(file)s sudah kedaluwarsa sejak"
                ' %(date)s. Pasang sertifikat baru (lihat README, "Signed, verifiable'
                ' letters").'
            )
            % {"file": path.name, "date": certificate.not_valid_after_utc.date().isoformat()}
        )
    if certificate.not_valid_before_utc > now:
        raise SigningError(
            gettext("Sertifikat tanda tangan elektronik %(file)s baru berlaku mulai %(date)s.")
            % {"file": path.name, "date": certificate.not_valid_before_utc.date().isoformat()}
        )
    return BodyKey(slug=slug, key=key, certificate=certificate, chain=tuple(chain))


def trust_roots(slug: str) -> list[Any]:
    """The certificates a signature of this body's letters must chain to (cryptography
    objects): the CA certificates in its PKCS#12 file, and those kept in
    ``<slug>.trust.pem`` (an earlier CA, after the body moved to a new one)."""
    from cryptography import x509

    roots: list[Any] = []
    try:
        body_key = load_key(slug)
    except SigningError:
        body_key = None
    if body_key is not None:
        roots.extend(body_key.chain)
    extra = key_dir() / f"{slug}.trust.pem"
    if extra.is_file():
        roots.extend(x509.load_pem_x509_certificates(extra.read_bytes()))
    return roots


def check_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The start-up check: every key in the directory opens and is valid today."""
    directory = key_dir()
    if not directory.is_dir():
        return []
    problems: list[checks.CheckMessage] = []
    soon = timezone.now() + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    for path in sorted(directory.glob("*.p12")):
        try:
            body_key = load_key(path.stem)
        except SigningError as error:
            problems.append(checks.Error(str(error), id="letters.E001"))
            continue
        if body_key is not None and body_key.certificate.not_valid_after_utc < soon:
            problems.append(
                checks.Warning(
                    gettext(
                        "Sertifikat tanda tangan elektronik %(file)s kedaluwarsa pada %(date)s:"
                        " siapkan penggantinya."
                    )
                    % {
                        "file": path.name,
                        "date": body_key.certificate.not_valid_after_utc.date().isoformat(),
                    },
                    id="letters.W001",
                )
            )
    return problems


def _pyhanko_signer(body_key: BodyKey) -> Any:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(body_key.certificate.public_bytes(Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            body_key.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(item.public_bytes(Encoding.DER)) for item in body_key.chain]
        ),
    )


def _latin(text: str) -> str:
    """The stamp's text in the PDF standard font (Latin only, so no font file and no
    shaping library): accents dropped, other characters as ``?``. The letter itself,
    above the stamp, shows the names as typed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        "?" if ord(char) > 0x7E else char for char in decomposed if not unicodedata.combining(char)
    )


@dataclass(frozen=True)
class Placement:
    """Where the visible signature goes: page index and box in PDF points."""

    page: int
    box: tuple[int, int, int, int]


def sign_pdf(
    pdf: bytes, *, body_key: BodyKey, signer: Signer, body_name: str, placement: Placement
) -> bytes:
    """A PAdES B-B signature with a visible block: the signer's name, NIP, position and the
    signing time. ``SigningError`` if pyHanko cannot sign (e.g. a corrupt PDF)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    lines = [gettext("Ditandatangani secara elektronik oleh"), "%(signer)s"]
    if signer.nip:
        lines.append("NIP %(nip)s")
    if signer.position:
        lines.append("%(position)s")
    lines.append(gettext("Waktu: %(ts)s"))
    style = TextStampStyle(
        stamp_text=_latin("\n".join(lines)),
        text_box_style=TextBoxStyle(font_size=7),
        border_width=1,
        background=None,
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer.name,
        location=body_name,
        reason=gettext("Surat resmi PPID yang diterbitkan melalui Terbuka"),
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=_pyhanko_signer(body_key),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=placement.page, box=placement.box),
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = pdf_signer.sign_pdf(
            writer,
            appearance_text_params={
                "signer": _latin(signer.name),
                "nip": _latin(signer.nip),
                "position": _latin(signer.position),
            },
        )
    except Exception as error:  # pyHanko raises many kinds for a PDF it cannot read
        raise SigningError(
            gettext("Surat tidak dapat ditandatangani: %(reason)s") % {"reason": str(error)[:200]}
        ) from error
    signed: bytes = out.getvalue()
    return signed
