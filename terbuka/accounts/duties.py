"""Who has official duties — a role in a body, staff or a superuser — asked from accounts.

Such users must use two-factor login (``twofactor``) and need not verify the e-mail
address an administrator gave them (``User.must_verify_email``). Roles belong to
``bodies``, which sits above ``accounts``: the bodies app registers its predicate
(``terbuka.bodies.permissions.has_official_duties``) here when it starts
(``BodiesConfig.ready``, the pattern of ``workdays/hooks.py``), so accounts never reads
roles itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_check: Callable[[Any], bool] | None = None
_roles: Callable[[Any], list[Any]] | None = None


def register(*, check: Callable[[Any], bool], roles: Callable[[Any], list[Any]]) -> None:
    """Say who has official duties and which roles a user holds (called once, by
    ``BodiesConfig.ready``)."""
    global _check, _roles  # set once at start-up, read ever after
    _check, _roles = check, roles


def has_official_duties(user: Any) -> bool:
    if _check is None:
        raise ImproperlyConfigured("terbuka.bodies is not installed: no duty check registered.")
    return _check(user)


def roles_of(user: Any) -> list[Any]:
    """The user's roles in bodies (``bodies.Role`` rows with their body), for his profile."""
    if _roles is None:
        raise ImproperlyConfigured("terbuka.bodies is not installed: no duty check registered.")
    return _roles(user)
