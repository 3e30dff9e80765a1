"""Log officers out after a period of inactivity (issue #5: session expiry for officers).

Requesters keep the normal session length; anyone holding an officer role, or staff, is
logged out when ``OFFICER_IDLE_TIMEOUT`` seconds pass between two requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from terbuka.bodies.models import Role

LAST_SEEN = "terbuka_last_seen"


def _is_officer(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    cached = request.session.get("terbuka_is_officer")
    if cached is None:
        cached = Role.objects.filter(user_id=user.pk).exists()
        request.session["terbuka_is_officer"] = cached
    return bool(cached)


class OfficerSessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_officer(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - int(last_seen) > settings.OFFICER_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk kembali."),
                )
                return redirect_to_login(request.get_full_path())
            request.session[LAST_SEEN] = now
        return self.get_response(request)
