"""Encryption of personal data at rest (UU 27/2022 Pasal 16; DOMAIN.md "Personal data").

Choice: Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) through ``MultiFernet``,
which decrypts with any listed key and encrypts with the first, so keys rotate by putting
a new key first and re-encrypting (``MultiFernet.rotate``). AES-GCM would do as well; Fernet
was chosen for its authenticated token format with a timestamp and the built-in rotation.

Keys come from ``TERBUKA_ENCRYPTION_KEYS`` (comma-separated, newest first) or, in the
embedded default, from ``var/keys/encryption.keys`` (created on first use, one key a line,
newest first). They are never stored in the database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "encrypt", "keyed_hash", "reset_keys", "rotate"]


def _key_file(name: str) -> Path:
    return Path(settings.TERBUKA_KEY_DIR) / name


def _read_or_create(name: str, make: bytes) -> list[str]:
    path = _key_file(name)
    if not path.exists():
        if settings.PRODUCTION:
            raise ImproperlyConfigured(
                f"No encryption keys: set TERBUKA_ENCRYPTION_KEYS or create {path}"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not each write a different key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(make + b"\n")
    lines = path.read_text(encoding="ascii").split()
    return [line for line in lines if line]


def _keys() -> list[str]:
    return list(settings.TERBUKA_ENCRYPTION_KEYS) or _read_or_create(
        "encryption.keys", Fernet.generate_key()
    )


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode("ascii")) for key in _keys()])


def key_fingerprints() -> list[str]:
    """Short, non-secret identifiers of the keys in use (newest first), for backups and
    rotation reports."""
    return [hashlib.sha256(key.encode("ascii")).hexdigest()[:16] for key in _keys()]


@cache
def _hash_key() -> bytes:
    if settings.TERBUKA_HASH_KEY:
        return settings.TERBUKA_HASH_KEY.encode("utf-8")
    return _read_or_create("hash.key", Fernet.generate_key())[0].encode("ascii")


def reset_keys() -> None:
    """Forget cached keys (after the key settings change, e.g. in tests or rotation)."""
    _fernet.cache_clear()
    _hash_key.cache_clear()


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode("ascii")).decode("utf-8")


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return _fernet().decrypt(token)


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def is_current(token: bytes) -> bool:
    """Whether a token is already encrypted with the newest key (nothing to rotate)."""
    try:
        Fernet(_keys()[0].encode("ascii")).decrypt(token)
    except InvalidToken:
        return False
    return True


def rotate_bytes(token: bytes) -> bytes:
    return _fernet().rotate(token)


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value: lets us find a NIK without storing it in clear."""
    normalised = "".join(value.split()).upper()
    return hmac.new(_hash_key(), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
