"""State changes of accounts (officer roles: ``terbuka.bodies.actions``). Views, the admin
and scripts call these.

Each change is atomic and leaves an audit record. Audit records never carry personal
data (UU 14/2008 Pasal 17 huruf h; UU 27/2022 Pasal 16): they name the fields that
changed, not their values.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts import limits, twofactor
from terbuka.accounts.emails import send_verification_email
from terbuka.accounts.models import RequesterProfile, RequesterType, User
from terbuka.audit.log import record
from terbuka.security import ratelimit


@transaction.atomic
def register_requester(
    *,
    username: str,
    email: str,
    password: str,
    requester_type: str,
    full_name: str,
    next_url: str = "",
) -> User:
    """Create a requester (UU 14/2008 Pasal 1 angka 12) and mail the verification link.

    The account may not log in until the address is verified (``User.must_verify_email``).
    """
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        first_name=full_name[:150],
        email_verified=False,
    )
    RequesterProfile.objects.create(user=user, requester_type=requester_type, full_name=full_name)
    record(actor=user, action="account.registered", obj=user)
    send_verification_email(user, next_url)
    return user


# At most one verification mail a minute (a fixed window) for an account: the resend form
# must not become a way to flood someone's mailbox. Counted in the database, like every rate
# limit, so that it holds across several app servers (a per-process cache would not).
RESEND_LIMIT = ratelimit.Limit(limit=1, per_seconds=60)


@transaction.atomic
def resend_verification(*, user: User, next_url: str = "") -> bool:
    """Mail a fresh verification link; False (and nothing sent) if there is nothing to verify
    or a link went out less than a minute ago."""
    if not user.must_verify_email or not user.email or not user.is_active:
        return False
    if not limits.account_within_limit("verify-resend", user.pk, RESEND_LIMIT):
        return False
    send_verification_email(user, next_url)
    return True


@transaction.atomic
def verify_email(*, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
        record(actor=user, action="account.email_verified", obj=user)
    return user


@transaction.atomic
def update_profile(
    *,
    actor: User,
    requester_type: str,
    full_name: str,
    nik: str,
    legal_entity_decree: str,
    address: str,
    phone: str,
) -> RequesterProfile:
    """Save the requester's identity (Pasal 22(2)); keep only what his type needs.

    An empty ``nik`` keeps the NIK already stored (the form never shows it back). A NIK
    is kept only for individuals and a decree number only for legal entities: data
    minimisation, UU 27/2022 Pasal 16.
    """
    profile, _created = RequesterProfile.objects.select_for_update().get_or_create(
        user=actor, defaults={"full_name": full_name}
    )
    before = {
        "requester_type": profile.requester_type,
        "full_name": profile.full_name,
        "nik_hash": profile.nik_hash,
        "legal_entity_decree": profile.legal_entity_decree,
        "address": profile.address,
        "phone": profile.phone,
    }
    profile.requester_type = requester_type
    profile.full_name = full_name
    if requester_type != RequesterType.INDIVIDUAL:
        profile.set_nik("")
    elif nik:
        profile.set_nik(nik)
    profile.legal_entity_decree = (
        legal_entity_decree if requester_type == RequesterType.LEGAL_ENTITY else ""
    )
    profile.address = address
    profile.phone = phone
    profile.save()
    after = {
        "requester_type": profile.requester_type,
        "full_name": profile.full_name,
        "nik_hash": profile.nik_hash,
        "legal_entity_decree": profile.legal_entity_decree,
        "address": profile.address,
        "phone": profile.phone,
    }
    changed = sorted(
        ("nik" if name == "nik_hash" else name) for name in after if after[name] != before[name]
    )
    if changed:
        record(
            actor=actor,
            action="profile.updated",
            obj=profile,
            detail={"fields": changed},
        )
    return profile


# --- Login events --------------------------------------------------------------------
# Audit records of logins carry the account and the client address, never what was typed
# (no password, no code, no e-mail address of an account that does not exist).


def record_login(*, user: User, request: HttpRequest, via: str = "password") -> None:
    record(actor=user, action="account.login", obj=user, detail={"via": via}, request=request)


def record_login_failed(*, user: User | None, request: HttpRequest | None) -> None:
    record(actor=user, action="account.login_failed", obj=user, request=request)


def record_locked_out(*, user: User | None, request: HttpRequest | None) -> None:
    record(actor=user, action="account.locked_out", obj=user, request=request)


def record_logout(*, user: User, request: HttpRequest | None) -> None:
    record(actor=user, action="account.logout", obj=user, request=request)


def record_second_factor(
    *, user: User, request: HttpRequest, device: Any | None, enrolling: bool = False
) -> None:
    """A code given at login or at enrolment: accepted (``device``) or refused (None)."""
    if device is None:
        record(
            actor=user,
            action="account.otp_failed",
            obj=user,
            detail={"step": "enrolment" if enrolling else "login"},
            request=request,
        )
    elif isinstance(device, StaticDevice):
        record(
            actor=user,
            action="account.recovery_code_used",
            obj=user,
            detail={"remaining": device.token_set.count()},
            request=request,
        )
    else:
        record(actor=user, action="account.otp_verified", obj=user, request=request)


@transaction.atomic
def record_password_changed(*, user: User, request: HttpRequest, via: str) -> None:
    """A new password ends every other session: Django keys each session on a hash of the
    password (``get_session_auth_hash``), so they no longer match."""
    record(
        actor=user,
        action="account.password_changed",
        obj=user,
        detail={"via": via},
        request=request,
    )


# --- Two-factor login (issue #5) ------------------------------------------------------


@transaction.atomic
def start_enrolment(*, actor: User) -> TOTPDevice:
    """The authenticator being set up: a new secret, unconfirmed until a code proves the
    app has it. Reloading the page shows the same secret."""
    if twofactor.has_authenticator(actor):
        raise ValueError("already enrolled")
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=actor, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(
            user=actor, name=twofactor.TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def _replace_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=twofactor.RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(twofactor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_enrolment(*, actor: User, device: TOTPDevice, request: HttpRequest) -> list[str]:
    """Confirm the authenticator whose code was just accepted and return a fresh set of
    one-time recovery codes, to be shown once."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    codes = _replace_recovery_codes(actor)
    record(actor=actor, action="account.otp_enrolled", obj=actor, request=request)
    return codes


@transaction.atomic
def renew_recovery_codes(*, actor: User, request: HttpRequest) -> list[str]:
    codes = _replace_recovery_codes(actor)
    record(actor=actor, action="account.recovery_codes_renewed", obj=actor, request=request)
    return codes


@transaction.atomic
def disable_two_factor(*, actor: User, request: HttpRequest) -> None:
    """A requester switches two-factor login off (officers may not, issue #5)."""
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
    record(actor=actor, action="account.otp_disabled", obj=actor, request=request)
