"""Write audit records. ``record`` joins the caller's transaction (or opens one)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from terbuka.audit.chain import content_hash, row_fields
from terbuka.audit.models import AuditHead, AuditRecord
from terbuka.security.client import client_address, normalise

# The address of the HTTP request being served, so that actions called from a view are
# recorded with it without passing the request down (set by AuditContextMiddleware).
_current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "terbuka_audit_client_ip", default=None
)


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_ip.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _current_ip.reset(token)


@transaction.atomic
def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
    request: HttpRequest | None = None,
) -> AuditRecord:
    """Append one record to the chain.

    The head row is locked for the rest of the caller's transaction, which serialises
    writers on PostgreSQL (on SQLite the IMMEDIATE transaction already does).
    """
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    is_user = getattr(actor, "pk", None) is not None
    ip_address = normalise(ip_address) or client_address(request) or _current_ip.get()
    if ip_address and ":" in ip_address:
        # Hash what the database will store: IPv6 addresses are stored normalised.
        ip_address = clean_ipv6_address(ip_address)
    entry = AuditRecord(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary,
        detail=detail or {},
        ip_address=ip_address,
        prev_hash=head.row_hash,
    )
    entry.row_hash = content_hash(entry.prev_hash, row_fields(entry))
    entry.save(force_insert=True)
    head.seq = entry.seq
    head.row_hash = entry.row_hash
    head.save(update_fields=["seq", "row_hash"])
    return entry
