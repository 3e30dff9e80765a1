"""Making and recognising API tokens: ``trb_`` + 43 URL-safe characters (32 random bytes).

The database keeps the SHA-256 of the whole token and its first 12 characters as a prefix
for people to recognise it; the token itself is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "trb_"
PREFIX_LENGTH = 12


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]
