"""Errors as problem details (RFC 9457): ``application/problem+json`` with ``type``,
``title``, ``status`` and an Indonesian ``detail`` (or the client's chosen language)."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from terbuka.catalog.opendata import FeedError
from terbuka.requests.errors import ActionError

MEDIA_TYPE = "application/problem+json"


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


class ApiProblem(Exception):
    """Raised by the API's own code: answered as a problem with this status and detail."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def response(status: int, detail: str, errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    answer = HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)
    if status == HTTPStatus.UNAUTHORIZED:
        answer["WWW-Authenticate"] = "Bearer"
    return answer


def _validation_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    # Only where and what: pydantic's "input" would echo what was sent (a NIK, a phone).
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]


def _django_validation_detail(exc: DjangoValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(
            f"{field}: {message}" if field != "__all__" else str(message)
            for field, messages in exc.message_dict.items()
            for message in messages
        )
    return " ".join(str(message) for message in exc.messages)


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` as a problem. (The handlers take ``Any``: ninja types a
    handler's exception as "the class or an instance".)"""

    def on_problem(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(exc.status, exc.detail)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(
            422,
            _("Permintaan tidak valid: periksa parameter dan isinya."),
            _validation_errors(exc),
        )

    def on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(401, _("Sertakan token API yang berlaku: Authorization: Bearer <token>."))

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(404, _("Tidak ditemukan."))

    def on_permission(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(403, str(exc) or _("Anda tidak berhak melakukan ini."))

    def on_action(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(422, str(exc))

    def on_django_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(422, _django_validation_detail(exc))

    def on_feed(request: HttpRequest, exc: Any) -> HttpResponse:
        return response(400, str(exc))

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission)
    api.add_exception_handler(ActionError, on_action)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(FeedError, on_feed)
