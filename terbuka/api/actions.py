"""Issuing and revoking API tokens (issue 15): partners' tokens (the admin calls these) and
a requester's personal tokens (his token page calls these); so do the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.api import tokens
from terbuka.api.models import ApiToken, PersonalToken
from terbuka.audit import log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.requests import access as request_access

# The longest a token may live: a partner asks again each year, so a forgotten token dies.
MAX_LIFETIME = dt.timedelta(days=366)


def scope_refusal(
    user: Any, body: Body, *, submit: bool, push_dip: bool, read_status: bool
) -> str | None:
    """Why ``user`` may not hold a token with these permissions for ``body`` (None: he may).
    A token never grants more than the account's own roles."""
    if (submit or read_status) and not request_access.can_register_for(user, body):
        return _("Akun ini tidak dapat mendaftarkan permohonan untuk %(body)s.") % {
            "body": body.name
        }
    if push_dip and not permissions.can_act_on(user, body):
        return _("Akun ini tidak dapat mengelola DIP %(body)s.") % {"body": body.name}
    return None


def validate_request(
    *,
    name: str,
    user: Any,
    bodies: list[Body],
    expires_at: dt.datetime,
    can_submit_requests: bool,
    can_read_status: bool,
    can_push_dip: bool,
) -> None:
    """What ``issue_token`` checks, for the admin's form to show on the form."""
    if not name.strip():
        raise ValidationError({"name": _("Beri nama sistem mitra.")})
    if not bodies:
        raise ValidationError({"bodies": _("Pilih setidaknya satu badan publik.")})
    if not (can_submit_requests or can_read_status or can_push_dip):
        raise ValidationError(_("Pilih setidaknya satu izin."))
    now = timezone.now()
    if expires_at <= now or expires_at > now + MAX_LIFETIME:
        raise ValidationError(
            {"expires_at": _("Masa berlaku harus di masa depan dan paling lama satu tahun.")}
        )
    for body in bodies:
        refusal = scope_refusal(
            user,
            body,
            submit=can_submit_requests,
            push_dip=can_push_dip,
            read_status=can_read_status,
        )
        if refusal is not None:
            raise ValidationError(refusal)


@transaction.atomic
def issue_token(
    *,
    actor: Any,
    name: str,
    user: Any,
    bodies: Iterable[Body],
    expires_at: dt.datetime,
    can_submit_requests: bool = False,
    can_read_status: bool = False,
    can_push_dip: bool = False,
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is shown once and never stored."""
    if not permissions.can_manage_platform(actor):
        raise PermissionDenied(_("Hanya administrator platform yang dapat menerbitkan token API."))
    bodies = list(bodies)
    validate_request(
        name=name,
        user=user,
        bodies=bodies,
        expires_at=expires_at,
        can_submit_requests=can_submit_requests,
        can_read_status=can_read_status,
        can_push_dip=can_push_dip,
    )
    secret = tokens.new_secret()
    token = ApiToken.objects.create(
        name=name.strip(),
        user=user,
        can_submit_requests=can_submit_requests,
        can_read_status=can_read_status,
        can_push_dip=can_push_dip,
        prefix=tokens.prefix_of(secret),
        key_hash=tokens.hash_secret(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    token.bodies.set(bodies)
    log.record(
        actor=actor,
        action="api.token.issue",
        obj=token,
        summary=token.prefix,
        detail={"bodies": sorted(body.slug for body in bodies)},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    if not permissions.can_manage_platform(actor):
        raise PermissionDenied(_("Hanya administrator platform yang dapat mencabut token API."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.record(actor=actor, action="api.token.revoke", obj=token, summary=token.prefix)
    return token


# --- A requester's personal tokens ------------------------------------------------------

# What a requester may choose, in days: a month, a quarter, a year (and never beyond
# MAX_LIFETIME, as for partners).
PERSONAL_VALIDITY_DAYS = (30, 90, 365)
# Enough for a phone, a tablet and a script or two; more usable tokens than this means old
# ones were forgotten, and he should revoke those first.
MAX_PERSONAL_TOKENS = 10


def validate_personal_request(*, actor: Any, name: str, days: int) -> None:
    """What ``issue_personal_token`` checks, for the page's form to show on the form."""
    if not name.strip():
        raise ValidationError({"name": _("Beri nama token ini, misalnya “Aplikasi ponsel”.")})
    if days not in PERSONAL_VALIDITY_DAYS or dt.timedelta(days=days) > MAX_LIFETIME:
        raise ValidationError({"days": _("Pilih masa berlaku 30, 90 atau 365 hari.")})
    if PersonalToken.objects.filter(user=actor).usable().count() >= MAX_PERSONAL_TOKENS:
        raise ValidationError(
            _(
                "Anda sudah memiliki %(count)d token yang berlaku, batas terbanyak. "
                "Cabut token yang tidak dipakai lagi, lalu buat yang baru."
            )
            % {"count": MAX_PERSONAL_TOKENS}
        )


@transaction.atomic
def issue_personal_token(*, actor: Any, name: str, days: int) -> tuple[PersonalToken, str]:
    """A token for the actor himself and its secret, which is shown once and never stored."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Masuk dulu untuk membuat token API pribadi."))
    # Locking the account serialises two forms sent at once, so the limit holds.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    validate_personal_request(actor=actor, name=name, days=days)
    secret = tokens.new_secret()
    token = PersonalToken.objects.create(
        user=actor,
        name=name.strip(),
        prefix=tokens.prefix_of(secret),
        key_hash=tokens.hash_secret(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    log.record(
        actor=actor,
        action="api.personal_token.issue",
        obj=token,
        summary=token.prefix,
        detail={"days": days},
    )
    return token, secret


@transaction.atomic
def revoke_personal_token(*, actor: Any, token: PersonalToken) -> PersonalToken:
    """Only its owner revokes a personal token; revoking it twice changes nothing."""
    token = PersonalToken.objects.select_for_update().get(pk=token.pk)
    if actor is None or not actor.is_authenticated or token.user_id != actor.pk:
        raise PermissionDenied(_("Hanya pemiliknya yang dapat mencabut token ini."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.record(actor=actor, action="api.personal_token.revoke", obj=token, summary=token.prefix)
    return token


def revoke_personal_tokens_of_closed_account(*, actor: Any, user: Any) -> int:
    """An erasure that closes an account (``privacy.actions.erase``) revokes his personal
    tokens too: the account's own inactivity refuses them already, and this keeps them
    refused if it were ever reopened. Called inside the erasure's transaction."""
    revoked = PersonalToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        log.record(
            actor=actor,
            action="api.personal_token.revoke_all",
            obj=user,
            detail={"count": revoked, "reason": "account_closed"},
        )
    return revoked
