"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from terbuka.bodies import permissions


def roles(request: HttpRequest) -> dict[str, bool]:
    """Whether the navigation shows the officers' links (one cached query per request)."""
    user = getattr(request, "user", None)
    return {"is_officer": bool(user is not None and permissions.is_officer(user))}
