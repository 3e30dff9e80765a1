"""Write audit records. Call ``record`` inside the action's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from terbuka.audit.models import AuditRecord


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditRecord:
    return AuditRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary,
        detail=detail or {},
        ip_address=ip_address,
    )
