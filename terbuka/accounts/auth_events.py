"""Audit records for the login events Django and django-axes announce as signals.

Failed logins, lockouts and logouts happen in Django's and the admin's own views too, so
they are caught where those libraries announce them. Successful logins are recorded by
the views that perform them (``views.LoginView``), so that a test's ``force_login`` is not
taken for a person logging in.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from terbuka.accounts import actions
from terbuka.accounts.models import User


def _account(typed: str | None) -> User | None:
    typed = (typed or "").strip()
    if not typed:
        return None
    if "@" in typed:
        return User.objects.filter(email__iexact=typed).first()
    return User.objects.filter(username=typed).first()


@receiver(user_login_failed, dispatch_uid="terbuka-accounts-login-failed")
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    actions.record_login_failed(user=_account(credentials.get("username")), request=request)


@receiver(user_locked_out, dispatch_uid="terbuka-accounts-locked-out")
def _on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, **kwargs: Any
) -> None:
    actions.record_locked_out(user=_account(username), request=request)


@receiver(user_logged_out, dispatch_uid="terbuka-accounts-logged-out")
def _on_logged_out(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is not None and user.pk is not None:
        actions.record_logout(user=user, request=request)
