"""The demo's signing keys: a demo CA and one certificate per body with its own PPID,
in ``TERBUKA_SIGNING_DIR``, every subject saying "DEMO — TIDAK SAH" (not valid).

Run by ``seed_demo`` after the bodies exist and before any letter is made; idempotent:
the CA and a body's key are made once and kept (a certificate that is about to expire is
made again).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import timezone

from terbuka.bodies.models import Body
from terbuka.letters import signing

DEMO_LABEL = "DEMO — TIDAK SAH"
CA_CERT = "demo-ca.pem"
CA_KEY = "demo-ca.key.pem"


def _name(common_name: str) -> Any:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Terbuka {DEMO_LABEL}"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def demo_ca(directory: Path) -> tuple[Any, Any]:
    """The demo CA's key and certificate, made once per directory."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    cert_path, key_path = directory / CA_CERT, directory / CA_KEY
    if cert_path.is_file() and key_path.is_file():
        return (
            serialization.load_pem_private_key(key_path.read_bytes(), password=None),
            x509.load_pem_x509_certificate(cert_path.read_bytes()),
        )
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    name = _name(f"Terbuka CA {DEMO_LABEL}")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key, certificate


def write_body_key(
    directory: Path,
    *,
    slug: str,
    common_name: str,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    passphrase: str | None = None,
) -> Path:
    """A body's demo key and certificate, issued by the demo CA, as ``<slug>.p12`` with a
    random passphrase in ``<slug>.passphrase``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12

    ca_key, ca_certificate = demo_ca(directory)
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{common_name} ({DEMO_LABEL})"))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation: what pyHanko asks of a signer
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    secret = secrets.token_urlsafe(24) if passphrase is None else passphrase
    data = pkcs12.serialize_key_and_certificates(
        slug.encode(),
        key,
        certificate,
        [ca_certificate],
        serialization.BestAvailableEncryption(secret.encode())
        if secret
        else serialization.NoEncryption(),
    )
    path = directory / f"{slug}.p12"
    path.write_bytes(data)
    path.chmod(0o600)
    secret_path = directory / f"{slug}.passphrase"
    secret_path.write_text(secret + "\n")
    secret_path.chmod(0o600)
    return path


def ensure_keys(bodies: Iterable[Body], directory: Path | None = None) -> list[str]:
    """A usable demo key for each body; the slugs whose key was (re)made."""
    directory = directory or signing.key_dir()
    made = []
    soon = timezone.now() + dt.timedelta(days=30)
    for body in bodies:
        try:
            body_key = signing.load_key(body.slug, now=soon)
        except signing.SigningError:
            body_key = None
        if body_key is None:
            write_body_key(directory, slug=body.slug, common_name=body.name)
            made.append(body.slug)
    return made


def seed(stdout: Any) -> None:
    bodies = [body for body in Body.objects.order_by("pk") if body.has_own_ppid]
    made = ensure_keys(bodies)
    stdout.write(
        f"  sertifikat demo ({DEMO_LABEL}) di {signing.key_dir()}: {len(made)} dibuat,"
        f" {len(bodies) - len(made)} sudah ada"
    )
