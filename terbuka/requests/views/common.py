"""Small helpers shared by the request views. Running an action from a view (validate,
call, show the refusal) is ``terbuka.actionviews``."""

from __future__ import annotations

from typing import Any

from terbuka.accounts.models import User


def current_user(request: Any) -> User:
    """The logged-in user (views using this are behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user
