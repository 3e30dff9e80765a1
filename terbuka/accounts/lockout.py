"""Hooks for django-axes, the lock after repeated failed logins (issue #5).

An account, or a client address, is locked after ``AXES_FAILURE_LIMIT`` failures for
``AXES_COOLOFF_TIME``. The address is the one rule's (``terbuka.security.client``;
PITFALLS 8 and 14): behind a declared proxy the entry that proxy appended, so the people
behind one proxy are not locked out together, nobody escapes the lock by forging the
header, and a malformed header is ignored rather than stored (it answered 500).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def username_for_axes(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account a login attempt aims at, whether typed as a username or an e-mail.

    An e-mail address that matches no account is stored only as a hash: the attempts
    table must not collect strangers' addresses (UU 27/2022 Pasal 16).
    """
    from terbuka.accounts.models import User

    typed = ""
    if credentials:
        typed = str(credentials.get("username") or "")
    if not typed and request is not None and request.method == "POST":
        typed = str(request.POST.get("username", ""))
    typed = typed.strip()
    if "@" not in typed:
        return typed
    user = User.objects.filter(email__iexact=typed).only("username").first()
    if user is not None:
        return user.username
    return "email:" + hashlib.sha256(typed.lower().encode()).hexdigest()[:32]


def cooloff_minutes() -> int:
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": cooloff_minutes()},
        status=429,
    )
