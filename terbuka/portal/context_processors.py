"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from terbuka.bodies import permissions


def roles(request: HttpRequest) -> dict[str, bool]:
    """Whether the navigation shows the officers' links and the coordination dashboard
    (the roles are one cached query per request)."""
    user = getattr(request, "user", None)
    is_officer = bool(user is not None and permissions.is_officer(user))
    return {
        "is_officer": is_officer,
        "coordinates": is_officer and bool(permissions.coordinated_bodies(user)),
    }


def installation(request: HttpRequest) -> dict[str, str]:
    """The installation's name, owner and logo (settings ``TERBUKA_SITE_*``, ``TERBUKA_LOGO_URL``)."""
    return {
        "site_name": settings.TERBUKA_SITE_NAME,
        "site_owner": settings.TERBUKA_SITE_OWNER,
        "site_logo_url": settings.TERBUKA_LOGO_URL,
    }
