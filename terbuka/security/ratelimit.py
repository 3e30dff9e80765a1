"""Rate limits on public forms, per client address and per account (issue #5).

Fixed windows counted in the database: ``hit("request-form", request, limit=5, per=3600)``
counts one submission and says whether it is still allowed. IP keys use the same client
address rule as the audit trail (X-Forwarded-For only behind a declared proxy, PITFALLS 8),
so everyone behind one proxy is not locked out together — and nobody can dodge the limit by
sending a forged header when there is no proxy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.security.client import client_address
from terbuka.security.models import RateLimitCounter


@dataclass(frozen=True)
class Limit:
    limit: int
    per_seconds: int


def _window(now: dt.datetime, per_seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % per_seconds, tz=dt.UTC)


def _count(key: str, window_start: dt.datetime) -> int:
    """Add one hit to the key's current window and return the new count."""
    for _attempt in range(3):
        updated = RateLimitCounter.objects.filter(key=key, window_start=window_start).update(
            hits=F("hits") + 1
        )
        if updated:
            return RateLimitCounter.objects.get(key=key, window_start=window_start).hits
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(key=key, window_start=window_start, hits=1)
            return 1
        except IntegrityError:
            continue  # another process created it first: count on it
    return RateLimitCounter.objects.get(key=key, window_start=window_start).hits


def hit_key(key: str, *, limit: Limit) -> bool:
    """Count one attempt for an explicit key (e.g. a hashed e-mail address); True while
    it is within its limit."""
    return _count(key, _window(timezone.now(), limit.per_seconds)) <= limit.limit


def keys_for(scope: str, request: HttpRequest) -> list[str]:
    keys = []
    ip = client_address(request)
    if ip:
        # Hash the address: the counters table must not become a log of who visited.
        keys.append(f"{scope}:ip:{hashlib.sha256(ip.encode()).hexdigest()[:32]}")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys.append(f"{scope}:user:{user.pk}")
    return keys


def hit(scope: str, request: HttpRequest, *, limit: Limit) -> bool:
    """Count one attempt; True while every key of this client is within its limit."""
    window_start = _window(timezone.now(), limit.per_seconds)
    allowed = True
    for key in keys_for(scope, request):
        if _count(key, window_start) > limit.limit:
            allowed = False
    return allowed


def rate_limited(scope: str, *, limit: int, per_seconds: int) -> Callable[..., Any]:
    """Decorate a view: POSTs beyond the limit get a 429 page in the user's language,
    without running the view (nothing is saved)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and not hit(
                scope, request, limit=Limit(limit, per_seconds)
            ):
                messages.error(
                    request,
                    _("Terlalu banyak percobaan dalam waktu singkat. Silakan coba lagi nanti."),
                )
                return render(request, "security/too_many.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def purge_expired(older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    deleted, _detail = RateLimitCounter.objects.filter(
        window_start__lt=timezone.now() - older_than
    ).delete()
    return deleted
