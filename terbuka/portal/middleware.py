"""Language choice: Indonesian first, English when the visitor chooses it.

Django's LocaleMiddleware follows the browser's Accept-Language, so a phone set to English
would get the English interface without asking. Here the language comes only from the
visitor's explicit choice (the language cookie set by the switcher), else Indonesian.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from terbuka.api import problems


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other work next (another request, a test): leave it as found.
            translation.activate(previous) if previous else translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# A NUL character (U+0000) as the address, the query string or a form or JSON body may
# carry it: "%00", a raw byte, or JSON's "\u0000".
_NUL_IN_TEXT = ("\x00", "%00")
_NUL_IN_BODY = (b"\x00", b"%00", b"\\u0000")
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded")


def has_nul(request: HttpRequest) -> bool:
    """The request carries a NUL character where the app would read it as text: in the
    path, the query string, or a JSON or URL-encoded body (a multipart upload's files are
    bytes, checked by the upload check; its text fields go through forms, which refuse
    NUL)."""
    if "\x00" in request.path or any(
        marker in request.META.get("QUERY_STRING", "") for marker in _NUL_IN_TEXT
    ):
        return True
    if request.method in ("POST", "PUT", "PATCH") and request.content_type in _BODY_TYPES:
        return any(marker in request.body for marker in _NUL_IN_BODY)
    return False


class RefuseNulMiddleware:
    """Answers a request that carries a NUL character with 400 and a message, before any
    view reads it: PostgreSQL cannot store or compare text that holds one, so a NUL in a
    filter (``/dip/?badan=%00``), a lookup or a partner's JSON reached the database as a
    500 (found by Schemathesis against the live API through nginx). Django's forms already
    refuse NUL; this covers what views and the API read directly. The API answers with a
    problem (RFC 9457), the pages with a short page in the visitor's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not has_nul(request):
            return self.get_response(request)
        detail = _("Permintaan ini berisi karakter NUL (U+0000) dan tidak dapat diproses.")
        if request.path.startswith("/api/"):
            return problems.response(400, detail)
        return render(request, "400.html", {"detail": detail}, status=400)
