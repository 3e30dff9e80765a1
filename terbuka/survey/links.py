"""The survey link of a request: its public id and a short keyed code, so that a walk-in
requester with no account can rate the service from the link or QR code on his receipt,
and nobody can rate a request whose link he was not given (PITFALLS.md 12: no guessable
URLs). The code is an HMAC of the request's random id (Django's ``salted_hmac``, keyed by
``SECRET_KEY``): nothing is stored, so the receipt can carry it from the first day."""

from __future__ import annotations

import base64
import io
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_LENGTH = 10


def code(info_request: Any) -> str:
    digest = salted_hmac("terbuka.survey.link", str(info_request.public_id)).digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH].lower()


def is_valid(info_request: Any, given: str) -> bool:
    return constant_time_compare(code(info_request), given.lower())


def path(info_request: Any) -> str:
    return reverse(
        "survey:answer", kwargs={"public_id": info_request.public_id, "code": code(info_request)}
    )


def url(info_request: Any) -> str:
    return settings.SITE_URL.rstrip("/") + path(info_request)


def qr_svg(info_request: Any) -> str:
    """The link as an inline SVG QR code (no script, no external request)."""
    buffer = io.BytesIO()
    segno.make(url(info_request), error="m").save(
        buffer, kind="svg", scale=3, xmldecl=False, svgns=True, title=str(url(info_request))
    )
    return buffer.getvalue().decode("utf-8")
