"""State changes of bodies' officers: giving and taking roles. The admin, the demo seed,
scripts and tests call these, so that every change leaves an audit record."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from terbuka import pagecache
from terbuka.audit.log import record
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, Role


def _role_detail(role: Role) -> dict[str, object]:
    return {"user_id": role.user_id, "body": role.body.code, "kind": role.kind}


def _summary(role: Role) -> str:
    return f"{role.get_kind_display()} — {role.body.name} — {role.user.username}"


@transaction.atomic
def save_role(*, actor: Any, role: Role) -> Role:
    """Create or change an officer's role in a body, with an audit record."""
    created = role.pk is None
    role.save()
    record(
        actor=actor,
        action="role.created" if created else "role.changed",
        obj=role,
        summary=_summary(role),
        detail=_role_detail(role),
    )
    permissions.forget_roles(role.user)
    pagecache.bump()  # a body's page names its PPID officers
    return role


def grant_role(
    *, actor: Any, user: Any, body: Body, kind: str, position: str = "", nip: str = ""
) -> Role:
    """Give ``user`` a role of ``kind`` in ``body`` (or change its position and NIP if he
    has it)."""
    role = Role.objects.filter(user=user, body=body, kind=kind).first() or Role(
        user=user, body=body, kind=kind
    )
    role.position = position
    role.nip = nip
    return save_role(actor=actor, role=role)


@transaction.atomic
def revoke_role(*, actor: Any, role: Role) -> None:
    """Take a role away from an officer, with an audit record."""
    pk = role.pk
    record(
        actor=actor,
        action="role.deleted",
        obj=role,
        summary=_summary(role),
        detail=_role_detail(role),
    )
    Role.objects.filter(pk=pk).delete()
    permissions.forget_roles(role.user)
    pagecache.bump()
