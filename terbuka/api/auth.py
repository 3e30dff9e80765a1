"""Who is calling: a partner's token (``Authorization: Bearer trb_…``), or a requester's
session or personal token. Every token call is rate-limited per token; every partner call
is written to the audit trail (a requester reading his own requests is not: issuing and
revoking his tokens is).

The two kinds of token are told apart by where their hashes are kept: a partner's token is
unknown to ``/me/`` and a personal token unknown to ``/partner/`` (401 both ways)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from terbuka.api import tokens
from terbuka.api.models import ApiToken, PersonalToken
from terbuka.api.problems import ApiProblem
from terbuka.audit import log
from terbuka.security import ratelimit

# How often last_used_at is written at most: one UPDATE per call would be a write per read.
LAST_USED_RESOLUTION_SECONDS = 60


@dataclass(frozen=True)
class _Refusals:
    """What a caller is told when his token cannot be used, by reason."""

    unknown: str
    revoked: str
    expired: str
    inactive: str


def _usable(model: type[ApiToken] | type[PersonalToken], secret: str, refusals: _Refusals) -> Any:
    """The token of ``model`` whose secret this is, if it may be used now: known, not
    revoked, not expired, its account active, and within its rate limit (each refused with
    401, or 429 over the limit, and a detail that says which; the secret itself is never
    echoed or logged). Its last use is written at most once a minute."""
    found = (
        model.objects.select_related("user")
        .filter(key_hash=tokens.hash_secret(secret.strip()))
        .first()
    )
    if found is None:
        raise ApiProblem(401, refusals.unknown)
    now = timezone.now()
    if found.revoked_at is not None:
        raise ApiProblem(401, refusals.revoked)
    if found.expires_at <= now:
        raise ApiProblem(401, refusals.expired)
    if not found.user.is_active:
        raise ApiProblem(401, refusals.inactive)
    limit = ratelimit.Limit(settings.API_TOKEN_RATE_LIMIT, 60)
    if not ratelimit.hit_key(f"{model._meta.label_lower}:{found.pk}", limit=limit):
        raise ApiProblem(
            429, _("Terlalu banyak permintaan dengan token ini. Coba lagi dalam satu menit.")
        )
    if (
        found.last_used_at is None
        or (now - found.last_used_at).total_seconds() >= LAST_USED_RESOLUTION_SECONDS
    ):
        model.objects.filter(pk=found.pk).update(last_used_at=now)
    return found


class PartnerToken(HttpBearer):
    """A partner system's token (``_usable``); every call with it is audited."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found: ApiToken = _usable(
            ApiToken,
            token,
            _Refusals(
                unknown=_("Token API tidak dikenal."),
                revoked=_("Token API ini sudah dicabut."),
                expired=_("Token API ini sudah kedaluwarsa."),
                inactive=_("Akun token API ini tidak aktif."),
            ),
        )
        # Every call with a token is audited: which token, which operation, from where.
        match = getattr(request, "resolver_match", None)
        log.record(
            actor=found.user,
            action="api.call",
            obj=found,
            summary=f"{request.method} {match.url_name if match else ''}",
            detail={"token": found.prefix, "path": request.path[:200]},
            request=request,
        )
        return found


class RequesterToken(HttpBearer):
    """A requester's personal token (``_usable``): it acts as his session does on
    ``/me/``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found: PersonalToken = _usable(
            PersonalToken,
            token,
            _Refusals(
                unknown=_("Token API pribadi tidak dikenal."),
                revoked=_("Token API pribadi ini sudah dicabut."),
                expired=_("Token API pribadi ini sudah kedaluwarsa."),
                inactive=_("Akun pemilik token ini tidak aktif."),
            ),
        )
        return found.user


class RequesterSession(SessionAuth):
    """The logged-in user's own session (read-only calls, so no CSRF token is needed)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


partner_token = PartnerToken()
requester_session = RequesterSession()
requester_token = RequesterToken()


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    return token
