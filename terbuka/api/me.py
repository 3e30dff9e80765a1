"""A requester's own data through the API (read-only): his requests and their status, with
his session (a browser, an app's web view) or a personal token he made on his token page
(``Authorization: Bearer trb_…``: a mobile app, a script). Both authenticate as his
account, so both see exactly the same."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router

from terbuka.api import schemas
from terbuka.api.auth import requester_session, requester_token
from terbuka.api.partner import status_record
from terbuka.api.problems import Problem
from terbuka.requests.models import InfoRequest

router = Router(tags=["pemohon"], auth=[requester_session, requester_token])

MAX_REQUESTS = 500


def _own(request: HttpRequest) -> Any:
    return (
        InfoRequest.objects.filter(requester=getattr(request, "auth", None))
        .select_related("body", "notice")
        .order_by("-received_at", "-pk")
    )


def _record(request: HttpRequest, info_request: InfoRequest) -> dict[str, Any]:
    return {
        **status_record(info_request),
        "subject": info_request.subject,
        "url": request.build_absolute_uri(
            reverse("requests:detail", kwargs={"public_id": info_request.public_id})
        ),
    }


@router.get(
    "/requests/",
    response={200: list[schemas.MyRequestOut], 401: Problem, 429: Problem},
    url_name="my_requests",
)
def my_requests(request: HttpRequest) -> list[dict[str, Any]]:
    """Permohonan saya, terbaru dulu."""
    return [_record(request, item) for item in _own(request)[:MAX_REQUESTS]]


@router.get(
    "/requests/{request_id}/",
    response={200: schemas.MyRequestOut, 401: Problem, 404: Problem, 429: Problem},
    url_name="my_request",
)
def my_request(request: HttpRequest, request_id: UUID) -> dict[str, Any]:
    """Satu permohonan saya (404 untuk permohonan orang lain)."""
    return _record(request, get_object_or_404(_own(request), public_id=request_id))
