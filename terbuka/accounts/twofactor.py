"""Who must give a second factor (a TOTP code, or a one-time recovery code) at login.

Officers and administrators must (issue #5): anyone with official duties — a role in a
body, staff or a superuser (``terbuka.bodies.permissions.has_official_duties``) — while
``TERBUKA_REQUIRE_OFFICER_2FA`` is on. Anyone else who has enrolled an authenticator (a
requester who opted in) must too, whatever the setting.

"""

from __future__ import annotations

import base64
from typing import Any

import django_otp
from django.conf import settings
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts import duties

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "aplikasi autentikator"
RECOVERY_DEVICE_NAME = "kode pemulihan"


def officers_must_use_it() -> bool:
    return bool(getattr(settings, "TERBUKA_REQUIRE_OFFICER_2FA", True))


def required_by_duties(user: Any) -> bool:
    """The policy is on and this user has official duties: he must use a second factor
    and may not switch it off."""
    return officers_must_use_it() and duties.has_official_duties(user)


def has_authenticator(user: Any) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def second_factor_required(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if has_authenticator(user):
        return True
    return required_by_duties(user)


def is_verified(user: Any) -> bool:
    """Whether this session gave its second factor (django-otp's ``OTPMiddleware``)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def hex_from_base32(secret: str) -> str:
    """django-otp stores a TOTP key as hex; authenticator apps show it in base32."""
    padded = secret.strip().replace(" ", "").upper()
    padded += "=" * (-len(padded) % 8)
    return base64.b32decode(padded).hex()


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def recovery_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user_id=user.pk, name=RECOVERY_DEVICE_NAME).first()


def remaining_recovery_codes(user: Any) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device is not None else 0


def verify_code(user: Any, token: str) -> Device | None:
    """The device that accepts this code, if any: 6 digits go to the authenticator, any
    other shape to the recovery codes (a used recovery code is deleted).

    Sorting by shape keeps a recovery code from counting as a wrong authenticator code,
    which would slow the next real code down (django-otp's throttling)."""
    devices: list[Device]
    if token.isdigit() and len(token) == 6:
        devices = list(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user_id=user.pk, confirmed=True))
    for device in devices:
        # django_otp.verify_token locks the device row: two requests cannot spend one code.
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None
