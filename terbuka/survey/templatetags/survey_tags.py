"""The survey link on a request's pages (the requests app sits below the survey, so its
templates ask this tag): for the requester once the request is answered, and for the
officer to hand a walk-in requester (link and QR code)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from terbuka.requests.models import InfoRequest
from terbuka.survey import actions, links

register = template.Library()


@register.inclusion_tag("survey/_link.html")
def survey_link(info_request: InfoRequest, officer: bool = False) -> dict[str, Any]:
    refused = actions.refusal(info_request)
    answered = isinstance(refused, actions.AlreadyAnswered)
    return {
        "shown": not answered and (officer or refused is None),
        "open": refused is None,
        "officer": officer,
        "url": links.url(info_request),
        "path": links.path(info_request),
        "qr": mark_safe(links.qr_svg(info_request)) if officer else "",  # noqa: S308 (segno's own SVG)
    }
