"""The objections panel on a request's pages, and the ground-b links on a body's page and
a berkala DIP entry's page. The requests, bodies and catalog apps know nothing of
objections (they sit below them), so their templates ask these tags."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from terbuka.bodies.models import Body
from terbuka.catalog.models import Category, Entry
from terbuka.remedies import access, clocks
from terbuka.remedies.models import INTERNAL_EVENT_KINDS, Event, Objection
from terbuka.requests.models import InfoRequest

register = template.Library()


@register.inclusion_tag("remedies/_request_panel.html", takes_context=True)
def objections_panel(context: dict[str, Any], info_request: InfoRequest) -> dict[str, Any]:
    user = context["request"].user
    objector = access.may_object(user, info_request)
    registering = access.can_register(user, info_request)
    grounds = clocks.arisen_grounds(info_request) if (objector or registering) else []
    objections = list(Objection.objects.filter(info_request=info_request).order_by("received_at"))
    return {
        "info_request": info_request,
        "objector": objector,
        "registering": registering,
        "grounds": grounds,
        "can_object": any(not ground.taken for ground in grounds),
        "objections": objections,
        "no_ground": clocks.no_ground_reason(info_request),
    }


@register.filter
def has_objections_inbox(user: Any) -> bool:
    """The Atasan PPID and the handlers of a PPID body get "Keberatan" in the menu."""
    return bool(getattr(user, "is_authenticated", False)) and access.is_objection_officer(user)


@register.inclusion_tag("remedies/_public_objections.html")
def public_objections(info_request: InfoRequest) -> dict[str, Any]:
    """The objections of a request in the public log: grounds, dates, the Atasan's
    decision and its events. Never who objected, his words or his files."""
    objections = list(
        Objection.objects.filter(info_request=info_request)
        .exclude(status="withdrawn")
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.exclude(kind__in=INTERNAL_EVENT_KINDS))
        )
        .order_by("received_at")
    )
    return {"objections": objections}


@register.inclusion_tag("remedies/_berkala_links.html", takes_context=True)
def berkala_objection_links(
    context: dict[str, Any], body: Body, entry: Entry | None = None
) -> dict[str, Any]:
    """ "Berkala information not provided?": the way to object without a request (Pasal
    35(1)b) for anyone, and the desk registration for the handlers of the body's PPID."""
    ppid_body = body.ppid_body if body.is_active else None
    if ppid_body is None or (entry is not None and entry.category != Category.BERKALA):
        return {"shown": False}
    user = context["request"].user
    return {
        "shown": True,
        "body": body,
        "entry": entry,
        "missing_since": clocks.missing_since(entry),
        "registering": access.can_register_for_body(user, ppid_body),
    }
