"""Log officers out after a period of inactivity (issue #5: session expiry for officers).

Requesters keep the normal session length; anyone with official duties (a role in a body,
staff or a superuser: ``permissions.has_official_duties``) is logged out when
``OFFICER_IDLE_TIMEOUT`` seconds pass between two requests. The roles read here are the
ones every permission check of the same request uses (one query).

The time of the last request is written to the session at most once a minute
(``SEEN_STEP``), not on every request: each write was a database write at the end of
every officer page (issue 14). An officer is therefore logged out after between the
timeout less a minute and the timeout of idleness.
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

from terbuka.bodies import permissions

LAST_SEEN = "terbuka_last_seen"
SEEN_STEP = 60  # seconds; at most a tenth of the timeout (module docstring)


class OfficerSessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if permissions.has_official_duties(request.user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - int(last_seen) > settings.OFFICER_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk kembali."),
                )
                return redirect_to_login(request.get_full_path())
            step = min(SEEN_STEP, settings.OFFICER_IDLE_TIMEOUT // 10)
            if last_seen is None or now - int(last_seen) >= step:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
