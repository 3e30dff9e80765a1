"""Disputes on the pages of the apps below: the objection's pages (the requester's and the
officers'), the request's officer page and the public request log. Those apps know nothing
of disputes (they sit below them), so their templates ask these tags."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from terbuka.disputes import access
from terbuka.disputes.models import PUBLIC_EVENT_KINDS, Dispute, Event, Stage
from terbuka.remedies import clocks as objection_clocks
from terbuka.remedies.models import Objection
from terbuka.requests.models import InfoRequest

register = template.Library()


@register.filter
def has_disputes_inbox(user: Any) -> bool:
    """Officers who keep or follow disputes get "Sengketa" in the menu."""
    return bool(getattr(user, "is_authenticated", False)) and access.is_dispute_officer(user)


@register.inclusion_tag("disputes/_officer_panel.html", takes_context=True)
def objection_disputes(context: dict[str, Any], objection: Objection) -> dict[str, Any]:
    """On the objection's officer page: its disputes, and "Catat sengketa" for keepers."""
    user = context["request"].user
    disputes = [
        dispute
        for dispute in Dispute.objects.filter(objection=objection).select_related(
            "ppid_body", "info_request__body"
        )
        if access.can_read(user, dispute)
    ]
    can_record = (
        access.can_record_from_objection(user, objection)
        and not any(dispute.stage != Stage.WITHDRAWN for dispute in disputes)
        and objection_clocks.dispute_window(objection) is not None
    )
    return {
        "disputes": disputes,
        "can_record": can_record,
        "record_url": "disputes:record_from_objection",
        "target": objection,
    }


@register.inclusion_tag("disputes/_officer_panel.html", takes_context=True)
def request_disputes(context: dict[str, Any], info_request: InfoRequest) -> dict[str, Any]:
    """On the request's officer page: its disputes, and "Catat sengketa" for keepers."""
    user = context["request"].user
    disputes = [
        dispute
        for dispute in Dispute.objects.filter(info_request=info_request).select_related(
            "ppid_body", "info_request__body"
        )
        if access.can_read(user, dispute)
    ]
    return {
        "disputes": disputes,
        "can_record": access.can_record_from_request(user, info_request),
        "record_url": "disputes:record_from_request",
        "target": info_request,
    }


@register.inclusion_tag("disputes/_objector_panel.html", takes_context=True)
def objector_disputes(context: dict[str, Any], objection: Objection) -> dict[str, Any]:
    """On the objector's own objection page: stage, KI number, hearings' dates and the
    decision. Never the officers' notes, hearing results or the petitioner's name."""
    user = context["request"].user
    disputes = list(
        Dispute.objects.filter(objection=objection)
        .exclude(stage=Stage.WITHDRAWN)
        .prefetch_related("hearings")
        .order_by("filed_on", "pk")
    )
    return {"disputes": [d for d in disputes if access.is_objector(user, d)]}


@register.inclusion_tag("disputes/_public_panel.html")
def public_disputes(info_request: InfoRequest) -> dict[str, Any]:
    """A published request's public log: the stage changes of its disputes, with dates.
    Never names, numbers of people, notes or hearings."""
    disputes = list(
        Dispute.objects.filter(info_request=info_request)
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.filter(kind__in=PUBLIC_EVENT_KINDS))
        )
        .order_by("filed_on", "pk")
    )
    return {"disputes": disputes}
