"""Keep a session that gave only its password away from everything but the second step.

After the password, an officer (or a requester who enrolled an authenticator) is logged
in but not yet verified: until he gives his code he may reach only the code page, the
enrolment page, logout and the login page (to log in as someone else). Every other page,
the admin site included, sends him to the code page and back afterwards (issue #5).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from terbuka.accounts import twofactor


@functools.cache
def _open_paths() -> tuple[str, ...]:
    """The paths open before the second step (the URL patterns do not change while a
    process runs: reversed once, not on every signed-in request)."""
    return (
        reverse("accounts:login"),
        reverse("accounts:otp_verify"),
        reverse("accounts:otp_enrol"),
        reverse("accounts:logout"),
        "/i18n/",
        settings.STATIC_URL,
    )


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not twofactor.is_verified(user)
            and not request.path.startswith(_open_paths())
            and twofactor.second_factor_required(user)
        ):
            target = reverse("accounts:otp_verify")
            return HttpResponseRedirect(target + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
