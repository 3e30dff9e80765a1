"""Small helpers shared by the request views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form

from terbuka.accounts.models import User


def current_user(request: Any) -> User:
    """The logged-in user (views using this are behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user


def error_text(error: ValidationError) -> str:
    """An ``ActionError``'s Indonesian sentence(s), ready to show as they are."""
    return " ".join(str(message) for message in error.messages)


def add_action_error(form: Form, error: ValidationError) -> None:
    """Show an action's refusal on the form that asked for it, keeping what was typed."""
    form.add_error(None, error_text(error))
